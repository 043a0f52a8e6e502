//! Doc strings as `///` comments that cannot break out and cannot become
//! doctests.
//!
//! `///` is a line comment, so every line terminator of the doc string
//! starts a new `///` line (and a bare CR, which rustc rejects in doc
//! comments, never reaches the output). The text is Markdown to rustdoc:
//! a fenced or indented code block would be compiled by `cargo test` as a
//! doctest, so a doc that could contain one is wrapped whole in a `text`
//! fence longer than any backtick run inside it.
//!
//! Backends write Markdown the way GitHub renders it, which clippy's doc
//! lints refuse: tabs (`tabs_in_doc_comments`) are expanded to spaces at
//! tab stops of 4, and a list item's or block quote's lazy continuation
//! line (`doc_lazy_continuation`) is written the way CommonMark reads it
//! anyway, indented to the item's content or prefixed with `> `. Outside
//! code spans, rustdoc's own lints are met the same way: a bare URL is
//! written as an autolink (`bare_urls`), a `<` that would open or close an
//! HTML tag is escaped (`invalid_html_tags`), and so is a `[` around a
//! path-like word (`broken_intra_doc_links`: `[optional]` is not a link).

use crate::ir::ast::Literal;
use crate::model::{Constraints, Deprecated};
use std::borrow::Cow;
use std::fmt::Write;

/// No extra notes, for [`write_doc_comment`].
pub const NO_NOTES: &[&str] = &[];

/// Every line terminator a doc string may contain (`\r\n` counts as one).
const TERMINATORS: [char; 5] = ['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'];

/// Whether `c` is blanked: a control character other than tab.
fn is_blanked(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// Whether `s` may hold a line terminator, a tab or a blanked character (a
/// quick byte scan: most doc strings are plain ASCII).
fn may_need_work(s: &str) -> bool {
    // No early exit: a plain fold over the bytes compiles to vector code.
    s.bytes().fold(false, |found, b| found | !(0x20..0x7f).contains(&b))
}

/// The columns between tab stops when a tab is expanded.
const TAB: usize = 4;

/// Calls `f` with each line of a doc string: split on every line
/// terminator, control characters blanked, trailing whitespace removed.
fn for_each_line(doc: &str, mut f: impl FnMut(&str)) {
    if !may_need_work(doc) {
        return f(doc.trim_end());
    }
    let unified;
    let doc = if doc.contains('\r') {
        unified = doc.replace("\r\n", "\n");
        &unified
    } else {
        doc
    };
    doc.split(TERMINATORS).for_each(|l| f(&clean(l)));
}

/// One line with its control characters blanked, its tabs expanded to the
/// next tab stop and trailing whitespace removed.
fn clean(line: &str) -> Cow<'_, str> {
    if !line.contains(|c| is_blanked(c) || c == '\t') {
        return Cow::Borrowed(line.trim_end());
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut column = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                let n = TAB - column % TAB;
                out.extend(std::iter::repeat_n(' ', n));
                column += n;
            }
            c if is_blanked(c) => {
                out.push(' ');
                column += 1;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out.truncate(out.trim_end().len());
    Cow::Owned(out)
}

/// The lines of `text` joined by spaces: a note or code span on one line.
fn one_line(text: &str) -> Cow<'_, str> {
    if !may_need_work(text) {
        return Cow::Borrowed(text.trim_end());
    }
    if !text.contains(TERMINATORS) {
        return clean(text);
    }
    let (mut joined, mut first) = (String::with_capacity(text.len()), true);
    for_each_line(text, |l| {
        if !std::mem::take(&mut first) {
            joined.push(' ');
        }
        joined.push_str(l);
    });
    Cow::Owned(joined)
}

/// Whether rustdoc could read `line` as (the end of) a code block: fenced
/// or indented.
fn could_be_code(l: &str) -> bool {
    l.as_bytes().windows(3).any(|w| w == b"```")
        || l.trim_start().starts_with("~~~")
        || l.starts_with("    ")
        || l.starts_with('\t')
}

