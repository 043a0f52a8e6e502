//! Docs as JSDoc that cannot break out of its comment, and the JSDoc tags
//! that document constraints and defaults in every TypeScript target.

use super::layout::{WIDTH, pad};
use crate::ir::ast::Literal;
use crate::model::{Constraints, Docs};
use std::borrow::Cow;
use std::fmt::Write;

/// A JSDoc block at `indent` (ending in a newline), or "" when there is
/// nothing to say. One short line stays on one line, as people write it.
pub fn jsdoc<T: AsRef<str>>(docs: &Docs, extra_tags: &[T], indent: usize) -> String {
    let mut out = String::new();
    write(&mut out, docs, extra_tags, indent);
    out
}

/// [`jsdoc`] of `docs` alone.
pub fn doc_comment(docs: &Docs, indent: usize) -> String {
    jsdoc::<&str>(docs, &[], indent)
}

/// A JSDoc block with `doc` as its only text.
pub fn jsdoc_text(doc: &str, indent: usize) -> String {
    let mut out = String::new();
    write_lines(&mut out, doc_lines(doc).collect(), indent);
    out
}

/// Appends [`jsdoc`] to `out`.
pub fn write<T: AsRef<str>>(out: &mut String, docs: &Docs, extra_tags: &[T], indent: usize) {
    if docs.doc.is_none() && extra_tags.is_empty() && docs.deprecated.is_none() {
        return;
    }
    let mut lines: Vec<Cow<'_, str>> = docs.doc.as_deref().map_or_else(Vec::new, |d| doc_lines(d).collect());
    lines.extend(extra_tags.iter().flat_map(|t| doc_lines(t.as_ref())));
    if let Some(dep) = &docs.deprecated {
        match &dep.reason {
            Some(r) => lines.extend(doc_lines(&format!("@deprecated {r}")).map(|l| Cow::Owned(l.into_owned()))),
            None => lines.push(Cow::Borrowed("@deprecated")),
        }
    }
    write_lines(out, lines, indent);
}

fn write_lines(out: &mut String, mut lines: Vec<Cow<'_, str>>, indent: usize) {
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if lines.is_empty() {
        return;
    }
    if let [only] = lines.as_slice()
        && 2 * indent + 7 + only.chars().count() <= WIDTH
    {
        pad(out, indent);
        let _ = writeln!(out, "/** {only} */");
        return;
    }
    out.reserve(lines.iter().map(|l| l.len() + 2 * indent + 4).sum::<usize>() + 4 * indent + 8);
    pad(out, indent);
    out.push_str("/**\n");
    for l in lines {
        pad(out, indent);
        if l.is_empty() {
            out.push_str(" *\n");
        } else {
            out.push_str(" * ");
            out.push_str(&l);
            out.push('\n');
        }
    }
    pad(out, indent);
    out.push_str(" */\n");
}

/// The lines of a doc string, split on every line terminator JavaScript
/// knows (`\r\n` once), with trailing whitespace removed and `*/` defused.
fn doc_lines(doc: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let mut rest = Some(doc);
    std::iter::from_fn(move || {
        let text = rest?;
        let (line, next) = match text.find(['\n', '\r', '\u{2028}', '\u{2029}']) {
            Some(i) => {
                let c = text[i..].chars().next().unwrap_or('\n');
                let skip = if text[i..].starts_with("\r\n") { 2 } else { c.len_utf8() };
                (&text[..i], Some(&text[i + skip..]))
            }
            None => (text, None),
        };
        rest = next;
        let line = line.trim_end();
        Some(if line.contains("*/") { Cow::Owned(line.replace("*/", "*\\/")) } else { Cow::Borrowed(line) })
    })
}

/// JSDoc tags for constraints and defaults, so every target documents them.
pub fn constraint_tags(c: &Constraints, default: Option<&Literal>) -> Vec<String> {
    let mut tags = Vec::new();
    if let Some(d) = default {
        tags.push(format!("@default {}", super::literal(d)));
    }
    if let Some(f) = c.format {
        tags.push(format!("@format {}", f.as_str()));
    }
    if let Some(n) = c.min_length {
        tags.push(format!("@minLength {n}"));
    }
    if let Some(n) = c.max_length {
        tags.push(format!("@maxLength {n}"));
    }
    if let Some(n) = c.min {
        tags.push(format!("@minimum {n}"));
    }
    if let Some(n) = c.max {
        tags.push(format!("@maximum {n}"));
    }
    if let Some(p) = &c.pattern {
        tags.push(format!("@pattern {}", p.replace("*/", "*\\/")));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Deprecated;

    #[test]
    fn jsdoc_cannot_break_out() {
        let docs = Docs {
            doc: Some("ends */ here\nnext\u{2028}line ${x} `tick`".into()),
            deprecated: Some(Deprecated { reason: Some("no */".into()) }),
        };
        let out = jsdoc::<&str>(&docs, &[], 1);
        assert_eq!(out.matches("*/").count(), 1, "{out}");
        assert!(out.ends_with("   */\n"));
        assert!(out.contains("   * @deprecated no *\\/\n"));
        assert_eq!(jsdoc::<&str>(&Docs { doc: Some("Short".into()), deprecated: None }, &[], 0), "/** Short */\n");
        assert_eq!(jsdoc::<&str>(&Docs::default(), &[], 0), "");
    }

    #[test]
    fn lines_split_like_javascript() {
        let lines: Vec<_> = doc_lines("a \r\nb\r\rc\u{2029}d\n").collect();
        assert_eq!(lines, ["a", "b", "", "c", "d", ""]);
        let out = jsdoc_text("one\n\ntwo\n\n", 0);
        assert_eq!(out, "/**\n * one\n *\n * two\n */\n");
    }

    #[test]
    fn one_line_up_to_the_width() {
        let fits = "x".repeat(WIDTH - 7);
        assert_eq!(jsdoc_text(&fits, 0), format!("/** {fits} */\n"));
        let long = "x".repeat(WIDTH - 6);
        assert_eq!(jsdoc_text(&long, 0), format!("/**\n * {long}\n */\n"));
        assert_eq!(jsdoc_text(&"x".repeat(WIDTH - 9), 1).lines().count(), 1);
        assert_eq!(jsdoc_text(&"x".repeat(WIDTH - 8), 1).lines().count(), 3);
    }
}
