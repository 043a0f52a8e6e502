//! The write path under attack, or just bad luck: links planted in the
//! output, files the user wrote at generated paths, hostile records,
//! concurrent and killed runs, a full disk. Each test is one way the tool
//! used to write, delete or tear something it must not.

use super::{Project, Run, expected_manifest, sha256};
use crate::common::{TempDir, bin};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const MANIFEST: &str = "gen/manifest/edge-manifest.json";
const RECORD: &str = "gen/.mizan-generated.json";

/// A folder outside the project, with a file that must survive.
fn outside(name: &str) -> TempDir {
    let dir = TempDir::new(name);
    std::fs::write(dir.path().join("victim.txt"), "keep me\n").unwrap();
    dir
}

fn victim(dir: &TempDir) -> String {
    std::fs::read_to_string(dir.path().join("victim.txt")).unwrap_or_else(|e| panic!("the victim is gone: {e}"))
}

fn record(p: &Project, files: serde_json::Value, dirs: serde_json::Value) {
    let record = serde_json::json!({ "bases": { ".": { "files": files, "dirs": dirs } } });
    p.write(RECORD, &record.to_string());
}

#[test]
fn a_record_entry_through_a_linked_folder_deletes_nothing_outside() {
    let elsewhere = outside("record-link-target");
    std::fs::create_dir(elsewhere.path().join("empty")).unwrap();
    let p = Project::shop("record-link");
    p.run(&[]).expect(0);
    symlink(elsewhere.path(), p.path("gen/link")).unwrap();
    let hash = sha256("keep me\n");
    record(&p, serde_json::json!({ "link/victim.txt": hash }), serde_json::json!(["link/empty"]));

    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("gen/link is a symbolic link"), "{}", run.stderr());
    assert_eq!(victim(&elsewhere), "keep me\n");
    assert!(elsewhere.path().join("empty").is_dir(), "a folder outside was removed");
}

#[test]
fn a_link_planted_at_a_temporary_name_is_never_followed() {
    let elsewhere = outside("temp-link-target");
    let p = Project::shop("temp-link");
    std::fs::create_dir_all(p.path("gen/manifest")).unwrap();
    // The fixed name earlier versions used, and a spread of pids' names.
    let target = elsewhere.path().join("victim.txt");
    symlink(&target, p.path("gen/manifest/.edge-manifest.json.mizan-tmp")).unwrap();
    for pid in 0..64 {
        symlink(&target, p.path(&format!("gen/manifest/.edge-manifest.json.{pid}-0.mizan-tmp"))).unwrap();
    }
    p.run(&[]).expect(0);
    assert_eq!(victim(&elsewhere), "keep me\n");
    assert_eq!(p.read(MANIFEST), expected_manifest());
    assert!(p.path("gen/manifest/.edge-manifest.json.mizan-tmp").symlink_metadata().is_ok(), "a link was removed");
}

#[test]
fn an_output_subfolder_linked_outside_is_refused() {
    let elsewhere = outside("subfolder-link-target");
    std::fs::write(elsewhere.path().join("edge-manifest.json"), "theirs\n").unwrap();
    let p = Project::shop("subfolder-link");
    std::fs::create_dir(p.path("gen")).unwrap();
    symlink(elsewhere.path(), p.path("gen/manifest")).unwrap();
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("gen/manifest is a symbolic link"), "{}", run.stderr());
    assert_eq!(std::fs::read_to_string(elsewhere.path().join("edge-manifest.json")).unwrap(), "theirs\n");
    assert!(!p.path(RECORD).exists(), "a failing run wrote the record");
}

#[test]
fn a_linked_output_root_is_the_users_choice() {
    let elsewhere = TempDir::new("root-link-target");
    let p = Project::shop("root-link");
    symlink(elsewhere.path(), p.path("gen")).unwrap();
    p.run(&[]).expect(0);
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("manifest/edge-manifest.json")).unwrap(),
        expected_manifest()
    );
    p.run(&["--check"]).expect(0);
}

