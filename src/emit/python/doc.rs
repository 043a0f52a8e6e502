//! Docstrings: IR docs rendered as Python `"""` strings that cannot break
//! out (backslashes, quote runs, control characters and every line
//! terminator are neutralised) and that `ruff format` leaves as they are
//! (first line stripped, continuation lines dedented, no tabs, no trailing
//! whitespace, no quote touching the closing `"""`).

use crate::model::Docs;
use std::borrow::Cow;
use std::fmt::Write;

/// The lines of a doc: split on every line terminator, tabs expanded,
/// trailing whitespace removed, blank lines at both ends dropped, and the
/// common indentation of the lines after the first removed (as ruff does).
/// `newlines_only`: what [`newlines_only`] says of `text`.
fn lines(text: &str, newlines_only: bool) -> Vec<Cow<'_, str>> {
    let mut lines: Vec<Cow<str>> = Vec::with_capacity(8);
    let mut rest = text;
    loop {
        let (line, next) = match find_break(rest, newlines_only) {
            Some((i, len)) => (&rest[..i], Some(&rest[i + len..])),
            None => (rest, None),
        };
        // Expanding tabs and trimming commute: a tab is whitespace.
        let line = line.trim_end();
        lines.push(expand_tabs(line));
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    let first = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    lines.truncate(last.max(first));
    lines.drain(..first);
    if let Some(first) = lines.first_mut() {
        trim_cow(first, |l| l.trim_start());
    }
    let common =
        lines.iter().skip(1).filter(|l| !l.is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    for l in lines.iter_mut().skip(1) {
        if !l.is_empty() {
            trim_cow(l, |l| &l[common..]);
        }
    }
    lines
}

/// Tabs as four spaces.
fn expand_tabs(line: &str) -> Cow<'_, str> {
    if line.contains('\t') { Cow::Owned(line.replace('\t', "    ")) } else { Cow::Borrowed(line) }
}

/// The first line break of `text`, as (offset, length): `\n`, `\r\n`,
/// `\r`, vertical tab, form feed, NEL, or the line and paragraph
/// separators.
/// `newlines_only`: the text has no other break (see [`newlines_only`]).
fn find_break(text: &str, newlines_only: bool) -> Option<(usize, usize)> {
    if newlines_only {
        return text.find('\n').map(|i| (i, 1));
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = bytes[from..].iter().position(|b| matches!(b, b'\n' | b'\r' | 0x0b | 0x0c | 0xc2 | 0xe2)) {
        let at = from + k;
        let len = match bytes[at..] {
            [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r' | 0x0b | 0x0c, ..] => 1,
            [0xc2, 0x85, ..] => 2,
            [0xe2, 0x80, 0xa8 | 0xa9, ..] => 3,
            _ => {
                from = at + 1;
                continue;
            }
        };
        return Some((at, len));
    }
    None
}

/// Whether `\n` is the only line break `text` may hold, as in nearly
/// every doc (then memchr finds the breaks).
fn newlines_only(text: &str) -> bool {
    // Counting (not stopping at the first) lets the compiler vectorize.
    text.bytes().filter(|b| matches!(b, b'\r' | 0x0b | 0x0c | 0xc2 | 0xe2)).count() == 0
}

/// Replaces `cow` by a sub-slice of itself, borrowing when it borrowed.
fn trim_cow<'t>(cow: &mut Cow<'t, str>, slice: impl Fn(&str) -> &str) {
    match cow {
        Cow::Borrowed(s) => *s = slice(s),
        Cow::Owned(s) => *s = slice(s).to_owned(),
    }
}

/// Appends one line escaped for the inside of a `"""` string:
/// backslashes, every third quote of a run, and control characters.
fn escape(out: &mut String, line: &str, last: bool) {
    // Counting (not stopping at the first) lets the compiler vectorize.
    if line.bytes().filter(|&b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\').count() == 0 {
        return out.push_str(line);
    }
    // A quote run at the very end would merge with the closing `"""`.
    let trailing = if last { line.trim_end_matches('"').len() } else { line.len() };
    let mut run = 0;
    for (i, c) in line.char_indices() {
        match c {
            '"' => {
                run += 1;
                if run == 3 || i >= trailing {
                    out.push_str("\\\"");
                    run = 0;
                } else {
                    out.push('"');
                }
                continue;
            }
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            '\u{feff}' => out.push_str("\\ufeff"),
            c => out.push(c),
        }
        run = 0;
    }
}

/// A docstring statement at `indent` levels (4 spaces each), with its own
/// indentation and a final newline; "" when there is nothing to say.
pub fn py_doc(text: &str, indent: usize) -> String {
    let mut out = String::with_capacity(text.len() + 8 + 4 * indent);
    if write_doc(&mut out, text, indent) {
        out.push('\n');
    }
    out
}

/// Appends [`py_doc`]`(text, indent)` without its final newline; false
/// when there is nothing to say (and nothing was written).
pub fn write_doc(out: &mut String, text: &str, indent: usize) -> bool {
    let (one, many);
    let newlines_only = newlines_only(text);
    let lines: &[Cow<str>] = if find_break(text, newlines_only).is_none() {
        // Most docs are one line: no list of lines to build.
        one = [expand_tabs(text.trim())];
        if one[0].is_empty() { &[] } else { &one }
    } else {
        many = lines(text, newlines_only);
        &many
    };
    let Some((first, rest)) = lines.split_first() else { return false };
    push_pad(out, indent);
    out.push_str("\"\"\"");
    escape(out, first, rest.is_empty());
    if rest.is_empty() {
        out.push_str("\"\"\"");
        return true;
    }
    out.push('\n');
    for l in rest {
        if !l.is_empty() {
            push_pad(out, indent);
            escape(out, l, false);
        }
        out.push('\n');
    }
    push_pad(out, indent);
    out.push_str("\"\"\"");
    true
}

fn push_pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("    ");
    }
}

