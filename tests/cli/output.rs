//! Machine-readable output: `--format json` prints one JSON document on
//! stdout for every command (human text on stderr), `--format github`
//! prints GitHub Actions annotations.

use super::Project;
use serde_json::{Value, json};

fn stdout_json(run: &super::Run) -> Value {
    serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", run.stdout()))
}

const COLLISION: &str = "mizan-ir 1\ncontext call_foo\nfunction foo_context {\n    param id int\n}\n\
                         function bar context=call_foo {\n    returns int\n}\n";

#[test]
fn validate_prints_an_empty_array_for_a_valid_file_and_every_diagnostic_with_its_labels() {
    let p = Project::shop("out-validate");
    let run = p.run(&["validate", "shop.kdl", "--format", "json"]).expect(0);
    assert_eq!(stdout_json(&run), json!([]));
    assert_eq!(run.stderr(), "shop.kdl: valid Mizan IR\n");

    p.write("bad.kdl", COLLISION);
    let run = p.run(&["validate", "bad.kdl", "--format", "json"]).expect(1);
    let items = stdout_json(&run);
    assert_eq!(items.as_array().map(Vec::len), Some(1), "{items:#}");
    let d = &items[0];
    assert_eq!(d["code"], "mizan::name-collision");
    assert_eq!(d["file"], "bad.kdl");
    assert_eq!((d["line"].clone(), d["column"].clone()), (json!(6), json!(22)));
    assert_eq!((d["end_line"].clone(), d["end_column"].clone()), (json!(6), json!(30)));
    let labels: Vec<_> = d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["primary"].clone(), l["line"].clone(), l["message"].clone()))
        .collect();
    assert_eq!(
        labels,
        [
            (json!(true), json!(6), json!("generates `callFooContext`")),
            (json!(false), json!(3), json!("function `foo_context` is here")),
        ]
    );
    assert!(run.stderr().contains("× TypeScript name `callFooContext`"), "human text on stderr: {}", run.stderr());
}

#[test]
fn generate_prints_the_files_written_unchanged_and_deleted() {
    let p = Project::shop("out-generate");
    let run = p.run(&["--format", "json"]).expect(0);
    assert_eq!(
        stdout_json(&run),
        json!({ "ok": true, "diagnostics": [], "written": ["gen/manifest/edge-manifest.json"], "unchanged": 0,
                "deleted": [], "removed": [], "kept": [] })
    );
    assert_eq!(run.stderr(), "mizan-generate: 1 file written, 0 unchanged, 0 deleted\n");
    let run = p.run(&["--format", "json", "-q"]).expect(0);
    assert_eq!(stdout_json(&run)["unchanged"], 1, "--quiet silences the human text only");
    assert_eq!(run.stderr(), "");
    p.write(
        "mizan.toml",
        "output = \"gen\"\ntargets = [\"manifest\"]\n[target.manifest]\noutput = \"gen/edge\"\n[source.ir]\npath = \"shop.kdl\"\n",
    );
    let run = p.run(&["--format", "json"]).expect(0);
    let out = stdout_json(&run);
    assert_eq!(out["written"], json!(["gen/edge/edge-manifest.json"]));
    assert_eq!(out["deleted"], json!(["gen/manifest/edge-manifest.json"]));
}

