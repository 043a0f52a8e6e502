//! Differential test: docstrings against the straightforward code they
//! replaced (kept here as the reference), over generated hostile docs.

use super::doc::py_doc;

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

fn escape(line: &str, last: bool) -> String {
    let mut out = String::new();
    let mut run = 0;
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => {
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

fn reference(text: &str, indent: usize) -> String {
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

#[test]
fn docstrings_are_the_reference() {
    // Every character the docstring code treats specially, plus plain text.
    // (Non-ASCII whitespace that is not a line break is left out: both
    // versions slice the common indentation by bytes.)
    let alphabet: Vec<char> =
        "ab  \t\n\n\r\"\"\\\u{0}\u{7f}\u{b}\u{c}\u{85}\u{2028}\u{2029}\u{feff}é".chars().collect();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for n in 0..40_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        let text: String =
            (0..len).map(|i| alphabet[((seed >> (i % 50)) as usize ^ (i * 7)) % alphabet.len()]).collect();
        let indent = n % 3;
        assert_eq!(py_doc(&text, indent), reference(&text, indent), "{text:?}");
    }
}
