//! The TypeScript targets' output compiled by the real toolchain: `tsc
//! --strict` (with `exactOptionalPropertyTypes` and
//! `noUncheckedIndexedAccess`) over every valid fixture's output with its
//! bundled runtime, plus hand-written consumers whose `@ts-expect-error` lines
//! must stay errors; and `prettier --check`, so the output is already
//! formatted.

use crate::common::{self, TempDir, node_bin, run_ok};
use crate::outputs::write_all;
use std::path::Path;
use std::process::Command;

/// A strict tsconfig for a check project under `dir`: the generated code
/// brings its runtime, so nothing is mapped.
pub fn write_tsconfig(dir: &Path, extra_options: &str) {
    write_tsconfig_resolving(dir, "ESNext", "Bundler", extra_options);
}

/// `write_tsconfig` with another `module` and `moduleResolution`.
pub fn write_tsconfig_resolving(dir: &Path, module: &str, resolution: &str, extra_options: &str) {
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
    "module": "{module}",
    "moduleResolution": "{resolution}",
    "lib": ["ES2022", "DOM", "DOM.Iterable"],
    "types": []{extra_options}
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
    let fixtures = write_all(&tmp.path().join("gen"), "stage1", "");
    assert!(fixtures.contains(&"shop".to_owned()));
    // An API without a named type: `types.ts` is still a module.
    let bare = "mizan-ir 1\nfunction ping {\n    returns int\n}\n";
    for f in crate::outputs::emit_files(bare, "stage1", "") {
        let out = tmp.path().join("gen/no-types").join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(&out, &f.contents).unwrap();
    }
    copy_consumers("stage1", tmp.path());
    write_tsconfig(tmp.path(), "");
    tsc(tmp.path());
}

/// An IR whose types outweigh one `types.ts` (`src/emit/stage1/types.rs`):
/// three groups of 70 types of 20 fields (`AlphaPart0`, ...) referring to
/// the next group's, a tagged union and an alias per group over the next
/// group's types, a group named like a Windows device (`Con...`) and one
/// named by a 245-letter word (cut, with a hash, to a short file name).
fn split_ir() -> String {
    let long = format!("Z{}", "z".repeat(244));
    let groups = ["Alpha", "Beta", "Gamma", "Con", &long];
    let mut ir = String::from("mizan-ir 1 project=split\n");
    for (g, group) in groups.iter().enumerate() {
        let next = groups[(g + 1) % groups.len()];
        for i in 0..70 {
            ir.push_str(&format!("type {group}Part{i} {{\n"));
            for f in 0..20 {
                ir.push_str(&format!("    field f{f} \"{next}Part{}?\" optional=#true\n", (i + f) % 70));
            }
            ir.push_str("}\n");
        }
        ir.push_str(&format!(
            "union {group}Event tag=kind {{\n    variant {next}Part0\n    variant {group}Part1\n}}\n"
        ));
        ir.push_str(&format!("alias {group}List \"list<{next}Event>\"\n"));
    }
    ir.push_str("function alpha_events {\n    returns AlphaList\n}\n");
    ir
}

/// The split types compile under strict tsc (each module imports exactly
/// what it names: `noUnusedLocals` fails an import too many) and format
/// clean, and code importing from the package's index sees every type.
#[test]
fn split_stage1_types_compile_and_format_clean() {
    let tmp = TempDir::new("tsc-stage1-split");
    let files = crate::outputs::emit_files(&split_ir(), "stage1", "");
    for stem in ["alpha", "beta", "gamma", "con_"] {
        assert!(files.iter().any(|f| f.path == format!("types/{stem}.ts")), "no types/{stem}.ts");
    }
    let long = files.iter().find(|f| f.path.starts_with("types/zzz")).expect("the long group's module");
    assert!(long.path.len() < 80, "{}", long.path);
    for f in &files {
        let out = tmp.path().join("gen").join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(&out, &f.contents).unwrap();
    }
    let consumer = r#"import type { AlphaList, AlphaPart3, ConEvent, GammaPart69 } from "./gen/index.js";
import { callAlphaEvents } from "./gen/index.js";

export const part: AlphaPart3 = { f0: { f1: null } };
export const event: ConEvent = { kind: "ConPart1" };
export const deep: GammaPart69 = { f0: { f19: { f2: null } } };
export type Events = Awaited<ReturnType<typeof callAlphaEvents>> extends AlphaList ? true : never;
export const events: Events = true;
"#;
    std::fs::write(tmp.path().join("consumer.ts"), consumer).unwrap();
    write_tsconfig(tmp.path(), "");
    tsc(tmp.path());
    prettier_check(&tmp.path().join("gen"));
}

#[test]
fn stage1_is_prettier_formatted() {
    let tmp = TempDir::new("prettier-stage1");
    write_all(tmp.path(), "stage1", "");
    prettier_check(tmp.path());
}

