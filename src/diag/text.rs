//! Text that reaches a terminal: IR text quoted in a message or shown in a
//! snippet has its control characters escaped (an IR cannot retitle the
//! window, clear the screen or reorder a line with bidi overrides), and a
//! message quoting a huge identifier is shortened in the middle.

use std::borrow::Cow;

/// Characters a message may have before its middle is left out.
const MESSAGE_MAX: usize = 500;
/// Characters kept from each end of a longer message.
const MESSAGE_KEEP: usize = 200;

/// Whether `c` is shown escaped: C0 controls but tab and newline, DEL, C1
/// controls, bidi controls, line and paragraph separators and the BOM.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// Pushes `c`, escaped as `\u{1b}` when it is unsafe.
pub fn push_shown(out: &mut String, c: char) {
    if is_unsafe(c) {
        out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
    } else {
        out.push(c);
    }
}

/// Bytes `c` takes once shown.
pub fn shown_len(c: char) -> usize {
    if is_unsafe(c) { format!("\\u{{{:x}}}", u32::from(c)).len() } else { c.len_utf8() }
}

/// `text` with its unsafe characters escaped, nothing else changed: for
/// messages that are not the IR's (paths found on disk, a command's words).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    text.chars().for_each(|c| push_shown(&mut out, c));
    Cow::Owned(out)
}

/// A message, label or help line as printed: unsafe characters escaped,
/// and the middle of a very long one replaced by ` … `.
pub fn clean(text: &str) -> Cow<'_, str> {
    let long = text.len() > MESSAGE_MAX && text.chars().nth(MESSAGE_MAX).is_some();
    if !long && !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    if long {
        let chars = text.chars().count();
        text.chars().take(MESSAGE_KEEP).for_each(|c| push_shown(&mut out, c));
        out.push_str(&format!(" … ({} characters left out) … ", chars - 2 * MESSAGE_KEEP));
        text.chars().skip(chars - MESSAGE_KEEP).for_each(|c| push_shown(&mut out, c));
    } else {
        text.chars().for_each(|c| push_shown(&mut out, c));
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(clean("plain `x`\tand\nlines"), "plain `x`\tand\nlines");
        assert_eq!(clean("a\x1b]0;pwned\x07b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(clean("\u{202e}\u{7f}\u{9b}\r"), "\\u{202e}\\u{7f}\\u{9b}\\u{d}");
    }

    #[test]
    fn shortens_long_messages() {
        let long = format!("unknown node `{}` at the top level", "a".repeat(1_000_000));
        let short = clean(&long);
        assert!(short.len() < 1_000, "{}", short.len());
        assert!(short.starts_with("unknown node `aaa") && short.ends_with("aaa` at the top level"));
        assert!(short.contains(" … (999632 characters left out) … "), "{short}");
    }
}