/// The text of a declaration's docs: `doc`, then extra paragraphs (notes
/// the generator adds), then the deprecation.
pub fn doc_text(docs: &Docs, extra: &[String]) -> String {
    let mut out = String::new();
    push_doc_text(&mut out, docs, extra);
    out
}

/// Appends [`doc_text`]`(docs, extra)` to `out`.
pub fn push_doc_text(out: &mut String, docs: &Docs, extra: &[impl AsRef<str>]) {
    if let Some(doc) = &docs.doc {
        out.push_str(doc);
    }
    push_rest(out, docs.doc.is_some(), extra, docs);
}

/// The paragraphs after the first: `extra`, then the deprecation of
/// `docs`, each after a blank line unless nothing came before (`any`).
fn push_rest(out: &mut String, mut any: bool, extra: &[impl AsRef<str>], docs: &Docs) {
    for e in extra {
        separate(out, &mut any);
        out.push_str(e.as_ref());
    }
    if let Some(dep) = &docs.deprecated {
        separate(out, &mut any);
        match &dep.reason {
            Some(r) => {
                out.push_str("Deprecated: ");
                out.push_str(r);
            }
            None => out.push_str("Deprecated."),
        }
    }
}

/// A docstring's text written paragraph by paragraph, with a blank line
/// between two paragraphs.
pub struct Paragraphs<'t> {
    text: &'t mut String,
    any: bool,
}

