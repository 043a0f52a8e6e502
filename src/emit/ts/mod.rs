//! What every TypeScript target shares: how IR types print as TypeScript
//! (`types`), how docs become JSDoc that cannot break out of its comment
//! (`jsdoc`), prettier-compatible layout (`layout`), the framework
//! bindings' shared view model (`bindings`, `binding_plan`, `wrappers`),
//! and the server-rendering prefetch their SSR modules share (`ssr`).
//!
//! One emission style in every TypeScript target: a file generated from the
//! IR is written by Rust code into a `String` (the layout helpers keep it in
//! prettier's format); a static file that takes a few substitutions (stage1's
//! `client.ts`, each binding's runtime) is an askama template rendered by
//! [`emit::asset`](crate::emit::asset); a static file that takes none
//! (stage1's bundled runtime) is embedded with `include_str!`.

pub mod binding_plan;
pub mod bindings;
pub mod jsdoc;
pub mod layout;
pub mod options;
pub mod ssr;
pub mod types;
pub mod wrappers;

pub use jsdoc::{constraint_tags, doc_comment, jsdoc, jsdoc_text};
pub use options::{Binding, Kernel};
pub use types::{Types, sorted};

use crate::ir::ast::Literal;
use crate::names::ts as names;
use std::borrow::Cow;

/// The parts, one after the other, in a string of exactly their length
/// (`format!` goes through the formatting machinery for every part).
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A string literal, exactly as [`names::string_literal`] writes it.
pub fn str_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str_lit(&mut out, s);
    out
}

/// Appends [`str_lit`] of `s`. Wire names rarely hold anything to escape:
/// those are quoted here without building the literal twice.
pub fn push_str_lit(out: &mut String, s: &str) {
    let plain = |c: char| c >= ' ' && !matches!(c, '"' | '\\' | '\u{7f}' | '\u{2028}' | '\u{2029}');
    if s.chars().all(plain) {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&names::string_literal(s));
    }
}

/// A property key as [`names::property`] writes it, borrowed from the wire
/// name when it is written bare (most are).
pub fn property(wire: &str) -> Cow<'_, str> {
    if names::is_bare_property(wire) { Cow::Borrowed(wire) } else { Cow::Owned(names::property(wire)) }
}

/// A literal as TypeScript source.
pub fn literal(l: &Literal) -> String {
    match l {
        Literal::String(s) => str_lit(s),
        Literal::Int(i) => i.to_string(),
        Literal::Float(f) => format!("{f}"),
        Literal::Bool(b) => b.to_string(),
        Literal::Null => "null".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_match_the_names_module() {
        for s in ["user_profile", "", "a\"b", "it's", "\"'\"", "a\\b", "line\nbreak", "\u{2028}", "\u{7f}x", "日本"] {
            assert_eq!(str_lit(s), names::string_literal(s), "{s:?}");
            assert_eq!(property(s), names::property(s), "{s:?}");
        }
    }
}