#[test]
fn expect_error_lines_are_real_errors() {
    // Without the @ts-expect-error markers, the misuse in the consumers must
    // fail to compile: proves the checks above can fail.
    let tmp = TempDir::new("tsc-stage1-misuse");
    write_all(&tmp.path().join("gen"), "stage1", "");
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

/// How many random IRs the prettier property test formats.
const RANDOM_IRS: u64 = 40;

/// The property behind the layout code (`emit/ts/layout.rs`): whatever the
/// IR, every TypeScript target writes prettier's format. Random IRs
/// (`common::random_ir`: long and short names, numbers, any count of params
/// and fields, unions, overrides...) through stage1, react, vue and both
/// svelte flavors, one `prettier --check` over them all.
#[test]
fn every_typescript_target_is_prettier_clean_on_random_irs() {
    let tmp = TempDir::new("prettier-random");
    let variants = [
        ("stage1", "", "stage1"),
        ("react", "", "react"),
        ("vue", "", "vue"),
        ("svelte", "", "svelte"),
        ("svelte", "flavor = \"runes\"", "svelte-runes"),
    ];
    for seed in 0..RANDOM_IRS {
        let source = common::random_ir::ir(seed);
        let dir = tmp.path().join(format!("ir{seed}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("ir.kdl"), &source).unwrap();
        let api = mizan_generate::compile(&source)
            .unwrap_or_else(|d| panic!("random IR {seed} does not compile: {d:#?}\n{source}"));
        for (target, options, folder) in variants {
            for f in mizan_generate::testing::emit(&api, target, options) {
                // The bundled runtime is the same for every IR: checked by `stage1_is_prettier_formatted`.
                if f.path.starts_with("runtime/") {
                    continue;
                }
                let out = dir.join(folder).join(&f.path);
                std::fs::create_dir_all(out.parent().unwrap()).unwrap();
                std::fs::write(&out, &f.contents).unwrap();
            }
        }
    }
    let out = Command::new(node_bin("prettier")).args(["--check", "."]).current_dir(tmp.path()).output().unwrap();
    if !out.status.success() {
        panic!("{}", prettier_differences(tmp.path(), &String::from_utf8_lossy(&out.stderr)));
    }
}

/// What prettier would change in the files `prettier --check` listed (its
/// `[warn] <path>` lines): the first few, each as its first differing lines.
fn prettier_differences(dir: &Path, warnings: &str) -> String {
    let files: Vec<&str> =
        warnings.lines().filter_map(|l| l.strip_prefix("[warn] ")).filter(|l| l.ends_with(".ts")).collect();
    let mut report = format!("{} files are not prettier-formatted:\n{}\n", files.len(), files.join("\n"));
    for file in files.iter().take(5) {
        let written = std::fs::read_to_string(dir.join(file)).unwrap();
        let formatted = run_ok(Command::new(node_bin("prettier")).arg(file).current_dir(dir));
        let (a, b): (Vec<&str>, Vec<&str>) = (written.lines().collect(), formatted.lines().collect());
        let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
        let show = |lines: &[&str]| lines[first.saturating_sub(2)..(first + 8).min(lines.len())].join("\n");
        report.push_str(&format!(
            "\n== {file} (line {}): written\n{}\n-- prettier\n{}\n",
            first + 1,
            show(&a),
            show(&b)
        ));
    }
    report
}

/// Every fixture's stage1 output, with its runtime, as an ES module package
/// under each module resolution a project may use: relative imports carry
/// `.js`, so NodeNext and Node16 (which require it) accept them too.
#[test]
fn stage1_compiles_under_nodenext_node16_and_bundler() {
    for (module, resolution) in [("NodeNext", "NodeNext"), ("Node16", "Node16"), ("ESNext", "Bundler")] {
        let tmp = TempDir::new(&format!("tsc-stage1-{resolution}"));
        write_all(tmp.path(), "stage1", "");
        std::fs::write(tmp.path().join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
        write_tsconfig_resolving(tmp.path(), module, resolution, "");
        tsc(tmp.path());
    }
}

/// With `kernel = "<module>"` the generated code imports the kernel from
/// that module, and docs/kernel.md is its whole contract: every name the
/// TypeScript targets import from it must be described there.
#[test]
fn an_external_kernel_is_imported_only_by_documented_names() {
    let docs = std::fs::read_to_string(common::root().join("docs/kernel.md")).unwrap();
    let mut names = std::collections::BTreeSet::new();
    for (fixture, path) in common::fixtures("valid") {
        let api = mizan_generate::compile(&std::fs::read_to_string(path).unwrap()).unwrap();
        for target in ["stage1", "react", "vue", "svelte"] {
            for file in mizan_generate::testing::emit(&api, target, "kernel = \"@acme/kernel\"") {
                assert!(!file.path.starts_with("runtime/"), "{fixture}: a runtime with an external kernel");
                names.extend(kernel_imports(&file.contents));
            }
        }
    }
    assert!(names.len() > 10, "{names:?}");
    // Described = named at the start of a code span: `name`, `name(...)`, `name<T>`.
    let described = |name: &str| {
        docs.match_indices(&format!("`{name}"))
            .any(|(at, m)| docs[at + m.len()..].chars().next().is_some_and(|c| !c.is_alphanumeric() && c != '_'))
    };
    let undocumented: Vec<&String> = names.iter().filter(|n| !described(n)).collect();
    assert!(undocumented.is_empty(), "docs/kernel.md does not describe: {undocumented:?}");
}

/// The names of every `import { ... } from "@acme/kernel"` in a file.
fn kernel_imports(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(end) = rest.find("} from \"@acme/kernel\"") {
        let start = rest[..end].rfind('{').unwrap();
        for name in rest[start + 1..end].split(',') {
            let name = name.trim().trim_start_matches("type ").trim();
            if !name.is_empty() {
                out.push(name.split(" as ").next().unwrap().to_owned());
            }
        }
        rest = &rest[end + 1..];
    }
    out
}
