//! Differential tests: every name function against the straightforward
//! heck-based implementation it replaced (kept here verbatim as the
//! reference), over the generated corpus of [`super::case`]'s tests.

use super::case::tests::corpus;
use super::{python, rust, ts};
use heck::{ToPascalCase, ToSnakeCase};

fn sanitize(wire: &str) -> String {
    let s: String = wire.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if s.chars().any(|c| c.is_ascii_alphanumeric()) { s } else { "field".to_owned() }
}

fn guard_digit(s: String) -> String {
    if s.starts_with(|c: char| c.is_ascii_digit()) { format!("_{s}") } else { s }
}

fn pascal(wire: &str) -> String {
    guard_digit(sanitize(wire).to_pascal_case())
}

fn snake(wire: &str) -> String {
    guard_digit(sanitize(wire).to_snake_case())
}

fn camel(wire: &str) -> String {
    let p = pascal(wire);
    let mut chars = p.chars();
    match chars.next() {
        Some('_') => p,
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => p,
    }
}

fn py_class_name(wire: &str) -> String {
    let name = pascal(wire);
    if python::RESERVED_CLASSES.contains(&name.as_str()) { name + "_" } else { name }
}

fn py_attr_name(wire: &str) -> String {
    let name = snake(wire);
    let name = name.trim_start_matches('_').to_owned();
    let name =
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) { format!("f_{name}") } else { name };
    let clash = python::KEYWORDS.contains(&name.as_str())
        || python::SHADOWED.contains(&name.as_str())
        || python::BASE_MODEL_ATTRS.contains(&name.as_str())
        || name.starts_with("model_");
    if clash { name + "_" } else { name }
}

fn py_method_name(function: &str) -> String {
    let name = snake(function);
    let clash = python::KEYWORDS.contains(&name.as_str()) || python::CLIENT_METHODS.contains(&name.as_str());
    if clash { name + "_" } else { name }
}

/// The quoting shared by the Python and TypeScript literals; `control`
/// writes the escapes that differ.
fn literal(s: &str, control: impl Fn(char) -> Option<String>) -> String {
    let quote = if s.matches('"').count() > s.matches('\'').count() { '\'' } else { '"' };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => match control(c) {
                Some(e) => out.push_str(&e),
                None => out.push(c),
            },
        }
    }
    out.push(quote);
    out
}

fn py_string_literal(s: &str) -> String {
    literal(s, |c| match c {
        c if (c as u32) < 0x20 || c == '\u{7f}' => Some(format!("\\x{:02x}", c as u32)),
        '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' => Some(format!("\\u{:04x}", c as u32)),
        _ => None,
    })
}

fn ts_string_literal(s: &str) -> String {
    literal(s, |c| match c {
        '\u{2028}' => Some("\\u2028".to_owned()),
        '\u{2029}' => Some("\\u2029".to_owned()),
        c if (c as u32) < 0x20 || c == '\u{7f}' => Some(format!("\\u{:04x}", c as u32)),
        _ => None,
    })
}

fn ts_is_bare_property(wire: &str) -> bool {
    let mut chars = wire.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '\u{200c}' || c == '\u{200d}')
}

