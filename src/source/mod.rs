//! Obtaining the IR text: a file, stdin, or a backend's exporter command.
//!
//! Every source is read up to `ir::scan::MAX_SIZE` bytes and no further, so
//! an endless or huge source (`/dev/zero`, a runaway exporter) fails fast
//! with bounded memory instead of being read to the end. Exporters run as
//! described in `command`.

mod command;
mod group;
mod pipe;
mod stderr;

use crate::ir::scan::MAX_SIZE;
use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

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
            let bytes = std::fs::File::open(path)
                .and_then(read_bounded)
                .map_err(|e| format!("cannot read the IR file {name}: {e}"))?;
            Ok(Ir { text: text(bytes, &format!("the IR file {name}"))?, name })
        }
        Source::Stdin => {
            let bytes = read_bounded(std::io::stdin()).map_err(|e| format!("cannot read the IR from stdin: {e}"))?;
            Ok(Ir { text: text(bytes, "the IR read from stdin")?, name: "<stdin>".to_owned() })
        }
        Source::Command(exporter) => command::run(exporter),
    }
}

/// `reader` up to one byte past `MAX_SIZE`: enough for `text` to tell that
/// it is too large, without reading an endless source to its end.
fn read_bounded(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_SIZE as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The size limit in words, e.g. "8 MiB (8388608 bytes)".
fn size_limit() -> String {
    format!("{} MiB ({MAX_SIZE} bytes)", MAX_SIZE >> 20)
}

/// At most `MAX_SIZE` bytes, UTF-8 and not blank, or an error naming `what`.
fn text(bytes: Vec<u8>, what: &str) -> Result<String, String> {
    if bytes.len() > MAX_SIZE {
        return Err(format!("{what} is larger than {}, the largest IR accepted", size_limit()));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("{what} is not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))?;
    if text.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_must_be_utf8_and_not_blank() {
        assert!(text(vec![b'a', 0xff], "x").unwrap_err().contains("offset 1"));
        assert_eq!(text(b" \n".to_vec(), "x").unwrap_err(), "x is empty");
    }

    #[test]
    fn endless_readers_are_cut_off_past_the_size_limit() {
        let bytes = read_bounded(std::io::repeat(b'x')).unwrap();
        assert_eq!(bytes.len(), MAX_SIZE + 1);
        let error = text(bytes, "the IR file f").unwrap_err();
        assert_eq!(error, "the IR file f is larger than 8 MiB (8388608 bytes), the largest IR accepted");
        assert!(text(vec![b'x'; MAX_SIZE], "f").is_ok());
    }
}
