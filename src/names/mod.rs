//! Rendered names, decided once per target and position.
//!
//! Every identifier keeps its wire name (sent verbatim, used in the manifest
//! and in kernel calls); these functions compute what each target writes in
//! its own syntax. The checker calls them to find names that collide after
//! rendering, and the emitters call them while building their view models —
//! never in templates. Each target's reserved words live in its own file,
//! with the source they were taken from.

pub mod case;
pub mod python;
#[cfg(test)]
mod reference;
pub mod rust;
pub mod ts;

/// Whether `s` is `[A-Za-z_][A-Za-z0-9_]*` (ASCII).
pub fn is_ascii_ident(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// PascalCase of a wire name, with every character that cannot stand in an
/// identifier treated as a word break, and a leading digit guarded with `_`.
/// `user_profile`, `userProfile` and `user-profile` all give `UserProfile`.
pub fn pascal(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 1);
    push_pascal(&mut out, wire);
    out
}

/// Appends [`pascal`]`(wire)` to `out`.
pub fn push_pascal(out: &mut String, wire: &str) {
    let wire = sanitized(wire);
    guard_digit(out, wire);
    case::for_each_word(wire, |w| case::push_capitalized(out, w));
}

/// snake_case of a wire name, sanitized the same way as [`pascal`].
pub fn snake(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 4);
    push_snake(&mut out, wire);
    out
}

/// Appends [`snake`]`(wire)` to `out`.
pub fn push_snake(out: &mut String, wire: &str) {
    if is_snake(wire) {
        return out.push_str(wire);
    }
    let wire = sanitized(wire);
    guard_digit(out, wire);
    let mut first = true;
    case::for_each_word(wire, |w| {
        if !std::mem::take(&mut first) {
            out.push('_');
        }
        case::push_lowercase(out, w);
    });
}

/// camelCase of a wire name, sanitized the same way as [`pascal`].
pub fn camel(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 1);
    push_camel(&mut out, wire);
    out
}

/// Appends [`camel`]`(wire)` to `out`.
pub fn push_camel(out: &mut String, wire: &str) {
    let start = out.len();
    push_pascal(out, wire);
    // [`push_pascal`] writes ASCII only, so its first byte is a character.
    if out.as_bytes().get(start).is_some_and(|&b| b != b'_') {
        out[start..start + 1].make_ascii_lowercase();
    }
}

/// Whether `wire` is its own snake_case (most wire names are): lowercase
/// words of letters and digits, joined by single underscores, starting
/// with a letter. heck finds no boundary inside such words.
fn is_snake(wire: &str) -> bool {
    let bytes = wire.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_lowercase)
        && bytes.last() != Some(&b'_')
        && bytes.iter().all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !wire.contains("__")
}

/// The word breaks of a name are its non-ASCII-alphanumeric characters,
/// which [`case::for_each_word`] splits on itself; an all-symbol name
/// becomes `field`.
fn sanitized(wire: &str) -> &str {
    if wire.bytes().any(|b| b.is_ascii_alphanumeric()) { wire } else { "field" }
}

/// A `_` before a name whose first word starts with a digit.
fn guard_digit(out: &mut String, sanitized: &str) {
    if sanitized.bytes().find(u8::is_ascii_alphanumeric).is_some_and(|b| b.is_ascii_digit()) {
        out.push('_');
    }
}

/// Appends `s` as a TypeScript or Python string literal: in the quote
/// prettier and ruff choose (`literal_quote`), each character that needs it
/// written by the language's `escape(out, c, quote)`.
fn push_quoted(out: &mut String, s: &str, escape: fn(&mut String, char, char)) {
    let quote = literal_quote(s);
    out.push(quote);
    if is_plain(s, quote) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            escape(out, c, quote);
        }
    }
    out.push(quote);
}

/// The quote a string literal takes in TypeScript and Python, as prettier
/// and ruff choose it: double, unless the text holds more double quotes
/// than single ones.
fn literal_quote(s: &str) -> char {
    let (double, single) =
        s.bytes().fold((0usize, 0usize), |(d, q), b| (d + usize::from(b == b'"'), q + usize::from(b == b'\'')));
    if double > single { '\'' } else { '"' }
}

/// Whether `s` goes between `quote`s as it is: printable ASCII without a
/// backslash or that quote (most literals are names and plain words).
fn is_plain(s: &str, quote: char) -> bool {
    // Counting (not stopping at the first) lets the compiler vectorize.
    s.bytes().filter(|&b| !(b' '..=b'~').contains(&b) || b == b'\\' || b == quote as u8).count() == 0
}

/// Whether `name` is in `sorted`, a strictly ascending list (checked by
/// each list's test).
fn listed(sorted: &[&str], name: &str) -> bool {
    sorted.binary_search_by(|word| compare(word.as_bytes(), name.as_bytes())).is_ok()
}

/// `a.cmp(b)`, inline: comparisons of names nearly always end at the first
/// byte, where a call to `memcmp` would cost more than the comparison.
fn compare(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    match a.iter().zip(b).find(|(x, y)| x != y) {
        Some((x, y)) => x.cmp(y),
        None => a.len().cmp(&b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_cases() {
        assert_eq!(pascal("user_profile"), "UserProfile");
        assert_eq!(pascal("userProfile"), "UserProfile");
        assert_eq!(pascal("user-profile"), "UserProfile");
        assert_eq!(pascal("contact.submit"), "ContactSubmit");
        assert_eq!(snake("createdAt"), "created_at");
        assert_eq!(snake("created-at"), "created_at");
        assert_eq!(snake("$ref"), "ref");
        assert_eq!(snake("2fa"), "_2fa");
        assert_eq!(snake("日本"), "field");
        assert_eq!(camel("user_profile"), "userProfile");
    }

    #[test]
    fn ascii_ident() {
        assert!(is_ascii_ident("_a1"));
        assert!(!is_ascii_ident("1a"));
        assert!(!is_ascii_ident("a-b"));
        assert!(!is_ascii_ident(""));
    }
}
