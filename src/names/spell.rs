//! Symbols spelled as words, where dropping them would lose the name.
//!
//! The case functions treat every character that cannot stand in an
//! identifier as a word break, which is right for `created-at` but loses
//! what tells `+1` from `-1` (GitHub's reaction counts) or `<` from `>`.
//! Two rules, applied to the wire name before casing, keep those apart.
//! Both depend only on the name itself, never on its neighbours or on the
//! order of declarations, so a name renders the same in every IR:
//!
//! 1. **A sign starts a number**: a `+` or `-` followed by an ASCII digit
//!    and not preceded by a letter or digit is spelled `plus` / `minus`, a
//!    word of its own: `+1` → `plus_1`, `-1` → `minus_1`, `reactions-+1` →
//!    `ReactionsPlus1`. After a letter or digit a `-` is a separator, as
//!    before: `x-1` → `x_1`.
//! 2. **A name of symbols only** (no letter or digit in any script) spells
//!    each ASCII symbol as a word ([`SYMBOL_WORDS`]): `*/` → `star_slash`,
//!    `<=` → `lt_eq`. Spaces and `_` stay separators; a name with nothing
//!    to spell (`""`, `_`, `🎉`) renders as `field`, as before.
//!
//! Names that still render alike after these rules (`a-b` and `a_b`, two
//! spellings of one name) have no rendering that tells them apart and stays
//! stable when one is removed, so they remain a `mizan::name-collision`.

use std::borrow::Cow;

/// The word each ASCII symbol is spelled as in a name of symbols only.
/// Sorted by byte, for binary search.
const SYMBOL_WORDS: &[(u8, &str)] = &[
    (b'!', "bang"),
    (b'"', "dquote"),
    (b'#', "hash"),
    (b'$', "dollar"),
    (b'%', "percent"),
    (b'&', "amp"),
    (b'\'', "quote"),
    (b'(', "lparen"),
    (b')', "rparen"),
    (b'*', "star"),
    (b'+', "plus"),
    (b',', "comma"),
    (b'-', "minus"),
    (b'.', "dot"),
    (b'/', "slash"),
    (b':', "colon"),
    (b';', "semicolon"),
    (b'<', "lt"),
    (b'=', "eq"),
    (b'>', "gt"),
    (b'?', "question"),
    (b'@', "at"),
    (b'[', "lbracket"),
    (b'\\', "backslash"),
    (b']', "rbracket"),
    (b'^', "caret"),
    (b'`', "backtick"),
    (b'{', "lbrace"),
    (b'|', "pipe"),
    (b'}', "rbrace"),
    (b'~', "tilde"),
];

/// `wire` with its signs (rule 1) or its symbols (rule 2) spelled as words,
/// separated by spaces; most names have neither and are borrowed as they are.
pub(super) fn spelled(wire: &str) -> Cow<'_, str> {
    let bytes = wire.as_bytes();
    // The common case, checked on bytes: a sign needs a `+` or `-`, a
    // symbol-only name has no ASCII alphanumeric.
    let alnum = bytes.iter().any(u8::is_ascii_alphanumeric);
    if alnum && !bytes.iter().any(|&b| b == b'+' || b == b'-') {
        return Cow::Borrowed(wire);
    }
    if !alnum && !wire.chars().any(char::is_alphanumeric) {
        return symbols(wire);
    }
    signs(wire)
}

/// Rule 1: each `+`/`-` starting a number, as ` plus ` / ` minus `.
fn signs(wire: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut previous: Option<char> = None;
    let mut chars = wire.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit());
        if matches!(c, '+' | '-') && next_is_digit && !previous.is_some_and(char::is_alphanumeric) {
            out.push_str(&wire[copied..i]);
            out.push_str(if c == '+' { " plus " } else { " minus " });
            copied = i + 1;
        }
        previous = Some(c);
    }
    if copied == 0 {
        return Cow::Borrowed(wire);
    }
    out.push_str(&wire[copied..]);
    Cow::Owned(out)
}

/// Rule 2: each ASCII symbol of a name without letters or digits, as its
/// word; borrowed when there is none.
fn symbols(wire: &str) -> Cow<'_, str> {
    let words: Vec<&str> = wire
        .bytes()
        .filter_map(|b| SYMBOL_WORDS.binary_search_by_key(&b, |&(s, _)| s).ok().map(|i| SYMBOL_WORDS[i].1))
        .collect();
    if words.is_empty() { Cow::Borrowed(wire) } else { Cow::Owned(words.join(" ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_signs_and_symbols() {
        let cases = [
            ("user_profile", "user_profile"),
            ("created-at", "created-at"),
            ("+1", " plus 1"),
            ("-1", " minus 1"),
            ("reactions-+1", "reactions- plus 1"),
            ("reactions--1", "reactions- minus 1"),
            ("x-1", "x-1"),
            ("2-1", "2-1"),
            ("é-1", "é-1"),
            ("-x", "-x"),
            ("+-1", "+ minus 1"),
            ("*/", "star slash"),
            ("<=", "lt eq"),
            ("- -", "minus minus"),
            ("_", "_"),
            ("", ""),
            ("🎉", "🎉"),
            ("日本", "日本"),
            // Letters, if not ASCII ones, keep a name's symbols as they are.
            ("日本*", "日本*"),
            ("é<=", "é<="),
        ];
        for (wire, expected) in cases {
            assert_eq!(spelled(wire), expected, "{wire:?}");
        }
    }

    #[test]
    fn symbol_words_are_sorted_and_distinct() {
        assert!(SYMBOL_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
        let mut words: Vec<&str> = SYMBOL_WORDS.iter().map(|&(_, w)| w).collect();
        words.sort_unstable();
        assert!(words.windows(2).all(|w| w[0] != w[1]));
    }
}