#[test]
fn a_generated_file_replaced_by_a_link_is_refused() {
    let elsewhere = outside("file-link-target");
    let p = Project::shop("file-link");
    p.run(&[]).expect(0);
    std::fs::remove_file(p.path(MANIFEST)).unwrap();
    symlink(elsewhere.path().join("victim.txt"), p.path(MANIFEST)).unwrap();
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("edge-manifest.json is a symbolic link"), "{}", run.stderr());
    assert_eq!(victim(&elsewhere), "keep me\n");
}

/// Several runs at once over one output: each waits for the lock, none
/// fails, and every file ends whole.
#[test]
fn concurrent_runs_wait_for_each_other_and_never_tear_files() {
    let p = Project::new(
        "concurrent",
        "output = \"gen\"\ntargets = [\"stage1\", \"react\", \"python\", \"rust\", \"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n",
    );
    let reference = p.run(&["--out", "reference"]).expect(0);
    drop(reference);
    let children: Vec<_> = (0..6)
        .map(|_| {
            let mut cmd = bin();
            cmd.current_dir(p.path("")).stdout(Stdio::piped()).stderr(Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    let mut waited = 0;
    for child in children {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        waited += usize::from(stderr.contains("waiting for another mizan-generate run"));
    }
    assert!(same_tree(&p.path("reference"), &p.path("gen")), "the output differs from a lone run's");
    assert!(no_temp_files(&p.path("gen")));
    eprintln!("{waited} of 6 runs waited for the lock");
}

#[test]
fn existing_user_files_at_generated_paths_are_never_overwritten() {
    let toml = "targets = [\"stage1\", \"rust\"]\n\n[target.stage1]\noutput = \"src\"\n\n[target.rust]\noutput = \".\"\n\n[source.ir]\npath = \"shop.kdl\"\n";
    let p = Project::new("user-files", toml);
    p.write("src/index.ts", "export const mine = 1;\n");
    p.write("Cargo.toml", "[package]\nname = \"mine\"\n");
    p.write("src/lib.rs", "pub fn mine() {}\n");

    let run = p.run(&[]).expect(1);
    let err = run.stderr();
    assert!(err.contains("these 3 existing files not written by mizan-generate would be overwritten"), "{err}");
    for path in ["src/index.ts", "Cargo.toml", "src/lib.rs"] {
        assert!(err.contains(&format!("\n  {path}\n")), "{path} not listed:\n{err}");
    }
    assert!(err.contains("pass --overwrite"), "{err}");
    assert_eq!(p.read("src/index.ts"), "export const mine = 1;\n");
    assert!(!p.path("src/types.ts").exists(), "a refused run wrote other files");
    assert!(!p.path(".mizan-generated.json").exists());

    // --check lists them too, and says why.
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("foreign src/index.ts (exists, not written by mizan-generate"), "{}", run.stdout());
    assert!(!run.stdout().contains("cannot write"), "{}", run.stdout());

    // Taken over on request, and then pruned like any generated file.
    p.run(&["--overwrite"]).expect(0);
    assert!(p.read("src/index.ts").contains("mizan-generate"));
    p.run(&["--check"]).expect(0);
    p.write(
        "mizan.toml",
        &toml.replace("\"stage1\", \"rust\"", "\"rust\"").replace("[target.stage1]\noutput = \"src\"\n", ""),
    );
    p.write("src/types.ts", "// edited by hand\n");
    let run = p.run(&[]).expect(0);
    assert!(!p.path("src/index.ts").exists(), "an unedited generated file was not pruned");
    assert_eq!(p.read("src/types.ts"), "// edited by hand\n");
    assert!(run.stderr().contains("warning: kept src/types.ts: no longer generated, but edited"), "{}", run.stderr());
    // Kept once: it is no longer in the record, so the next run is quiet.
    assert_eq!(p.run(&[]).expect(0).stderr(), "");
}

#[test]
fn a_file_with_the_generated_contents_is_taken_over_silently() {
    let p = Project::shop("adopt");
    p.write(MANIFEST, &expected_manifest());
    p.run(&[]).expect(0);
    let record: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    assert_eq!(record["bases"]["."]["files"]["manifest/edge-manifest.json"], sha256(&expected_manifest()));
}

#[test]
fn an_edited_generated_file_is_kept_when_no_longer_generated() {
    let p = Project::shop("edited-stale");
    p.run(&[]).expect(0);
    p.write(MANIFEST, "my notes\n");
    p.write("mizan.toml", &p.read("mizan.toml").replace("[\"manifest\"]", "[\"python\"]"));
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("edited  gen/manifest/edge-manifest.json (no longer generated"), "{}", run.stdout());
    let run = p.run(&[]).expect(0);
    assert!(run.stderr().contains("kept gen/manifest/edge-manifest.json"), "{}", run.stderr());
    assert_eq!(p.read(MANIFEST), "my notes\n");
    p.run(&["--check"]).expect(0);
}

#[test]
fn a_stale_entry_that_became_a_folder_is_kept_and_nothing_fails() {
    let p = Project::shop("stale-folder");
    p.run(&[]).expect(0);
    let manifest_hash = sha256(&expected_manifest());
    record(
        &p,
        serde_json::json!({ "manifest/edge-manifest.json": manifest_hash, "old.ts": sha256("x") }),
        serde_json::json!(["manifest"]),
    );
    std::fs::create_dir(p.path("gen/old.ts")).unwrap();
    p.write("gen/old.ts/mine.txt", "mine\n");
    let run = p.run(&[]).expect(0);
    assert!(run.stderr().contains("kept gen/old.ts"), "{}", run.stderr());
    assert_eq!(p.read("gen/old.ts/mine.txt"), "mine\n");
}

#[test]
fn a_run_that_fails_in_planning_writes_nothing() {
    let elsewhere = outside("fail-plan");
    let p = Project::new(
        "fail-plan",
        "output = \"gen\"\ntargets = [\"stage1\", \"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n",
    );
    p.run(&[]).expect(0);
    p.write("gen/stage1/types.ts", "// an older version\n");
    // A problem found only in the record, after every file was compared.
    symlink(elsewhere.path(), p.path("gen/zz-link")).unwrap();
    let mut rec: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    rec["bases"]["."]["files"]["zz-link/victim.txt"] = sha256("keep me\n").into();
    p.write(RECORD, &rec.to_string());
    let before_record = p.read(RECORD);
    p.run(&[]).expect(1);
    assert_eq!(p.read("gen/stage1/types.ts"), "// an older version\n");
    assert_eq!(p.read(RECORD), before_record);
    assert_eq!(victim(&elsewhere), "keep me\n");
}

#[test]
fn a_full_disk_changes_nothing_and_says_so() {
    let p = Project::new(
        "disk-full",
        "output = \"gen\"\ntargets = [\"stage1\", \"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n",
    );
    p.run(&[]).expect(0);
    p.write("gen/stage1/types.ts", "// an older version\n");
    p.write("gen/manifest/edge-manifest.json", "{}\n");
    let before = snapshot_tree(&p.path("gen"));
    // RLIMIT_FSIZE: writing past 2 KiB fails with EFBIG, as a full disk
    // fails with ENOSPC (SIGXFSZ ignored so the write returns the error).
    let script = format!("trap '' XFSZ; ulimit -f 2; exec '{}'", env!("CARGO_BIN_EXE_mizan-generate"));
    let out = Command::new("bash").arg("-c").arg(script).current_dir(p.path("")).output().unwrap();
    let run = Run(out);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("nothing was changed"), "{}", run.stderr());
    let after = snapshot_tree(&p.path("gen"));
    assert!(after == before, "a failed run changed the tree: {:?}", after.iter().map(|(p, _)| p).collect::<Vec<_>>());
    p.run(&[]).expect(0);
    p.run(&["--check"]).expect(0);
}

