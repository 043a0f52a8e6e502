//! Running an exporter command and taking its stdout as the IR.
//!
//! The command runs without a shell, with the configured folder, environment
//! and timeout, in a process group of its own (see `group`). Its pipes are
//! drained on threads within bounds (see `pipe`). The read ends when the
//! command exits, times out or prints more than `MAX_SIZE` bytes; then its
//! whole group is killed, so nothing it started outlives the read. Every
//! failure is a message naming the command, what happened and the end of
//! its stderr.

use super::pipe::{Captured, Keep, Pipe};
use super::{Ir, group, size_limit, stderr, text};
use crate::ir::scan::MAX_SIZE;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Bytes of stderr kept for the error message.
const STDERR_KEPT: usize = 64 << 10;

/// How long to wait for a finished command's pipes to close (something it
/// started in the background may hold them) before killing its group, and
/// again for the pipes once it was killed.
const PIPE_GRACE: Duration = Duration::from_millis(200);

/// How often the command is checked on.
const POLL: Duration = Duration::from_millis(10);

/// Why the wait for the command ended.
enum End {
    Exited(ExitStatus),
    TimedOut,
    TooLarge,
    /// This process got a termination signal (Ctrl-C).
    Interrupted(i32),
}

pub fn run(exporter: &super::Exporter) -> Result<Ir, String> {
    let shown = show_command(&exporter.argv);
    let interrupts = group::Interrupts::catch();
    let mut child = spawn(exporter, &shown)?;
    let stdout = Pipe::spawn(child.stdout.take(), Keep::Head(MAX_SIZE));
    let stderr = Pipe::spawn(child.stderr.take(), Keep::Tail(STDERR_KEPT));
    let end = wait(&mut child, &stdout, exporter.timeout, &interrupts);
    let (out, err) = stop(&mut child, stdout, stderr, matches!(end, Ok(End::Exited(_))));
    if let Ok(End::Interrupted(sig)) = end {
        interrupts.die_of(sig);
    }
    drop(interrupts);
    let failure = |what: String| format!("{what}\n  command: {shown}\n{}", stderr::tail(&err));
    let end = end.map_err(|e| failure(format!("cannot wait for the IR source command: {e}")))?;
    if out.overflowed {
        return Err(failure(too_large()));
    }
    match end {
        End::Exited(status) if status.success() => {}
        End::Exited(status) => return Err(failure(format!("the IR source command failed ({status})"))),
        End::TimedOut => return Err(failure(timed_out(exporter.timeout))),
        End::TooLarge => return Err(failure(too_large())),
        End::Interrupted(sig) => return Err(failure(format!("the IR source command was interrupted (signal {sig})"))),
    }
    let text = text(out.bytes, "the output of the IR source command").map_err(failure)?;
    Ok(Ir { name: format!("<output of {}>", exporter.argv[0]), text })
}

fn spawn(exporter: &super::Exporter, shown: &str) -> Result<Child, String> {
    let (program, args) = exporter.argv.split_first().ok_or("the IR source command is empty")?;
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(&exporter.cwd)
        .envs(exporter.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    group::isolate(&mut command);
    command.spawn().map_err(|e| {
        format!("cannot run the IR source command `{shown}` in {}: {e}", crate::config::display_path(&exporter.cwd))
    })
}

/// Kills the command's group and returns what its pipes held. A command that
/// `exited` first gets `PIPE_GRACE` to let its pipes close by themselves.
fn stop(child: &mut Child, mut stdout: Pipe, mut stderr: Pipe, exited: bool) -> (Captured, Captured) {
    if exited {
        let until = Instant::now() + PIPE_GRACE;
        stdout.wait_closed(until);
        stderr.wait_closed(until);
    }
    group::kill(child);
    let _ = child.wait();
    let until = Instant::now() + PIPE_GRACE;
    (stdout.finish(until), stderr.finish(until))
}

/// Waits until the command exits, runs out of time or prints too much.
fn wait(child: &mut Child, stdout: &Pipe, timeout: Duration, interrupts: &group::Interrupts) -> std::io::Result<End> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(sig) = interrupts.caught() {
            return Ok(End::Interrupted(sig));
        }
        if let Some(status) = child.try_wait()? {
            return Ok(End::Exited(status));
        }
        if stdout.overflowed() {
            return Ok(End::TooLarge);
        }
        if Instant::now() >= deadline {
            return Ok(End::TimedOut);
        }
        std::thread::sleep(POLL);
    }
}

fn timed_out(timeout: Duration) -> String {
    format!("the IR source command timed out after {}s and was killed", timeout.as_secs_f64())
}

fn too_large() -> String {
    format!(
        "the IR source command printed more than {} on stdout, the largest IR accepted, and was killed",
        size_limit()
    )
}

/// The command as a user could paste it into a POSIX shell.
pub fn show_command(argv: &[String]) -> String {
    let quote = |a: &String| {
        let plain = !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
        if plain { a.clone() } else { format!("'{}'", a.replace('\'', r"'\''")) }
    };
    argv.iter().map(quote).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_are_shown_quoted() {
        let argv: Vec<String> = ["sh", "-c", "echo 'hi' >&2", "a=b"].map(String::from).into();
        assert_eq!(show_command(&argv), r#"sh -c 'echo '\''hi'\'' >&2' a=b"#);
    }
}
