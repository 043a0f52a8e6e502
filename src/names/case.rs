//! Case conversion with heck 0.5's word rules, on bytes.
//!
//! heck formats through `core::fmt` one character at a time; names are
//! rendered hundreds of thousands of times on a large IR, so the words of
//! a name (ASCII: [`super::pascal`] treats every other character as a word
//! break) are found and written byte by byte.
//!
//! heck's word rules (`heck::transform`): words are split on
//! non-alphanumeric characters; inside a word, a boundary falls after a
//! lowercase letter (or digits following one) that precedes an uppercase
//! letter, and before the last capital of a run that precedes a lowercase
//! letter (`XMLHttp` → `XML|Http`).

/// The case of the last cased byte since the previous boundary.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Boundary,
    Lower,
    Upper,
}

/// Calls `emit` with each word of `s` in order, splitting as heck does;
/// every byte that is not ASCII alphanumeric separates words (so UTF-8
/// sequences do too). Words are never empty, and are ASCII.
pub(super) fn for_each_word(s: &str, mut emit: impl FnMut(&str)) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i + bytes[i..].iter().take_while(|b| !b.is_ascii_alphanumeric()).count();
        i = start + bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if start < i {
            // ASCII bytes on both sides: the slice is on character boundaries.
            split_word(&s[start..i], &mut emit);
        }
    }
}

/// Splits one run of ASCII alphanumerics at heck's case boundaries.
fn split_word(word: &str, emit: &mut impl FnMut(&str)) {
    let bytes = word.as_bytes();
    // Every boundary is at or before an uppercase letter after the first
    // byte: `item`, `Item0` and `2fa` are one word.
    if !bytes[1..].iter().any(u8::is_ascii_uppercase) {
        return emit(word);
    }
    let (mut init, mut mode) = (0, Mode::Boundary);
    for (i, pair) in bytes.windows(2).enumerate() {
        let (c, next) = (pair[0], pair[1]);
        let next_mode = match c {
            b'a'..=b'z' => Mode::Lower,
            b'A'..=b'Z' => Mode::Upper,
            _ => mode,
        };
        if next_mode == Mode::Lower && next.is_ascii_uppercase() {
            emit(&word[init..=i]);
            (init, mode) = (i + 1, Mode::Boundary);
        } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
            emit(&word[init..i]);
            (init, mode) = (i, Mode::Boundary);
        } else {
            mode = next_mode;
        }
    }
    emit(&word[init..]);
}

/// Appends `word` (ASCII) with its first byte uppercased and the rest
/// lowercased.
pub(super) fn push_capitalized(out: &mut String, word: &str) {
    let Some(first) = word.as_bytes().first() else { return };
    out.push(first.to_ascii_uppercase() as char);
    push_lowercase(out, &word[1..]);
}

/// Appends `word` (ASCII) lowercased.
pub(super) fn push_lowercase(out: &mut String, word: &str) {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        out.push_str(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(s, |w| out.push(w.to_owned()));
        out
    }

    /// Where heck 0.5 splits words.
    #[test]
    fn splits_as_heck_does() {
        let cases: &[(&str, &[&str])] = &[
            ("user_profile", &["user", "profile"]),
            ("createdAt", &["created", "At"]),
            ("XMLHttpRequest", &["XML", "Http", "Request"]),
            ("HTTPServer2Go", &["HTTP", "Server2", "Go"]),
            ("SHOUTY_SNAKE", &["SHOUTY", "SNAKE"]),
            ("--kebab--case--", &["kebab", "case"]),
            ("contact.submit", &["contact", "submit"]),
            ("ABC", &["ABC"]),
            ("aBC", &["a", "BC"]),
            ("ABc", &["A", "Bc"]),
            ("a1B2c3", &["a1", "B2c3"]),
            ("x1Y", &["x1", "Y"]),
            ("A1b", &["A1b"]),
            ("99Luftballons", &["99Luftballons"]),
            ("item0", &["item0"]),
            ("Item0x", &["Item0x"]),
            ("a__b", &["a", "b"]),
            ("éclair_Über", &["clair", "ber"]),
            ("XΣXΣ baﬄe", &["X", "X", "ba", "e"]),
            ("日本", &[]),
            ("", &[]),
        ];
        for (s, expected) in cases {
            assert_eq!(words(s), *expected, "{s:?}");
        }
    }

    #[test]
    fn cases_words() {
        let mut out = String::new();
        push_capitalized(&mut out, "hTTP");
        push_lowercase(&mut out, "SeRVER");
        assert_eq!(out, "Httpserver");
    }
}