#[test]
fn check_lists_each_difference_with_its_path_and_diff() {
    let p = Project::shop("out-check");
    let run = p.run(&["--check", "--format", "json"]).expect(1);
    let out = stdout_json(&run);
    assert_eq!(out["ok"], false);
    assert_eq!(
        out["differences"],
        json!([
            { "kind": "missing", "path": "gen/manifest/edge-manifest.json" },
            { "kind": "missing", "path": "gen/.mizan-generated.json" },
        ])
    );
    assert_eq!(out["diagnostics"][0]["code"], "mizan::check-failed");
    assert!(run.stderr().contains("missing gen/manifest/edge-manifest.json"), "{}", run.stderr());

    p.run(&[]).expect(0);
    let run = p.run(&["--check", "--format", "json"]).expect(0);
    assert_eq!(stdout_json(&run), json!({ "ok": true, "diagnostics": [], "differences": [] }));

    let manifest = p.read("gen/manifest/edge-manifest.json");
    p.write("gen/manifest/edge-manifest.json", &manifest.replacen('{', "{ ", 1));
    let run = p.run(&["--check", "--format", "json"]).expect(1);
    let d = &stdout_json(&run)["differences"][0];
    assert_eq!((d["kind"].as_str(), d["path"].as_str()), (Some("stale"), Some("gen/manifest/edge-manifest.json")));
    assert!(d["diff"].as_str().unwrap().contains("\n-{ \n+{\n"), "{d:#}");
}

#[test]
fn errors_of_the_config_and_of_the_ir_are_json_on_stdout() {
    let p = Project::new("out-config", "outptu = \"gen\"\n");
    let run = p.run(&["--format", "json"]).expect(2);
    let out = stdout_json(&run);
    assert_eq!(out["ok"], false);
    let d = &out["diagnostics"][0];
    assert_eq!((d["code"].as_str(), d["line"].as_u64()), (Some("mizan::config-unknown-key"), Some(1)));
    assert_eq!(d["help"], "did you mean `output`?");
    assert!(run.stderr().contains("mizan::config-unknown-key"), "{}", run.stderr());

    let p = Project::shop("out-ir");
    p.write("shop.kdl", "mizan-ir 1\ntype A {\n    field x Bogus\n}\n");
    let run = p.run(&["--format", "json"]).expect(1);
    assert_eq!(stdout_json(&run)["diagnostics"][0]["code"], "mizan::unknown-type");
    assert_eq!(p.generated(), Vec::<String>::new(), "nothing written");
}

#[test]
fn github_annotations_for_diagnostics_and_stale_files() {
    let p = Project::shop("out-github");
    p.write("bad.kdl", COLLISION);
    let run = p.run(&["validate", "bad.kdl", "--format", "github"]).expect(1);
    assert_eq!(
        run.stdout(),
        "::error file=bad.kdl,line=6,col=22,endLine=6,endColumn=30,title=mizan%3A%3Aname-collision::\
         TypeScript name `callFooContext`, generated for context `call_foo`, collides with function `foo_context`\
         %0Ahelp: rename the context or function `foo_context`: generated code needs both names\n"
    );
    assert!(run.stderr().contains("mizan::name-collision"), "human text on stderr");
    p.run(&["validate", "shop.kdl", "--format", "github"]).expect(0);

    let run = p.run(&["--check", "--format", "github"]).expect(1);
    assert_eq!(
        run.stdout(),
        "::error title=mizan%3A%3Acheck-failed::2 files out of date: run `mizan-generate` to regenerate\n\
         ::error file=gen/manifest/edge-manifest.json,title=mizan%3A%3Acheck-failed::\
         gen/manifest/edge-manifest.json: missing; run `mizan-generate` to regenerate\n\
         ::error file=gen/.mizan-generated.json,title=mizan%3A%3Acheck-failed::\
         gen/.mizan-generated.json: missing; run `mizan-generate` to regenerate\n"
    );
}

#[test]
fn annotation_text_cannot_inject_workflow_commands() {
    let p = Project::shop("out-github-escape");
    // A message quoting a name that holds `%`, `:` and `,`, in a file whose name does too.
    p.write("a%b,c:d.kdl", "mizan-ir 1\ntype T {\n    field x \"m%0A::warning::x,y\"\n}\n");
    let run = p.run(&["validate", "a%b,c:d.kdl", "--format", "github"]).expect(1);
    let out = run.stdout();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("::error file=a%25b%2Cc%3Ad.kdl,line=3,"), "{out}");
    assert!(!out.contains("%0A::warning"), "a `%` of the message is escaped: {out}");
}
