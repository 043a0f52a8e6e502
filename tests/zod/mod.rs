//! The zod target: for every valid fixture, for `edge.kdl` (what no shared
//! fixture has: objects without fields, a cycle through a union and an
//! alias, constraints behind aliases, a `__proto__` key, names too long for
//! any line) and for seeded random IRs (`random.rs`), the schemas compile
//! under strict `tsc` beside stage1, and
//! each one's output type is assignable both ways to its stage1 type
//! (`agree.ts`, generated per fixture: every named type, call args, context
//! bundle and call result); a tampered schema fails that check; the output
//! is prettier-clean. `e2e` runs the runtime's response validation against
//! the live server.

mod e2e;
mod random;

use crate::common::{self, TempDir, node_bin};
use crate::typescript::{prettier_check, tsc, write_tsconfig, write_tsconfig_resolving};
use mizan_generate::model::Api;
use mizan_generate::testing::names;
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// How many seeded random IRs (`random.rs`) join the fixtures.
const RANDOM_IRS: u64 = 24;

/// Every valid fixture, the zod edge cases, then the random IRs: (name, IR
/// text).
fn sources() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = common::fixtures("valid")
        .into_iter()
        .map(|(name, path)| (name, std::fs::read_to_string(path).unwrap()))
        .collect();
    out.push(("zod-edge".to_owned(), std::fs::read_to_string(common::root().join("tests/zod/edge.kdl")).unwrap()));
    out.extend((0..RANDOM_IRS).map(|seed| (format!("random-{seed}"), random::ir(seed))));
    out
}

/// Writes `target`'s files for `api` under `dir`.
fn write(api: &Api, target: &str, dir: &Path) {
    for f in mizan_generate::testing::emit(api, target, "") {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.contents).unwrap();
    }
}

/// Each source's stage1 and zod outputs under `dir/<name>/`, with its
/// `agree.ts`, and a strict tsconfig over them all (zod resolves from the
/// pinned toolchain).
fn check_project(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for (name, source) in sources() {
        let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("{name} does not compile: {d:#?}"));
        let out = dir.join(&name);
        write(&api, "stage1", &out.join("stage1"));
        write(&api, "zod", &out.join("zod"));
        std::fs::write(out.join("agree.ts"), agreement(&api)).unwrap();
        names.push(name);
    }
    std::os::unix::fs::symlink(common::root().join("tests/js/node_modules"), dir.join("node_modules")).unwrap();
    write_tsconfig(dir, "");
    names
}

/// A module that compiles only if every schema's output type and its stage1
/// type are assignable to each other, and `validateResponse` fits the
/// client's `validate` option.
pub(crate) fn agreement(api: &Api) -> String {
    let mut out = String::from(
        "import type { z } from \"zod\";\n\
         import { createClient } from \"./stage1/index.js\";\n\
         import type * as S from \"./stage1/index.js\";\n\
         import { validateResponse } from \"./zod/index.js\";\n\
         import type * as Z from \"./zod/index.js\";\n\n\
         type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;\n\
         type Expect<T extends true> = T;\n\n\
         export const client = createClient({ validate: validateResponse });\n\n\
         export type Schemas = [\n",
    );
    for (schema, ty) in names::schema_names(api) {
        writeln!(out, "  Expect<Agree<z.output<typeof Z.{schema}>, S.{ty}>>,").unwrap();
    }
    out.push_str("];\n\nexport type Results = [\n");
    for f in api.calls() {
        let key = names::string_literal(&f.name);
        let call = names::call_fn(&f.name);
        writeln!(
            out,
            "  Expect<Agree<z.output<(typeof Z.callResultSchemas)[{key}]>, Awaited<ReturnType<typeof S.{call}>>>>,"
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}

#[test]
fn schemas_agree_with_stage1_under_strict_tsc() {
    let tmp = TempDir::new("tsc-zod");
    let names = check_project(tmp.path());
    assert!(names.contains(&"hostile".to_owned()) && names.contains(&"zod-edge".to_owned()));
    tsc(tmp.path());
}

/// The agreement check can fail: a schema whose optional key may hold
/// `undefined` (`z.optional`, where stage1 says `name?: string`), and one
/// that reads an int as a string, fail exactly the checks of their types
/// and of the schemas and results built on them.
#[test]
fn a_schema_that_disagrees_fails_the_check() {
    let tmp = TempDir::new("tsc-zod-misuse");
    check_project(tmp.path());
    let schemas = tmp.path().join("shop/zod/schemas.ts");
    let text = std::fs::read_to_string(&schemas).unwrap();
    let tampered = text.replace("name: z.exactOptional(z.string()),", "name: z.optional(z.string()),").replace(
        "export const TypingSchema = z.object({\n  user: z.int(),",
        "export const TypingSchema = z.object({\n  user: z.string(),",
    );
    assert_ne!(tampered, text);
    std::fs::write(&schemas, tampered).unwrap();
    let out = Command::new(node_bin("tsc")).arg("-p").arg(tmp.path().join("tsconfig.json")).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a disagreeing schema compiled");
    // Exactly the checks of the two tampered types, and of what uses them.
    let agree = std::fs::read_to_string(tmp.path().join("shop/agree.ts")).unwrap();
    let failing: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split_once("shop/agree.ts(")?.1.split_once(',')?.0.parse::<usize>().ok())
        .map(|line| agree.lines().nth(line - 1).unwrap().trim())
        .collect();
    assert_eq!(stdout.matches("error TS").count(), failing.len(), "errors outside agree.ts:\n{stdout}");
    let expected = [
        "Z.ChatOutSchema>",
        "Z.TypingSchema>",
        "Z.UserProfileSchema>",
        "Z.UserBundleSchema>",
        "[\"set_nickname\"]",
        "[\"update_profile\"]",
        "[\"upload_avatar\"]",
    ];
    assert_eq!(failing.len(), expected.len(), "{failing:#?}");
    for (line, what) in failing.iter().zip(expected) {
        assert!(line.contains(what), "{line} should check {what}");
    }
}

#[test]
fn zod_is_prettier_formatted() {
    let tmp = TempDir::new("prettier-zod");
    for (name, source) in sources() {
        let api = mizan_generate::compile(&source).unwrap();
        write(&api, "zod", &tmp.path().join(name));
    }
    prettier_check(tmp.path());
}

/// The fixtures' zod and stage1 outputs as an ES module package under the
/// resolutions that require `.js` extensions and package exports.
#[test]
fn zod_compiles_under_nodenext_and_node16() {
    for resolution in ["NodeNext", "Node16"] {
        let tmp = TempDir::new(&format!("tsc-zod-{resolution}"));
        for (name, path) in common::fixtures("valid") {
            let api = mizan_generate::compile(&std::fs::read_to_string(path).unwrap()).unwrap();
            write(&api, "stage1", &tmp.path().join(&name).join("stage1"));
            write(&api, "zod", &tmp.path().join(&name).join("zod"));
        }
        std::fs::write(tmp.path().join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
        std::os::unix::fs::symlink(common::root().join("tests/js/node_modules"), tmp.path().join("node_modules"))
            .unwrap();
        write_tsconfig_resolving(tmp.path(), resolution, resolution, "");
        tsc(tmp.path());
    }
}