#[test]
fn leftover_temporary_files_are_reported_by_check_and_swept() {
    let p = Project::shop("leftovers");
    p.run(&[]).expect(0);
    p.write("gen/manifest/.edge-manifest.json.4242-0.mizan-tmp", "half a fi");
    p.write("gen/.x.mizan-tmp", "half");
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("leftover gen/manifest/.edge-manifest.json.4242-0.mizan-tmp"), "{}", run.stdout());
    assert!(run.stdout().contains("leftover gen/.x.mizan-tmp"), "{}", run.stdout());
    let run = p.run(&["-v"]).expect(0);
    assert!(run.stdout().contains("removed gen/.x.mizan-tmp (left by an interrupted run)"), "{}", run.stdout());
    assert!(no_temp_files(&p.path("gen")));
    p.run(&["--check"]).expect(0);
}

#[test]
fn one_record_covers_targets_outside_the_root() {
    let toml = "output = \"gen\"\ntargets = [\"manifest\", \"python\"]\n\n[target.python]\noutput = \"client/shop\"\n\n[source.ir]\npath = \"shop.kdl\"\n";
    let p = Project::new("outside-root", toml);
    p.run(&[]).expect(0);
    assert!(p.path("client/shop/__init__.py").exists());
    assert!(!p.path("client/shop/.mizan-generated.json").exists(), "a second record");
    let record: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    assert!(record["bases"]["../client/shop"]["files"]["__init__.py"].is_string(), "{record}");

    // Removing the target: --check notices, and a run prunes its files.
    p.write("mizan.toml", &toml.replace(", \"python\"", ""));
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stdout().contains("extra   client/shop/__init__.py"), "{}", run.stdout());
    p.run(&[]).expect(0);
    assert!(!p.path("client/shop/__init__.py").exists(), "the removed target's files stay");
    p.run(&["--check"]).expect(0);
}

