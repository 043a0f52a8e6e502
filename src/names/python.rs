//! Python names (the `python` target).
//!
//! Policy by position:
//! - classes: PascalCase; a name that is a keyword or one of the names the
//!   generated modules import gets a `_` suffix (`Decimal` → `Decimal_`);
//! - attributes (fields): snake_case of the wire name; a keyword, a builtin,
//!   or a `BaseModel` attribute gets a `_` suffix (`class` → `class_`), and
//!   the model keeps the wire name as the pydantic alias whenever they differ;
//! - methods: snake_case (`contact.submit` → `contact_submit`,
//!   `fetch_user`); keyword arguments follow the attribute rule, and the
//!   per-request options every method takes (`timeout`, ...) are renamed
//!   away from too;
//! - the generator's own locals start with `_mizan_`, which no attribute
//!   name can produce (attributes never start with `_`).
//!
//! Python identifiers may be Unicode (PEP 3131): a name with non-ASCII
//! characters keeps its letters, NFKC-normalised as Python itself reads
//! identifiers (`ünïcödé` → class `Ünïcödé`, attribute `ünïcödé`), so what
//! is written is what Python sees and the symbol table compares that.
//! ASCII names render as in every other target.

use super::{listed, pascal, snake};
use std::fmt::Write;
use unicode_ident::{is_xid_continue, is_xid_start};
use unicode_normalization::UnicodeNormalization;

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
    "AsyncClientWithRawResponse",
    "AsyncRawMethod",
    "BadRequestError",
    "BaseModel",
    "Client",
    "ClientWithRawResponse",
    "ConfigDict",
    "Decimal",
    "Discriminated",
    "Enum",
    "False",
    "Field",
    "ForbiddenError",
    "InternalServerError",
    "InvalidateEntry",
    "JsonValue",
    "Literal",
    "MergeEntry",
    "MizanConnectionError",
    "MizanError",
    "MizanModel",
    "MizanTimeoutError",
    "None",
    "NotFoundError",
    "NotGiven",
    "Optional",
    "RawMethod",
    "RawResponse",
    "RawView",
    "RequestOptions",
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
    "UnknownStr",
    "UnknownVariant",
    "Unpack",
    "Upload",
    "ValidationFailedError",
];

/// Methods of the generated clients and their base class, and the names a
/// client's class body refers to (`@deprecated`): a call function of the
/// same name gets a `_` suffix.
pub const CLIENT_METHODS: &[&str] = &["close", "deprecated", "init_session", "with_options", "with_raw_response"];

/// The per-request options every client method takes as keyword arguments
/// (`**options: Unpack[RequestOptions]`), and that name itself: a param of
/// the same name gets a `_` suffix.
pub const RESERVED_PARAMS: &[&str] = &["extra_headers", "max_retries", "options", "timeout"];

/// A model, enum or alias class name.
pub fn class_name(wire: &str) -> String {
    let mut name = py_pascal(wire);
    if listed(RESERVED_CLASSES, &name) {
        name.push('_');
    }
    name
}

/// The attribute (or keyword argument) for a field or param.
pub fn attr_name(wire: &str) -> String {
    let mut name = py_snake(wire);
    name.drain(..name.len() - name.trim_start_matches('_').len());
    if !name.starts_with(|c: char| c == '_' || is_xid_start(c)) {
        name.insert_str(0, "f_");
    }
    if name.starts_with("model_")
        || listed(KEYWORDS, &name)
        || listed(SHADOWED, &name)
        || listed(BASE_MODEL_ATTRS, &name)
    {
        name.push('_');
    }
    name
}

/// The keyword argument of a call's or context's param: [`attr_name`], and
/// not one of the per-request options ([`RESERVED_PARAMS`]).
pub fn param_name(wire: &str) -> String {
    let mut name = attr_name(wire);
    if listed(RESERVED_PARAMS, &name) {
        name.push('_');
    }
    name
}

/// A client method for a call function: `contact_submit`. Builtins the
/// class body's annotations name (`list`, `str`) are renamed too.
pub fn method_name(function: &str) -> String {
    let mut name = py_snake(function);
    if listed(KEYWORDS, &name) || listed(CLIENT_METHODS, &name) || listed(SHADOWED, &name) {
        name.push('_');
    }
    name
}

