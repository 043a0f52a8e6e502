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

use super::{pascal, snake};

/// Strict and reserved keywords, Rust Reference §2.3 (2024 edition).
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// The std prelude (`std::prelude::rust_2024`) and the items the generated
/// crate defines or imports: a user type must not shadow them.
pub const RESERVED_TYPES: &[&str] = &[
    "Self",
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "ToString",
    "Vec",
    "Box",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Default",
    "Drop",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "Fn",
    "FnMut",
    "FnOnce",
    "AsRef",
    "AsMut",
    "From",
    "Into",
    "TryFrom",
    "TryInto",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "ToOwned",
    "Future",
    "IntoFuture",
    "Debug",
    "Serialize",
    "Deserialize",
    "Value",
    "BTreeMap",
    "HashMap",
    "Client",
    "Transport",
    "Error",
    "ErrorCode",
    "Upload",
    "Bytes",
];

/// The client's own methods: a function rendering to one of these gets a `_`.
pub const RESERVED_METHODS: &[&str] = &["new", "transport", "into_transport"];

/// A struct, enum or alias name.
pub fn type_name(wire: &str) -> String {
    let name = pascal(wire);
    if RESERVED_TYPES.contains(&name.as_str()) { name + "_" } else { name }
}

/// A field, argument or method name.
pub fn field_name(wire: &str) -> String {
    let name = snake(wire);
    if NOT_RAW.contains(&name.as_str()) {
        name + "_"
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// An enum variant for an enum value or union variant: PascalCase.
pub fn variant_name(wire: &str) -> String {
    let name = pascal(wire);
    if name == "Self" { "Self_".to_owned() } else { name }
}

/// A client method calling a function.
pub fn method_name(wire: &str) -> String {
    let name = field_name(wire);
    if RESERVED_METHODS.contains(&name.as_str()) { name + "_" } else { name }
}

/// The client method fetching a context: `fetch_<context>`.
pub fn fetch_method(context: &str) -> String {
    format!("fetch_{}", snake(context))
}

/// The args struct of a call function.
pub fn args_type(function: &str) -> String {
    pascal(function) + "Args"
}

/// The params struct of a context.
pub fn params_type(context: &str) -> String {
    pascal(context) + "Params"
}

/// The struct one fetch of a context returns.
pub fn bundle_type(context: &str) -> String {
    pascal(context) + "Bundle"
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
    let mut seen = std::collections::BTreeSet::new();
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
    format!("{s:?}")
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
    }

    #[test]
    fn dedupes_in_order() {
        let names = ["created_at", "r#type", "created_at", "r#type", "created_at"].map(String::from).to_vec();
        assert_eq!(dedupe(names), ["created_at", "r#type", "created_at_2", "type_2", "created_at_3"]);
    }
}