#[test]
fn a_record_naming_a_folder_outside_the_project_is_refused() {
    let elsewhere = outside("record-outside");
    let p = Project::shop("record-outside");
    // The record's key for a base: its path relative to the root, `/`-separated.
    let up = "../".repeat(p.path("gen").components().count() - 1);
    let key = format!("{up}{}", elsewhere.path().to_string_lossy().trim_start_matches('/'));
    let record =
        serde_json::json!({ "bases": { key: { "files": { "victim.txt": sha256("keep me\n") }, "dirs": [] } } });
    p.write(RECORD, &record.to_string());
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("outside the project folder"), "{}", run.stderr());
    assert_eq!(victim(&elsewhere), "keep me\n");

    // Lexically inside the project, but through a link that leads out.
    symlink(elsewhere.path(), p.path("linked")).unwrap();
    let record =
        serde_json::json!({ "bases": { "../linked": { "files": { "victim.txt": sha256("keep me\n") }, "dirs": [] } } });
    p.write(RECORD, &record.to_string());
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("outside the project folder"), "{}", run.stderr());
    assert_eq!(victim(&elsewhere), "keep me\n");
}

#[test]
fn a_file_as_output_folder_is_named_plainly() {
    let p = Project::shop("output-file");
    p.write("gen", "a file\n");
    let run = p.run(&[]).expect(1);
    assert_eq!(run.stderr(), "error: the output folder gen is a file, not a folder\n");
    let run = p.run(&["--check"]).expect(1);
    assert!(!run.stderr().contains("cannot write"), "{}", run.stderr());
    assert_eq!(p.read("gen"), "a file\n");

    // A file further up, where a folder above the output folder goes (the
    // OS answers ENOTDIR there, not ENOENT).
    let p = Project::new(
        "output-below-file",
        "output = \"out/gen\"\ntargets = [\"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n",
    );
    p.write("out", "a file\n");
    let run = p.run(&[]).expect(1);
    assert_eq!(run.stderr(), "error: cannot create the output folder out/gen: out is a file, not a folder\n");
    assert_eq!(p.read("out"), "a file\n");
}

