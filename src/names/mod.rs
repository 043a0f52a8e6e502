//! Rendered names, decided once per target and position.
//!
//! Every identifier keeps its wire name (sent verbatim, used in the manifest
//! and in kernel calls); these functions compute what each target writes in
//! its own syntax. The checker calls them to find names that collide after
//! rendering, and the emitters call them while building their view models —
//! never in templates. Each target's reserved words live in its own file,
//! with the source they were taken from.

mod case;
pub mod python;
pub mod rust;
mod spell;
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
    let spelled = spell::spelled(wire);
    let wire = sanitized(&spelled);
    let mut out = String::with_capacity(wire.len() + 1);
    if first_word_is_a_number(wire) {
        out.push('_');
    }
    case::for_each_word(wire, |w| case::push_capitalized(&mut out, w));
    out
}

/// snake_case of a wire name, sanitized the same way as [`pascal`].
pub fn snake(wire: &str) -> String {
    if is_snake(wire) {
        return wire.to_owned();
    }
    let spelled = spell::spelled(wire);
    let wire = sanitized(&spelled);
    let mut out = String::with_capacity(wire.len() + 4);
    if first_word_is_a_number(wire) {
        out.push('_');
    }
    let mut first = true;
    case::for_each_word(wire, |w| {
        if !std::mem::take(&mut first) {
            out.push('_');
        }
        case::push_lowercase(&mut out, w);
    });
    out
}

