//! Doc strings as `///` comments that cannot break out and cannot become
//! doctests.
//!
//! `///` is a line comment, so every line terminator of the doc string
//! starts a new `///` line (and a bare CR, which rustc rejects in doc
//! comments, never reaches the output). The text is Markdown to rustdoc:
//! a fenced or indented code block would be compiled by `cargo test` as a
//! doctest, so a doc that could contain one is wrapped whole in a `text`
//! fence longer than any backtick run inside it.

use crate::ir::ast::Literal;
use crate::model::{Constraints, Docs};

/// The lines of a doc string: split on every line terminator, control
/// characters blanked, trailing whitespace removed.
fn lines(doc: &str) -> Vec<String> {
    doc.replace("\r\n", "\n")
        .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'])
        .map(|l| l.chars().map(|c| if c.is_control() && c != '\t' { ' ' } else { c }).collect::<String>())
        .map(|l| l.trim_end().to_owned())
        .collect()
}

/// Whether rustdoc could read any of `lines` as a code block (fenced or
/// indented) or as the end of one.
fn could_be_code(lines: &[String]) -> bool {
    lines.iter().any(|l| {
        let t = l.trim_start();
        l.contains("```") || t.starts_with("~~~") || l.starts_with("    ") || l.starts_with('\t')
    })
}

/// The longest run of backticks in `lines`.
fn longest_backtick_run(lines: &[String]) -> usize {
    lines.iter().flat_map(|l| l.split(|c| c != '`')).map(str::len).max().unwrap_or(0)
}

/// A doc comment for `docs` plus extra Markdown lines (constraints, notes),
/// each line prefixed by `indent` spaces and `///`, ending in a newline; ""
/// when there is nothing to say.
pub fn doc_comment(docs: &Docs, extra: &[String], indent: usize) -> String {
    let mut body = safe_markdown(docs.doc.as_deref().unwrap_or(""));
    // Each note is its own paragraph.
    let mut notes: Vec<String> = extra.iter().map(|e| lines(e).join(" ")).collect();
    if let Some(dep) = &docs.deprecated {
        notes.push(match &dep.reason {
            Some(r) => format!("**Deprecated:** {}", lines(r).join(" ")),
            None => "**Deprecated.**".to_owned(),
        });
    }
    for note in notes {
        if !body.is_empty() {
            body.push(String::new());
        }
        body.push(note);
    }
    while body.last().is_some_and(|l| l.is_empty()) {
        body.pop();
    }
    while body.first().is_some_and(|l| l.is_empty()) {
        body.remove(0);
    }
    prefixed(&body, &format!("{}///", " ".repeat(indent)))
}

/// Module docs (`//!` lines) for text that may come from the IR.
pub fn inner_doc(text: &str) -> String {
    prefixed(&safe_markdown(text), "//!")
}

/// The lines of `text`, wrapped in a `text` fence when any could start a
/// code block.
fn safe_markdown(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let mut body = lines(text);
    if could_be_code(&body) {
        let fence = "`".repeat(longest_backtick_run(&body).max(2) + 1);
        body.insert(0, format!("{fence}text"));
        body.push(fence);
    }
    body
}

fn prefixed(body: &[String], prefix: &str) -> String {
    body.iter().map(|l| if l.is_empty() { format!("{prefix}\n") } else { format!("{prefix} {l}\n") }).collect()
}

/// Markdown lines documenting a field's default and constraints.
pub fn constraint_notes(c: &Constraints, default: Option<&Literal>) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(d) = default {
        notes.push(format!("Default: `{}`.", inline_code(&literal(d))));
    }
    let mut items = Vec::new();
    if let Some(f) = c.format {
        items.push(format!("format `{}`", f.as_str()));
    }
    if let Some(n) = c.min_length {
        items.push(format!("min length {n}"));
    }
    if let Some(n) = c.max_length {
        items.push(format!("max length {n}"));
    }
    if let Some(n) = c.min {
        items.push(format!("min {n}"));
    }
    if let Some(n) = c.max {
        items.push(format!("max {n}"));
    }
    if let Some(p) = &c.pattern {
        items.push(format!("pattern `{}`", inline_code(p)));
    }
    if !items.is_empty() {
        notes.push(format!("Constraints: {}.", items.join(", ")));
    }
    notes
}

/// Text safe inside a single-backtick code span on one line.
fn inline_code(s: &str) -> String {
    lines(s).join(" ").replace('`', "'")
}

fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => format!("{s:?}"),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f}"),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deprecated;

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
    fn constraints_are_documented() {
        let c = Constraints { max_length: Some(3), pattern: Some("^`a`$".into()), ..Constraints::default() };
        let notes = constraint_notes(&c, Some(&Literal::String("x".into())));
        assert_eq!(notes, ["Default: `\"x\"`.", "Constraints: max length 3, pattern `^'a'$`."]);
    }
}
