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

use super::snake;

/// `keyword.kwlist` and `keyword.softkwlist` of CPython 3.13.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "_", "case", "match", "type",
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
    "dict",
    "float",
    "frozenset",
    "int",
    "list",
    "object",
    "set",
    "str",
    "tuple",
    "datetime",
    "date",
    "time",
    "self",
    "cls",
];

/// Attributes of pydantic v2's `BaseModel` that a field must not shadow
/// (pydantic raises or warns for these), from `pydantic.main.BaseModel`.
pub const BASE_MODEL_ATTRS: &[&str] = &[
    "construct",
    "copy",
    "dict",
    "from_orm",
    "json",
    "parse_file",
    "parse_obj",
    "parse_raw",
    "schema",
    "schema_json",
    "update_forward_refs",
    "validate",
    "model_config",
    "model_fields",
    "model_computed_fields",
    "model_extra",
    "model_fields_set",
    "model_construct",
    "model_copy",
    "model_dump",
    "model_dump_json",
    "model_json_schema",
    "model_parametrized_name",
    "model_post_init",
    "model_rebuild",
    "model_validate",
    "model_validate_json",
    "model_validate_strings",
];

/// Names the generated modules import or define at module level: a class
/// of the same name would shadow them.
pub const RESERVED_CLASSES: &[&str] = &[
    "None",
    "True",
    "False",
    "Any",
    "Annotated",
    "Literal",
    "Union",
    "Optional",
    "TypeAlias",
    "StrEnum",
    "Enum",
    "BaseModel",
    "Field",
    "ConfigDict",
    "RootModel",
    "TypeAdapter",
    "UUID",
    "Decimal",
    "JsonValue",
    "Client",
    "AsyncClient",
    "MizanError",
    "Upload",
    "Self",
    "TypeAlias",
    "MizanModel",
    "BadRequestError",
    "UnauthorizedError",
    "ForbiddenError",
    "NotFoundError",
    "ValidationFailedError",
    "InternalServerError",
    "ServerNotImplementedError",
];

/// Methods of the generated clients' base class: a call function of the
/// same name gets a `_` suffix.
pub const CLIENT_METHODS: &[&str] = &["close", "init_session"];

/// A model, enum or alias class name.
pub fn class_name(wire: &str) -> String {
    let name = super::pascal(wire);
    if RESERVED_CLASSES.contains(&name.as_str()) { name + "_" } else { name }
}

/// The attribute (or keyword argument) for a field or param.
pub fn attr_name(wire: &str) -> String {
    let name = snake(wire);
    let name = name.trim_start_matches('_').to_owned();
    let name =
        if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) { format!("f_{name}") } else { name };
    let clash = KEYWORDS.contains(&name.as_str())
        || SHADOWED.contains(&name.as_str())
        || BASE_MODEL_ATTRS.contains(&name.as_str())
        || name.starts_with("model_");
    if clash { name + "_" } else { name }
}

/// A client method for a call function: `contact_submit`.
pub fn method_name(function: &str) -> String {
    let name = snake(function);
    if KEYWORDS.contains(&name.as_str()) || CLIENT_METHODS.contains(&name.as_str()) { name + "_" } else { name }
}

/// The private module-level `TypeAdapter` that validates a call's result:
/// `UPDATE_PROFILE`.
pub fn result_adapter(function: &str) -> String {
    snake(function).to_uppercase()
}

/// The subclass of a tagged union's variant that adds the tag field:
/// `ChatOutMessage` for variant `Message` of union `ChatOut`.
pub fn variant_class(union: &str, variant: &str) -> String {
    class_name(&format!("{}{}", super::pascal(union), super::pascal(variant)))
}

/// The fetch method of a context: `fetch_user`.
pub fn fetch_method(context: &str) -> String {
    format!("fetch_{}", snake(context))
}

/// The bundle model of a context: `UserBundle`.
pub fn bundle_class(context: &str) -> String {
    format!("{}Bundle", super::pascal(context))
}

/// A Python string literal that survives any input, quoted the way `ruff
/// format` leaves it: double quotes, unless the text holds more double
/// quotes than single ones.
pub fn string_literal(s: &str) -> String {
    let quote = if s.matches('"').count() > s.matches('\'').count() { '\'' } else { '"' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
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
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{feff}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
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