/// camelCase of a wire name, sanitized the same way as [`pascal`].
pub fn camel(wire: &str) -> String {
    let mut out = pascal(wire);
    // `pascal` writes ASCII only, so its first byte is a character.
    if out.as_bytes().first().is_some_and(|&b| b != b'_') {
        out[..1].make_ascii_lowercase();
    }
    out
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
/// which [`case::for_each_word`] splits on itself; a name left without a
/// word once [`spell::spelled`] has spelled its symbols becomes `field`.
fn sanitized(wire: &str) -> &str {
    if wire.bytes().any(|b| b.is_ascii_alphanumeric()) { wire } else { "field" }
}

/// Whether the first word of a name starts with a digit (the name then
/// takes a leading `_`).
fn first_word_is_a_number(sanitized: &str) -> bool {
    sanitized.bytes().find(u8::is_ascii_alphanumeric).is_some_and(|b| b.is_ascii_digit())
}

/// `s` as a TypeScript or Python string literal: in the quote prettier and
/// ruff choose (`literal_quote`), each character that needs it written by
/// the language's `escape(out, c, quote)`.
fn quoted(s: &str, escape: fn(&mut String, char, char)) -> String {
    let quote = literal_quote(s);
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    if is_plain(s, quote) {
        out.push_str(s);
    } else {
        for c in s.chars() {
            escape(&mut out, c, quote);
        }
    }
    out.push(quote);
    out
}

/// The words of a declared name, lowercased, that a split module groups
/// its declarations by (`CodeScanningAlert2` → `code`, `scanning`,
/// `alert`, `2`): ASCII letters and digits, a run of digits a word of its
/// own (so `Repo2` and `Repo10` are both `repo` first), every other
/// character separating words, so a module's name is ASCII; `model` for a
/// name without any.
pub fn module_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    case::for_each_word(name, |w| {
        let w = w.as_bytes();
        let mut start = 0;
        for i in 1..=w.len() {
            if i == w.len() || w[i].is_ascii_digit() != w[i - 1].is_ascii_digit() {
                words.push(String::from_utf8_lossy(&w[start..i]).to_ascii_lowercase());
                start = i;
            }
        }
    });
    if words.is_empty() {
        words.push("model".to_owned());
    }
    words
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

    /// heck 0.5's PascalCase, snake_case and camelCase of the sanitized
    /// name (non-ASCII-alphanumerics are word breaks), with `_` before a
    /// leading digit.
    #[test]
    fn module_words_split_digits_and_drop_other_characters() {
        assert_eq!(module_words("CodeScanningAlert10"), ["code", "scanning", "alert", "10"]);
        assert_eq!(module_words("Ctx2Bundle"), ["ctx", "2", "bundle"]);
        assert_eq!(module_words("XMLHttp2fa"), ["xml", "http", "2", "fa"]);
        assert_eq!(module_words("ÉtéModel"), ["t", "model"]);
        assert_eq!(module_words("Été"), ["t"]);
        assert_eq!(module_words("日本"), ["model"]);
    }

    #[test]
    fn renders_cases() {
        let cases = [
            // (wire, pascal, snake, camel)
            ("user_profile", "UserProfile", "user_profile", "userProfile"),
            ("userProfile", "UserProfile", "user_profile", "userProfile"),
            ("user-profile", "UserProfile", "user_profile", "userProfile"),
            ("contact.submit", "ContactSubmit", "contact_submit", "contactSubmit"),
            ("createdAt", "CreatedAt", "created_at", "createdAt"),
            ("XMLHttpRequest", "XmlHttpRequest", "xml_http_request", "xmlHttpRequest"),
            ("HTTPServer2Go", "HttpServer2Go", "http_server2_go", "httpServer2Go"),
            ("SHOUTY_SNAKE", "ShoutySnake", "shouty_snake", "shoutySnake"),
            ("--kebab--case--", "KebabCase", "kebab_case", "kebabCase"),
            ("__leading", "Leading", "leading", "leading"),
            ("trailing__", "Trailing", "trailing", "trailing"),
            // One trailing underscore: not snake_case's fast path.
            ("trailing_", "Trailing", "trailing", "trailing"),
            ("a__b", "AB", "a_b", "aB"),
            ("a b", "AB", "a_b", "aB"),
            ("ABC", "Abc", "abc", "abc"),
            ("aBC", "ABc", "a_bc", "aBc"),
            ("ABc", "ABc", "a_bc", "aBc"),
            ("a1B2c3", "A1B2c3", "a1_b2c3", "a1B2c3"),
            ("a1_b2", "A1B2", "a1_b2", "a1B2"),
            ("x1Y", "X1Y", "x1_y", "x1Y"),
            ("A1b", "A1b", "a1b", "a1b"),
            ("item0", "Item0", "item0", "item0"),
            ("2fa", "_2fa", "_2fa", "_2fa"),
            ("99Luftballons", "_99luftballons", "_99luftballons", "_99luftballons"),
            ("$ref", "Ref", "ref", "ref"),
            ("+1", "Plus1", "plus_1", "plus1"),
            ("-1", "Minus1", "minus_1", "minus1"),
            ("reactions-+1", "ReactionsPlus1", "reactions_plus_1", "reactionsPlus1"),
            ("reactions--1", "ReactionsMinus1", "reactions_minus_1", "reactionsMinus1"),
            ("x-1", "X1", "x_1", "x1"),
            ("-x", "X", "x", "x"),
            ("*/", "StarSlash", "star_slash", "starSlash"),
            ("<=", "LtEq", "lt_eq", "ltEq"),
            ("+", "Plus", "plus", "plus"),
            ("-", "Minus", "minus", "minus"),
            ("éclair_Über", "ClairBer", "clair_ber", "clairBer"),
            ("XΣXΣ baﬄe", "XXBaE", "x_x_ba_e", "xXBaE"),
            ("日本", "Field", "field", "field"),
            ("", "Field", "field", "field"),
            ("_", "Field", "field", "field"),
        ];
        for (wire, p, s, c) in cases {
            assert_eq!((pascal(wire).as_str(), snake(wire).as_str(), camel(wire).as_str()), (p, s, c), "{wire:?}");
        }
    }

    #[test]
    fn reserved_lists_are_sorted_for_binary_search() {
        let lists: [(&str, &[&str]); 10] = [
            ("python::KEYWORDS", python::KEYWORDS),
            ("python::SHADOWED", python::SHADOWED),
            ("python::BASE_MODEL_ATTRS", python::BASE_MODEL_ATTRS),
            ("python::RESERVED_CLASSES", python::RESERVED_CLASSES),
            ("python::CLIENT_METHODS", python::CLIENT_METHODS),
            ("python::RESERVED_PARAMS", python::RESERVED_PARAMS),
            ("rust::KEYWORDS", rust::KEYWORDS),
            ("rust::RESERVED_TYPES", rust::RESERVED_TYPES),
            ("rust::RESERVED_METHODS", rust::RESERVED_METHODS),
            ("ts::RESERVED_TYPES", ts::RESERVED_TYPES),
        ];
        for (name, list) in lists {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{name} is not strictly ascending");
        }
    }

    #[test]
    fn ascii_ident() {
        assert!(is_ascii_ident("_a1"));
        assert!(!is_ascii_ident("1a"));
        assert!(!is_ascii_ident("a-b"));
        assert!(!is_ascii_ident(""));
        assert!(!is_ascii_ident("é"));
    }
}
