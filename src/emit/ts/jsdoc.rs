//! Docs as JSDoc that cannot break out of its comment, and the JSDoc tags
//! that document constraints and defaults in every TypeScript target.

use super::layout::{WIDTH, pad, width};
use crate::ir::ast::Literal;
use crate::model::{Constraints, Docs};
use std::borrow::Cow;

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
    write_lines(&mut out, || doc_lines(doc), indent);
    out
}

/// Appends [`jsdoc`] to `out`.
pub fn write<T: AsRef<str>>(out: &mut String, docs: &Docs, extra_tags: &[T], indent: usize) {
    if docs.doc.is_none() && extra_tags.is_empty() && docs.deprecated.is_none() {
        return;
    }
    let deprecated = docs.deprecated.as_ref().map(|d| match &d.reason {
        Some(r) => Cow::Owned(format!("@deprecated {r}")),
        None => Cow::Borrowed("@deprecated"),
    });
    let tags = extra_tags.iter().map(AsRef::as_ref);
    let texts = docs.doc.as_deref().into_iter().chain(tags).chain(deprecated.as_deref());
    write_lines(out, || texts.clone().flat_map(doc_lines), indent);
}

/// Writes the block of the lines `lines()` yields, without its trailing
/// empty lines. The first pass decides the form and keeps the first few
/// lines; only a longer doc is split a second time.
fn write_lines<'a, I: Iterator<Item = Cow<'a, str>>>(out: &mut String, lines: impl Fn() -> I, indent: usize) {
    const KEEP: usize = 4;
    let mut head: [Cow<'a, str>; KEEP] = Default::default();
    let (mut count, mut kept, mut len) = (0, 0, 0);
    for line in lines() {
        count += 1;
        if !line.is_empty() {
            kept = count;
        }
        len += line.len();
        if let Some(slot) = head.get_mut(count - 1) {
            *slot = line;
        }
    }
    if kept == 0 {
        return;
    }
    out.reserve(len + (kept + 2) * (2 * indent + 4));
    pad(out, indent);
    if kept == 1 && 2 * indent + 7 + width(&head[0]) <= WIDTH {
        for part in ["/** ", &head[0], " */\n"] {
            out.push_str(part);
        }
        return;
    }
    out.push_str("/**\n");
    if count <= KEEP {
        head[..kept].iter().for_each(|line| push_line(out, line, indent));
    } else {
        lines().take(kept).for_each(|line| push_line(out, &line, indent));
    }
    pad(out, indent);
    out.push_str(" */\n");
}

fn push_line(out: &mut String, line: &str, indent: usize) {
    pad(out, indent);
    if line.is_empty() {
        out.push_str(" *\n");
    } else {
        for part in [" * ", line, "\n"] {
            out.push_str(part);
        }
    }
}

/// The lines of a doc string, split on every line terminator JavaScript
/// knows (`\r\n` once), with trailing whitespace removed and `*/` defused.
fn doc_lines(doc: &str) -> impl Iterator<Item = Cow<'_, str>> + Clone {
    let mut rest = Some(doc);
    std::iter::from_fn(move || {
        let text = rest?;
        let (line, next) = match line_end(text) {
            Some((end, terminator)) => (&text[..end], Some(&text[end + terminator..])),
            None => (text, None),
        };
        rest = next;
        let line = line.trim_end();
        let defuse = line.as_bytes().contains(&b'*') && line.contains("*/");
        Some(if defuse { Cow::Owned(line.replace("*/", "*\\/")) } else { Cow::Borrowed(line) })
    })
}

/// Where the first line of `text` ends, and the length of its terminator
/// (`\n`, `\r\n`, `\r`, U+2028, U+2029).
fn line_end(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let at = bytes.iter().position(|b| matches!(b, b'\n' | b'\r' | 0xE2))?;
    match &bytes[at..] {
        [b'\r', b'\n', ..] => Some((at, 2)),
        [b'\n' | b'\r', ..] => Some((at, 1)),
        [0xE2, 0x80, 0xA8 | 0xA9, ..] => Some((at, 3)),
        // Another character starting with 0xE2: look past it.
        _ => line_end(&text[at + 3..]).map(|(end, terminator)| (at + 3 + end, terminator)),
    }
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
        let lines: Vec<_> = doc_lines("a€b \u{2028}c\u{2029}\u{2029}€").collect();
        assert_eq!(lines, ["a€b", "c", "", "€"]);
        assert_eq!(jsdoc_text("1\n2\n\n4\n5\n\n", 1), "  /**\n   * 1\n   * 2\n   *\n   * 4\n   * 5\n   */\n");
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
