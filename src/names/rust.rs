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
//! - methods: snake_case, keywords as for fields.

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
    }
}
