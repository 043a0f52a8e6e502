//! IR sources: exporter commands that work, fail, hang, or print nothing
//! usable. A failing source never leaves anything written.

use super::{Project, expected_manifest};

/// A project whose source is `[source.command]` with these TOML lines.
fn command(name: &str, source: &str) -> Project {
    Project::new(name, &format!("output = \"gen\"\ntargets = [\"manifest\"]\n\n[source.command]\n{source}\n"))
}

#[test]
fn a_command_printing_the_ir_is_used() {
    let p = command("cmd-ok", "argv = [\"cat\", \"shop.kdl\"]");
    p.run(&[]).expect(0);
    assert_eq!(p.read("gen/manifest/edge-manifest.json"), expected_manifest());
}

#[test]
fn a_command_with_env_and_cwd() {
    let p = command(
        "cmd-env",
        "argv = [\"sh\", \"-c\", \"cat \\\"$IR_FILE\\\"\"]\ncwd = \"backend\"\nenv = { IR_FILE = \"../shop.kdl\" }",
    );
    std::fs::create_dir(p.path("backend")).unwrap();
    p.run(&[]).expect(0);
    assert_eq!(p.read("gen/manifest/edge-manifest.json"), expected_manifest());
}

#[test]
fn chatty_stderr_cannot_deadlock_the_pipes() {
    // 1 MB on stderr before the IR: more than a pipe buffer holds.
    let p = command(
        "cmd-chatty",
        "argv = [\"sh\", \"-c\", \"head -c 1000000 /dev/zero | tr '\\\\0' x >&2; cat shop.kdl\"]",
    );
    p.run(&[]).expect(0);
}

#[test]
fn a_failing_command_shows_its_status_and_stderr_tail() {
    let script = "for i in $(seq 1 30); do echo line-$i >&2; done; exit 3";
    let p = command("cmd-fail", &format!("argv = [\"sh\", \"-c\", \"{script}\"]"));
    let run = p.run(&[]).expect(1);
    let err = run.stderr();
    assert!(err.starts_with("error: the IR source command failed (exit status: 3)\n"), "{err}");
    assert!(err.contains(&format!("  command: sh -c '{script}'\n")), "{err}");
    assert!(err.contains("  stderr (last 20 of 30 lines):\n  | line-11\n"), "{err}");
    assert!(err.ends_with("  | line-30\n"), "{err}");
    assert!(!p.path("gen").exists(), "a failed run wrote files");
}

#[test]
fn a_missing_program_is_a_clear_error() {
    let p = command("cmd-missing", "argv = [\"mizan-no-such-program\", \"x\"]");
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("cannot run the IR source command `mizan-no-such-program x`"), "{}", run.stderr());
}

#[test]
fn a_hanging_command_is_killed_at_its_timeout() {
    let p = command("cmd-timeout", "argv = [\"sleep\", \"30\"]\ntimeout = 0.3");
    let started = std::time::Instant::now();
    let run = p.run(&[]).expect(1);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
    assert!(
        run.stderr().starts_with("error: the IR source command timed out after 0.3s and was killed\n"),
        "{}",
        run.stderr()
    );
    assert!(!p.path("gen").exists());
}

#[test]
fn non_utf8_output_is_rejected() {
    let p = command("cmd-bytes", "argv = [\"printf\", \"mizan-ir 1\\\\377\"]");
    let run = p.run(&[]).expect(1);
    assert!(
        run.stderr()
            .starts_with("error: the output of the IR source command is not UTF-8 text (invalid byte at offset 10)\n"),
        "{}",
        run.stderr()
    );
}

#[test]
fn empty_output_is_rejected() {
    let p = command("cmd-empty", "argv = [\"true\"]");
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().starts_with("error: the output of the IR source command is empty\n"), "{}", run.stderr());
    assert!(!p.path("gen").exists());
}

#[test]
fn garbage_output_is_reported_as_invalid_ir() {
    let p = command("cmd-garbage", "argv = [\"echo\", \"<html>502 Bad Gateway</html>\"]");
    let run = p.run(&[]).expect(1);
    assert!(run.stderr().contains("<output of echo>"), "{}", run.stderr());
    assert!(run.stderr().contains("mizan::"), "{}", run.stderr());
    assert!(!p.path("gen").exists());
}

#[test]
fn errors_as_json() {
    let p = command("cmd-json", "argv = [\"true\"]");
    let run = p.run(&["--format", "json"]).expect(1);
    let out: serde_json::Value = serde_json::from_str(&run.stdout()).expect("stdout is JSON");
    assert_eq!(out["diagnostics"][0]["code"], "mizan::source-failed");
    assert!(run.stderr().contains("error: "), "human text on stderr: {}", run.stderr());
}

/// A project whose source is `sh export.sh`, a script with these lines.
fn script(name: &str, lines: &str, timeout: &str) -> Project {
    let p = command(name, &format!("argv = [\"sh\", \"export.sh\"]\ntimeout = {timeout}"));
    p.write("export.sh", lines);
    p
}