impl<'t> Paragraphs<'t> {
    /// Starts on an empty `text`.
    pub fn new(text: &'t mut String) -> Paragraphs<'t> {
        text.clear();
        Paragraphs { text, any: false }
    }

    /// The next paragraph, to write into.
    pub fn next(&mut self) -> &mut String {
        separate(self.text, &mut self.any);
        self.text
    }

    /// A paragraph that `write` may leave empty, in which case there is none.
    pub fn optional(&mut self, write: impl FnOnce(&mut String)) {
        let mark = self.text.len();
        let any = self.any;
        separate(self.text, &mut self.any);
        let body = self.text.len();
        write(self.text);
        if self.text.len() == body {
            self.text.truncate(mark);
            self.any = any;
        }
    }

    /// The deprecation notice of `docs`, if any, as the last paragraph.
    pub fn deprecation(self, docs: &Docs) {
        push_rest(self.text, self.any, &[] as &[&str], docs);
    }
}

/// The blank line between paragraphs, once one has been written.
fn separate(out: &mut String, any: &mut bool) {
    if std::mem::replace(any, true) {
        out.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long() {
        assert_eq!(py_doc("Short", 1), "    \"\"\"Short\"\"\"\n");
        assert_eq!(py_doc("", 0), "");
        assert_eq!(py_doc("\n  \n", 0), "");
        assert_eq!(py_doc("  First\n\n      code\n    more", 0), "\"\"\"First\n\n  code\nmore\n\"\"\"\n");
    }

    /// Every line break, tabs, blank and indented lines, quote runs and
    /// control characters, at each indentation.
    #[test]
    fn layout_table() {
        let cases = [
            // (doc text, indent, docstring)
            (
                "one\r\ntwo\rthree\u{b}four\u{c}five\u{85}six\u{2028}seven\u{2029}eight",
                0,
                "\"\"\"one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n\"\"\"\n",
            ),
            (
                "  \n\n  Title  \n\n\tTabbed\n      deeper\n    base  \n\n\n",
                1,
                "    \"\"\"Title\n\n    Tabbed\n      deeper\n    base\n    \"\"\"\n",
            ),
            ("\"\"\"\"", 0, "\"\"\"\\\"\\\"\\\"\\\"\"\"\"\n"),
            ("x\"\"\"\"y\n\"\"", 0, "\"\"\"x\"\"\\\"\"y\n\"\"\n\"\"\"\n"),
            ("\u{7f}\u{feff}é\\ \u{1}", 2, "        \"\"\"\\x7f\\ufeffé\\\\ \\x01\"\"\"\n"),
            ("\u{85}\u{2028} \t", 0, ""),
            ("a\n\n\nb", 1, "    \"\"\"a\n\n\n    b\n    \"\"\"\n"),
        ];
        for (text, indent, expected) in cases {
            assert_eq!(py_doc(text, indent), expected, "{text:?}");
        }
    }

    #[test]
    fn cannot_break_out() {
        assert_eq!(py_doc("a \"\"\" b", 0), "\"\"\"a \"\"\\\" b\"\"\"\n");
        assert_eq!(py_doc("ends with \"", 0), "\"\"\"ends with \\\"\"\"\"\n");
        assert_eq!(py_doc("ends with \"\"", 0), "\"\"\"ends with \\\"\\\"\"\"\"\n");
        assert_eq!(py_doc("back\\slash\\", 0), "\"\"\"back\\\\slash\\\\\"\"\"\n");
        assert_eq!(py_doc("nul\u{0} cr\rnext\u{2028}sep", 0), "\"\"\"nul\\x00 cr\nnext\nsep\n\"\"\"\n");
        assert_eq!(py_doc("tab\there", 0), "\"\"\"tab    here\"\"\"\n");
        let hostile = "\"\"\"\"\"\"\"\n\"\"\"; import os\n\\";
        let out = py_doc(hostile, 0);
        assert_eq!(longest_unescaped_quote_run(&out[3..out.len() - 4]), 2, "{out}");
    }

    /// What Python's tokenizer sees: a run of 3 would close the string.
    fn longest_unescaped_quote_run(body: &str) -> usize {
        let (mut longest, mut run, mut escaped) = (0, 0, false);
        for c in body.chars() {
            if escaped {
                escaped = false;
                run = 0;
            } else if c == '\\' {
                escaped = true;
                run = 0;
            } else if c == '"' {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
        }
        longest
    }

    #[test]
    fn deprecation_joins_docs() {
        let docs = Docs {
            doc: Some("Old".into()),
            deprecated: Some(crate::model::Deprecated { reason: Some("use new".into()) }),
        };
        assert_eq!(doc_text(&docs, &["Note.".into()]), "Old\n\nNote.\n\nDeprecated: use new");
    }
}
