//! Obtaining the IR text: a file, stdin, or a backend's exporter command.
//!
//! Exporters run as a subprocess without a shell, with the configured folder,
//! environment and timeout. Their stdout and stderr are read on threads (so
//! neither pipe can fill up and block the child); on timeout the child is
//! killed. Every failure is a message naming the command, its status and the
//! tail of its stderr.

use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Lines of a failed command's stderr shown in the error.
const STDERR_TAIL: usize = 20;

/// How long to wait for a dead child's pipes to close (a grandchild may hold
/// them open) before going on with what was read.
const PIPE_GRACE: Duration = Duration::from_secs(2);

/// Where the IR comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(PathBuf),
    Stdin,
    Command(Exporter),
}

/// A program that prints the IR on stdout.
#[derive(Clone, Debug, PartialEq)]
pub struct Exporter {
    pub argv: Vec<String>,
    pub cwd: PathBuf,
    /// Added to (not replacing) the inherited environment.
    pub env: Vec<(String, String)>,
    pub timeout: Duration,
}

/// The IR text and the name diagnostics show for it.
#[derive(Clone, Debug)]
pub struct Ir {
    pub name: String,
    pub text: String,
}

/// Reads the IR; the error is a complete, multi-line message.
pub fn read(source: &Source) -> Result<Ir, String> {
    match source {
        Source::File(path) => {
            let name = crate::config::display_path(path);
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read the IR file {name}: {e}"))?;
            Ok(Ir { text: text(bytes, &format!("the IR file {name}"))?, name })
        }
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read the IR from stdin: {e}"))?;
            Ok(Ir { text: text(bytes, "the IR read from stdin")?, name: "<stdin>".to_owned() })
        }
        Source::Command(exporter) => run(exporter),
    }
}

/// UTF-8 and not blank, or an error naming `what`.
fn text(bytes: Vec<u8>, what: &str) -> Result<String, String> {
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("{what} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    Ok(text)
}

fn run(exporter: &Exporter) -> Result<Ir, String> {
    let shown = show_command(&exporter.argv);
    let (program, args) = exporter.argv.split_first().ok_or("the IR source command is empty")?;
    let mut child = Command::new(program)
        .args(args)
        .current_dir(&exporter.cwd)
        .envs(exporter.env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!("cannot run the IR source command `{shown}` in {}: {e}", crate::config::display_path(&exporter.cwd))
        })?;
    let stdout = Pipe::spawn(child.stdout.take());
    let stderr = Pipe::spawn(child.stderr.take());
    let deadline = Instant::now() + exporter.timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("cannot wait for the IR source command `{shown}`: {e}")),
        }
    };
    let (out, err) = (stdout.finish(), stderr.finish());
    let failure = |what: String| format!("{what}\n  command: {shown}\n{}", stderr_tail(&err));
    let Some(status) = status else {
        return Err(failure(format!(
            "the IR source command timed out after {}s and was killed",
            exporter.timeout.as_secs_f64()
        )));
    };
    if !status.success() {
        return Err(failure(format!("the IR source command failed ({status})")));
    }
    let text = text(out, "the output of the IR source command").map_err(failure)?;
    Ok(Ir { name: format!("<output of {}>", exporter.argv[0]), text })
}

/// A pipe drained on its own thread into a shared buffer.
struct Pipe {
    buffer: Arc<Mutex<Vec<u8>>>,
    done: mpsc::Receiver<()>,
}

impl Pipe {
    fn spawn(pipe: Option<impl Read + Send + 'static>) -> Pipe {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let (tx, done) = mpsc::channel();
        let shared = Arc::clone(&buffer);
        std::thread::spawn(move || {
            let mut chunk = [0u8; 8192];
            if let Some(mut pipe) = pipe {
                while let Ok(n @ 1..) = pipe.read(&mut chunk) {
                    if let Ok(mut buf) = shared.lock() {
                        buf.extend_from_slice(&chunk[..n]);
                    }
                }
            }
            let _ = tx.send(());
        });
        Pipe { buffer, done }
    }

    /// Everything read, once the pipe closed or the grace period ended.
    fn finish(self) -> Vec<u8> {
        let _ = self.done.recv_timeout(PIPE_GRACE);
        self.buffer.lock().map(|mut b| std::mem::take(&mut *b)).unwrap_or_default()
    }
}

fn stderr_tail(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = text.lines().collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return "  stderr: (empty)\n".to_owned();
    }
    let start = lines.len().saturating_sub(STDERR_TAIL);
    let mut out = if start > 0 {
        format!("  stderr (last {STDERR_TAIL} of {} lines):\n", lines.len())
    } else {
        "  stderr:\n".to_owned()
    };
    for line in &lines[start..] {
        out.push_str(&format!("  | {line}\n"));
    }
    out
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

    #[test]
    fn stderr_tail_keeps_the_last_lines() {
        let err: String = (1..=30).map(|i| format!("l{i}\n")).collect();
        let tail = stderr_tail(err.as_bytes());
        assert!(tail.starts_with("  stderr (last 20 of 30 lines):\n  | l11\n"), "{tail}");
        assert!(tail.ends_with("  | l30\n"));
        assert_eq!(stderr_tail(b"\n"), "  stderr: (empty)\n");
    }

    #[test]
    fn text_must_be_utf8_and_not_blank() {
        assert!(text(vec![b'a', 0xff], "x").unwrap_err().contains("offset 1"));
        assert_eq!(text(b" \n".to_vec(), "x").unwrap_err(), "x is empty");
    }
}
