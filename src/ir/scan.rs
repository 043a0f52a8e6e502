//! A pre-scan of the raw text that rejects what the `kdl` crate cannot parse
//! safely, before it sees the text.
//!
//! kdl 6.7's parser recurses per nesting level, per nested block comment,
//! per chained slashdash and per error inside one node, and overflows a
//! thread's stack long before it runs out of input (a 2 MiB test thread dies
//! at about 65 nested `{`). An IR never nests deeper than two levels and
//! never uses type annotations, so this lexer — which knows just enough KDL
//! (strings, raw strings, comments) to find structure — rejects deep
//! nesting, stray `}`, `(` annotations, chained `/-` and oversized input
//! with a diagnostic, and the parse then runs on a large-stack thread for
//! whatever remains.

use super::ast::Span;
use crate::diag::Diagnostic;

/// Deepest `{` nesting accepted (the IR needs 2).
pub const MAX_DEPTH: usize = 16;
/// Largest accepted input, in bytes.
pub const MAX_SIZE: usize = 8 << 20;

/// Every structural problem found, or none; stops at the first it cannot
/// scan past.
pub fn scan(src: &str) -> Vec<Diagnostic> {
    if src.len() > MAX_SIZE {
        return vec![
            Diagnostic::error(
                "mizan::too-large",
                format!("the IR is {} bytes; the largest accepted is {MAX_SIZE} bytes", src.len()),
                Span::new(0, 0),
            )
            .help("an IR this large is almost certainly not a backend's output; check the exporter command"),
        ];
    }
    let mut s = Scanner { src: src.as_bytes(), pos: 0, opens: Vec::new(), diags: Vec::new() };
    s.run();
    s.diags
}

struct Scanner<'a> {
    src: &'a [u8],
    pos: usize,
    /// Offsets of the `{` still open.
    opens: Vec<usize>,
    diags: Vec<Diagnostic>,
}

