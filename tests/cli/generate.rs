//! Generation, idempotence, `--check`, pruning and write safety.

use super::{Project, expected_manifest, sha256, shop};
use crate::common::{self, TempDir, run_ok};
use std::time::SystemTime;

const MANIFEST: &str = "gen/manifest/edge-manifest.json";
const RECORD: &str = "gen/.mizan-generated.json";

#[test]
fn fresh_generation_writes_the_targets_files_and_a_record() {
    let p = Project::shop("fresh");
    let run = p.run(&[]).expect(0);
    assert_eq!(run.stdout(), "mizan-generate: 1 file written, 0 unchanged, 0 deleted\n");
    assert_eq!(p.generated(), [".mizan-generated.json", "manifest/edge-manifest.json"]);
    assert_eq!(p.read(MANIFEST), expected_manifest());
    let record: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    let hash = sha256(&expected_manifest());
    assert_eq!(record["bases"]["."]["files"], serde_json::json!({ "manifest/edge-manifest.json": hash }));
    assert_eq!(record["bases"]["."]["dirs"], serde_json::json!(["manifest"]));
    assert_eq!(record["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn command_line_alone_needs_no_config() {
    let p = Project::shop("no-config");
    std::fs::remove_file(p.path("mizan.toml")).unwrap();
    p.run(&["--ir", "shop.kdl", "--out", "gen", "--target", "manifest"]).expect(0);
    assert_eq!(p.read(MANIFEST), expected_manifest());
    let run = p.run(&["--out", "gen", "--target", "manifest"]).expect(2);
    assert!(run.stderr().contains("no mizan.toml in the current folder"), "{}", run.stderr());
}

#[test]
fn ir_from_stdin() {
    let p = Project::shop("stdin");
    let ir = std::fs::read_to_string(shop()).unwrap();
    p.run_with_stdin(&["--ir", "-"], &ir).expect(0);
    assert_eq!(p.read(MANIFEST), expected_manifest());
    let run = p.run_with_stdin(&["--ir", "-"], "").expect(1);
    assert!(run.stderr().contains("the IR read from stdin is empty"), "{}", run.stderr());
}

fn mtimes(p: &Project) -> Vec<(String, SystemTime)> {
    let out = p.path("gen");
    p.generated().into_iter().map(|f| (f.clone(), out.join(&f).metadata().unwrap().modified().unwrap())).collect()
}

#[test]
fn a_second_run_rewrites_nothing() {
    let p = Project::shop("idempotent");
    p.run(&[]).expect(0);
    let before = mtimes(&p);
    std::thread::sleep(std::time::Duration::from_millis(50));
    let run = p.run(&["-v"]).expect(0);
    assert_eq!(run.stdout(), "mizan-generate: 0 files written, 1 unchanged, 0 deleted\n");
    assert_eq!(mtimes(&p), before);
}

#[test]
fn a_changed_file_is_rewritten_and_listed_with_verbose() {
    let p = Project::shop("rewrite");
    p.run(&[]).expect(0);
    p.write(MANIFEST, "edited by hand\n");
    let run = p.run(&["--verbose"]).expect(0);
    assert!(run.stdout().starts_with("wrote   gen/manifest/edge-manifest.json\n"), "{}", run.stdout());
    assert_eq!(p.read(MANIFEST), expected_manifest());
    assert_eq!(p.run(&["-q"]).expect(0).stdout(), "");
}

#[test]
fn check_passes_on_a_fresh_tree_and_writes_nothing() {
    let p = Project::shop("check-clean");
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("missing gen/manifest/edge-manifest.json\n"), "{}", run.stdout());
    assert!(!p.path("gen").exists(), "--check wrote files");
    p.run(&[]).expect(0);
    let run = p.run(&["--check"]).expect(0);
    assert_eq!(run.stdout(), "mizan-generate: every generated file is up to date\n");
}

#[test]
fn check_lists_stale_files_with_a_diff() {
    let p = Project::shop("check-dirty");
    p.run(&[]).expect(0);
    let edited = format!("EDITED\n{}", expected_manifest());
    p.write(MANIFEST, &edited);
    let run = p.run(&["--check"]).expect(1);
    let out = run.stdout();
    assert!(out.starts_with("stale   gen/manifest/edge-manifest.json\n\n"), "{out}");
    assert!(
        out.contains("--- a/gen/manifest/edge-manifest.json\n+++ b/gen/manifest/edge-manifest.json\n@@ -1,4 +1,3 @@\n-EDITED\n {\n"),
        "{out}"
    );
    assert_eq!(run.stderr(), "error: 1 file out of date: run `mizan-generate` to regenerate\n");
    assert_eq!(p.read(MANIFEST), edited, "--check rewrote a file");

    // A file longer than the generated one is read past the generated
    // length for its diff: the lines added at its end show.
    p.write(MANIFEST, &format!("{}// mine\n", expected_manifest()));
    let out = p.run(&["--check"]).expect(1).stdout();
    assert!(out.contains("\n }\n-// mine\n"), "{out}");
    // But only to a bound (1 MiB past the generated length), so a huge
    // file costs bounded memory: of ten 200 KB lines, the diff shows six.
    let line = format!("//{}\n", "x".repeat(200_000));
    p.write(MANIFEST, &format!("{}{}", expected_manifest(), line.repeat(10)));
    let out = p.run(&["--check"]).expect(1).stdout();
    let shown = out.lines().filter(|l| l.starts_with("-//x")).count();
    assert_eq!(shown, 6, "of the 10 long lines");
}

#[test]
fn moving_a_target_prunes_its_old_files_and_only_those() {
    let p = Project::shop("move");
    p.run(&[]).expect(0);
    p.write("gen/manifest/notes.md", "mine\n");
    p.write("gen/user.txt", "mine too\n");
    let moved = p.read("mizan.toml") + "\n[target.manifest]\noutput = \"gen/edge\"\n";
    p.write("mizan.toml", &moved);

    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("missing gen/edge/edge-manifest.json\n"), "{}", run.stdout());
    assert!(run.stdout().contains("extra   gen/manifest/edge-manifest.json\n"), "{}", run.stdout());

    let run = p.run(&["-v"]).expect(0);
    assert!(run.stdout().contains("deleted gen/manifest/edge-manifest.json\n"), "{}", run.stdout());
    assert_eq!(p.generated(), [".mizan-generated.json", "edge/edge-manifest.json", "manifest/notes.md", "user.txt"]);
    p.run(&["--check"]).expect(0);
}

