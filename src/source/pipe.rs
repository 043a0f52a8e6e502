//! Draining the source command's stdout and stderr, within bounds.
//!
//! Each pipe is read on its own thread, so neither can fill up and block the
//! command. Stdout keeps its first bytes up to a limit and then stops reading
//! (the caller kills the command); stderr keeps only its last bytes, for the
//! error message. Memory stays bounded however much the command prints.

use std::io::Read;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// What a pipe keeps of its bytes.
#[derive(Clone, Copy)]
pub enum Keep {
    /// The first bytes; reading stops once more than this many arrived.
    Head(usize),
    /// The last this many bytes.
    Tail(usize),
}

/// What was read from a pipe.
#[derive(Debug, Default)]
pub struct Captured {
    pub bytes: Vec<u8>,
    /// `Keep::Head`: more bytes arrived than the limit (one more is kept).
    pub overflowed: bool,
    /// `Keep::Tail`: earlier bytes were dropped, and the first kept line
    /// started before them.
    pub starts_mid_line: bool,
    /// Newlines written in all, kept or not.
    newlines: usize,
}

/// A pipe drained on its own thread.
pub struct Pipe {
    shared: Arc<Mutex<Captured>>,
    done: mpsc::Receiver<()>,
    closed: bool,
    keep: Keep,
}

impl Pipe {
    pub fn spawn(pipe: Option<impl Read + Send + 'static>, keep: Keep) -> Pipe {
        let shared = Arc::new(Mutex::new(Captured::default()));
        let (tx, done) = mpsc::channel();
        let buffer = Arc::clone(&shared);
        std::thread::spawn(move || {
            if let Some(pipe) = pipe {
                drain(pipe, keep, &buffer);
            }
            let _ = tx.send(());
        });
        Pipe { shared, done, closed: false, keep }
    }

    /// Whether stdout went past its limit (reading has stopped).
    pub fn overflowed(&self) -> bool {
        self.shared.lock().is_ok_and(|c| c.overflowed)
    }

    /// Waits until the pipe is closed or `until`; true if it closed.
    pub fn wait_closed(&mut self, until: Instant) -> bool {
        if !self.closed {
            self.closed = self.done.recv_timeout(until.saturating_duration_since(Instant::now())).is_ok();
        }
        self.closed
    }

    /// What was read once the pipe closed or `until` passed.
    pub fn finish(mut self, until: Instant) -> Captured {
        self.wait_closed(until);
        let mut captured = self.shared.lock().map(|mut c| std::mem::take(&mut *c)).unwrap_or_default();
        match self.keep {
            Keep::Tail(limit) if captured.bytes.len() > limit => captured.drop_front(captured.bytes.len() - limit),
            _ => {}
        }
        captured
    }
}

fn drain(mut pipe: impl Read, keep: Keep, shared: &Mutex<Captured>) {
    let mut chunk = [0u8; 8192];
    while let Ok(n @ 1..) = pipe.read(&mut chunk) {
        let Ok(mut captured) = shared.lock() else { return };
        captured.push(&chunk[..n], keep);
        if captured.overflowed {
            return;
        }
    }
}

impl Captured {
    pub(super) fn push(&mut self, chunk: &[u8], keep: Keep) {
        self.newlines += chunk.iter().filter(|&&b| b == b'\n').count();
        match keep {
            Keep::Head(limit) => {
                let room = (limit + 1).saturating_sub(self.bytes.len());
                self.bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
                self.overflowed = self.bytes.len() > limit;
            }
            Keep::Tail(limit) => {
                self.bytes.extend_from_slice(chunk);
                // Trim in batches so the copy is paid once per `limit` bytes.
                if self.bytes.len() > 2 * limit {
                    self.drop_front(self.bytes.len() - limit);
                }
            }
        }
    }

    /// Lines written in all, counted as `str::lines` would.
    pub fn lines(&self) -> usize {
        self.newlines + usize::from(self.bytes.last().is_some_and(|&b| b != b'\n'))
    }

    fn drop_front(&mut self, n: usize) {
        self.starts_mid_line = self.bytes[n - 1] != b'\n';
        self.bytes.drain(..n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_stops_one_byte_past_its_limit() {
        let mut c = Captured::default();
        c.push(b"abc", Keep::Head(4));
        assert!(!c.overflowed);
        c.push(b"defg", Keep::Head(4));
        assert_eq!((&c.bytes[..], c.overflowed), (&b"abcde"[..], true));
    }

    #[test]
    fn a_tail_keeps_the_last_bytes_and_counts_every_line() {
        let text: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        let mut pipe = Pipe::spawn(Some(std::io::Cursor::new(text.into_bytes())), Keep::Tail(100));
        assert!(pipe.wait_closed(Instant::now() + std::time::Duration::from_secs(5)));
        let c = pipe.finish(Instant::now());
        assert_eq!((c.bytes.len(), c.lines()), (100, 1000));
        assert!(c.bytes.ends_with(b"line 999\n"));
        let mut open = Captured::default();
        open.push(b"a\nb", Keep::Tail(100));
        open.push(b"c", Keep::Tail(100));
        assert_eq!(open.lines(), 2);
    }
}
