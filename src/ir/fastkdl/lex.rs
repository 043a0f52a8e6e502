//! The fast path's tokens: blanks, line comments, quoted and bare strings,
//! numbers and keywords. Each returns `None` for anything outside the subset
//! `fastkdl` handles, which hands the document over to the kdl crate.

use super::Parser;
use kdl::KdlValue;

/// The most digits in one run: well within i128 (kdl parses every run of a
/// number as an i128 and fails on overflow).
const MAX_DIGITS: usize = 30;

/// Bytes of a bare identifier after its first (KDL's identifier-char,
/// restricted to printable ASCII).
fn is_ident_byte(b: u8) -> bool {
    (0x21..=0x7E).contains(&b) && !b"\\/(){}[];\"#=".contains(&b)
}

/// A non-ASCII character that may appear as itself in a string or a
/// comment: not a KDL newline and not a disallowed code point.
fn is_plain(c: char) -> bool {
    !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

impl Parser<'_> {
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

    /// A single-line `"..."` string with the simple escapes.
    pub(super) fn quoted(&mut self) -> Option<String> {
        self.pos += 1;
        let mut run = self.pos;
        let mut out = String::new();
        loop {
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
    pub(super) fn bare(&mut self) -> Option<String> {
        let start = self.pos;
        if !matches!(self.peek()?, b'a'..=b'z' | b'A'..=b'Z' | b'_') {
            return None;
        }
        while self.peek().is_some_and(is_ident_byte) {
            self.pos += 1;
        }
        let s = &self.src[start..self.pos];
        (!matches!(s, "true" | "false" | "null" | "inf" | "nan")).then(|| s.to_owned())
    }

    /// `#true`, `#false`, `#null`.
    pub(super) fn keyword(&mut self) -> Option<KdlValue> {
        let rest = &self.b[self.pos..];
        let (value, len) = if rest.starts_with(b"#true") {
            (KdlValue::Bool(true), 5)
        } else if rest.starts_with(b"#false") {
            (KdlValue::Bool(false), 6)
        } else if rest.starts_with(b"#null") {
            (KdlValue::Null, 5)
        } else {
            return None;
        };
        self.pos += len;
        Some(value)
    }

    /// A decimal integer or float: `-?D+(.D+)?([eE][+-]?D+)?`.
    pub(super) fn number(&mut self) -> Option<KdlValue> {
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
        if float { text.parse().ok().map(KdlValue::Float) } else { text.parse().ok().map(KdlValue::Integer) }
    }

    fn digits(&mut self) -> Option<()> {
        let n = self.b[self.pos..].iter().take_while(|b| b.is_ascii_digit()).count();
        self.pos += n;
        (n > 0 && n <= MAX_DIGITS && self.peek() != Some(b'_')).then_some(())
    }
}
