//! `mizan-generate diff`: the classification corpus (fixtures/diff/<case>/
//! old.kdl, new.kdl and expect.txt, one change a line), the rule table
//! against docs/breaking.md, and the command's output formats, exit
//! statuses, `--allow-breaking`, `--against` in a git repository, and
//! errors in either IR.

use super::Project;
use crate::common::root;
use mizan_generate::breaking::{self, RULES, Severity, Side};
use mizan_generate::diag::Lines;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The changes from `old` to `new` as expect.txt writes them:
/// `<code> <old|new>:<line>:<column> <message>`.
fn classify(old: &str, new: &str) -> String {
    let changes = breaking::compare_texts(old, new).unwrap_or_else(|d| panic!("invalid IR: {d:?}"));
    let (old_lines, new_lines) = (Lines::new(old), Lines::new(new));
    changes
        .iter()
        .map(|c| {
            let (side, lines) = match c.side {
                Side::Old => ("old", &old_lines),
                Side::New => ("new", &new_lines),
            };
            let (line, col) = lines.line_col(c.span.offset);
            format!("{} {side}:{line}:{col} {}\n", c.code, c.message)
        })
        .collect()
}

fn cases() -> Vec<(String, std::path::PathBuf)> {
    let mut cases: Vec<_> = std::fs::read_dir(root().join("fixtures/diff"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    cases.sort();
    cases
}

/// Each case's changes are exactly its expect.txt. `MIZAN_UPDATE_DIFF=1`
/// rewrites the files (review the git diff).
#[test]
fn corpus_classifies_every_case_as_expected() {
    let cases = cases();
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let update = std::env::var_os("MIZAN_UPDATE_DIFF").is_some();
    let mut failures = Vec::new();
    for (name, dir) in &cases {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
        let got = classify(&read("old.kdl"), &read("new.kdl"));
        if update {
            std::fs::write(dir.join("expect.txt"), &got).unwrap();
        } else if got != read("expect.txt") {
            failures.push(format!("{name}:\n--- expected\n{}--- got\n{got}", read("expect.txt")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A document compared with itself has no change; nor do the same
/// declarations in another order.
#[test]
fn a_document_has_no_change_from_itself() {
    for (name, path) in crate::common::fixtures("valid") {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(classify(&text, &text), "", "{name}");
    }
}

/// Comparing any two valid fixtures never panics, and a removal in one
/// direction is an addition in the other.
#[test]
fn every_pair_of_fixtures_compares() {
    let texts: Vec<String> =
        crate::common::fixtures("valid").iter().map(|(_, p)| std::fs::read_to_string(p).unwrap()).collect();
    for a in &texts {
        for b in &texts {
            let forward = classify(a, b);
            let back = classify(b, a);
            assert_eq!(forward.matches("::type-removed").count(), back.matches("safe::type-added").count());
            let removed = forward.lines().filter(|l| l.contains("function-removed ")).count();
            let added =
                back.lines().filter(|l| l.starts_with("safe::function-added ") && l.ends_with(" added")).count();
            assert_eq!(removed, added, "{forward}\n{back}");
        }
    }
}

/// Codes are unique and sorted by severity, every code the corpus produces
/// is a rule, every rule is exercised by the corpus, and docs/breaking.md
/// lists exactly the rules.
#[test]
fn rules_are_documented_and_each_is_exercised() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort_by_key(|c| (Severity::of(c), *c));
    assert_eq!(codes, sorted, "RULES is ordered: breaking, dangerous, safe, then by code");
    assert_eq!(codes.iter().collect::<BTreeSet<_>>().len(), codes.len(), "codes are unique");
    for c in &codes {
        let prefix = c.split("::").next().unwrap();
        assert!(["breaking", "dangerous", "safe"].contains(&prefix), "{c}");
    }
    let mut seen = BTreeSet::new();
    for (_, dir) in cases() {
        for line in std::fs::read_to_string(dir.join("expect.txt")).unwrap_or_default().lines() {
            seen.insert(line.split(' ').next().unwrap().to_owned());
        }
    }
    let rules: BTreeSet<String> = codes.iter().map(|c| (*c).to_owned()).collect();
    assert_eq!(seen.difference(&rules).collect::<Vec<_>>(), Vec::<&String>::new(), "codes without a rule");
    assert_eq!(rules.difference(&seen).collect::<Vec<_>>(), Vec::<&String>::new(), "rules no corpus case exercises");

    let doc = std::fs::read_to_string(root().join("docs/breaking.md")).unwrap();
    let documented: Vec<String> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|c| c.contains("::"))
        .map(str::to_owned)
        .collect();
    assert_eq!(documented, codes, "docs/breaking.md lists every rule, in RULES' order");
    for r in RULES {
        let row = format!("| `{}` | {} | {} |", r.code, r.change, r.why);
        assert!(doc.contains(&row), "docs/breaking.md's row for {} is not:\n{row}", r.code);
    }
}

// ----- the command ----------------------------------------------------

const OLD: &str = "mizan-ir 1\ntype User {\n    field id int\n    field nickname \"string?\"\n}\n\
                   enum Status {\n    value open\n}\nfunction user {\n    returns User\n}\n\
                   function status {\n    returns Status\n}\n";
const NEW: &str = "mizan-ir 1\ntype User {\n    field id int\n}\n\
                   enum Status {\n    value open\n    value closed\n}\nfunction user {\n    returns User\n}\n\
                   function status {\n    returns Status\n}\nfunction ping\n";

fn project(name: &str) -> Project {
    let p = Project::shop(name);
    p.write("old.kdl", OLD);
    p.write("new.kdl", NEW);
    p
}

fn stdout_json(run: &super::Run) -> Value {
    serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", run.stdout()))
}

#[test]
fn human_output_groups_changes_and_ends_with_the_verdict() {
    let p = project("diff-human");
    let run = p.run(&["diff", "old.kdl", "new.kdl"]).expect(1);
    assert_eq!(
        run.stdout(),
        "breaking (1):\n  old.kdl:4:5: breaking::field-removed: type User: field \"nickname\" removed\n\
         dangerous (1):\n  new.kdl:7:5: dangerous::enum-value-added: enum Status: value \"closed\" added\n\
         safe (1):\n  new.kdl:15:10: safe::function-added: a call function ping added\n\
         mizan-generate diff: 3 changes (1 breaking, 1 dangerous, 1 safe): breaks existing callers\n"
    );
    assert_eq!(run.stderr(), "");
    let run = p.run(&["diff", "old.kdl", "new.kdl", "--allow-breaking"]).expect(0);
    assert!(run.stdout().ends_with("breaks existing callers (allowed by --allow-breaking)\n"), "{}", run.stdout());
    let run = p.run(&["diff", "new.kdl", "new.kdl"]).expect(0);
    assert_eq!(run.stdout(), "mizan-generate diff: no changes\n");
    // Without a breaking change: exit 0.
    let run = p.run(&["diff", "new.kdl", "old.kdl"]).expect(1);
    assert!(run.stdout().contains("breaking::enum-value-removed"), "{}", run.stdout());
    p.write("newer.kdl", &format!("{NEW}function pong\n"));
    let run = p.run(&["diff", "new.kdl", "newer.kdl", "-q"]).expect(0);
    assert_eq!(run.stdout(), "", "--quiet prints nothing");
    // ... but what fails the run: the breaking changes and the verdict.
    let run = p.run(&["diff", "old.kdl", "new.kdl", "-q"]).expect(1);
    assert_eq!(
        run.stdout(),
        "breaking (1):\n  old.kdl:4:5: breaking::field-removed: type User: field \"nickname\" removed\n\
         mizan-generate diff: 3 changes (1 breaking, 1 dangerous, 1 safe): breaks existing callers\n"
    );
    let run = p.run(&["diff", "old.kdl", "new.kdl", "-q", "--allow-breaking"]).expect(0);
    assert_eq!(run.stdout(), "");
}

#[test]
fn json_output_is_one_document_with_the_three_groups() {
    let p = project("diff-json");
    let run = p.run(&["diff", "old.kdl", "new.kdl", "--format", "json"]).expect(1);
    let out = stdout_json(&run);
    assert_eq!(out["ok"], false);
    assert_eq!(out["diagnostics"], json!([]));
    assert_eq!(
        out["breaking"],
        json!([{ "code": "breaking::field-removed", "severity": "breaking",
                 "message": "type User: field \"nickname\" removed", "file": "old.kdl", "side": "old",
                 "line": 4, "column": 5, "end_line": 4, "end_column": 29 }])
    );
    assert_eq!(out["dangerous"][0]["code"], "dangerous::enum-value-added");
    assert_eq!(
        (out["dangerous"][0]["file"].clone(), out["dangerous"][0]["line"].clone()),
        (json!("new.kdl"), json!(7))
    );
    assert_eq!(out["safe"][0]["code"], "safe::function-added");
    assert!(run.stderr().contains("breaking (1):"), "human text on stderr: {}", run.stderr());
    let run = p.run(&["diff", "old.kdl", "new.kdl", "--format", "json", "--allow-breaking"]).expect(0);
    assert_eq!(stdout_json(&run)["ok"], true);
}

#[test]
fn github_output_annotates_the_new_file() {
    let p = project("diff-github");
    let run = p.run(&["diff", "old.kdl", "new.kdl", "--format", "github"]).expect(1);
    assert_eq!(
        run.stdout(),
        // The removed field is annotated at its type in the current file.
        "::error file=new.kdl,line=2,col=6,endLine=2,endColumn=10,title=breaking%3A%3Afield-removed::type User: field \"nickname\" removed\n\
         ::warning file=new.kdl,line=7,col=5,endLine=7,endColumn=17,title=dangerous%3A%3Aenum-value-added::enum Status: value \"closed\" added\n\
         ::notice file=new.kdl,line=15,col=10,endLine=15,endColumn=14,title=safe%3A%3Afunction-added::a call function ping added\n"
    );
    assert!(run.stderr().ends_with("breaks existing callers\n"), "{}", run.stderr());
}

#[test]
fn one_side_may_come_from_stdin_but_not_both() {
    let p = project("diff-stdin");
    let run = p.run_with_stdin(&["diff", "-", "new.kdl"], OLD).expect(1);
    assert!(run.stdout().contains("<stdin>:4:5: breaking::field-removed"), "{}", run.stdout());
    let run = p.run(&["diff", "-", "-"]).expect(2);
    assert!(run.stderr().contains("at most one of OLD and NEW from stdin"), "{}", run.stderr());
    let run = p.run(&["diff", "old.kdl"]).expect(2);
    assert!(run.stderr().contains("<NEW|->"), "{}", run.stderr());
    let run = p.run(&["diff", "old.kdl", "missing.kdl"]).expect(1);
    assert!(run.stderr().contains("cannot read the IR file missing.kdl"), "{}", run.stderr());
}

#[test]
fn errors_in_either_ir_are_reported_with_their_file_names() {
    let p = project("diff-errors");
    p.write("bad-old.kdl", "mizan-ir 1\nfunction f {\n    returns Nope\n}\n");
    p.write("bad-new.kdl", "mizan-ir 1\ntype T {\n    field x strin\n}\n");
    let run = p.run(&["diff", "bad-old.kdl", "bad-new.kdl", "--format", "json"]).expect(1);
    let out = stdout_json(&run);
    assert_eq!(out["ok"], false);
    assert_eq!(out["breaking"], json!([]));
    let found: Vec<(Value, Value, Value)> = out["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].clone(), d["file"].clone(), d["line"].clone()))
        .collect();
    assert_eq!(
        found,
        [
            (json!("mizan::unknown-type"), json!("bad-old.kdl"), json!(3)),
            (json!("mizan::unknown-type"), json!("bad-new.kdl"), json!(3)),
        ]
    );
    let run = p.run(&["diff", "old.kdl", "bad-new.kdl"]).expect(1);
    assert!(run.stderr().contains("bad-new.kdl:3:"), "{}", run.stderr());
    assert!(!run.stderr().contains("old.kdl:"), "only the invalid file: {}", run.stderr());
    assert_eq!(run.stdout(), "");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn against_reads_the_configured_ir_at_a_git_revision() {
    let p = Project::new(
        "diff-against",
        "output = \"gen\"\ntargets = [\"manifest\"]\n\n[source.ir]\npath = \"ir/api.kdl\"\n",
    );
    p.write("ir/api.kdl", OLD);
    let dir = p.path("");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    p.write("ir/api.kdl", NEW);
    let run = p.run(&["diff", "--against", "HEAD"]).expect(1);
    assert!(run.stdout().contains("HEAD:ir/api.kdl:4:5: breaking::field-removed"), "{}", run.stdout());
    assert!(run.stdout().contains("ir/api.kdl:7:5: dangerous::enum-value-added"), "{}", run.stdout());
    let run = p.run(&["diff", "--against", "HEAD", "--format", "github"]).expect(1);
    assert!(run.stdout().starts_with("::error file=ir/api.kdl,line=2,"), "{}", run.stdout());
    // From a subfolder, with --config.
    p.write("web/.keep", "");
    let mut cmd = crate::common::bin();
    let out = cmd
        .current_dir(p.path("web"))
        .args(["diff", "--against", "HEAD", "--config", "../mizan.toml", "--allow-breaking"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("breaking::field-removed"));

    let run = p.run(&["diff", "--against", "no-such-rev"]).expect(1);
    assert!(run.stderr().contains("cannot read ir/api.kdl at revision no-such-rev"), "{}", run.stderr());
    let run = p.run(&["diff", "--against", "--output=x"]).expect(2);
    assert!(!p.path("x").exists());
    let run2 = p.run(&["diff", "--against=--output=x"]).expect(2);
    assert!(run2.stderr().contains("--against takes a git revision"), "{}", run2.stderr());
    drop(run);
    let run = p.run(&["diff", "--against", "HEAD", "old.kdl", "new.kdl"]).expect(2);
    assert!(run.stderr().contains("cannot be used with"), "{}", run.stderr());
}

/// With `--against`, names are checked for the config's targets only (as a
/// run does); two files are checked for every target (as `validate` does).
#[test]
fn against_checks_the_names_of_the_configured_targets() {
    // `callFooContext` twice in TypeScript; the manifest target has no such names.
    const COLLISION: &str = "mizan-ir 1\ncontext call_foo\nfunction foo_context {\n    param id int\n}\n\
                             function bar context=call_foo {\n    returns int\n}\n";
    let p = Project::shop("diff-against-targets");
    p.write("shop.kdl", COLLISION);
    let dir = p.path("");
    git(&dir, &["init", "-q"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "base"]);
    let run = p.run(&["diff", "--against", "HEAD"]).expect(0);
    assert_eq!(run.stdout(), "mizan-generate diff: no changes\n");
    let run = p.run(&["diff", "shop.kdl", "shop.kdl"]).expect(1);
    assert!(run.stderr().contains("mizan::name-collision"), "{}", run.stderr());
}

#[test]
fn against_needs_an_ir_file_source() {
    let p = Project::new(
        "diff-against-command",
        "output = \"gen\"\ntargets = [\"manifest\"]\n\n[source.command]\nargv = [\"cat\", \"shop.kdl\"]\n",
    );
    let run = p.run(&["diff", "--against", "HEAD"]).expect(2);
    assert!(run.stderr().contains("this config's IR source is a command"), "{}", run.stderr());
    assert!(run.stderr().contains("mizan-generate diff OLD NEW"), "{}", run.stderr());
}

// ----- the classification against the TypeScript compiler ------------

/// A caller written against the old IR's stage1 client, and whether the new
/// IR breaks it at compile time.
struct Caller {
    name: &'static str,
    old: &'static str,
    new: &'static str,
    /// The body of `export async function use(client: MizanClient)`, after
    /// an import line from the generated client.
    imports: &'static str,
    body: &'static str,
    breaks: bool,
}

const USER: &str = "mizan-ir 1\ntype User {\n    field id int\n    field name string\n    field nick \"string?\"\n}\n\
                    function get_user {\n    param id int\n    returns User\n}\n";

fn callers() -> Vec<Caller> {
    let user = |new: &'static str| Caller { name: "", old: USER, new, imports: "callGetUser", body: "", breaks: true };
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    vec![
        Caller {
            name: "field-removed",
            new: leak(USER.replace("    field nick \"string?\"\n", "")),
            body: "const u = await callGetUser(client, { id: 1 });\n  const n: string | null = u.nick;\n  return [n];",
            ..user("")
        },
        Caller {
            name: "response-field-became-nullable",
            new: leak(USER.replace("field name string", "field name \"string?\"")),
            body: "const u = await callGetUser(client, { id: 1 });\n  const n: string = u.name;\n  return [n];",
            ..user("")
        },
        Caller {
            name: "response-field-became-optional",
            new: leak(USER.replace("field name string", "field name string optional=#true")),
            body: "const u = await callGetUser(client, { id: 1 });\n  const n: string = u.name;\n  return [n];",
            ..user("")
        },
        Caller {
            name: "response-field-lost-nullability",
            new: leak(USER.replace("field nick \"string?\"", "field nick string")),
            body: "const u = await callGetUser(client, { id: 1 });\n  const n: string | null = u.nick;\n  return [n];",
            breaks: false,
            ..user("")
        },
        Caller {
            name: "response-field-added",
            new: leak(USER.replace("field id int\n", "field id int\n    field email string\n")),
            body: "const u = await callGetUser(client, { id: 1 });\n  const n: number = u.id;\n  return [n];",
            breaks: false,
            ..user("")
        },
        Caller {
            name: "param-added-required",
            new: leak(USER.replace("param id int\n", "param id int\n    param lang string\n")),
            body: "return [await callGetUser(client, { id: 1 })];",
            ..user("")
        },
        Caller {
            name: "param-added-optional",
            new: leak(USER.replace("param id int\n", "param id int\n    param lang string optional=#true\n")),
            body: "return [await callGetUser(client, { id: 1 })];",
            breaks: false,
            ..user("")
        },
        Caller {
            name: "param-became-nullable",
            new: leak(USER.replace("param id int", "param id \"int?\"")),
            body: "return [await callGetUser(client, { id: 1 })];",
            breaks: false,
            ..user("")
        },
        Caller {
            name: "param-lost-nullability",
            old: "mizan-ir 1\nfunction f {\n    param id \"int?\"\n}\n",
            new: "mizan-ir 1\nfunction f {\n    param id int\n}\n",
            imports: "callF",
            body: "return [await callF(client, { id: null })];",
            breaks: true,
        },
        Caller {
            name: "param-became-optional",
            new: leak(USER.replace("param id int", "param id int optional=#true")),
            body: "return [await callGetUser(client, { id: 1 })];",
            breaks: false,
            ..user("")
        },
        Caller {
            name: "function-removed",
            old: "mizan-ir 1\nfunction ping\nfunction pong\n",
            new: "mizan-ir 1\nfunction pong\n",
            imports: "callPing",
            body: "return [await callPing(client)];",
            breaks: true,
        },
        Caller {
            name: "returns-removed",
            old: "mizan-ir 1\nfunction count {\n    returns int\n}\n",
            new: "mizan-ir 1\nfunction count\n",
            imports: "callCount",
            body: "const n: number = await callCount(client);\n  return [n];",
            breaks: true,
        },
        Caller {
            name: "result-narrowed",
            old: "mizan-ir 1\nfunction score {\n    returns \"float?\"\n}\n",
            new: "mizan-ir 1\nfunction score {\n    returns int\n}\n",
            imports: "callScore",
            body: "const n: number | null = await callScore(client);\n  return [n];",
            breaks: false,
        },
        Caller {
            name: "enum-value-removed",
            old: "mizan-ir 1\nenum S {\n    value open\n    value legacy\n}\nfunction s {\n    returns S\n}\n",
            new: "mizan-ir 1\nenum S {\n    value open\n}\nfunction s {\n    returns S\n}\n",
            imports: "callS",
            body: "const s = await callS(client);\n  return [s === \"legacy\"];",
            breaks: true,
        },
        Caller {
            name: "tagged-variant-removed-from-a-result",
            old: "mizan-ir 1\ntype C {\n    field r float\n}\ntype Q {\n    field side float\n}\n\
                  union Shape tag=kind {\n    variant C\n    variant Q\n}\nfunction shape {\n    returns Shape\n}\n",
            new: "mizan-ir 1\ntype C {\n    field r float\n}\ntype Q {\n    field side float\n}\n\
                  union Shape tag=kind {\n    variant C\n}\nfunction shape {\n    returns Shape\n}\n",
            imports: "callShape",
            body: "const s = await callShape(client);\n  switch (s.kind) {\n    case \"C\":\n      return [s.r];\n    \
                   case \"Q\":\n      return [s.side];\n  }\n  return [];",
            breaks: true,
        },
        Caller {
            name: "required-field-added-to-a-request-type",
            old: "mizan-ir 1\ntype New {\n    field name string\n}\nfunction create {\n    param user New\n}\n",
            new: "mizan-ir 1\ntype New {\n    field name string\n    field email string\n}\nfunction create {\n    param user New\n}\n",
            imports: "callCreate",
            body: "return [await callCreate(client, { user: { name: \"a\" } })];",
            breaks: true,
        },
        Caller {
            name: "param-type-is-an-equivalent-alias",
            old: "mizan-ir 1\nalias UserId int\nfunction f {\n    param id int\n}\n",
            new: "mizan-ir 1\nalias UserId int\nfunction f {\n    param id UserId\n}\n",
            imports: "callF",
            body: "return [await callF(client, { id: 1 })];",
            breaks: false,
        },
    ]
}

/// For changes a TypeScript caller meets at compile time, the verdict
/// agrees with `tsc --strict`: each caller compiles against the old IR's
/// stage1 client, and fails against the new one exactly when `diff` says
/// the change is breaking.
#[test]
fn breaking_verdicts_agree_with_the_typescript_compiler() {
    let tmp = crate::common::TempDir::new("diff-tsc");
    let callers = callers();
    // stage1 writes a `types.ts` without an export for an IR without named
    // types, which tsc refuses as "not a module" (TS2306): each IR gets one.
    let with_type = |ir: &str| {
        let typed = ["\ntype ", "\nenum ", "\nunion ", "\nalias "].iter().any(|k| ir.contains(k));
        if typed { ir.to_owned() } else { format!("{ir}type Keep {{\n    field id int\n}}\n") }
    };
    for c in &callers {
        let (old, new) = (with_type(c.old), with_type(c.new));
        let changes = breaking::compare_texts(&old, &new).unwrap_or_else(|d| panic!("{}: {d:?}", c.name));
        let breaking = changes.iter().any(|ch| ch.severity() == Severity::Breaking);
        assert_eq!(breaking, c.breaks, "{}: diff says {changes:#?}", c.name);
        for (side, ir) in [("old", &old), ("new", &new)] {
            let dir = tmp.path().join(c.name).join(side);
            let api = mizan_generate::compile(ir).unwrap_or_else(|d| panic!("{}: {d:?}", c.name));
            for f in mizan_generate::testing::emit(&api, "stage1", "") {
                let path = dir.join("gen").join(&f.path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, f.contents).unwrap();
            }
            let caller = format!(
                "import {{ {}, type MizanClient }} from \"./gen/index.js\";\n\n\
                 export async function use(client: MizanClient): Promise<unknown[]> {{\n  {}\n}}\n",
                c.imports, c.body
            );
            std::fs::write(dir.join("use.ts"), caller).unwrap();
        }
    }
    crate::typescript::write_tsconfig(tmp.path(), "");
    let out = Command::new(crate::common::node_bin("tsc"))
        .arg("-p")
        .arg(tmp.path().join("tsconfig.json"))
        .current_dir(tmp.path())
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stdout);
    let errors: Vec<&str> = log.lines().filter(|l| l.contains("): error TS")).collect();
    for e in &errors {
        assert!(
            e.contains("/new/use.ts("),
            "only new callers may fail (the old ones and the generated code compile):\n{log}"
        );
    }
    for c in &callers {
        let failed = errors.iter().any(|e| e.starts_with(&format!("{}/new/use.ts(", c.name)));
        assert_eq!(failed, c.breaks, "{}: tsc {}:\n{log}", c.name, if failed { "failed" } else { "passed" });
    }
}