/// Runs killed at random moments leave every file old or new, never torn
/// or half-written; the next run sweeps their temporary files.
#[test]
fn runs_killed_at_random_moments_leave_whole_files() {
    let base = "output = \"gen\"\ntargets = [\"stage1\", \"react\", \"python\", \"rust\", \"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n";
    let other = format!("base_url = \"https://api.example.com/v2\"\n{base}");
    let p = Project::new("killed", base);
    p.run(&["--out", "old"]).expect(0);
    p.write("mizan.toml", &other);
    p.run(&["--out", "new"]).expect(0);
    let versions = [read_tree(&p.path("old")), read_tree(&p.path("new"))];
    assert_ne!(versions[0], versions[1]);
    // How long a whole run takes here, to spread the kills over it.
    let start = Instant::now();
    p.run(&[]).expect(0);
    let span = start.elapsed().as_micros().max(1000) as u64;
    let mut seed = u64::from(std::process::id()) ^ 0x9e37_79b9_7f4a_7c15;
    let mut killed = 0;
    for i in 0..150 {
        p.write("mizan.toml", if i % 2 == 0 { base } else { &other });
        let mut child = bin().current_dir(p.path("")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        std::thread::sleep(Duration::from_micros((seed >> 33) % (span * 5 / 4)));
        killed += usize::from(child.try_wait().unwrap().is_none());
        let _ = child.kill();
        let _ = child.wait();
        for (path, contents) in read_tree(&p.path("gen")) {
            if path.ends_with(".mizan-tmp") || path == ".mizan-generated.json" {
                continue;
            }
            let whole = versions.iter().any(|v| v.iter().any(|(p, c)| *p == path && *c == contents));
            assert!(whole, "after kill {i}, {path} is neither the old nor the new version");
        }
    }
    assert!(killed > 20, "only {killed} of 150 runs were killed mid-way");
    let run = p.run(&[]).expect(0);
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
    assert!(no_temp_files(&p.path("gen")));
    p.run(&["--check"]).expect(0);
    assert!(same_tree(&p.path("new"), &p.path("gen")) || same_tree(&p.path("old"), &p.path("gen")));
}

/// Every file below `dir` (relative path, contents), sorted.
fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    collect(dir, dir, &mut out);
    out.sort();
    out
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.map(|e| e.unwrap().path()) {
        if entry.is_dir() {
            collect(base, &entry, out);
        } else if let Ok(bytes) = std::fs::read(&entry) {
            out.push((entry.strip_prefix(base).unwrap().to_string_lossy().into_owned(), bytes));
        }
    }
}

/// Same generated files (the records differ in their key names only by
/// folder, so they are left out).
fn same_tree(a: &Path, b: &Path) -> bool {
    let strip = |t: Vec<(String, Vec<u8>)>| -> Vec<(String, Vec<u8>)> {
        t.into_iter().filter(|(p, _)| !p.ends_with(".mizan-generated.json")).collect()
    };
    strip(read_tree(a)) == strip(read_tree(b))
}

fn snapshot_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    read_tree(dir)
}

fn no_temp_files(dir: &Path) -> bool {
    read_tree(dir).iter().all(|(p, _)| !p.ends_with(".mizan-tmp"))
}

#[test]
fn a_folder_or_fifo_at_a_generated_path_is_named_and_never_opened() {
    let p = Project::shop("fifo");
    std::fs::create_dir_all(p.path("gen/manifest")).unwrap();
    let status = Command::new("mkfifo").arg(p.path(MANIFEST)).status().unwrap();
    assert!(status.success());
    // Reading a FIFO would block forever: the run must not open it.
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stderr().contains("edge-manifest.json is not a regular file"), "{}", run.stderr());
    assert!(!run.stderr().contains("cannot write"), "{}", run.stderr());
    std::fs::remove_file(p.path(MANIFEST)).unwrap();
    std::fs::create_dir(p.path(MANIFEST)).unwrap();
    let run = p.run(&[]).expect(1);
    assert_eq!(run.stderr(), "error: gen/manifest/edge-manifest.json is a folder, where a generated file goes\n");
}

