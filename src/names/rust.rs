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
//!   (`new`, `transport`, `into_transport`, `with_header`, `with_timeout`,
//!   `call`, `fetch`, and `clone`) are reserved and get a `_` suffix;
//! - the structs the client adds per function and context end in `Args`,
//!   `Params` and `Bundle`, and live in `client.rs`, which names every user
//!   type through `types::`, so they cannot clash with user types;
//! - within one struct or enum, names that render the same get `_2`, `_3`...
//!   in written order ([`dedupe`]), so no IR can produce duplicate fields.

use super::{listed, pascal, snake};

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
/// crate defines or imports (`types.rs`'s private reading helpers among
/// them): a user type must not shadow them.
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
    "Key",
    "Missing",
    "None",
    "Object",
    "ObjectVisitor",
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
    "Slot",
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
pub const RESERVED_METHODS: &[&str] =
    &["call", "clone", "fetch", "into_transport", "new", "subscribe", "transport", "with_header", "with_timeout"];

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
    let mut name = snake(wire);
    if listed(NOT_RAW, &name) {
        name.push('_');
    } else if listed(KEYWORDS, &name) {
        name.insert_str(0, "r#");
    }
    name
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
    ["fetch_", &snake(context)].concat()
}

/// The client method subscribing to a channel: `subscribe_<channel>`.
pub fn subscribe_method(channel: &str) -> String {
    ["subscribe_", &snake(channel)].concat()
}

/// The params struct of a channel, which names the channel.
pub fn channel_type(channel: &str) -> String {
    [&pascal(channel), "Channel"].concat()
}

/// The args struct of a call function.
pub fn args_type(function: &str) -> String {
    [&pascal(function), "Args"].concat()
}

/// The params struct of a context.
pub fn params_type(context: &str) -> String {
    [&pascal(context), "Params"].concat()
}

/// The struct one fetch of a context returns.
pub fn bundle_type(context: &str) -> String {
    [&pascal(context), "Bundle"].concat()
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

/// A Rust string literal that survives any input: `{s:?}`.
pub fn string_literal(s: &str) -> String {
    if super::is_plain(s, '"') { ["\"", s, "\""].concat() } else { format!("{s:?}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        let cases = [
            // (wire, type_name, field_name, method_name, variant_name)
            ("user_profile", "UserProfile", "user_profile", "user_profile", "UserProfile"),
            ("createdAt", "CreatedAt", "created_at", "created_at", "CreatedAt"),
            ("contact.submit", "ContactSubmit", "contact_submit", "contact_submit", "ContactSubmit"),
            ("read-only", "ReadOnly", "read_only", "read_only", "ReadOnly"),
            ("2fa", "_2fa", "_2fa", "_2fa", "_2fa"),
            ("+1", "Plus1", "plus_1", "plus_1", "Plus1"),
            ("-1", "Minus1", "minus_1", "minus_1", "Minus1"),
            ("*/", "StarSlash", "star_slash", "star_slash", "StarSlash"),
            ("日本", "Field", "field", "field", "Field"),
            ("type", "Type", "r#type", "r#type", "Type"),
            ("async", "Async", "r#async", "r#async", "Async"),
            ("self", "Self_", "self_", "self_", "Self_"),
            ("Self", "Self_", "self_", "self_", "Self_"),
            ("crate", "Crate", "crate_", "crate_", "Crate"),
            ("new", "New", "new", "new_", "New"),
            ("option", "Option_", "option", "option", "Option"),
            ("none", "None_", "none", "none", "None"),
            // `types.rs`'s private reading helpers.
            ("object", "Object_", "object", "object", "Object"),
            ("slot", "Slot_", "slot", "slot", "Slot"),
            ("key", "Key_", "key", "key", "Key"),
            ("missing", "Missing_", "missing", "missing", "Missing"),
            ("ObjectVisitor", "ObjectVisitor_", "object_visitor", "object_visitor", "ObjectVisitor"),
        ];
        for (wire, ty, field, method, variant) in cases {
            let got = (type_name(wire), field_name(wire), method_name(wire), variant_name(wire));
            assert_eq!(got, (ty.into(), field.into(), method.into(), variant.into()), "{wire:?}");
        }
        assert_eq!(fetch_method("user-page"), "fetch_user_page");
        assert_eq!(args_type("contact.submit"), "ContactSubmitArgs");
        assert_eq!(params_type("user-page"), "UserPageParams");
        assert_eq!(bundle_type("user-page"), "UserPageBundle");
        assert_eq!(package_name("My Shop"), "my-shop-client");
        assert_eq!(package_name("日本"), "field-client");
        assert_eq!(serde_name("r#type"), "type");
        assert!(NOT_RAW.windows(2).all(|w| w[0] < w[1]), "sorted, for binary search");
        assert!(RESERVED_TYPES.windows(2).all(|w| w[0] < w[1]), "sorted, for binary search");
    }

    #[test]
    fn channel_names() {
        assert_eq!(subscribe_method("chat-room"), "subscribe_chat_room");
        assert_eq!(channel_type("chat-room"), "ChatRoomChannel");
    }

    #[test]
    fn string_literals_are_debug_strings() {
        assert_eq!(string_literal("plain é"), "\"plain é\"");
        assert_eq!(string_literal("a\"\n"), "\"a\\\"\\n\"");
        // Quotes alone are not plain.
        assert_eq!(string_literal("\"\""), "\"\\\"\\\"\"");
        assert_eq!(string_literal("\u{0}\u{7f}\u{2028}\u{feff}\\"), "\"\\0\\u{7f}\\u{2028}\\u{feff}\\\\\"");
    }

    #[test]
    fn dedupes_in_order() {
        let names = ["created_at", "r#type", "created_at", "r#type", "created_at"].map(String::from).to_vec();
        assert_eq!(dedupe(names), ["created_at", "r#type", "created_at_2", "type_2", "created_at_3"]);
        let names = ["a", "r#type", "a", "type_2", "r#type", "a_2", "a"].map(String::from).to_vec();
        assert_eq!(dedupe(names), ["a", "r#type", "a_2", "type_2", "type_3", "a_2_2", "a_3"]);
        let distinct = ["b", "a", "c"].map(String::from).to_vec();
        assert_eq!(dedupe(distinct.clone()), distinct);
    }
}