impl Scanner<'_> {
    fn run(&mut self) {
        while self.pos < self.src.len() && self.diags.is_empty() {
            let rest = &self.src[self.pos..];
            match rest[0] {
                b'"' => self.string(0),
                b'#' => self.hash(),
                b'/' if rest.starts_with(b"//") => self.line_comment(),
                b'/' if rest.starts_with(b"/*") => self.block_comment(),
                b'/' if rest.starts_with(b"/-") => self.slashdash(),
                b'{' => self.open(),
                b'}' => self.close(),
                b'(' => self.annotation(),
                _ => self.pos += 1,
            }
        }
    }

    fn error(&mut self, code: &'static str, message: &str, span: Span, label: &str, help: &str) {
        self.diags.push(Diagnostic::error(code, message, span).label(label).help(help));
    }

    fn open(&mut self) {
        self.opens.push(self.pos);
        if self.opens.len() > MAX_DEPTH {
            let msg = format!("children blocks nest more than {MAX_DEPTH} deep");
            let help = "an IR declaration has one level of children (`type T { field ... }`); nothing nests deeper";
            self.error("mizan::too-deep", &msg, Span::new(self.pos, 1), "too deep", help);
        }
        self.pos += 1;
    }

    fn close(&mut self) {
        if self.opens.pop().is_none() {
            let help = "remove it, or add the `{` it was meant to close";
            self.error(super::parse::SYNTAX_CODE, "unmatched `}`", Span::new(self.pos, 1), "nothing to close", help);
        }
        self.pos += 1;
    }

    fn annotation(&mut self) {
        let help = "the IR uses no KDL type annotations: remove `(...)`";
        self.error(
            "mizan::type-annotation",
            "KDL type annotations are not part of the IR",
            Span::new(self.pos, 1),
            "annotation starts here",
            help,
        );
    }

    fn slashdash(&mut self) {
        let start = self.pos;
        self.pos += 2;
        self.skip_blank();
        if self.src[self.pos..].starts_with(b"/-") {
            let help = "one `/-` comments out the whole node, argument or block that follows";
            self.error(
                super::parse::SYNTAX_CODE,
                "a slashdash cannot comment out another slashdash",
                Span::new(start, self.pos + 2 - start),
                "chained `/-`",
                help,
            );
        }
    }

    fn skip_blank(&mut self) {
        while self.pos < self.src.len() && matches!(self.src[self.pos], b' ' | b'\t' | b'\r' | b'\n') {
            self.pos += 1;
        }
    }

    fn line_comment(&mut self) {
        while self.pos < self.src.len() && self.src[self.pos] != b'\n' {
            self.pos += 1;
        }
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        let mut depth = 0usize;
        while self.pos < self.src.len() {
            let rest = &self.src[self.pos..];
            if rest.starts_with(b"/*") {
                depth += 1;
                if depth > MAX_DEPTH {
                    let msg = format!("block comments nest more than {MAX_DEPTH} deep");
                    self.error(
                        "mizan::too-deep",
                        &msg,
                        Span::new(self.pos, 2),
                        "too deep",
                        "close the comments sooner",
                    );
                    return;
                }
                self.pos += 2;
            } else if rest.starts_with(b"*/") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.pos += 1;
            }
        }
        // Unterminated: kdl reports it; make sure nothing after is scanned.
        let _ = start;
    }

    /// `#` starts a raw string (`#"..."#`, `##"""..."""##`) or a keyword.
    fn hash(&mut self) {
        let hashes = self.src[self.pos..].iter().take_while(|&&b| b == b'#').count();
        if self.src.get(self.pos + hashes) == Some(&b'"') {
            self.pos += hashes;
            self.string(hashes);
        } else {
            self.pos += hashes;
        }
    }

    /// A quoted string at `pos` (on its first `"`), with `hashes` `#` before
    /// it (raw, no escapes). Handles `"""` multi-line strings.
    fn string(&mut self, hashes: usize) {
        let triple = self.src[self.pos..].starts_with(b"\"\"\"");
        let quotes = if triple { 3 } else { 1 };
        self.pos += quotes;
        while self.pos < self.src.len() {
            let b = self.src[self.pos];
            if b == b'\\' && hashes == 0 {
                self.pos += 2;
            } else if b == b'"' && self.closes(quotes, hashes) {
                self.pos += quotes + hashes;
                return;
            } else {
                self.pos += 1;
            }
        }
    }

    fn closes(&self, quotes: usize, hashes: usize) -> bool {
        let rest = &self.src[self.pos..];
        rest.len() >= quotes + hashes
            && rest[..quotes].iter().all(|&b| b == b'"')
            && rest[quotes..quotes + hashes].iter().all(|&b| b == b'#')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(src: &str) -> Vec<&'static str> {
        scan(src).iter().map(|d| d.code).collect()
    }

    #[test]
    fn accepts_braces_in_strings_and_comments() {
        assert!(codes("a \"}}}{{{\" b=#\"}\"\"#  // }\n/* } /* { */ */ c \"\"\"\n}\"\n\"\"\" {\n}").is_empty());
        assert!(codes("a \"\\\"}\" { b; }").is_empty());
    }

    #[test]
    fn rejects_what_kdl_cannot_survive() {
        assert_eq!(codes(&format!("a {}", "{ ".repeat(100_000))), ["mizan::too-deep"]);
        assert_eq!(codes(&format!("a {}", "/* ".repeat(100_000))), ["mizan::too-deep"]);
        assert_eq!(codes(&"}".repeat(100_000)), ["mizan::syntax"]);
        assert_eq!(codes(&"/- ".repeat(1000)), ["mizan::syntax"]);
        assert_eq!(codes(&format!("a {}x", "(t)".repeat(10_000))), ["mizan::type-annotation"]);
        assert_eq!(codes(&" ".repeat(MAX_SIZE + 1)), ["mizan::too-large"]);
    }
}