#[test]
fn a_removed_target_is_pruned_with_the_folders_it_created() {
    let p = Project::shop("removed");
    // What an earlier run with a `react` target left behind.
    p.write("gen/react/hooks/useUser.ts", "// generated\n");
    p.write("gen/react/index.ts", "// generated\n");
    p.write("gen/stage1/index.ts", "// generated\n");
    p.write("gen/stage1/mine.ts", "// the user's own file\n");
    let generated = sha256("// generated\n");
    let record = serde_json::json!({ "bases": { ".": {
        "files": { "react/hooks/useUser.ts": generated, "react/index.ts": generated, "stage1/index.ts": generated },
        "dirs": ["react", "react/hooks", "stage1"],
    } } });
    p.write("gen/.mizan-generated.json", &record.to_string());

    let run = p.run(&[]).expect(0);
    assert!(run.stdout().ends_with("1 file written, 0 unchanged, 3 deleted\n"), "{}", run.stdout());
    assert_eq!(p.generated(), [".mizan-generated.json", "manifest/edge-manifest.json", "stage1/mine.ts"]);
    assert!(!p.path("gen/react").exists(), "the emptied folder it created stays");
    let record: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    let files = record["bases"]["."]["files"].as_object().unwrap();
    assert_eq!(files.keys().collect::<Vec<_>>(), ["manifest/edge-manifest.json"]);
}

#[test]
fn a_record_pointing_outside_the_folder_stops_the_run_before_any_write() {
    let p = Project::shop("hostile-record");
    p.write("victim.txt", "keep me\n");
    p.write("gen/.mizan-generated.json", r#"{"files": ["../victim.txt"], "dirs": []}"#);
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("is not a valid record of generated files"), "{}", run.stderr());
    assert_eq!(p.read("victim.txt"), "keep me\n");
    assert!(!p.path(MANIFEST).exists());
}

