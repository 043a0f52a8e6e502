//! The fast path's tokens: blanks, line comments, quoted and bare strings,
//! numbers and keywords. Each returns `None` for anything outside the subset
//! `fastkdl` handles, which hands the document over to the kdl crate.

use super::Parser;
use crate::ir::parse::tree::Value;
use std::borrow::Cow;

/// The most digits in one run: well within i128 (kdl parses every run of a
/// number as an i128 and fails on overflow).
const MAX_DIGITS: usize = 30;

/// Bytes of a bare identifier after its first (KDL's identifier-char,
/// restricted to printable ASCII).
fn is_ident_byte(b: u8) -> bool {
    matches!(b, 0x21..=0x7E)
        && !matches!(b, b'\\' | b'/' | b'(' | b')' | b'{' | b'}' | b'[' | b']' | b';' | b'"' | b'#' | b'=')
}

/// Printable ASCII or a tab, but not `"` or `\`: the bulk of a string body.
fn is_plain_ascii(b: u8) -> bool {
    (b == b'\t' || matches!(b, 0x20..=0x7E)) && b != b'"' && b != b'\\'
}

/// A non-ASCII character that may appear as itself in a string or a
/// comment: not a KDL newline and not a disallowed code point.
fn is_plain(c: char) -> bool {
    !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl<'s> Parser<'s> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    pub(super) fn at(&self, s: &[u8]) -> bool {
        self.b[self.pos..].starts_with(s)
    }

    pub(super) fn blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// Blanks, newlines and line comments.
    pub(super) fn line_space(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n') => self.pos += 1,
                Some(b'\r') if self.at(b"\r\n") => self.pos += 2,
                Some(b'/') if self.at(b"//") => self.line_comment()?,
                _ => return Some(()),
            }
        }
    }

    /// `//` up to and including the end of the line.
    pub(super) fn line_comment(&mut self) -> Option<()> {
        self.pos += 2;
        loop {
            match self.peek() {
                None => return Some(()),
                Some(b'\n') => {
                    self.pos += 1;
                    return Some(());
                }
                Some(b'\r') if self.at(b"\r\n") => {
                    self.pos += 2;
                    return Some(());
                }
                Some(_) => self.text_char()?,
            }
        }
    }

    /// Skips a run of `is_plain_ascii` bytes.
    fn plain_run(&mut self) {
        while self.peek().is_some_and(is_plain_ascii) {
            self.pos += 1;
        }
    }

    /// One character of a comment or string body other than `\n`, `"` and
    /// `\`: printable ASCII, a tab, or a plain non-ASCII character.
    fn text_char(&mut self) -> Option<()> {
        match self.b[self.pos] {
            b'\t' | 0x20..=0x7E => self.pos += 1,
            0x80.. => {
                let c = self.src[self.pos..].chars().next()?;
                if !is_plain(c) {
                    return None;
                }
                self.pos += c.len_utf8();
            }
            _ => return None,
        }
        Some(())
    }

    /// A single-line `"..."` string with the simple escapes; borrowed from
    /// the source unless it has escapes.
    pub(super) fn quoted(&mut self) -> Option<Cow<'s, str>> {
        self.pos += 1;
        let start = self.pos;
        loop {
            self.plain_run();
            match *self.b.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    return Some(Cow::Borrowed(&self.src[start..self.pos - 1]));
                }
                b'\\' => return self.escaped(start).map(Cow::Owned),
                _ => self.text_char()?,
            }
        }
    }

    /// The rest of a quoted string that started at `start` and has an
    /// escape at `pos`.
    fn escaped(&mut self, start: usize) -> Option<String> {
        let mut out = String::from(&self.src[start..self.pos]);
        let mut run = self.pos;
        loop {
            self.plain_run();
            match *self.b.get(self.pos)? {
                b'"' => {
                    out.push_str(&self.src[run..self.pos]);
                    self.pos += 1;
                    return Some(out);
                }
                b'\\' => {
                    out.push_str(&self.src[run..self.pos]);
                    out.push(self.escape()?);
                    run = self.pos;
                }
                _ => self.text_char()?,
            }
        }
    }

    /// `\` and one of `\ " b f n r t s` or `u{hex}`.
    fn escape(&mut self) -> Option<char> {
        self.pos += 2;
        Some(match *self.b.get(self.pos - 1)? {
            b'\\' => '\\',
            b'"' => '"',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b's' => ' ',
            b'u' if self.peek() == Some(b'{') => {
                let hex = self.b[self.pos + 1..].iter().take(6).take_while(|b| b.is_ascii_hexdigit()).count();
                let digits = &self.src[self.pos + 1..self.pos + 1 + hex];
                self.pos += 1 + hex;
                if hex == 0 || self.peek() != Some(b'}') {
                    return None;
                }
                self.pos += 1;
                char::from_u32(u32::from_str_radix(digits, 16).ok()?)?
            }
            _ => return None,
        })
    }

    /// A bare identifier starting with an ASCII letter or `_`.
    pub(super) fn bare(&mut self) -> Option<&'s str> {
        let start = self.pos;
        if !matches!(self.peek()?, b'a'..=b'z' | b'A'..=b'Z' | b'_') {
            return None;
        }
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        let s = &self.src[start..self.pos];
        (!matches!(s, "true" | "false" | "null" | "inf" | "nan")).then_some(s)
    }

    /// `#true`, `#false`, `#null`.
    pub(super) fn keyword(&mut self) -> Option<Value<'s>> {
        let rest = &self.b[self.pos..];
        let (value, len) = if rest.starts_with(b"#true") {
            (Value::Bool(true), 5)
        } else if rest.starts_with(b"#false") {
            (Value::Bool(false), 6)
        } else if rest.starts_with(b"#null") {
            (Value::Null, 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(value)
    }

    /// A decimal integer or float: `-?D+(.D+)?([eE][+-]?D+)?`.
    pub(super) fn number(&mut self) -> Option<Value<'s>> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        self.digits()?;
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits()?;
            float = true;
        }
        let text = &self.src[start..self.pos];
        if float { text.parse().ok().map(Value::Float) } else { text.parse().ok().map(Value::Integer) }
    }

    fn digits(&mut self) -> Option<()> {
        let n = self.b[self.pos..].iter().take_while(|b| b.is_ascii_digit()).count();
        self.pos += n;
        (n > 0 && n <= MAX_DIGITS && self.peek() != Some(b'_')).then_some(())
    }
}