/// The longest run of backticks in `line`.
fn longest_backtick_run(line: &str) -> usize {
    line.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

/// Calls `f` with the lines of `text`, wrapped in a `text` fence when any
/// could start a code block.
fn safe_markdown(text: &str, mut f: impl FnMut(&str)) {
    if text.is_empty() {
        return;
    }
    let mut code = false;
    for_each_line(text, |l| code |= could_be_code(l));
    if !code {
        let mut lazy = Lazy::default();
        return for_each_line(text, |l| f(&inline(&lazy.explicit(l))));
    }
    let mut run = 0;
    for_each_line(text, |l| run = run.max(longest_backtick_run(l)));
    let fence = "`".repeat(run.max(2) + 1);
    f(&format!("{fence}text"));
    for_each_line(text, &mut f);
    f(&fence);
}

/// A Markdown line with what rustdoc would read as HTML, as an intra-doc
/// link or as a bare URL written as text: outside code spans, a `<` before
/// a letter, `/`, `!` or `?` that is not an autolink becomes `\<`, a `[`
/// around a path-like word that is not a link's label or reference becomes `\[`,
/// and a bare `http(s)://` URL becomes `<URL>`.
fn inline(line: &str) -> Cow<'_, str> {
    let bytes = line.as_bytes();
    if !bytes.iter().any(|&b| b == b'<' || b == b'[') && !line.contains("://") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    let (mut i, mut code) = (0, 0);
    while i < line.len() {
        let rest = &line[i..];
        let b = bytes[i];
        if b == b'`' {
            let run = rest.bytes().take_while(|&c| c == b'`').count();
            code = match code {
                0 if rest[run..].contains(&rest[..run]) => run,
                n if n == run => 0,
                n => n,
            };
            out.push_str(&rest[..run]);
            i += run;
            continue;
        }
        if code == 0 {
            if b == b'<' {
                if let Some(end) = autolink(rest) {
                    out.push_str(&rest[..end]);
                    i += end;
                    continue;
                }
                if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?')) {
                    out.push('\\');
                }
            } else if b == b'[' && !line[..i].ends_with(']') && path_like_brackets(rest) {
                out.push('\\');
            } else if (rest.starts_with("http://") || rest.starts_with("https://"))
                && !line[..i].ends_with(|c: char| c.is_alphanumeric() || matches!(c, '(' | '<' | '/'))
            {
                let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`')).unwrap_or(rest.len());
                let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"', '*', '_']);
                out.extend(["<", url, ">"]);
                i += url.len();
                continue;
            }
        }
        let c = rest.chars().next().map_or(1, char::len_utf8);
        out.push_str(&rest[..c]);
        i += c;
    }
    Cow::Owned(out)
}

/// The length of the CommonMark autolink `rest` starts with
/// (`<scheme:text>`), if it does.
fn autolink(rest: &str) -> Option<usize> {
    let end = rest.find('>')?;
    let inner = &rest[1..end];
    let (scheme, text) = inner.split_once(':')?;
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'));
    (scheme_ok && !text.contains(|c: char| c.is_whitespace() || c == '<')).then_some(end + 1)
}

/// Whether `rest` starts with `[word]` that rustdoc would try to resolve as
/// an intra-doc link: path characters (and backticks) only, not followed
/// by `(`, `[` or `:` (a Markdown link or reference). GitHub's `[!NOTE]`
/// is not one.
fn path_like_brackets(rest: &str) -> bool {
    let Some(end) = rest.find(']') else { return false };
    let inner = &rest[1..end];
    !inner.is_empty()
        && inner.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'`' | b'(' | b')'))
        && !rest[end + 1..].starts_with(['(', '[', ':'])
}

/// Where a line is in Markdown's container blocks, to write the lazy
/// continuation lines CommonMark allows explicitly.
#[derive(Default)]
struct Lazy {
    /// Inside a list item whose content starts at this column.
    item: Option<usize>,
    /// Inside a block quote.
    quote: bool,
}

impl Lazy {
    /// `line`, indented to the open list item's content or prefixed with
    /// `> ` inside a block quote when it continues that block's paragraph
    /// lazily. A blank line or a line starting a block of its own ends it.
    fn explicit<'l>(&mut self, line: &'l str) -> Cow<'l, str> {
        let rest = line.trim_start();
        let indent = line.len() - rest.len();
        if rest.is_empty() {
            *self = Lazy::default();
        } else if rest.starts_with('>') {
            *self = Lazy { item: None, quote: true };
        } else if let Some(content) = list_item(line) {
            *self = Lazy { item: Some(content), quote: false };
        } else if starts_block(rest) {
            *self = Lazy::default();
        } else if self.quote {
            return Cow::Owned(["> ", line].concat());
        } else if let Some(content) = self.item.filter(|&c| indent < c) {
            return Cow::Owned([&" ".repeat(content), rest].concat());
        }
        Cow::Borrowed(line)
    }
}

/// The column where a list item's content starts, if `line` opens one:
/// `-`, `*` or `+`, or up to nine digits and `.` or `)`, then 1 to 4 spaces.
fn list_item(line: &str) -> Option<usize> {
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match rest.as_bytes().get(digits) {
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    if spaces == 0 || after.trim().is_empty() {
        return None;
    }
    // Five or more spaces: the content is indented code, starting after one.
    Some(indent + marker + if spaces > 4 { 1 } else { spaces })
}

/// Whether a line (its indentation removed) starts a block that cannot be
/// a paragraph's continuation: a heading, a fence, HTML, a thematic break.
fn starts_block(rest: &str) -> bool {
    rest.starts_with('#')
        || rest.starts_with("```")
        || rest.starts_with("~~~")
        || rest.starts_with('<')
        || (rest.len() >= 3 && rest.bytes().all(|b| b == b'-' || b == b' ' || b == b'*' || b == b'_'))
}

#[cfg(test)]
/// A doc comment for `docs` plus extra Markdown lines (constraints, notes),
/// each line prefixed by `indent` spaces and `///`, ending in a newline; ""
/// when there is nothing to say.
pub fn doc_comment(docs: &crate::model::Docs, extra: &[String], indent: usize) -> String {
    let mut out = String::new();
    write_doc_comment(&mut out, docs.doc.as_deref(), extra, docs.deprecated.as_ref(), indent);
    out
}

/// A doc comment for Markdown the generator wrote itself (its intra-doc
/// links are meant, so nothing is escaped), appended to `out`.
pub fn write_generated_doc(out: &mut String, text: &str, indent: usize) {
    let mut lines = DocLines { out, indent, any: false, started: false, blanks: 0 };
    for_each_line(text, |l| lines.push(l));
}

/// A doc comment from its parts, appended to `out`: the doc string, the
/// notes (each its own paragraph) and the deprecation, if any.
pub fn write_doc_comment(
    out: &mut String,
    doc: Option<&str>,
    notes: &[impl AsRef<str>],
    deprecated: Option<&Deprecated>,
    indent: usize,
) {
    let doc = doc.unwrap_or("");
    if doc.is_empty() && notes.is_empty() && deprecated.is_none() {
        return;
    }
    // Room for the usual case: every piece on one line.
    let notes_len: usize = notes.iter().map(|n| n.as_ref().len()).sum();
    out.reserve(doc.len() + notes_len + (indent + 6) * (2 * notes.len() + 3));
    let mut lines = DocLines { out, indent, any: false, started: false, blanks: 0 };
    safe_markdown(doc, |l| lines.push(l));
    for note in notes {
        // The generator's own Markdown: its intra-doc links are meant.
        lines.paragraph(&one_line(note.as_ref()));
    }
    match deprecated.map(|d| d.reason.as_deref()) {
        Some(Some(reason)) => lines.paragraph(&format!("**Deprecated:** {}", inline(&one_line(reason)))),
        Some(None) => lines.paragraph("**Deprecated.**"),
        None => {}
    }
}

/// Writes `///` lines, leaving out the blank lines at the start and the
/// end.
struct DocLines<'o> {
    out: &'o mut String,
    indent: usize,
    /// A line was pushed, blank or not: a note needs a blank line first.
    any: bool,
    /// A non-blank line was written.
    started: bool,
    /// Blank lines pushed since, written only if a non-blank line follows.
    blanks: usize,
}

impl DocLines<'_> {
    fn push(&mut self, line: &str) {
        self.any = true;
        if line.is_empty() {
            self.blanks += usize::from(self.started);
            return;
        }
        for _ in 0..std::mem::take(&mut self.blanks) {
            self.write("");
        }
        self.started = true;
        self.write(line);
    }

    /// Adds `note` as its own paragraph.
    fn paragraph(&mut self, note: &str) {
        if self.any {
            self.push("");
        }
        self.push(note);
    }

    fn write(&mut self, line: &str) {
        push_spaces(self.out, self.indent);
        push_line(self.out, "///", line);
    }
}

/// Module docs (`//!` lines) for text that may come from the IR.
pub fn inner_doc(text: &str) -> String {
    let mut out = String::new();
    safe_markdown(text, |l| push_line(&mut out, "//!", l));
    out
}

fn push_spaces(out: &mut String, n: usize) {
    const SPACES: &str = "        ";
    let mut left = n;
    while left > 0 {
        let chunk = left.min(SPACES.len());
        out.push_str(&SPACES[..chunk]);
        left -= chunk;
    }
}

/// `prefix`, then a space and `line` unless it is empty, then a newline.
fn push_line(out: &mut String, prefix: &str, line: &str) {
    out.push_str(prefix);
    if !line.is_empty() {
        out.push(' ');
        out.push_str(line);
    }
    out.push('\n');
}

/// Markdown lines documenting a field's default and constraints.
pub fn constraint_notes(c: &Constraints, default: Option<&Literal>) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(d) = default {
        let mut note = String::with_capacity(32);
        note.extend(["Default: `", &inline_code(&literal(d)), "`."]);
        notes.push(note);
    }
    if !c.is_empty() {
        notes.push(constraints(c));
    }
    notes
}

