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
    let errors: serde_json::Value = serde_json::from_str(&run.stderr()).expect("stderr is JSON");
    assert_eq!(errors[0]["code"], "mizan::source-failed");
}