#[test]
fn a_file_in_the_way_of_a_folder_stops_the_run_before_any_write() {
    let p = Project::shop("in-the-way");
    p.write("gen/manifest", "a file where a folder goes\n");
    let run = p.run(&[]).expect(1);
    assert_eq!(run.stderr(), "error: gen/manifest is a file, not a folder\n");
    assert!(!p.path(RECORD).exists());
}

#[test]
fn base_url_from_the_config_reaches_the_output() {
    let p = Project::shop("base-url");
    let toml = format!("base_url = \"https://api.example.com/m\"\n{}", p.read("mizan.toml"));
    p.write("mizan.toml", &toml);
    p.run(&[]).expect(0);
    let manifest = p.read(MANIFEST);
    assert!(manifest.contains("\"https://api.example.com/m/ctx/user/\""), "{manifest}");
    assert!(!manifest.contains("\"/api/mizan/"), "{manifest}");
}

#[test]
fn validate_checks_without_generating() {
    let p = Project::shop("validate");
    let run = p.run(&["validate", "shop.kdl"]).expect(0);
    assert_eq!(run.stdout(), "shop.kdl: valid Mizan IR\n");
    let ir = std::fs::read_to_string(shop()).unwrap();
    p.run_with_stdin(&["validate", "-"], &ir).expect(0);
    let run = p.run(&["validate", "nope.kdl"]).expect(1);
    assert!(run.stderr().contains("cannot read the IR file nope.kdl"), "{}", run.stderr());
    assert!(!p.path("gen").exists());
}

#[test]
fn the_example_config_is_accepted() {
    let example = std::fs::read_to_string(crate::common::root().join("mizan.toml.example")).unwrap();
    let p = Project::new("example", &example);
    // Copied as the README says, with the IR beside it, it runs as it is.
    std::fs::copy(shop(), p.path("mizan-ir.kdl")).unwrap();
    p.run(&["--target", "manifest", "--out", "gen"]).expect(0);
    assert_eq!(p.read(MANIFEST), expected_manifest());
    // Without the IR, the error names the key and says what to do.
    std::fs::remove_file(p.path("mizan-ir.kdl")).unwrap();
    let run = p.run(&["--target", "manifest", "--out", "gen"]).expect(2);
    assert!(run.stderr().contains("[source.ir] path `mizan-ir.kdl`: no such file"), "{}", run.stderr());
    assert!(run.stderr().contains("export the IR from the backend"), "{}", run.stderr());
}

#[test]
fn names_collide_only_in_the_enabled_targets() {
    // `fetch_user` is also context `user`'s Python fetch method; TypeScript,
    // React (whose provider takes `params` here) and Rust are unaffected.
    let p = Project::shop("enabled-collisions");
    let ir = "mizan-ir 1\nfunction profile context=user {\n    param key string\n    returns string\n}\nfunction fetch_user {\n    returns string\n}\n";
    p.write("clash.kdl", ir);
    let generate = |targets: &[&str]| {
        let mut args = vec!["--ir", "clash.kdl", "--out", "gen"];
        targets.iter().for_each(|t| args.extend(["--target", t]));
        p.run(&args)
    };
    generate(&["stage1", "vue", "svelte", "rust", "manifest"]).expect(0);
    let run = generate(&["stage1", "python"]).expect(1);
    assert!(run.stderr().contains("Python name `fetch_user`"), "{}", run.stderr());
    assert!(!run.stderr().contains("React"), "{}", run.stderr());
    // A `key` param is fine for React too: that provider takes `params={{ key }}`.
    generate(&["stage1", "react"]).expect(0);
    assert!(p.read("gen/react/contexts.ts").contains("readonly params: UserParams;"));
    // `validate` has no config: every target's names are checked.
    let run = p.run(&["validate", "clash.kdl"]).expect(1);
    assert!(run.stderr().contains("Python name") && !run.stderr().contains("mizan::reserved-name"), "{}", run.stderr());
}

