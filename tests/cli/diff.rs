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
