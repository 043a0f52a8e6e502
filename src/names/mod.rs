//! Rendered names, decided once per target and position.
//!
//! Every identifier keeps its wire name (sent verbatim, used in the manifest
//! and in kernel calls); these functions compute what each target writes in
//! its own syntax. The checker calls them to find names that collide after
//! rendering, and the emitters call them while building their view models —
//! never in templates. Each target's reserved words live in its own file,
//! with the source they were taken from.

pub mod python;
pub mod rust;
pub mod ts;

use heck::{ToPascalCase, ToSnakeCase};

/// Whether `s` is `[A-Za-z_][A-Za-z0-9_]*` (ASCII).
pub fn is_ascii_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// PascalCase of a wire name, with every character that cannot stand in an
/// identifier treated as a word break, and a leading digit guarded with `_`.
/// `user_profile`, `userProfile` and `user-profile` all give `UserProfile`.
pub fn pascal(wire: &str) -> String {
    guard_digit(sanitize(wire).to_pascal_case())
}

/// snake_case of a wire name, sanitized the same way as [`pascal`].
pub fn snake(wire: &str) -> String {
    guard_digit(sanitize(wire).to_snake_case())
}

/// camelCase of a wire name, sanitized the same way as [`pascal`].
pub fn camel(wire: &str) -> String {
    let p = pascal(wire);
    let mut chars = p.chars();
    match chars.next() {
        Some('_') => p,
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => p,
    }
}

/// Replaces every character that is not ASCII alphanumeric by a word break;
/// an all-symbol name becomes `field`.
fn sanitize(wire: &str) -> String {
    let s: String = wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if s.chars().any(|c| c.is_ascii_alphanumeric()) { s } else { "field".to_owned() }
}

fn guard_digit(s: String) -> String {
    if s.starts_with(|c: char| c.is_ascii_digit()) { format!("_{s}") } else { s }
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