/// `Constraints: a, b.` for constraints that are not all empty.
fn constraints(c: &Constraints) -> String {
    let mut out = String::with_capacity(64);
    out.push_str("Constraints: ");
    let mut separator = "";
    let mut item = |label: &str, value: std::fmt::Arguments<'_>| {
        out.extend([separator, label]);
        // Writing to a String cannot fail.
        let _ = out.write_fmt(value);
        separator = ", ";
    };
    if let Some(f) = c.format {
        item("format `", format_args!("{}`", f.as_str()));
    }
    if let Some(n) = c.min_length {
        item("min length ", format_args!("{n}"));
    }
    if let Some(n) = c.max_length {
        item("max length ", format_args!("{n}"));
    }
    if let Some(n) = c.min {
        item("min ", format_args!("{n}"));
    }
    if let Some(n) = c.max {
        item("max ", format_args!("{n}"));
    }
    if let Some(p) = &c.pattern {
        item("pattern `", format_args!("{}`", inline_code(p)));
    }
    out.push('.');
    out
}

/// Text safe inside a single-backtick code span on one line.
fn inline_code(s: &str) -> Cow<'_, str> {
    match one_line(s) {
        line if line.contains('`') => Cow::Owned(line.replace('`', "'")),
        line => line,
    }
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => format!("{s:?}"),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f:?}"),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deprecated;
    use crate::model::Docs;

    fn doc(s: &str) -> Docs {
        Docs { doc: Some(s.to_owned()), deprecated: None }
    }

    #[test]
    fn every_line_is_a_doc_line() {
        let out = doc_comment(&doc("one\r\ntwo\rthree\u{2028}four\n\nfive */ \u{0}"), &[], 4);
        assert_eq!(out, "    /// one\n    /// two\n    /// three\n    /// four\n    ///\n    /// five */\n");
        assert!(out.lines().all(|l| l.starts_with("    ///")));
    }

    #[test]
    fn code_cannot_become_a_doctest() {
        let out = doc_comment(&doc("run\n```\nfn main() { panic!() }\n````\nend"), &[], 0);
        assert!(out.starts_with("/// `````text\n"), "{out}");
        assert!(out.ends_with("/// `````\n"), "{out}");
        let indented = doc_comment(&doc("text\n\n    panic!()"), &[], 0);
        assert!(indented.starts_with("/// ```text\n"), "{indented}");
        assert_eq!(doc_comment(&doc("plain `code`"), &[], 0), "/// plain `code`\n");
    }

    #[test]
    fn tabs_are_expanded_to_tab_stops() {
        let out = doc_comment(&doc("a\tb\n\tc\tdone\t"), &[], 0);
        assert_eq!(out, "/// ```text\n/// a   b\n///     c   done\n/// ```\n");
        assert_eq!(doc_comment(&doc("ab\tc"), &[], 0), "/// ab  c\n");
    }

    #[test]
    fn lazy_continuations_are_written_out() {
        let text = "Fields:\n- one\nlazy\n  * nested\nlazier\n\nafter\n10. ten\nlazy\n# Heading\n> [!NOTE]\n> quoted\nlazy\n\nplain";
        let expected = [
            "/// Fields:",
            "/// - one",
            "///   lazy",
            "///   * nested",
            "///     lazier",
            "///",
            "/// after",
            "/// 10. ten",
            "///     lazy",
            "/// # Heading",
            "/// > [!NOTE]",
            "/// > quoted",
            "/// > lazy",
            "///",
            "/// plain",
        ];
        assert_eq!(doc_comment(&doc(text), &[], 0), expected.map(|l| l.to_owned() + "\n").concat());
        assert_eq!(list_item("-nope"), None);
        assert_eq!(list_item("1234567890. no"), None);
        assert_eq!(list_item("2)  two"), Some(4));
        assert_eq!(list_item("-      code"), Some(2));
        assert_eq!(list_item("- "), None);
    }

    #[test]
    fn rustdoc_reads_html_links_and_urls_as_text() {
        let cases = [
            ("<!-- html --> and </script>", "\\<!-- html --> and \\</script>"),
            ("a <b> c", "a \\<b> c"),
            (
                "1 < 2 and <https://x.example/a> and <mailto:a@b.example>",
                "1 < 2 and <https://x.example/a> and <mailto:a@b.example>",
            ),
            ("see https://docs.github.com/rest.", "see <https://docs.github.com/rest>."),
            ("(https://a.example/b)", "(https://a.example/b)"),
            ("[docs](https://a.example) [ref][1] [x]: y", "[docs](https://a.example) [ref][1] [x]: y"),
            ("[optional] and [`Vec`] and [a b]", "\\[optional] and \\[`Vec`] and [a b]"),
            ("`<T>` and `[x]` and ``a ` <b>``", "`<T>` and `[x]` and ``a ` <b>``"),
            ("> [!NOTE]", "> [!NOTE]"),
            ("plain", "plain"),
        ];
        for (line, expected) in cases {
            assert_eq!(inline(line), expected, "{line:?}");
        }
    }

    #[test]
    fn inner_docs() {
        assert_eq!(inner_doc("A `shop`\nclient"), "//! A `shop`\n//! client\n");
        assert!(inner_doc("```\nx").starts_with("//! ````text\n"));
    }

    #[test]
    fn notes_and_deprecation() {
        let docs =
            Docs { doc: Some("Name".into()), deprecated: Some(Deprecated { reason: Some("use\nother".into()) }) };
        let out = doc_comment(&docs, &["Default: `1`.".into()], 0);
        assert_eq!(out, "/// Name\n///\n/// Default: `1`.\n///\n/// **Deprecated:** use other\n");
        assert_eq!(doc_comment(&Docs::default(), &[], 0), "");
        assert_eq!(doc_comment(&doc("\n\n"), &[], 0), "");
    }

    #[test]
    fn layout_table() {
        let docs = |doc: Option<&str>, deprecated: Option<Option<&str>>| Docs {
            doc: doc.map(str::to_owned),
            deprecated: deprecated.map(|reason| Deprecated { reason: reason.map(str::to_owned) }),
        };
        let cases = [
            // (docs, notes, indent, doc comment)
            (
                docs(Some("a\r\nb\u{2028}c\0d \u{9f}\u{85}e\u{2029}f\rg"), None),
                &[][..],
                4,
                "    /// a\n    /// b\n    /// c d\n    /// e\n    /// f\n    /// g\n",
            ),
            (docs(Some("~~~\ncode"), None), &[], 0, "/// ```text\n/// ~~~\n/// code\n/// ```\n"),
            (
                docs(Some("x ```` y\n    indented"), None),
                &[],
                0,
                "/// `````text\n/// x ```` y\n///     indented\n/// `````\n",
            ),
            (docs(Some("\tstarts with a tab"), None), &[], 0, "/// ```text\n///     starts with a tab\n/// ```\n"),
            (
                docs(None, Some(Some("line\r\nbreak"))),
                &["note\nsplit \0".to_owned()],
                0,
                "/// note split\n///\n/// **Deprecated:** line break\n",
            ),
            (docs(Some(""), Some(None)), &[], 2, "  /// **Deprecated.**\n"),
            (docs(Some("\n\nmiddle\n\n"), None), &["x".to_owned()], 0, "/// middle\n///\n///\n///\n/// x\n"),
            (docs(Some("  \u{85} "), None), &[], 0, ""),
        ];
        for (docs, notes, indent, expected) in cases {
            assert_eq!(doc_comment(&docs, notes, indent), expected, "{:?}", docs.doc);
        }
        assert_eq!(inline_code("a`b\nc\0"), "a'b c");
        assert_eq!(inline_code("x\r\ny  "), "x y");
    }

    #[test]
    fn constraints_are_documented() {
        let c = Constraints { max_length: Some(3), pattern: Some("^`a`$".into()), ..Constraints::default() };
        let notes = constraint_notes(&c, Some(&Literal::String("x".into())));
        assert_eq!(notes, ["Default: `\"x\"`.", "Constraints: max length 3, pattern `^'a'$`."]);
    }
}
