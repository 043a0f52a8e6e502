//! The end of a failed source command's stderr, as the error shows it.
//!
//! The text comes from a program we do not control, so it is made safe to
//! print: at most `SHOWN_LINES` lines of at most `LINE_CHARS` characters, and
//! control characters (a terminal's escape sequences start with one) shown
//! as Rust escapes such as `\u{1b}`, never sent to the user's terminal.

use super::pipe::Captured;

/// Lines of stderr shown.
const SHOWN_LINES: usize = 20;

/// Characters shown of one line before it is cut with `…`.
const LINE_CHARS: usize = 500;

/// The indented `stderr:` block that ends a failure message.
pub fn tail(stderr: &Captured) -> String {
    let text = String::from_utf8_lossy(kept(stderr));
    let lines: Vec<&str> = text.lines().collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return "  stderr: (empty)\n".to_owned();
    }
    let start = lines.len().saturating_sub(SHOWN_LINES);
    let total = stderr.lines();
    let mut out = if total > lines.len() - start {
        format!("  stderr (last {} of {total} lines):\n", lines.len() - start)
    } else {
        "  stderr:\n".to_owned()
    };
    for (i, line) in lines.iter().enumerate().skip(start) {
        let cut = if i == 0 && stderr.starts_mid_line { "…" } else { "" };
        out.push_str(&format!("  | {cut}{}\n", shown(line)));
    }
    out
}

/// The kept bytes, without a character split where earlier bytes were
/// dropped.
fn kept(stderr: &Captured) -> &[u8] {
    let bytes = &stderr.bytes[..];
    if !stderr.starts_mid_line {
        return bytes;
    }
    let split = bytes.iter().take(3).take_while(|&&b| b & 0xC0 == 0x80).count();
    &bytes[split..]
}

/// One line, escaped and cut to `LINE_CHARS` characters.
fn shown(line: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for c in line.chars() {
        let piece: String = if needs_escape(c) { c.escape_unicode().collect() } else { c.to_string() };
        chars += piece.chars().count();
        if chars > LINE_CHARS {
            out.push('…');
            break;
        }
        out.push_str(&piece);
    }
    out
}

/// Control characters, and the bidirectional overrides that can make a line
/// read differently from what it says.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn captured(text: &str) -> Captured {
        let mut c = Captured::default();
        c.push(text.as_bytes(), super::super::pipe::Keep::Tail(1 << 16));
        c
    }

    #[test]
    fn the_last_lines_are_kept() {
        let err: String = (1..=30).map(|i| format!("l{i}\n")).collect();
        let tail = tail(&captured(&err));
        assert!(tail.starts_with("  stderr (last 20 of 30 lines):\n  | l11\n"), "{tail}");
        assert!(tail.ends_with("  | l30\n"));
        assert_eq!(super::tail(&captured("\n")), "  stderr: (empty)\n");
    }

    #[test]
    fn long_lines_are_cut_and_controls_escaped() {
        assert_eq!(shown("red \u{1b}[31m\r!\t"), "red \\u{1b}[31m\\u{d}!\t");
        assert_eq!(shown(&"x".repeat(501)), format!("{}…", "x".repeat(500)));
        assert_eq!(shown(&"x".repeat(500)), "x".repeat(500));
        assert_eq!(shown(&"\u{1b}".repeat(100)).chars().count(), 6 * 83 + 1);
    }
}
