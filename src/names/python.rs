//! Python names (the `python` target).
//!
//! Policy by position:
//! - classes: PascalCase; a name that is a keyword or one of the names the
//!   generated modules import gets a `_` suffix (`Decimal` → `Decimal_`);
//! - attributes (fields): snake_case of the wire name; a keyword, a builtin,
//!   or a `BaseModel` attribute gets a `_` suffix (`class` → `class_`), and
//!   the model keeps the wire name as the pydantic alias whenever they differ;
//! - methods: snake_case (`contact.submit` → `contact_submit`,
//!   `fetch_user`); keyword arguments follow the attribute rule;
//! - the generator's own locals start with `_mizan_`, which no attribute
//!   name can produce (attributes never start with `_`).

use super::{listed, push_snake};
use std::fmt::Write;

/// `keyword.kwlist` and `keyword.softkwlist` of CPython 3.13.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "_", "and", "as", "assert", "async", "await", "break", "case", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "match",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "type", "while", "with", "yield",
];

/// Builtins and imported names that the generated modules refer to in
/// annotations or bodies (`int`, `list`, `datetime`, ...), plus `self` and
/// `cls`: a field or keyword argument of that name would shadow them inside
/// a class body or a method (pydantic resolves `date: date` to the field's
/// default). Other builtins (`id`, `filter`, `format`) are kept: as an
/// attribute or keyword argument they shadow nothing the generated code
/// uses, and `user.id` is what every Python API writes.
pub const SHADOWED: &[&str] = &[
    "bool",
    "bytes",
    "cls",
    "date",
    "datetime",
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "object",
    "self",
    "set",
    "str",
    "time",
    "tuple",
];

/// Attributes of pydantic v2's `BaseModel` that a field must not shadow
/// (pydantic raises or warns for these), from `pydantic.main.BaseModel`.
pub const BASE_MODEL_ATTRS: &[&str] = &[
    "construct",
    "copy",
    "dict",
    "from_orm",
    "json",
    "model_computed_fields",
    "model_config",
    "model_construct",
    "model_copy",
    "model_dump",
    "model_dump_json",
    "model_extra",
    "model_fields",
    "model_fields_set",
    "model_json_schema",
    "model_parametrized_name",
    "model_post_init",
    "model_rebuild",
    "model_validate",
    "model_validate_json",
    "model_validate_strings",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
];

/// Names the generated modules import or define at module level: a class
/// of the same name would shadow them.
pub const RESERVED_CLASSES: &[&str] = &[
    "Annotated",
    "Any",
    "AsyncClient",
    "BadRequestError",
    "BaseModel",
    "Client",
    "ConfigDict",
    "Decimal",
    "Enum",
    "False",
    "Field",
    "ForbiddenError",
    "InternalServerError",
    "JsonValue",
    "Literal",
    "MizanError",
    "MizanModel",
    "None",
    "NotFoundError",
    "Optional",
    "RootModel",
    "Self",
    "ServerNotImplementedError",
    "StrEnum",
    "True",
    "TypeAdapter",
    "TypeAlias",
    "UUID",
    "UnauthorizedError",
    "Union",
    "Upload",
    "ValidationFailedError",
];

/// Methods of the generated clients' base class: a call function of the
/// same name gets a `_` suffix.
pub const CLIENT_METHODS: &[&str] = &["close", "init_session"];

/// A model, enum or alias class name.
pub fn class_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 2);
    push_class_name(&mut out, wire);
    out
}

/// Appends [`class_name`]`(wire)` to `out`.
pub fn push_class_name(out: &mut String, wire: &str) {
    let start = out.len();
    super::push_pascal(out, wire);
    if listed(RESERVED_CLASSES, &out[start..]) {
        out.push('_');
    }
}

/// The attribute (or keyword argument) for a field or param.
pub fn attr_name(wire: &str) -> String {
    let mut out = String::with_capacity(wire.len() + 3);
    push_attr_name(&mut out, wire);
    out
}