#[test]
fn a_timeout_kills_the_whole_process_group() {
    let p = script("cmd-group", "sleep 1000 &\necho $! > grandchild.pid\nsleep 1000\n", "1");
    let started = std::time::Instant::now();
    let run = p.run(&[]).expect(1);
    let elapsed = started.elapsed();
    let grandchild = KillOnDrop(p.read("grandchild.pid").trim().to_owned());
    assert!(run.stderr().starts_with("error: the IR source command timed out after 1s"), "{}", run.stderr());
    assert!(elapsed < std::time::Duration::from_millis(1800), "took {elapsed:?}");
    assert!(grandchild.is_dead_within(std::time::Duration::from_secs(1)), "the background `sleep` outlived the run");
}

#[test]
fn what_a_finished_command_left_running_is_killed() {
    let p = script("cmd-leftover", "sleep 1000 >/dev/null 2>&1 &\necho $! > grandchild.pid\ncat shop.kdl\n", "30");
    p.run(&[]).expect(0);
    let grandchild = KillOnDrop(p.read("grandchild.pid").trim().to_owned());
    assert!(grandchild.is_dead_within(std::time::Duration::from_secs(1)), "the background `sleep` outlived the run");
}

/// Ctrl-C reaches only the terminal's foreground group, which the command
/// left: the run kills the command's group, then dies of the signal.
#[test]
fn an_interrupted_run_takes_the_command_group_with_it() {
    use std::os::unix::process::ExitStatusExt;
    let p = script("cmd-interrupt", "sleep 1000 &\necho $! > grandchild.pid\nsleep 1000\n", "60");
    let mut child = crate::common::bin()
        .current_dir(p.path(""))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !p.path("grandchild.pid").exists() && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(50));
    let grandchild = KillOnDrop(p.read("grandchild.pid").trim().to_owned());
    let status = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(2), "{status:?}");
    assert!(grandchild.is_dead_within(std::time::Duration::from_secs(1)), "the background `sleep` outlived Ctrl-C");
}

/// A process id, killed when the test ends so a failure leaves nothing behind.
struct KillOnDrop(String);

impl KillOnDrop {
    /// Whether the process is gone (or a zombie: dead, waiting for init).
    fn is_dead_within(&self, limit: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        loop {
            let dead = match std::fs::read_to_string(format!("/proc/{}/stat", self.0)) {
                Ok(stat) => stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with(['Z', 'X'])),
                Err(_) => true,
            };
            if dead || started.elapsed() > limit {
                return dead;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill").args(["-9", &self.0]).stderr(std::process::Stdio::null()).status();
    }
}

#[test]
fn oversized_stdout_is_cut_off_at_the_size_limit() {
    let p = script("cmd-endless", "yes mizan-ir\n", "1");
    let started = std::time::Instant::now();
    let run = p.run(&[]).expect(1);
    let expected = "error: the IR source command printed more than 8 MiB (8388608 bytes) on stdout, \
                    the largest IR accepted, and was killed\n  command: sh export.sh\n";
    assert!(run.stderr().starts_with(expected), "{}", run.stderr());
    assert!(started.elapsed() < std::time::Duration::from_secs(3), "took {:?}", started.elapsed());
    assert!(!p.path("gen").exists());
    if let Some(kib) = peak_rss_kib(&p) {
        // The 8 MiB kept plus the binary itself; unbounded, this run read
        // hundreds of MB in its one second.
        assert!(kib < 64 << 10, "peak RSS {kib} KiB");
    }
}

/// The binary's peak RSS in a run in `p`, when GNU time is there to tell.
fn peak_rss_kib(p: &Project) -> Option<u64> {
    let out = std::process::Command::new("/usr/bin/time")
        .args(["-f", "peak-rss-kib %M", env!("CARGO_BIN_EXE_mizan-generate")])
        .current_dir(p.path("."))
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr.lines().find_map(|l| l.strip_prefix("peak-rss-kib ")?.trim().parse().ok())
}

#[test]
fn ir_from_dev_zero_is_bounded() {
    let p = Project::shop("ir-dev-zero");
    let run = p.run(&["--ir", "/dev/zero"]).expect(1);
    let expected = "error: the IR file /dev/zero is larger than 8 MiB (8388608 bytes), the largest IR accepted\n";
    assert!(run.stderr().starts_with(expected), "{}", run.stderr());
}

#[test]
fn ir_from_stdin_is_bounded() {
    let p = Project::shop("ir-stdin-huge");
    let run = p.run_with_stdin(&["--ir", "-"], &" ".repeat(9 << 20)).expect(1);
    let expected = "error: the IR read from stdin is larger than 8 MiB (8388608 bytes), the largest IR accepted\n";
    assert!(run.stderr().starts_with(expected), "{}", run.stderr());
}

#[test]
fn stderr_is_shown_trimmed_and_escaped() {
    let lines = "head -c 3000000 /dev/zero | tr '\\000' x >&2\n\
                 printf '\\n\\033[2J\\033]0;pwned\\007 done\\n' >&2\nexit 2\n";
    let p = script("cmd-hostile-stderr", lines, "10");
    let run = p.run(&[]).expect(1);
    let err = run.stderr();
    assert!(err.len() < 2000, "{} bytes of error", err.len());
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains(&format!("  stderr:\n  | …{}…\n", "x".repeat(500))), "{err}");
    assert!(err.ends_with("  | \\u{1b}[2J\\u{1b}]0;pwned\\u{7} done\n"), "{err}");
}
