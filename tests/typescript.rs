//! The TypeScript targets' output compiled by the real toolchain: `tsc
//! --strict` (with `exactOptionalPropertyTypes` and
//! `noUncheckedIndexedAccess`) over every valid fixture's output against the
//! test kernel, plus hand-written consumers whose `@ts-expect-error` lines
//! must stay errors; and `prettier --check`, so the output is already
//! formatted.

use crate::common::{self, TempDir, node_bin, run_ok};
use crate::outputs::write_all;
use mizan_generate::emit::{Options, Target};
use std::path::Path;
use std::process::Command;

/// A strict tsconfig for a check project under `dir`, resolving the kernel
/// module to the test kernel.
pub fn write_tsconfig(dir: &Path, extra_options: &str) {
    let kernel = common::root().join("tests/js/kernel/index.ts");
    let config = format!(
        r#"{{
  "compilerOptions": {{
    "strict": true,
    "exactOptionalPropertyTypes": true,
    "noUncheckedIndexedAccess": true,
    "noImplicitOverride": true,
    "noUnusedLocals": true,
    "noUnusedParameters": true,
    "noFallthroughCasesInSwitch": true,
    "isolatedModules": true,
    "verbatimModuleSyntax": true,
    "noEmit": true,
    "allowImportingTsExtensions": true,
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "types": [],
    "paths": {{ "@mizan/base": [{kernel:?}] }}{extra_options}
  }},
  "include": ["**/*.ts", "**/*.tsx"]
}}
"#
    );
    std::fs::write(dir.join("tsconfig.json"), config).unwrap();
}

/// Copies the hand-written consumers of a target into the check project.
pub fn copy_consumers(target: &str, dir: &Path) {
    let src = common::root().join("tests/consumers").join(target);
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
}

pub fn tsc(dir: &Path) {
    run_ok(Command::new(node_bin("tsc")).arg("-p").arg(dir.join("tsconfig.json")));
}

pub fn prettier_check(dir: &Path) {
    run_ok(Command::new(node_bin("prettier")).arg("--check").arg(".").current_dir(dir));
}

#[test]
fn stage1_compiles_under_strict_tsc() {
    let tmp = TempDir::new("tsc-stage1");
    let fixtures = write_all(&tmp.path().join("gen"), Target::Stage1, &Options::default());
    assert!(fixtures.contains(&"shop".to_owned()));
    copy_consumers("stage1", tmp.path());
    write_tsconfig(tmp.path(), "");
    tsc(tmp.path());
}

#[test]
fn stage1_is_prettier_formatted() {
    let tmp = TempDir::new("prettier-stage1");
    write_all(tmp.path(), Target::Stage1, &Options::default());
    prettier_check(tmp.path());
}

#[test]
fn expect_error_lines_are_real_errors() {
    // Without the @ts-expect-error markers, the misuse in the consumers must
    // fail to compile: proves the checks above can fail.
    let tmp = TempDir::new("tsc-stage1-misuse");
    write_all(&tmp.path().join("gen"), Target::Stage1, &Options::default());
    copy_consumers("stage1", tmp.path());
    for entry in std::fs::read_dir(tmp.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ts") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, text.replace("// @ts-expect-error", "// (expected error)")).unwrap();
        }
    }
    write_tsconfig(tmp.path(), "");
    let out = Command::new(node_bin("tsc")).arg("-p").arg(tmp.path().join("tsconfig.json")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "misuse compiled");
    let expected = std::fs::read_dir(common::root().join("tests/consumers/stage1"))
        .unwrap()
        .map(|e| {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            text.lines().filter(|l| l.trim_start().starts_with("// @ts-expect-error")).count()
        })
        .sum::<usize>();
    assert_eq!(stdout.matches("error TS").count(), expected, "each misuse is exactly one error:\n{stdout}");
}