#[test]
fn records_of_version_0_1_are_migrated_into_one() {
    let toml = "output = \"gen\"\ntargets = [\"manifest\", \"python\"]\n\n[target.python]\noutput = \"client/shop\"\n\n[source.ir]\npath = \"shop.kdl\"\n";
    let p = Project::new("legacy", toml);
    p.write("gen/.mizan-generated.json", r#"{"files": ["manifest/edge-manifest.json"], "dirs": ["manifest"]}"#);
    p.write("gen/manifest/edge-manifest.json", "{}\n");
    p.write("client/shop/.mizan-generated.json", r#"{"files": ["__init__.py", "old.py"], "dirs": []}"#);
    p.write("client/shop/__init__.py", "# old\n");
    p.write("client/shop/old.py", "# generated by 0.1, maybe edited since\n");
    let run = p.run(&[]).expect(0);
    // Listed files are the tool's: rewritten without --overwrite.
    assert_eq!(p.read(MANIFEST), expected_manifest());
    assert!(p.read("client/shop/__init__.py").contains("mizan-generate"));
    // Without a hash nothing can prove old.py unedited: kept, and said.
    assert!(run.stderr().contains("kept client/shop/old.py"), "{}", run.stderr());
    assert!(p.path("client/shop/old.py").exists());
    assert!(!p.path("client/shop/.mizan-generated.json").exists(), "the old per-folder record stays");
    let record: serde_json::Value = serde_json::from_str(&p.read(RECORD)).unwrap();
    assert!(record["bases"]["../client/shop"]["files"]["__init__.py"].is_string(), "{record}");
    p.run(&["--check"]).expect(0);
}

#[test]
fn names_and_contents_found_on_disk_never_reach_the_terminal_raw() {
    let p = Project::shop("escapes-on-disk");
    p.run(&[]).expect(0);
    p.write("gen/manifest/.\u{1b}]0;pwned\u{7}.mizan-tmp", "x");
    p.write(MANIFEST, "\u{1b}[2J\u{1b}]0;pwned\u{7}\n");
    let run = p.run(&["--check", "--color", "never"]).expect(1);
    let all = run.stdout() + &run.stderr();
    assert!(!all.contains('\u{1b}') && !all.contains('\u{7}'), "{all:?}");
    assert!(run.stdout().contains("-\\u{1b}[2J\\u{1b}]0;pwned\\u{7}"), "{}", run.stdout());
    assert!(run.stdout().contains("leftover gen/manifest/.\\u{1b}]0;pwned\\u{7}.mizan-tmp"), "{}", run.stdout());
}

#[test]
fn a_fifo_or_a_huge_file_as_the_record_is_refused_without_reading_it() {
    let p = Project::shop("record-fifo");
    std::fs::create_dir(p.path("gen")).unwrap();
    assert!(Command::new("mkfifo").arg(p.path(RECORD)).status().unwrap().success());
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains(".mizan-generated.json is not a regular file"), "{}", run.stderr());
    std::fs::remove_file(p.path(RECORD)).unwrap();
    let file = std::fs::File::create(p.path(RECORD)).unwrap();
    file.set_len(1 << 30).unwrap();
    let run = p.run(&["--check"]).expect(1);
    assert!(run.stderr().contains("too large for the record of generated files"), "{}", run.stderr());
}

/// A run that finds the output locked says so and waits; it writes only
/// once the holder lets go.
#[test]
fn a_second_run_waits_for_the_lock_and_says_so() {
    use std::io::BufRead;
    let p = Project::shop("lock-wait");
    std::fs::create_dir(p.path("gen")).unwrap();
    let held = std::fs::File::open(p.path("gen")).unwrap();
    held.lock().unwrap();
    let mut child = bin().current_dir(p.path("")).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    // The run says it waits, then blocks: read that line before letting go.
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(line, "mizan-generate: waiting for another mizan-generate run to finish in gen\n");
    std::thread::sleep(Duration::from_millis(200));
    assert!(child.try_wait().unwrap().is_none(), "the run did not wait for the lock");
    assert!(!p.path(MANIFEST).exists(), "the run wrote while another held the lock");
    held.unlock().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{rest}");
    assert_eq!(p.read(MANIFEST), expected_manifest());
}
