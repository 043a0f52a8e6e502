//! `--watch`: one run per change of the IR (none for the run's own reads
//! and writes), the last good output kept through a broken edit, a clean
//! exit on Ctrl-C.
#![cfg(unix)]

use super::Project;
use crate::common::bin;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const MANIFEST: &str = "gen/manifest/edge-manifest.json";

/// The binary watching `p`, with its stdout and stderr lines in one channel.
struct Watching {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watching {
    fn start(p: &Project, args: &[&str]) -> Watching {
        let mut child = bin()
            .current_dir(p.path("."))
            .arg("--watch")
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        let out = child.stdout.take().unwrap();
        let err = child.stderr.take().unwrap();
        let tx2 = tx.clone();
        std::thread::spawn(move || BufReader::new(out).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
        std::thread::spawn(move || BufReader::new(err).lines().map_while(Result::ok).for_each(|l| drop(tx2.send(l))));
        Watching { child, lines }
    }

    /// One run's lines: up to the next `watching …` line (stderr) and its
    /// summary (stdout, which may arrive after it: two pipes), the
    /// `watching` line last.
    fn round(&self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (mut out, mut watching) = (Vec::new(), None);
        let ended = |out: &[String]| out.iter().any(|l| l.starts_with("mizan-generate: ") || l.starts_with("error: "));
        while watching.is_none() || !ended(&out) {
            let left = deadline.checked_duration_since(Instant::now()).unwrap_or_default();
            let line = self.lines.recv_timeout(left).unwrap_or_else(|_| panic!("no round ended: {out:?}"));
            if line.starts_with("watching ") { watching = Some(line) } else { out.push(line) }
        }
        out.extend(watching);
        out
    }

    /// No line for `quiet`: nothing ran.
    fn quiet(&self, quiet: Duration) {
        if let Ok(line) = self.lines.recv_timeout(quiet) {
            panic!("a run nobody asked for: {line}");
        }
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn signal(child: &Child, sig: &str) {
    let ok = std::process::Command::new("kill").args([sig, &child.id().to_string()]).status().unwrap().success();
    assert!(ok);
}

#[test]
fn regenerates_once_per_change_keeps_the_last_good_output_and_stops_on_ctrl_c() {
    let p = Project::shop("watch");
    let w = Watching::start(&p, &[]);
    let first = w.round();
    assert_eq!(first[0], "mizan-generate: 1 file written, 0 unchanged, 0 deleted", "{first:?}");
    assert_eq!(first[1], "watching mizan.toml, shop.kdl for changes (Ctrl-C to stop)");
    // Its own reads and writes start nothing.
    w.quiet(Duration::from_millis(800));

    let ir = p.read("shop.kdl");
    p.write("shop.kdl", &format!("{ir}context extra\nfunction extra_read context=extra {{\n    returns int\n}}\n"));
    let round = w.round();
    assert_eq!(round[0], "mizan-generate: 1 file written, 0 unchanged, 0 deleted", "{round:?}");
    assert!(p.read(MANIFEST).contains("\"extra\""));
    w.quiet(Duration::from_millis(800));

    // A broken edit: its diagnostics, and the previous output stays.
    let good = p.read(MANIFEST);
    p.write("shop.kdl", &format!("{ir}bogus\n"));
    let round = w.round();
    assert!(round.iter().any(|l| l.contains("mizan::unknown-node")), "{round:?}");
    assert_eq!(p.read(MANIFEST), good);

    // Back to the original: regenerated.
    p.write("shop.kdl", &ir);
    let round = w.round();
    assert_eq!(round[0], "mizan-generate: 1 file written, 0 unchanged, 0 deleted", "{round:?}");
    assert!(!p.read(MANIFEST).contains("\"extra\""));

    // An edit of the output itself starts nothing (the next run repairs it).
    p.write(MANIFEST, "edited\n");
    w.quiet(Duration::from_millis(800));

    let mut w = w;
    signal(&w.child, "-INT");
    let status = w.child.wait().unwrap();
    assert!(status.success(), "Ctrl-C ends the watch cleanly: {status:?}");
}

#[test]
fn a_config_change_is_picked_up_and_exporter_sources_watch_their_paths() {
    let p = Project::new(
        "watch-command",
        "output = \"gen\"\ntargets = [\"manifest\"]\n[source.command]\nargv = [\"cat\", \"shop.kdl\"]\nwatch = [\"backend\"]\n",
    );
    p.write("backend/models.py", "# v1\n");
    let w = Watching::start(&p, &[]);
    let first = w.round();
    assert!(first.last().unwrap().starts_with("watching mizan.toml, backend/ for changes"), "{first:?}");
    p.write("backend/models.py", "# v2\n");
    let round = w.round();
    assert_eq!(round[0], "mizan-generate: 0 files written, 1 unchanged, 0 deleted", "{round:?}");
    // The config itself: a new target folder.
    p.write("mizan.toml", "output = \"gen\"\ntargets = [\"manifest\"]\n[target.manifest]\noutput = \"gen/edge\"\n[source.command]\nargv = [\"cat\", \"shop.kdl\"]\nwatch = [\"backend\"]\n");
    let round = w.round();
    assert_eq!(round[0], "mizan-generate: 1 file written, 0 unchanged, 1 deleted", "{round:?}");
    let mut w = w;
    signal(&w.child, "-TERM");
    assert!(w.child.wait().unwrap().success());
}

#[test]
fn watch_refuses_stdin_and_check() {
    let p = Project::shop("watch-refuse");
    let run = p.run(&["--watch", "--ir", "-"]).expect(2);
    assert!(run.stderr().contains("--watch cannot read the IR from stdin"), "{}", run.stderr());
    let run = p.run(&["--watch", "--check"]).expect(2);
    assert!(run.stderr().contains("cannot be used with"), "{}", run.stderr());
}