/// The private module-level `TypeAdapter` that validates a call's result:
/// `UPDATE_PROFILE`.
pub fn result_adapter(function: &str) -> String {
    let name = py_snake(function);
    if name.is_ascii() {
        return name.to_ascii_uppercase();
    }
    name.to_uppercase().nfkc().collect()
}

/// The private module-level `TypeAdapter` that validates a channel's server
/// messages: `CHAT_MESSAGE`.
pub fn channel_adapter(channel: &str) -> String {
    result_adapter(channel) + "_MESSAGE"
}

/// The subclass of a tagged union's variant that adds the tag field:
/// `ChatOutMessage` for variant `Message` of union `ChatOut`.
pub fn variant_class(union: &str, variant: &str) -> String {
    class_name(&[py_pascal(union), py_pascal(variant)].concat())
}

/// The class keeping a tagged union's variant this client does not know:
/// `UnknownShape`.
pub fn unknown_variant_class(union: &str) -> String {
    class_name(&["Unknown", &py_pascal(union)].concat())
}

/// The fetch method of a context: `fetch_user`.
pub fn fetch_method(context: &str) -> String {
    ["fetch_", &py_snake(context)].concat()
}

/// The bundle model of a context: `UserBundle`.
pub fn bundle_class(context: &str) -> String {
    [&py_pascal(context), "Bundle"].concat()
}

/// PascalCase as Python may write it: [`pascal`] for an ASCII name, else
/// the name's own letters (Unicode words, [`unicode_words`]) capitalised.
fn py_pascal(wire: &str) -> String {
    if wire.is_ascii() {
        return pascal(wire);
    }
    let spelled = super::spell::spelled(wire);
    let wire = &*spelled;
    let mut out = String::with_capacity(wire.len() + 1);
    unicode_words(wire, |w| {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(&chars.as_str().to_lowercase());
        }
    });
    identifier(out, "Field")
}

/// snake_case as Python may write it: [`snake`] for an ASCII name, else the
/// name's own letters (Unicode words, [`unicode_words`]) lowercased.
fn py_snake(wire: &str) -> String {
    if wire.is_ascii() {
        return snake(wire);
    }
    let spelled = super::spell::spelled(wire);
    let wire = &*spelled;
    let mut out = String::with_capacity(wire.len() + 4);
    unicode_words(wire, |w| {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&w.to_lowercase());
    });
    identifier(out, "field")
}

/// `name` NFKC-normalised (case mapping may leave it unnormalised), with a
/// `_` before a first character that cannot start an identifier (a digit);
/// `empty` when no character was left.
fn identifier(name: String, empty: &str) -> String {
    let mut out: String = name.nfkc().filter(|&c| is_xid_continue(c)).collect();
    match out.chars().next() {
        None => empty.to_owned(),
        Some(c) if c != '_' && !is_xid_start(c) => {
            out.insert(0, '_');
            out
        }
        Some(_) => out,
    }
}