/// The README's first command writes every target, into the folders the
/// README names, and the README lists every registered target.
#[test]
fn the_readme_first_command_writes_every_target() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let command = "cargo run --release -- --config examples/basic/mizan.toml --out generated";
    assert!(readme.contains(command), "the README's first command changed");
    let out = TempDir::new("readme-first");
    let config = common::root().join("examples/basic/mizan.toml");
    run_ok(common::bin().arg("--config").arg(&config).arg("--out").arg(out.path()));
    let folders = ["stage1", "react", "vue", "svelte", "zod", "shop_client", "rust", "manifest"];
    let intro = &readme[..readme.find("## Install").unwrap()];
    for folder in folders {
        assert!(out.path().join(folder).is_dir(), "no {folder}/ written");
        assert!(intro.contains(&format!("`{folder}`")), "the README's first screen does not name `{folder}`");
    }
    let written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| !n.starts_with('.'))
        .collect();
    assert_eq!(written.len(), folders.len(), "{written:?}");
    assert_eq!(mizan_generate::target::names().len(), folders.len(), "a registered target is not in the example");
}

/// A same-length edit (the size of a file says nothing): `--check`
/// reports it, a run repairs it.
#[test]
fn a_same_length_edit_is_stale_and_repaired() {
    let p = Project::shop("same-length");
    p.run(&[]).expect(0);
    let manifest = p.read(MANIFEST);
    assert!(manifest.contains("\"psr\""));
    let edited = manifest.replacen("\"psr\"", "\"PSR\"", 1);
    assert_eq!(edited.len(), manifest.len());
    p.write(MANIFEST, &edited);
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("stale   gen/manifest/edge-manifest.json\n"), "{}", run.stdout());
    assert!(
        run.stdout().contains("-      \"render_strategy\": \"PSR\",\n+      \"render_strategy\": \"psr\","),
        "{}",
        run.stdout()
    );
    let run = p.run(&[]).expect(0);
    assert_eq!(run.stdout(), "mizan-generate: 1 file written, 0 unchanged, 0 deleted\n");
    assert_eq!(p.read(MANIFEST), manifest);
}

/// The record is part of the output: `--check` reports it deleted or
/// edited, and a run writes it again.
#[test]
fn a_deleted_or_edited_record_fails_check() {
    let p = Project::shop("record-check");
    p.run(&[]).expect(0);
    let record = p.read(RECORD);
    std::fs::remove_file(p.path(RECORD)).unwrap();
    let run = p.run(&["--check"]).expect(1);
    assert_eq!(run.stdout().lines().next(), Some("missing gen/.mizan-generated.json"), "{}", run.stdout());
    p.run(&[]).expect(0);
    // Rewritten with every file's hash (the folders it created before are
    // no longer known to be its own: the record that said so is gone).
    let rewritten: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    let original: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(rewritten["bases"]["."]["files"], original["bases"]["."]["files"]);
    p.run(&["--check"]).expect(0);
    let record = p.read(RECORD);

    // Same length: the note reworded. (A file's recorded hash is
    // carried over while the file is as generated — hashing every file on
    // every run would cost more than it guards — so it is not compared.)
    let edited = record.replacen("Do not edit.", "Do not edjt.", 1);
    assert_ne!(edited, record);
    p.write(RECORD, &edited);
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().starts_with("stale   gen/.mizan-generated.json\n"), "{}", run.stdout());
    p.run(&[]).expect(0);
    p.run(&["--check"]).expect(0);
}

/// One file changed among many: exactly that file is written, every other
/// file keeps its mtime.
#[test]
fn only_the_changed_file_among_many_is_written() {
    let p = Project::new(
        "one-of-many",
        "output = \"gen\"\ntargets = [\"stage1\", \"react\", \"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n",
    );
    p.run(&[]).expect(0);
    let before = mtimes(&p);
    assert!(before.len() > 20, "{} files", before.len());
    std::thread::sleep(std::time::Duration::from_millis(50));
    let edited = "gen/stage1/calls.ts";
    let text = p.read(edited);
    p.write(edited, &text.replacen("export function", "export  function", 1));
    let after_edit = mtimes(&p);
    let run = p.run(&["-v"]).expect(0);
    assert_eq!(
        run.stdout(),
        "wrote   gen/stage1/calls.ts\nmizan-generate: 1 file written, 30 unchanged, 0 deleted\n".replace(
            "30",
            &(before.len() - 2).to_string() // the record is not counted, nor the written file
        )
    );
    assert_eq!(p.read(edited), text);
    let after = mtimes(&p);
    for ((name, was), (_, now)) in after_edit.iter().zip(&after) {
        if name != "stage1/calls.ts" && name != ".mizan-generated.json" {
            assert_eq!(was, now, "{name} was rewritten");
        }
    }
}
