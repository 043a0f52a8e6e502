//! Docstrings: IR docs rendered as Python `"""` strings that cannot break
//! out (backslashes, quote runs, control characters and every line
//! terminator are neutralised) and that `ruff format` leaves as they are
//! (first line stripped, continuation lines dedented, no tabs, no trailing
//! whitespace, no quote touching the closing `"""`).

use crate::model::Docs;

/// The lines of a doc: split on every line terminator, tabs expanded,
/// trailing whitespace removed, blank lines at both ends dropped, and the
/// common indentation of the lines after the first removed (as ruff does).
fn lines(text: &str) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    let mut lines: Vec<String> = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}'])
        .map(|l| l.replace('\t', "    ").trim_end().to_owned())
        .collect();
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    if let Some(first) = lines.first_mut() {
        *first = first.trim_start().to_owned();
    }
    let common =
        lines.iter().skip(1).filter(|l| !l.is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    for l in lines.iter_mut().skip(1) {
        if !l.is_empty() {
            *l = l[common..].to_owned();
        }
    }
    lines
}

/// Escapes one line for the inside of a `"""` string: backslashes, every
/// third quote of a run, and control characters.
fn escape(line: &str, last: bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut run = 0;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => {
                // A quote run at the very end would merge with the closing `"""`.
                let trailing = last && chars[i..].iter().all(|&c| c == '"');
                run += 1;
                if run == 3 || trailing {
                    out.push_str("\\\"");
                    run = 0;
                } else {
                    out.push('"');
                }
                continue;
            }
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            '\u{feff}' => out.push_str("\\ufeff"),
            c => out.push(c),
        }
        run = 0;
    }
    out
}

/// A docstring statement at `indent` levels (4 spaces each), with its own
/// indentation and a final newline; "" when there is nothing to say.
pub fn py_doc(text: &str, indent: usize) -> String {
    let lines = lines(text);
    if lines.is_empty() {
        return String::new();
    }
    let pad = "    ".repeat(indent);
    let n = lines.len();
    let escaped: Vec<String> = lines.iter().enumerate().map(|(i, l)| escape(l, n == 1 && i == 0)).collect();
    if n == 1 {
        return format!("{pad}\"\"\"{}\"\"\"\n", escaped[0]);
    }
    let mut out = format!("{pad}\"\"\"{}\n", escaped[0]);
    for l in &escaped[1..] {
        if l.is_empty() {
            out.push('\n');
        } else {
            out.push_str(&format!("{pad}{l}\n"));
        }
    }
    out.push_str(&format!("{pad}\"\"\"\n"));
    out
}

/// The text of a declaration's docs: `doc`, then extra paragraphs (notes
/// the generator adds), then the deprecation.
pub fn doc_text(docs: &Docs, extra: &[String]) -> String {
    let mut parts: Vec<String> = docs.doc.iter().cloned().collect();
    parts.extend(extra.iter().cloned());
    if let Some(dep) = &docs.deprecated {
        parts.push(match &dep.reason {
            Some(r) => format!("Deprecated: {r}"),
            None => "Deprecated.".to_owned(),
        });
    }
    parts.join("\n\n")
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
