//! Rust names (the `rust` target).
//!
//! Policy by position:
//! - types: PascalCase; a name of the prelude or of the generated crate's
//!   own items gets a `_` suffix (`Option` → `Option_`), so nothing is
//!   shadowed;
//! - fields and arguments: snake_case; a strict or reserved keyword becomes a
//!   raw identifier (`r#type`), except the four that cannot be raw (`self`,
//!   `Self`, `super`, `crate`), which get a `_` suffix. `#[serde(rename)]`
//!   keeps the wire name whenever the two differ;
//! - methods: snake_case, keywords as for fields; the client's own methods
//!   (`new`, `transport`, `into_transport`) are reserved and get a `_` suffix;
//! - the structs the client adds per function and context end in `Args`,
//!   `Params` and `Bundle`, and live in `client.rs`, which names every user
//!   type through `types::`, so they cannot clash with user types;
//! - within one struct or enum, names that render the same get `_2`, `_3`...
//!   in written order ([`dedupe`]), so no IR can produce duplicate fields.

use super::{listed, pascal, push_pascal, push_snake, snake};
use std::fmt::Write;

/// Strict and reserved keywords, Rust Reference §2.3 (2024 edition).
pub const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super",
    "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["Self", "_", "crate", "self", "super"];

/// The std prelude (`std::prelude::rust_2024`) and the items the generated
/// crate defines or imports: a user type must not shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "BTreeMap",
    "Box",
    "Bytes",
    "Client",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Deserialize",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "Error",
    "ErrorCode",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "HashMap",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Serialize",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "Transport",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Upload",
    "Value",
    "Vec",
];

/// The client's own methods: a function rendering to one of these gets a `_`.
pub const RESERVED_METHODS: &[&str] = &["into_transport", "new", "transport"];

/// A struct, enum or alias name.
pub fn type_name(wire: &str) -> String {
    let mut name = pascal(wire);
    if listed(RESERVED_TYPES, &name) {
        name.push('_');
    }
    name
}

/// A field, argument or method name.
pub fn field_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 4);
    push_field_name(&mut out, wire);
    out
}

/// Appends [`field_name`]`(wire)` to `out`.
pub fn push_field_name(out: &mut String, wire: &str) {
    let start = out.len();
    push_snake(out, wire);
    if listed(NOT_RAW, &out[start..]) {
        out.push('_');
    } else if listed(KEYWORDS, &out[start..]) {
        out.insert_str(start, "r#");
    }
}

/// An enum variant for an enum value or union variant: PascalCase.
pub fn variant_name(wire: &str) -> String {
    let mut name = pascal(wire);
    if name == "Self" {
        name.push('_');
    }
    name
}

/// A client method calling a function.
pub fn method_name(wire: &str) -> String {
    let mut name = field_name(wire);
    if listed(RESERVED_METHODS, &name) {
        name.push('_');
    }
    name
}

/// The client method fetching a context: `fetch_<context>`.
pub fn fetch_method(context: &str) -> String {
    let mut out = String::with_capacity(context.len() + 10);
    out.push_str("fetch_");
    push_snake(&mut out, context);
    out
}

/// `pascal(wire)` + `suffix`, built in one allocation.
fn pascal_with(wire: &str, suffix: &str) -> String {
    let mut out = String::with_capacity(wire.len() + suffix.len() + 1);
    push_pascal(&mut out, wire);
    out.push_str(suffix);
    out
}

/// The args struct of a call function.
pub fn args_type(function: &str) -> String {
    pascal_with(function, "Args")
}

/// The params struct of a context.
pub fn params_type(context: &str) -> String {
    pascal_with(context, "Params")
}

/// The struct one fetch of a context returns.
pub fn bundle_type(context: &str) -> String {
    pascal_with(context, "Bundle")
}

/// The Cargo package name of the generated crate: `<project>-client`.
pub fn package_name(project: &str) -> String {
    let base = snake(project).trim_start_matches('_').replace('_', "-");
    format!("{}-client", if base.is_empty() { "mizan" } else { &base })
}

/// Makes rendered names unique within one scope, keeping the first of each
/// and suffixing later ones `_2`, `_3`... (a suffixed keyword is no longer
/// a keyword, so it loses its `r#`).
pub fn dedupe(names: Vec<String>) -> Vec<String> {
    // Nearly every scope has no duplicates: check that without copying.
    let mut distinct = rustc_hash::FxHashSet::default();
    if names.iter().all(|n| distinct.insert(n.as_str())) {
        return names;
    }
    drop(distinct);
    let mut seen = rustc_hash::FxHashSet::default();
    names
        .into_iter()
        .map(|name| {
            let mut candidate = name.clone();
            let mut n = 1;
            while !seen.insert(candidate.clone()) {
                n += 1;
                candidate = format!("{}_{n}", name.trim_start_matches("r#"));
            }
            candidate
        })
        .collect()
}

/// The wire name of a rendered identifier as serde derives it: the name
/// without its `r#`. A `#[serde(rename)]` is needed when it differs.
pub fn serde_name(rendered: &str) -> &str {
    rendered.trim_start_matches("r#")
}

/// A Rust string literal that survives any input.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_string_literal(&mut out, s);
    out
}

/// Appends [`string_literal`]`(s)` to `out`: `{s:?}`.
pub fn push_string_literal(out: &mut String, s: &str) {
    if super::is_plain(s, '"') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        let _ = write!(out, "{s:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("option"), "Option_");
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("createdAt"), "created_at");
        assert_eq!(variant_name("read-only"), "ReadOnly");
        assert_eq!(string_literal("a\"\n"), "\"a\\\"\\n\"");
        assert_eq!(method_name("new"), "new_");
        assert_eq!(method_name("contact.submit"), "contact_submit");
        assert_eq!(method_name("async"), "r#async");
        assert_eq!(fetch_method("user-page"), "fetch_user_page");
        assert_eq!(args_type("contact.submit"), "ContactSubmitArgs");
        assert_eq!(package_name("My Shop"), "my-shop-client");
        assert_eq!(package_name("日本"), "field-client");
        assert_eq!(serde_name("r#type"), "type");
        assert!(NOT_RAW.windows(2).all(|w| w[0] < w[1]), "sorted, for binary search");
    }

    #[test]
    fn dedupes_in_order() {
        let names = ["created_at", "r#type", "created_at", "r#type", "created_at"].map(String::from).to_vec();
        assert_eq!(dedupe(names), ["created_at", "r#type", "created_at_2", "type_2", "created_at_3"]);
    }
}