fn rust_field_name(wire: &str) -> String {
    let name = snake(wire);
    if ["self", "Self", "super", "crate", "_"].contains(&name.as_str()) {
        name + "_"
    } else if rust::KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Every case-converting function, new against reference.
#[test]
fn cases_and_python_names() {
    for s in corpus() {
        assert_eq!(super::pascal(&s), pascal(&s), "{s:?}");
        assert_eq!(super::snake(&s), snake(&s), "{s:?}");
        assert_eq!(super::camel(&s), camel(&s), "{s:?}");
        assert_eq!(python::class_name(&s), py_class_name(&s), "{s:?}");
        assert_eq!(python::attr_name(&s), py_attr_name(&s), "{s:?}");
        assert_eq!(python::method_name(&s), py_method_name(&s), "{s:?}");
        assert_eq!(python::result_adapter(&s), snake(&s).to_uppercase(), "{s:?}");
        assert_eq!(python::variant_class(&s, "ab_C"), py_class_name(&(pascal(&s) + &pascal("ab_C"))), "{s:?}");
        assert_eq!(python::fetch_method(&s), format!("fetch_{}", snake(&s)), "{s:?}");
        assert_eq!(python::bundle_class(&s), format!("{}Bundle", pascal(&s)), "{s:?}");
    }
}

#[test]
fn rust_and_ts_names() {
    for s in corpus() {
        let field = rust_field_name(&s);
        assert_eq!(rust::field_name(&s), field, "{s:?}");
        let method = if rust::RESERVED_METHODS.contains(&field.as_str()) { field + "_" } else { field };
        assert_eq!(rust::method_name(&s), method, "{s:?}");
        let ty = pascal(&s);
        assert_eq!(rust::type_name(&s), if rust::RESERVED_TYPES.contains(&ty.as_str()) { ty + "_" } else { ty });
        assert_eq!(rust::variant_name(&s), if pascal(&s) == "Self" { "Self_".to_owned() } else { pascal(&s) });
        assert_eq!(rust::fetch_method(&s), format!("fetch_{}", snake(&s)), "{s:?}");
        assert_eq!(rust::args_type(&s), pascal(&s) + "Args", "{s:?}");
        assert_eq!(rust::params_type(&s), pascal(&s) + "Params", "{s:?}");
        assert_eq!(rust::bundle_type(&s), pascal(&s) + "Bundle", "{s:?}");
        let ty = pascal(&s);
        assert_eq!(ts::type_name(&s), if ts::RESERVED_TYPES.contains(&ty.as_str()) { ty + "_" } else { ty });
        assert_eq!(ts::call_fn(&s), format!("call{}", pascal(&s)), "{s:?}");
        assert_eq!(ts::channel_params_type(&s), format!("{}ChannelParams", pascal(&s)), "{s:?}");
        assert_eq!(ts::react_scope_const(&s), format!("${}Scope", pascal(&s)), "{s:?}");
        assert_eq!(ts::svelte_channel_store_fn(&s), format!("{}ChannelStore", camel(&s)), "{s:?}");
        assert_eq!(ts::form_const(&s), format!("{}Form", camel(&s)), "{s:?}");
    }
}

#[test]
fn literals_and_properties() {
    let mut corpus = corpus();
    corpus.extend(
        ["it's \"x\"", "\"\"''\"", "a\\b", "\u{0}\u{1f}\u{7f}\u{85}", "\u{2028}\u{2029}\u{feff}", "tab\tcr\rnl\n"]
            .map(String::from),
    );
    for s in corpus {
        assert_eq!(python::string_literal(&s), py_string_literal(&s), "{s:?}");
        assert_eq!(ts::string_literal(&s), ts_string_literal(&s), "{s:?}");
        assert_eq!(rust::string_literal(&s), format!("{s:?}"), "{s:?}");
        let bare = ts_is_bare_property(&s);
        assert_eq!(ts::is_bare_property(&s), bare, "{s:?}");
        assert_eq!(ts::property(&s), if bare { s.clone() } else { ts_string_literal(&s) }, "{s:?}");
        let access = if bare { format!(".{s}") } else { format!("[{}]", ts_string_literal(&s)) };
        assert_eq!(ts::member_access(&s), access, "{s:?}");
        assert_eq!(super::is_ascii_ident(&s), {
            let mut chars = s.chars();
            matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        });
    }
}

#[test]
fn dedupe_keeps_its_order() {
    let names = ["a", "r#type", "a", "type_2", "r#type", "a_2", "a"].map(String::from).to_vec();
    assert_eq!(rust::dedupe(names), ["a", "r#type", "a_2", "type_2", "type_3", "a_2_2", "a_3"]);
    let distinct = ["b", "a", "c"].map(String::from).to_vec();
    assert_eq!(rust::dedupe(distinct.clone()), distinct);
}

#[test]
fn reserved_lists_are_sorted_for_binary_search() {
    let lists: [(&str, &[&str]); 9] = [
        ("python::KEYWORDS", python::KEYWORDS),
        ("python::SHADOWED", python::SHADOWED),
        ("python::BASE_MODEL_ATTRS", python::BASE_MODEL_ATTRS),
        ("python::RESERVED_CLASSES", python::RESERVED_CLASSES),
        ("python::CLIENT_METHODS", python::CLIENT_METHODS),
        ("rust::KEYWORDS", rust::KEYWORDS),
        ("rust::RESERVED_TYPES", rust::RESERVED_TYPES),
        ("rust::RESERVED_METHODS", rust::RESERVED_METHODS),
        ("ts::RESERVED_TYPES", ts::RESERVED_TYPES),
    ];
    for (name, list) in lists.into_iter().chain([("ts::RESERVED_WORDS", ts::RESERVED_WORDS)]) {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{name} is not strictly ascending");
    }
}