/// Appends [`attr_name`]`(wire)` to `out`.
pub fn push_attr_name(out: &mut String, wire: &str) {
    let start = out.len();
    push_snake(out, wire);
    let underscores = out[start..].bytes().take_while(|&b| b == b'_').count();
    out.drain(start..start + underscores);
    if out.len() == start || out.as_bytes()[start].is_ascii_digit() {
        out.insert_str(start, "f_");
    }
    let name = &out[start..];
    if name.starts_with("model_") || listed(KEYWORDS, name) || listed(SHADOWED, name) || listed(BASE_MODEL_ATTRS, name)
    {
        out.push('_');
    }
}

/// A client method for a call function: `contact_submit`.
pub fn method_name(function: &str) -> String {
    let mut out = String::with_capacity(function.len() + 1);
    push_method_name(&mut out, function);
    out
}

/// Appends [`method_name`]`(function)` to `out`.
pub fn push_method_name(out: &mut String, function: &str) {
    let start = out.len();
    push_snake(out, function);
    if listed(KEYWORDS, &out[start..]) || listed(CLIENT_METHODS, &out[start..]) {
        out.push('_');
    }
}

/// The private module-level `TypeAdapter` that validates a call's result:
/// `UPDATE_PROFILE`.
pub fn result_adapter(function: &str) -> String {
    let mut out = String::with_capacity(function.len() + 1);
    push_result_adapter(&mut out, function);
    out
}

/// Appends [`result_adapter`]`(function)` to `out`.
pub fn push_result_adapter(out: &mut String, function: &str) {
    let start = out.len();
    push_snake(out, function);
    out[start..].make_ascii_uppercase();
}

/// The subclass of a tagged union's variant that adds the tag field:
/// `ChatOutMessage` for variant `Message` of union `ChatOut`.
pub fn variant_class(union: &str, variant: &str) -> String {
    let mut joined = String::with_capacity(union.len() + variant.len() + 2);
    super::push_pascal(&mut joined, union);
    super::push_pascal(&mut joined, variant);
    class_name(&joined)
}

/// The fetch method of a context: `fetch_user`.
pub fn fetch_method(context: &str) -> String {
    let mut out = String::with_capacity(context.len() + 10);
    out.push_str("fetch_");
    push_snake(&mut out, context);
    out
}

/// The bundle model of a context: `UserBundle`.
pub fn bundle_class(context: &str) -> String {
    let mut out = String::with_capacity(context.len() + 7);
    super::push_pascal(&mut out, context);
    out.push_str("Bundle");
    out
}

/// A Python string literal that survives any input, quoted the way `ruff
/// format` leaves it: double quotes, unless the text holds more double
/// quotes than single ones.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_string_literal(&mut out, s);
    out
}

/// Appends [`string_literal`]`(s)` to `out`.
pub fn push_string_literal(out: &mut String, s: &str) {
    super::push_quoted(out, s, escape_char);
}

fn escape_char(out: &mut String, c: char, quote: char) {
    match c {
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x20 || c == '\u{7f}' => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(attr_name("class"), "class_");
        assert_eq!(attr_name("createdAt"), "created_at");
        assert_eq!(attr_name("created-at"), "created_at");
        assert_eq!(attr_name("$ref"), "ref");
        assert_eq!(attr_name("_id"), "id");
        assert_eq!(attr_name("json"), "json_");
        assert_eq!(attr_name("id"), "id");
        assert_eq!(attr_name("date"), "date_");
        assert_eq!(attr_name("self"), "self_");
        assert_eq!(method_name("close"), "close_");
        assert_eq!(result_adapter("contact.submit"), "CONTACT_SUBMIT");
        assert_eq!(variant_class("chat_out", "Message"), "ChatOutMessage");
        assert_eq!(attr_name("model_name"), "model_name_");
        assert_eq!(attr_name("2fa"), "f_2fa");
        assert_eq!(class_name("decimal"), "Decimal_");
        assert_eq!(method_name("contact.submit"), "contact_submit");
        assert_eq!(fetch_method("user-page"), "fetch_user_page");
    }

    #[test]
    fn hostile_strings() {
        assert_eq!(string_literal("\"\"\"\\\n"), "'\"\"\"\\\\\\n'");
        assert_eq!(string_literal("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(string_literal("a'b"), "\"a'b\"");
        assert_eq!(string_literal("\u{0}\u{2028}"), "\"\\x00\\u2028\"");
    }
}