/// Calls `emit` with each word of `wire` once NFKC-normalised: runs of
/// identifier characters (XID_Continue) other than `_`, split at heck's
/// case boundaries (as `super::case` splits ASCII names) by Unicode case.
fn unicode_words(wire: &str, mut emit: impl FnMut(&str)) {
    let text: String = wire.nfkc().collect();
    for run in text.split(|c: char| c == '_' || !is_xid_continue(c)).filter(|r| !r.is_empty()) {
        #[derive(Clone, Copy, PartialEq)]
        enum Mode {
            Boundary,
            Lower,
            Upper,
        }
        let chars: Vec<(usize, char)> = run.char_indices().collect();
        let (mut init, mut mode) = (0, Mode::Boundary);
        for pair in chars.windows(2) {
            let ((i, c), (j, next)) = (pair[0], pair[1]);
            let next_mode = if c.is_lowercase() {
                Mode::Lower
            } else if c.is_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_uppercase() {
                emit(&run[init..j]);
                (init, mode) = (j, Mode::Boundary);
            } else if mode == Mode::Upper && c.is_uppercase() && next.is_lowercase() {
                emit(&run[init..i]);
                (init, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
        emit(&run[init..]);
    }
}

/// A Python string literal that survives any input, quoted the way `ruff
/// format` leaves it: double quotes, unless the text holds more double
/// quotes than single ones.
pub fn string_literal(s: &str) -> String {
    super::quoted(s, escape_char)
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
    fn channel_names() {
        assert_eq!(channel_adapter("chat-room"), "CHAT_ROOM_MESSAGE");
    }

    #[test]
    fn names() {
        let cases = [
            // (wire, class_name, attr_name, method_name)
            ("user_profile", "UserProfile", "user_profile", "user_profile"),
            ("createdAt", "CreatedAt", "created_at", "created_at"),
            ("created-at", "CreatedAt", "created_at", "created_at"),
            ("contact.submit", "ContactSubmit", "contact_submit", "contact_submit"),
            ("$ref", "Ref", "ref", "ref"),
            ("_id", "Id", "id", "id"),
            ("__leading", "Leading", "leading", "leading"),
            ("2fa", "_2fa", "f_2fa", "_2fa"),
            ("+1", "Plus1", "plus_1", "plus_1"),
            ("-1", "Minus1", "minus_1", "minus_1"),
            ("größe-+1", "GrößePlus1", "größe_plus_1", "größe_plus_1"),
            ("*/", "StarSlash", "star_slash", "star_slash"),
            ("日本", "日本", "日本", "日本"),
            ("ünïcödé", "Ünïcödé", "ünïcödé", "ünïcödé"),
            ("prénom-de_famille", "PrénomDeFamille", "prénom_de_famille", "prénom_de_famille"),
            ("éclairÜber", "ÉclairÜber", "éclair_über", "éclair_über"),
            ("ﬁeld", "Field_", "field", "field"),
            ("ｃｌａｓｓ", "Class", "class_", "class_"),
            ("٣x", "_٣x", "f_٣x", "_٣x"),
            ("名前の長いフィールド", "名前の長いフィールド", "名前の長いフィールド", "名前の長いフィールド"),
            ("", "Field_", "field", "field"),
            ("class", "Class", "class_", "class_"),
            ("type", "Type", "type_", "type_"),
            ("self", "Self_", "self_", "self_"),
            ("date", "Date", "date_", "date_"),
            ("json", "Json", "json_", "json"),
            ("id", "Id", "id", "id"),
            ("model_name", "ModelName", "model_name_", "model_name"),
            ("decimal", "Decimal_", "decimal", "decimal"),
            ("none", "None_", "none", "none"),
            ("close", "Close", "close", "close_"),
            ("list", "List", "list_", "list_"),
            ("with_options", "WithOptions", "with_options", "with_options_"),
        ];
        for (wire, class, attr, method) in cases {
            assert_eq!(
                (class_name(wire), attr_name(wire), method_name(wire)),
                (class.into(), attr.into(), method.into())
            );
        }
        assert_eq!(result_adapter("contact.submit"), "CONTACT_SUBMIT");
        assert_eq!(result_adapter("größe"), "GRÖSSE");
        assert_eq!((param_name("timeout"), attr_name("timeout")), ("timeout_".into(), "timeout".into()));
        assert_eq!(param_name("options"), "options_");
        assert_eq!(bundle_class("ünï"), "ÜnïBundle");
        assert_eq!(variant_class("chat_out", "Message"), "ChatOutMessage");
        assert_eq!(variant_class("base", "model"), "BaseModel_", "a reserved class");
        assert_eq!(fetch_method("user-page"), "fetch_user_page");
        assert_eq!(bundle_class("user-page"), "UserPageBundle");
    }

    #[test]
    fn hostile_strings() {
        assert_eq!(string_literal("\"\"\"\\\n"), "'\"\"\"\\\\\\n'");
        assert_eq!(string_literal("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(string_literal("a'b"), "\"a'b\"");
        assert_eq!(string_literal("\u{0}\u{2028}"), "\"\\x00\\u2028\"");
        assert_eq!(string_literal("\u{1f}\u{7f}\u{85}\u{2029}\u{feff}"), "\"\\x1f\\x7f\\u0085\\u2029\\ufeff\"");
        assert_eq!(string_literal("tab\tcr\rnl\n"), "\"tab\\tcr\\rnl\\n\"");
        assert_eq!(string_literal("\"\"''\""), "'\"\"\\'\\'\"'");
        assert_eq!(string_literal("日本 é"), "\"日本 é\"");
    }
}
