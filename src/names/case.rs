//! Case conversion with exactly heck 0.5's results, without its cost.
//!
//! heck formats through `core::fmt` one character at a time; names are
//! rendered hundreds of thousands of times on a large IR, so ASCII input
//! (every wire name the targets render, after [`super::pascal`]'s
//! sanitizing) takes a byte-level path writing into one `String`. Anything
//! else goes to heck itself, which stays the reference: the differential
//! tests below compare the two on a large generated corpus.
//!
//! heck's word rules (`heck::transform`): words are split on
//! non-alphanumeric characters; inside a word, a boundary falls after a
//! lowercase letter (or digits following one) that precedes an uppercase
//! letter, and before the last capital of a run that precedes a lowercase
//! letter (`XMLHttp` → `XML|Http`).

use heck::{ToPascalCase, ToSnakeCase};

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

/// Appends the PascalCase of `s`: `heck::ToPascalCase`'s result.
pub fn push_pascal_case(out: &mut String, s: &str) {
    if !s.is_ascii() {
        return out.push_str(&s.to_pascal_case());
    }
    for_each_word(s, |w| push_capitalized(out, w));
}

/// Appends the snake_case of `s`: `heck::ToSnakeCase`'s result.
pub fn push_snake_case(out: &mut String, s: &str) {
    if !s.is_ascii() {
        return out.push_str(&s.to_snake_case());
    }
    let start = out.len();
    for_each_word(s, |w| {
        if out.len() > start {
            out.push('_');
        }
        push_lowercase(out, w);
    });
}

/// The PascalCase of `s`: `heck::ToPascalCase`'s result.
pub fn pascal_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_pascal_case(&mut out, s);
    out
}

/// The snake_case of `s`: `heck::ToSnakeCase`'s result.
pub fn snake_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    push_snake_case(&mut out, s);
    out
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A deterministic corpus of names: every short string over an
    /// alphabet of the classes heck distinguishes (lowercase, uppercase,
    /// digit, separators), then longer pseudo-random strings over a wider
    /// alphabet with non-ASCII letters, and some hand-picked shapes.
    pub fn corpus() -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let small = ['a', 'B', 'c', 'D', '1', '_', '-', ' ', '.'];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            if s.chars().count() < 5 {
                stack.extend(small.iter().map(|c| format!("{s}{c}")));
            }
            out.push(s);
        }
        let wide: Vec<char> = "aZbYcXdW0123456789__--.. $/ßÉéΣσ日ǅ\u{2028}ﬄ".chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..60_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            let ascii = !seed.is_multiple_of(3);
            let s: String = (0..len)
                .map(|i| {
                    let k = (seed >> (i % 40)) as usize ^ i.wrapping_mul(2_654_435_761);
                    let alphabet = if ascii { &wide[..26] } else { &wide[..] };
                    alphabet[k % alphabet.len()]
                })
                .collect();
            out.push(s);
        }
        let picked = [
            "XMLHttpRequest",
            "HTTPServer2Go",
            "__leading",
            "trailing__",
            "--kebab--case--",
            "ABC",
            "aBC",
            "ABc",
            "a1B2c3",
            "A1b",
            "99Luftballons",
            "createdAt",
            "user_profile",
            "user-profile",
            "contact.submit",
            "SHOUTY_SNAKE",
            "ǅungla",
            "XΣXΣ baﬄe",
            "日本",
            "éclair_Über",
            "item_id",
            "a1_b2",
            "_x",
            "x_",
            "a__b",
            "1a",
            "model_x",
        ];
        out.extend(picked.iter().map(|s| (*s).to_owned()));
        out
    }

    #[test]
    fn pascal_is_heck() {
        for s in corpus() {
            assert_eq!(pascal_case(&s), s.to_pascal_case(), "{s:?}");
        }
    }

    #[test]
    fn snake_is_heck() {
        for s in corpus() {
            assert_eq!(snake_case(&s), s.to_snake_case(), "{s:?}");
        }
    }

    #[test]
    fn corpus_covers_both_paths() {
        let corpus = corpus();
        let ascii = corpus.iter().filter(|s| s.is_ascii()).count();
        assert!(ascii > 50_000 && corpus.len() - ascii > 15_000, "{ascii} of {}", corpus.len());
    }

    #[test]
    fn appends() {
        let mut out = "x".to_owned();
        push_snake_case(&mut out, "AbcDef");
        push_pascal_case(&mut out, "ab-cd");
        assert_eq!(out, "xabc_defAbCd");
    }
}
