//! `src/types.rs`: every named type of the IR as a serde type.
//!
//! The declarations are written here, one after the other into the file's
//! buffer (at 10,000 functions, a view struct per field and per attribute
//! cost more than everything else in the target).

use super::File;
use super::docs::{NO_NOTES, constraint_notes, write_doc_comment};
use super::layout;
use super::rendered::{FieldNames, unique};
use super::ty::{Inline, Printer, uses_map};
use crate::ir::ast::Literal;
use crate::model::{Api, Deprecated, EnumValue, Field, Prim, Type, TypeDef, TypeDefKind, Variant};
use crate::names::rust as names;
use std::borrow::Cow;
use std::cell::Cell;

/// One field of a serde struct, as its declaration says it.
pub(crate) struct FieldDecl<'a> {
    /// The wire name.
    pub wire: &'a str,
    /// The (deduplicated) Rust name.
    pub name: &'a str,
    /// The key may be absent: the type is an `Option`, skipped when `None`.
    pub optional: bool,
    /// Not part of the JSON (an upload): `#[serde(skip)]`.
    pub skip: bool,
    pub doc: Option<&'a str>,
    /// Markdown paragraphs after the doc (default, constraints).
    pub notes: &'a [String],
    pub deprecated: Option<&'a Deprecated>,
    /// `None` is `()`.
    pub ty: Option<&'a Type>,
    /// A recursive field: `Box`ed.
    pub boxed: bool,
}

impl FieldDecl<'_> {
    /// Appends a newline, then the doc lines, attribute lines and the
    /// declaration of the field, at 4 spaces.
    pub fn push(&self, out: &mut String, printer: Printer) {
        out.push('\n');
        write_doc_comment(out, self.doc, self.notes, None, 4);
        if self.skip {
            out.push_str("    #[serde(skip)]\n");
        } else {
            // serde names a field after its Rust name without the `r#`.
            let renamed = match self.name.starts_with("r#") {
                true => names::serde_name(self.name) != self.wire,
                false => self.name != self.wire,
            };
            if renamed {
                push_rename(out, self.wire);
            }
            if self.optional {
                out.push_str("    #[serde(skip_serializing_if = \"Option::is_none\")]\n");
            }
        }
        push_deprecated(out, self.deprecated);
        let start = out.len();
        out.extend(["    pub ", self.name, ": "]);
        let ty = out.len();
        printer.push(out, self.ty, self.optional, self.boxed);
        // rustfmt moves a type that does not fit after the name to the next
        // line, when it fits there or when not even its first line
        // (`BTreeMap<`) fits after the name, and else breaks its generics.
        let (head, tail) = (out[start..ty].chars().count(), out[ty..].chars().count());
        if head + tail + 1 > layout::WIDTH {
            let ty = out.split_off(ty);
            let first = ty.find('<').map_or(tail, |open| ty[..=open].chars().count());
            if 8 + tail < layout::WIDTH || head + first > layout::WIDTH {
                out.truncate(out.len() - 1);
                out.push_str("\n        ");
                layout::push_type(out, &ty, 2, 8, 1);
            } else {
                layout::push_type(out, &ty, 1, head, 1);
            }
        }
        out.push(',');
    }
}

/// Appends a struct declaration after its doc lines: `derive`, and the
/// fields that `fields` appends.
pub(crate) fn push_struct(out: &mut String, derive: &str, name: &str, fields: impl FnOnce(&mut String)) {
    // rustfmt moves the brace of a head longer than the width to a line
    // of its own.
    let head = "pub struct ".len() + name.chars().count() + " {".len();
    out.extend([derive, "\npub struct ", name, if head <= layout::WIDTH { " {" } else { "\n{" }]);
    let open = out.len();
    fields(out);
    if out.len() != open {
        out.push_str("\n}");
        return;
    }
    // An empty body, as rustfmt lays it out by the line's width.
    out.truncate(open - 2);
    out.push_str(match "pub struct ".len() + name.chars().count() + " {}".len() {
        ..=98 => " {}",
        99 | 100 => " {\n}",
        _ => "\n{}",
    });
}

/// `#[serde(rename = "wire")]` at 4 spaces.
fn push_rename(out: &mut String, wire: &str) {
    push_serde(out, "rename = ", &names::string_literal(wire));
}

/// `#[serde({key}{value})]` at 4 spaces, its argument on a line of its own
/// when the attribute does not fit on one.
fn push_serde(out: &mut String, key: &str, value: &str) {
    if "    #[serde(".len() + key.len() + value.chars().count() + ")]".len() <= layout::WIDTH {
        out.extend(["    #[serde(", key, value, ")]\n"]);
    } else {
        out.extend(["    #[serde(\n        ", key, value, "\n    )]\n"]);
    }
}

/// `#[deprecated]` at 4 spaces for a field, variant or method (types only
/// say it in their docs: other generated items refer to them).
pub(crate) fn push_deprecated(out: &mut String, deprecated: Option<&Deprecated>) {
    match deprecated.map(|d| &d.reason) {
        Some(Some(reason)) => out.extend(["    #[deprecated = ", &names::string_literal(reason), "]\n"]),
        Some(None) => out.push_str("    #[deprecated]\n"),
        None => {}
    }
}

/// The docs of `src/types.rs` when it declares the types.
const DOC: &str = "\
//! Every named type of the API, as serde types that read and write the
//! exact JSON the backend speaks.
";

/// The attributes of a file declaring types, after its docs.
const ALLOW: &str = "\
// Types refer to each other; a deprecated one must not warn inside this
// crate. Code using it still gets the warning. The IR's types may nest as
// deep as it likes, and a union's variants differ in size as they do.
#![allow(deprecated, clippy::type_complexity)]";

/// What declaring any of the API's types needs, worked out once for every
/// file that declares some: `src/types.rs`, or each part crate's
/// `src/lib.rs` (`parts`).
pub struct Declarations<'a> {
    api: &'a Api,
    /// Names user types without a path.
    printer: Printer<'a>,
    fields: &'a FieldNames<'a>,
    inline: Inline<'a>,
    /// Per type: an enum read strictly, without an `Unknown` variant.
    strict: Vec<bool>,
}

impl<'a> Declarations<'a> {
    pub fn new(api: &'a Api, printer: Printer<'a>, fields: &'a FieldNames<'a>) -> Declarations<'a> {
        let (inline, strict) = (Inline::new(api, printer.names), strict_enums(api, printer));
        Declarations { api, printer, fields, inline, strict }
    }

    /// `src/types.rs` declaring every type.
    pub fn file(&self) -> File {
        let all: Vec<usize> = (0..self.api.types.len()).collect();
        File { path: "src/types.rs".to_owned(), contents: self.write(&all, DOC, "") }
    }

    /// A file declaring the types `types` (indices in `Api::types`): `doc`,
    /// [`ALLOW`], the imports (then `imports`, when not empty), the
    /// declarations and the helpers they use.
    pub fn write(&self, types: &[usize], doc: &str, imports: &str) -> String {
        let api = self.api;
        let mut out = String::with_capacity(doc.len() + ALLOW.len() + imports.len() + 128 + 320 * types.len());
        out.extend([doc, ALLOW]);
        let serde = !types.is_empty();
        let map = types.iter().any(|&i| mentions_map(&api.types[i]));
        if serde || map {
            out.push('\n');
        }
        if serde {
            out.push_str("\nuse serde::{Deserialize, Serialize};");
        }
        if map {
            out.push_str("\nuse std::collections::BTreeMap;");
        }
        if !imports.is_empty() {
            out.extend(["\n\n", imports]);
        }
        let uses = Uses::default();
        let (printer, fields) = (self.printer, self.fields);
        let cx = Cx { api, printer, fields, inline: &self.inline, strict: &self.strict, uses: &uses };
        for &i in types {
            item(&mut out, i, &api.types[i], &cx);
        }
        if types.iter().any(|&i| matches!(api.types[i].kind, TypeDefKind::Object { .. })) {
            out.push_str(OBJECT_HELPERS);
        }
        for (used, helpers) in
            [(&uses.fields, FIELD_HELPERS), (&uses.defaults, DEFAULT_HELPER), (&uses.empty, EMPTY_HELPER)]
        {
            if used.get() {
                out.push_str(helpers);
            }
        }
        if types.iter().any(|&i| matches!(api.types[i].kind, TypeDefKind::Union { tag: Some(_), .. })) {
            out.push_str(TAGGED_HELPERS);
        }
        out
    }
}

/// The facade's `src/types.rs` when the types are in part crates: `doc`,
/// then a re-export of every part (`krates`, their Rust names).
pub fn reexports(doc: &str, krates: &[String]) -> File {
    let mut out = String::with_capacity(doc.len() + 48 * krates.len());
    out.push_str(doc);
    for krate in krates {
        out.extend(["\n#[doc(inline)]\npub use ", krate, "::*;"]);
    }
    File { path: "src/types.rs".to_owned(), contents: out }
}

fn mentions_map(t: &TypeDef) -> bool {
    match &t.kind {
        TypeDefKind::Object { fields } => fields.iter().any(|f| uses_map(&f.ty)),
        TypeDefKind::Alias { target } => uses_map(target),
        TypeDefKind::Enum { .. } | TypeDefKind::Union { .. } => false,
    }
}

/// What every declaration needs.
struct Cx<'a> {
    api: &'a Api,
    printer: Printer<'a>,
    fields: &'a FieldNames<'a>,
    inline: &'a Inline<'a>,
    /// Per type: an enum read strictly, without an `Unknown` variant.
    strict: &'a [bool],
    /// Which of the structs' reading helpers the file uses.
    uses: &'a Uses,
}

/// The structs' reading helpers ([`OBJECT_HELPERS`] and the rest) that
/// the structs written so far use.
#[derive(Default)]
struct Uses {
    /// A struct with fields.
    fields: Cell<bool>,
    /// A struct without fields.
    empty: Cell<bool>,
    /// A field with a default.
    defaults: Cell<bool>,
}

/// Whether the type named `name` is an object, directly or through aliases.
fn is_object(api: &Api, printer: Printer, name: &str) -> bool {
    let mut at = printer.names.index(name);
    // Aliases cannot form cycles; the bound only guards a bad model.
    for _ in 0..api.types.len() {
        let Some(i) = at else { break };
        match &api.types[i].kind {
            TypeDefKind::Alias { target: Type::Ref(next) } => at = printer.names.index(next),
            TypeDefKind::Object { .. } => return true,
            _ => break,
        }
    }
    false
}

/// The enums that are variants of an untagged union (directly or through
/// aliases): the union tells its variants apart by which one fails to
/// read, so such an enum must refuse a value it does not know rather than
/// keep it.
fn strict_enums(api: &Api, printer: Printer) -> Vec<bool> {
    let mut strict = vec![false; api.types.len()];
    for t in &api.types {
        let TypeDefKind::Union { tag: None, variants } = &t.kind else { continue };
        for v in variants {
            let mut at = printer.names.index(&v.ty);
            // Aliases cannot form cycles; the bound only guards a bad model.
            for _ in 0..api.types.len() {
                let Some(i) = at else { break };
                match &api.types[i].kind {
                    TypeDefKind::Alias { target: Type::Ref(next) } => at = printer.names.index(next),
                    TypeDefKind::Enum { .. } => {
                        strict[i] = true;
                        break;
                    }
                    _ => break,
                }
            }
        }
    }
    strict
}

/// Appends the declaration of the `index`-th type of the API.
fn item(out: &mut String, index: usize, t: &TypeDef, cx: &Cx) {
    let printer = cx.printer;
    let name = printer.names.by_index(index);
    out.push_str("\n\n");
    write_doc_comment(out, t.docs.doc.as_deref(), NO_NOTES, t.docs.deprecated.as_ref(), 0);
    match &t.kind {
        TypeDefKind::Object { fields } => object(out, index, name, fields, cx),
        TypeDefKind::Enum { values } if cx.strict[index] => {
            out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]");
            out.extend(["\npub enum ", name, " {"]);
            strict_enum_values(out, values);
            out.push_str("\n}");
        }
        TypeDefKind::Enum { values } => open_enum(out, name, values),
        TypeDefKind::Union { tag: Some(tag), variants } => tagged_union(out, index, name, tag, variants, cx),
        TypeDefKind::Union { tag: None, variants } => {
            out.push_str("#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]\n#[serde(untagged)]");
            out.extend(["\npub enum ", name, " {"]);
            union_variants(out, index, variants, cx);
            out.push_str(if variants.is_empty() { "}" } else { "\n}" });
        }
        TypeDefKind::Alias { target } => {
            let mut ty = String::with_capacity(32);
            printer.push(&mut ty, Some(target), false, false);
            layout::assign(out, 0, &["pub type ", name].concat(), &ty);
        }
    }
}

/// Appends the struct `name`, the `index`-th type, the functions giving
/// its fields' defaults, and its `Deserialize` impl.
fn object(out: &mut String, index: usize, name: &str, fields: &[Field], cx: &Cx) {
    let printer = cx.printer;
    let rendered = cx.fields.of(fields.iter().map(|f| f.name.as_str()));
    // The default of each field whose default Rust can write: its
    // function's name and body.
    let defaults: Vec<Option<(String, String)>> = fields
        .iter()
        .zip(&rendered)
        .map(|(f, r)| {
            let value = f.default.as_ref().filter(|_| !cx.inline.needs_box(index, &f.ty))?;
            let body = default_expr(value, &f.ty, cx)?;
            Some((["default_", names::serde_name(r)].concat(), body))
        })
        .collect();
    push_struct(out, "#[derive(Clone, Debug, PartialEq, Serialize)]", name, |out| {
        for ((f, r), default) in fields.iter().zip(&rendered).zip(&defaults) {
            let notes = constraint_notes(&f.constraints, f.default.as_ref());
            let decl = FieldDecl {
                wire: &f.name,
                name: r,
                optional: f.optional && default.is_none(),
                skip: false,
                doc: f.docs.doc.as_deref(),
                notes: &notes,
                deprecated: f.docs.deprecated.as_ref(),
                ty: Some(&f.ty),
                boxed: cx.inline.needs_box(index, &f.ty),
            };
            decl.push(out, printer);
        }
    });
    if defaults.iter().any(Option::is_some) {
        out.extend(["\n\nimpl ", name, " {"]);
        let mut first = true;
        for ((f, r), default) in fields.iter().zip(&rendered).zip(&defaults) {
            let Some((function, body)) = default else { continue };
            out.push_str(if std::mem::take(&mut first) { "\n" } else { "\n\n" });
            let doc = ["`", names::serde_name(r), "` when the JSON leaves it out."].concat();
            write_doc_comment(out, Some(&doc), NO_NOTES, None, 4);
            let mut ret = String::with_capacity(32);
            printer.push(&mut ret, Some(&f.ty), false, false);
            layout::fn_head(out, 1, "pub fn ", function, &[], &ret);
            out.extend(["\n        ", body, "\n    }"]);
        }
        out.push_str("\n}");
    }
    let defaults: Vec<Option<&str>> = defaults.iter().map(|d| d.as_ref().map(|(f, _)| f.as_str())).collect();
    read_object(out, name, fields, &rendered, &defaults, cx.uses);
}

/// Appends the `Deserialize` and `Object` impls of the struct `name`:
/// reading its fields (Rust names `rendered`, default functions
/// `defaults`) from a map by position, through [`OBJECT_HELPERS`]. It is a
/// fraction of the code serde's derive writes (a field enum and its
/// visitor, a sequence form, a match per field in each), which at a few
/// thousand structs took most of rustc's memory.
fn read_object(
    out: &mut String,
    name: &str,
    fields: &[Field],
    rendered: &[Cow<str>],
    defaults: &[Option<&str>],
    uses: &Uses,
) {
    out.push_str("\n\n");
    layout::impl_head(out, "impl<'de> Deserialize<'de>", name, false);
    out.push_str("\n    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n");
    out.push_str("        read_object(deserializer)\n    }\n}\n\n");
    layout::impl_for(out, "Object", name, false);
    out.push('\n');
    layout::assign(out, 1, "const NAME: &'static str", &names::string_literal(name));
    out.push('\n');
    let wires: Vec<String> = fields.iter().map(|f| names::string_literal(&f.name)).collect();
    let wires: Vec<&str> = wires.iter().map(String::as_str).collect();
    layout::assign_array(out, 1, "const FIELDS: &'static [&'static str]", &wires);
    out.push_str("\n\n");
    uses.fields.set(uses.fields.get() || !fields.is_empty());
    uses.empty.set(uses.empty.get() || fields.is_empty());
    uses.defaults.set(uses.defaults.get() || defaults.iter().any(Option::is_some));
    if fields.is_empty() {
        out.push_str("    fn read<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {\n");
        out.push_str("        skip_fields(map)?;\n        Ok(Self {})\n    }\n}");
        return;
    }
    out.push_str("    fn read<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {");
    // The slots' prefix, unlike any field's name: the fields' values are
    // bound to their names while the later slots are still read.
    let slot = ["v", "slot", "value"]
        .into_iter()
        .find(|p| !rendered.iter().any(|r| r.strip_prefix(p).is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()))))
        .unwrap_or("value_slot");
    for i in 0..fields.len() {
        out.extend(["\n        let mut ", slot, &i.to_string(), " = Slot(None);"]);
    }
    out.push_str(
        "\n        while let Some(field) = map.next_key_seed(Key(Self::FIELDS))? {\n            match field {",
    );
    for i in 0..fields.len() {
        let i = i.to_string();
        out.extend(["\n                ", &i, " => ", slot, &i, ".read(&mut map, Self::FIELDS[", &i, "]),"]);
    }
    out.push_str("\n                _ => skip_value(&mut map),\n            }?;\n        }");
    // Every missing key is filled in (or its error kept) before the one
    // early return: a `?` per field cost a tenth of rustc's memory.
    if defaults.iter().any(Option::is_none) {
        out.push_str("\n        let mut missing = None;");
        for (i, _) in defaults.iter().enumerate().filter(|(_, d)| d.is_none()) {
            let i = i.to_string();
            out.extend(["\n        ", slot, &i, ".fill(Self::FIELDS[", &i, "], &mut missing);"]);
        }
        out.push_str("\n        if let Some(error) = missing {\n            return Err(error);\n        }");
    }
    for (i, (r, default)) in rendered.iter().zip(defaults).enumerate() {
        out.push('\n');
        let receiver = [slot, &i.to_string()].concat();
        let link = match default {
            Some(function) => [".or(Self::", function, ")"].concat(),
            None => ".value()".to_owned(),
        };
        layout::assign_chain(out, 2, &["let ", r].concat(), &receiver, &link);
    }
    out.push_str("\n        Ok(");
    let names: Vec<&str> = rendered.iter().map(|r| r.as_ref()).collect();
    layout::struct_literal(out, 2, 11, "Self", &names);
    out.push_str(")\n    }\n}");
}

/// The Rust expression of the default `value` of a field of type `ty`, when
/// it can be written without a fallible conversion. `None` keeps the field
/// optional: a `null` default, `datetime`, `date` and `time` as chrono
/// types, a UUID that does not parse.
fn default_expr(value: &Literal, ty: &Type, cx: &Cx) -> Option<String> {
    let printer = cx.printer;
    match (ty, value) {
        (Type::Nullable(_), Literal::Null) => None,
        (Type::Nullable(inner), _) => default_expr(value, inner, cx).map(|e| format!("Some({e})")),
        (Type::Ref(name), _) => {
            let i = printer.names.index(name)?;
            match &cx.api.types[i].kind {
                TypeDefKind::Alias { target } => default_expr(value, target, cx),
                TypeDefKind::Enum { values } => {
                    let Literal::String(s) = value else { return None };
                    let at = values.iter().position(|v| v.value == *s)?;
                    let variants = variant_names(values);
                    Some([printer.names.by_index(i), "::", &variants[at]].concat())
                }
                TypeDefKind::Object { .. } | TypeDefKind::Union { .. } => None,
            }
        }
        (Type::Prim(p), _) => prim_default(*p, value, printer),
        (Type::List(_) | Type::Map(_), _) => None,
    }
}

fn prim_default(p: Prim, value: &Literal, printer: Printer) -> Option<String> {
    let text = |s: &str| Some(format!("{}.to_owned()", names::string_literal(s)));
    match (p, value) {
        (Prim::Json, Literal::Null) => Some("serde_json::Value::Null".to_owned()),
        (Prim::Json, Literal::String(s)) => Some(format!("serde_json::Value::from({})", names::string_literal(s))),
        (Prim::Json, Literal::Int(i)) => i64::try_from(*i).ok().map(|i| format!("serde_json::Value::from({i})")),
        (Prim::Json, Literal::Float(f)) => Some(format!("serde_json::Value::from({})", float(*f))),
        (Prim::Json, Literal::Bool(b)) => Some(format!("serde_json::Value::Bool({b})")),
        (_, Literal::Null) => None,
        (Prim::Int, Literal::Int(i)) => i64::try_from(*i).ok().map(|i| i.to_string()),
        (Prim::Float, Literal::Int(i)) => Some(format!("{i}.0")),
        (Prim::Float, Literal::Float(f)) => Some(float(*f)),
        (Prim::Bool, Literal::Bool(b)) => Some(b.to_string()),
        (Prim::Decimal, Literal::Int(i)) => text(&i.to_string()),
        (Prim::Decimal, Literal::Float(f)) => text(&f.to_string()),
        (Prim::Uuid, Literal::String(s)) if printer.uuid => {
            uuid_u128(s).map(|n| format!("uuid::Uuid::from_u128({n:#034x})"))
        }
        (Prim::Datetime | Prim::Date | Prim::Time, Literal::String(_)) if printer.chrono => None,
        (Prim::String | Prim::Decimal | Prim::Datetime | Prim::Date | Prim::Time | Prim::Uuid, Literal::String(s)) => {
            text(s)
        }
        _ => None,
    }
}

/// A finite float as a Rust `f64` literal.
fn float(f: f64) -> String {
    let text = format!("{f:?}");
    if text.contains(['.', 'e', 'E']) { text } else { format!("{text}.0") }
}

/// The value of a UUID in its usual text forms (hyphenated or not).
fn uuid_u128(s: &str) -> Option<u128> {
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    let hyphens = s.len() - hex.len();
    let grouped = hyphens == 4 && [8, 13, 18, 23].iter().all(|&i| s.as_bytes().get(i) == Some(&b'-'));
    if hex.len() != 32 || !(hyphens == 0 || grouped) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u128::from_str_radix(&hex, 16).ok()
}

/// The variant name of each value of an enum, and last the name of the
/// variant keeping an unknown value: `Unknown`, unless a value takes it.
fn variant_names(values: &[EnumValue]) -> Vec<String> {
    let mut rendered: Vec<String> = unique(values.iter().map(|v| Cow::Owned(names::variant_name(&v.value))).collect())
        .into_iter()
        .map(Cow::into_owned)
        .collect();
    let mut unknown = String::from("Unknown");
    let mut n = 1;
    while rendered.contains(&unknown) {
        unknown = if n == 1 { "UnknownValue".to_owned() } else { format!("UnknownValue{n}") };
        n += 1;
    }
    rendered.push(unknown);
    rendered
}

/// Appends an enum that keeps a value it does not know in its last
/// variant, with `as_str` and the serde impls reading and writing the
/// values as strings.
fn open_enum(out: &mut String, name: &str, values: &[EnumValue]) {
    let variants = variant_names(values);
    let (known, unknown) = variants.split_at(values.len());
    let unknown = &unknown[0];
    out.push_str("#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\n#[non_exhaustive]");
    out.extend(["\npub enum ", name, " {"]);
    for (v, variant) in values.iter().zip(known) {
        out.push('\n');
        write_doc_comment(out, v.docs.doc.as_deref(), NO_NOTES, None, 4);
        push_deprecated(out, v.docs.deprecated.as_ref());
        out.extend(["    ", variant, ","]);
    }
    out.push_str("\n    /// A value this client does not know (the backend is newer): kept as\n");
    out.push_str("    /// it came, and written back as it is.\n");
    out.extend(["    ", unknown, "(String),\n}\n\nimpl ", name, " {\n"]);
    out.push_str(
        "    /// The value as the backend writes it.\n    pub fn as_str(&self) -> &str {\n        match self {",
    );
    for (v, variant) in values.iter().zip(known) {
        out.push('\n');
        match_arm(out, &["Self::", variant].concat(), &names::string_literal(&v.value));
    }
    out.push('\n');
    match_arm(out, &["Self::", unknown, "(value)"].concat(), "value");
    out.extend(["\n        }\n    }\n}\n\nimpl Serialize for ", name, " {\n"]);
    out.push_str("    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n");
    out.push_str("        serializer.serialize_str(self.as_str())\n    }\n}");
    out.extend(["\n\nimpl<'de> Deserialize<'de> for ", name, " {\n"]);
    out.push_str("    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n");
    out.push_str("        let value = String::deserialize(deserializer)?;\n        Ok(match value.as_str() {");
    for (v, variant) in values.iter().zip(known) {
        out.push('\n');
        match_arm(out, &names::string_literal(&v.value), &["Self::", variant].concat());
    }
    out.push('\n');
    match_arm(out, "_", &["Self::", unknown, "(value)"].concat());
    out.push_str("\n        })\n    }\n}");
}

/// A match arm at 12 spaces: `pattern => value,`, the value in a block
/// when the arm does not fit on one line.
fn match_arm(out: &mut String, pattern: &str, value: &str) {
    let line = 12 + pattern.chars().count() + 4 + value.chars().count() + 1;
    if line <= layout::WIDTH {
        out.extend(["            ", pattern, " => ", value, ","]);
    } else {
        out.extend(["            ", pattern, " => {\n                ", value, "\n            }"]);
    }
}

/// Appends each value of a strict enum after a newline.
fn strict_enum_values(out: &mut String, values: &[EnumValue]) {
    let rendered = unique(values.iter().map(|v| Cow::Owned(names::variant_name(&v.value))).collect());
    for (v, name) in values.iter().zip(rendered.iter().map(|n| n.as_ref())) {
        out.push('\n');
        write_doc_comment(out, v.docs.doc.as_deref(), NO_NOTES, None, 4);
        if name != v.value {
            push_rename(out, &v.value);
        }
        push_deprecated(out, v.docs.deprecated.as_ref());
        out.extend(["    ", name, ","]);
    }
}

/// Appends each variant of the `owner`-th type, a union, after a newline:
/// `Name(Type),`, with the names `union_variant_names` gives.
///
/// A variant is `Box`ed when it is recursive, and in a union of more than
/// one variant when it is an object (directly or through aliases): the
/// generator cannot weigh a struct, and an enum is as large as its largest
/// variant, which clippy's `large_enum_variant` refuses beside a small one.
/// serde reads and writes a `Box<T>` as the `T`, tagged or untagged.
fn union_variants(out: &mut String, owner: usize, variants: &[Variant], cx: &Cx) {
    let (printer, inline) = (cx.printer, cx.inline);
    let box_objects = variants.len() > 1;
    let rendered = union_variant_names(variants);
    for (v, name) in variants.iter().zip(&rendered) {
        out.push('\n');
        let boxed = inline.holds(owner, &v.ty) || (box_objects && is_object(cx.api, printer, &v.ty));
        let mut ty = String::with_capacity(32);
        ty.push_str(if boxed { "Box<" } else { "" });
        printer.push_ref(&mut ty, &v.ty);
        ty.push_str(if boxed { ">" } else { "" });
        // rustfmt puts the field on a line of its own when the variant
        // does not fit on one.
        if 4 + name.chars().count() + ty.chars().count() + 3 <= layout::WIDTH {
            out.extend(["    ", name, "(", &ty, "),"]);
        } else {
            out.extend(["    ", name, "(\n        ", &ty, ",\n    ),"]);
        }
    }
}

/// The Rust variant name of each variant of a union.
fn union_variant_names(variants: &[Variant]) -> Vec<String> {
    let rendered = unique(variants.iter().map(|v| Cow::Owned(names::variant_name(&v.ty))).collect());
    rendered.into_iter().map(Cow::into_owned).collect()
}

/// The name of a tagged union's variant keeping one this client does not
/// know: `Unknown`, unless a variant takes it.
fn unknown_variant(rendered: &[String]) -> String {
    let mut unknown = String::from("Unknown");
    let mut n = 1;
    while rendered.contains(&unknown) {
        unknown = if n == 1 { "UnknownVariant".to_owned() } else { format!("UnknownVariant{n}") };
        n += 1;
    }
    unknown
}

/// Appends a tagged union: an enum with a last variant keeping a variant
/// this client does not know (the object as it came), `TAG` and `tag()`,
/// and serde impls written by hand. serde's internally tagged derive would
/// fail on an unknown tag, and would take the tag field away from a
/// variant that declares it itself (an OpenAPI discriminator) and then
/// write it twice; these read the whole object into the variant and write
/// the variant's object with the union's tag value set.
fn tagged_union(out: &mut String, index: usize, name: &str, tag: &str, variants: &[Variant], cx: &Cx) {
    let rendered = union_variant_names(variants);
    let unknown = unknown_variant(&rendered);
    out.push_str("#[derive(Clone, Debug, PartialEq)]\n#[non_exhaustive]");
    out.extend(["\npub enum ", name, " {"]);
    union_variants(out, index, variants, cx);
    out.push_str("\n    /// A variant this client does not know (the backend is newer): the\n");
    out.push_str("    /// object as it came, written back as it is.\n");
    out.extend(["    ", &unknown, "(serde_json::Value),\n}\n\nimpl ", name, " {\n"]);
    out.push_str("    /// The field holding the variant's tag value.\n");
    layout::assign(out, 1, "pub const TAG: &str", &names::string_literal(tag));
    out.push_str("\n\n    /// The variant's tag value, as the backend writes it.\n");
    out.push_str("    pub fn tag(&self) -> &str {\n        match self {");
    for (v, variant) in variants.iter().zip(&rendered) {
        out.push('\n');
        let value = v.tag_value.as_deref().unwrap_or(&v.ty);
        match_arm(out, &["Self::", variant, "(_)"].concat(), &names::string_literal(value));
    }
    out.push('\n');
    match_arm(out, &["Self::", &unknown, "(value)"].concat(), "unknown_tag(value, Self::TAG)");
    out.extend(["\n        }\n    }\n}\n\nimpl Serialize for ", name, " {\n"]);
    out.push_str("    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {\n");
    out.push_str("        match self {");
    for variant in &rendered {
        out.push('\n');
        match_arm(
            out,
            &["Self::", variant, "(value)"].concat(),
            "write_tagged(serializer, Self::TAG, self.tag(), value)",
        );
    }
    out.push('\n');
    match_arm(out, &["Self::", &unknown, "(value)"].concat(), "value.serialize(serializer)");
    out.extend(["\n        }\n    }\n}\n\nimpl<'de> Deserialize<'de> for ", name, " {\n"]);
    out.push_str("    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {\n");
    out.push_str("        let (tag, object) = read_tagged(deserializer, Self::TAG)?;\n        Ok(match tag.as_str() {");
    for (v, variant) in variants.iter().zip(&rendered) {
        out.push('\n');
        let value = v.tag_value.as_deref().unwrap_or(&v.ty);
        read_arm(out, &names::string_literal(value), variant);
    }
    out.push('\n');
    match_arm(out, "_", &["Self::", &unknown, "(object)"].concat());
    out.push_str("\n        })\n    }\n}");
}

/// A match arm at 12 spaces reading a known variant: `"tag" =>
/// Self::Variant(read_variant(object)?),`, laid out as rustfmt does when
/// it does not fit.
fn read_arm(out: &mut String, pattern: &str, variant: &str) {
    let value = ["Self::", variant, "(read_variant(object)?)"].concat();
    if 16 + value.chars().count() <= layout::WIDTH {
        return match_arm(out, pattern, &value);
    }
    out.extend(["            ", pattern, " => {\n                Self::", variant, "(read_variant(\n"]);
    out.push_str("                    object,\n                )?)\n            }");
}

/// The private items the structs' `Deserialize` impls use, when the file
/// has a struct: each struct's `Object` impl reads its fields from a map,
/// as serde's derive would (unknown keys skipped, a duplicate key an
/// error, a missing `Option` field `None`), and these do the rest.
const OBJECT_HELPERS: &str = "

/// A struct read from a map by [`read_object`].
trait Object: Sized {
    /// The struct's name, for errors.
    const NAME: &'static str;
    /// Each field's key, in the order of the struct's [`Slot`]s.
    const FIELDS: &'static [&'static str];

    /// Reads the struct from `map`, whose keys name its fields.
    fn read<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads `T` from a map (an object of JSON).
fn read_object<'de, D: serde::Deserializer<'de>, T: Object>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(T::NAME, T::FIELDS, ObjectVisitor(std::marker::PhantomData))
}

struct ObjectVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Object> serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(formatter, \"struct {}\", T::NAME)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}";

/// The items reading the fields of a struct, when one has fields.
const FIELD_HELPERS: &str = "

/// Reads a key as the position of the field it names (past the last field
/// when it names none).
struct Key(&'static [&'static str]);

impl<'de> serde::de::DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Key {
    type Value = usize;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str(\"a field name\")
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<usize, E> {
        Ok(usize::try_from(value).map_or(self.0.len(), |i| i.min(self.0.len())))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<usize, E> {
        self.visit_bytes(value.as_bytes())
    }

    fn visit_bytes<E: serde::de::Error>(self, value: &[u8]) -> Result<usize, E> {
        let at = self.0.iter().position(|field| field.as_bytes() == value);
        Ok(at.unwrap_or(self.0.len()))
    }
}

/// One field's value while its struct is read.
struct Slot<T>(Option<T>);

impl<T> Slot<T> {
    /// Reads the value of the key `name` from `map`: an error if the key
    /// came before.
    fn read<'de, A: serde::de::MapAccess<'de>>(
        &mut self,
        map: &mut A,
        name: &'static str,
    ) -> Result<(), A::Error>
    where
        T: serde::Deserialize<'de>,
    {
        if self.0.is_some() {
            return Err(serde::de::Error::duplicate_field(name));
        }
        self.0 = Some(map.next_value()?);
        Ok(())
    }

    /// Fills in the value of the key `name` if it was missing: `None` for
    /// an `Option`; for anything else the slot stays empty and the error
    /// goes to `missing`, unless it holds one already.
    fn fill<'de, E: serde::de::Error>(&mut self, name: &'static str, missing: &mut Option<E>)
    where
        T: serde::Deserialize<'de>,
    {
        if self.0.is_none() {
            match T::deserialize(Missing(name, std::marker::PhantomData)) {
                Ok(value) => self.0 = Some(value),
                Err(error) => {
                    missing.get_or_insert(error);
                }
            }
        }
    }

    /// The value read or filled in.
    fn value(self) -> T {
        self.0.expect(\"read or filled in\")
    }
}

/// Skips a value whose key names no field.
fn skip_value<'de, A: serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde::de::IgnoredAny>().map(drop)
}

/// The value of a missing key `.0`: `None` for an `Option`, else the
/// missing field error.
struct Missing<E>(&'static str, std::marker::PhantomData<E>);

impl<'de, E: serde::de::Error> serde::Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: serde::de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}";

/// [`FIELD_HELPERS`]' `Slot::or`, when a field has a default.
const DEFAULT_HELPER: &str = "

impl<T> Slot<T> {
    /// The value read, or `default()` when its key was missing.
    fn or(self, default: fn() -> T) -> T {
        self.0.unwrap_or_else(default)
    }
}";

/// Reading a struct without fields, when there is one.
const EMPTY_HELPER: &str = "

/// Skips every entry of the map of a struct without fields.
fn skip_fields<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    use serde::de::IgnoredAny;
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}";

/// The private functions the tagged unions' serde impls call, when the
/// file has a tagged union.
const TAGGED_HELPERS: &str = "

/// The tag value of an unknown variant's object (empty when it has none).
fn unknown_tag<'a>(object: &'a serde_json::Value, tag: &str) -> &'a str {
    object
        .get(tag)
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
}

/// Writes a tagged union's variant: its object, with the tag set (over the
/// variant's own field of that name, if it has one).
fn write_tagged<S: serde::Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    value: &str,
    variant: &T,
) -> Result<S::Ok, S::Error> {
    use serde::ser::Error;
    let mut object = match serde_json::to_value(variant).map_err(S::Error::custom)? {
        serde_json::Value::Object(object) => object,
        _ => return Err(S::Error::custom(\"a variant is not an object\")),
    };
    object.insert(tag.to_owned(), serde_json::Value::from(value));
    object.serialize(serializer)
}

/// Reads a tagged union's object and its tag value, which must be a string.
fn read_tagged<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    tag: &'static str,
) -> Result<(String, serde_json::Value), D::Error> {
    use serde::de::Error;
    let object = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
    let value = match object.get(tag) {
        Some(serde_json::Value::String(value)) => value.clone(),
        Some(_) => return Err(D::Error::custom(format_args!(\"`{tag}` is not a string\"))),
        None => return Err(D::Error::missing_field(tag)),
    };
    Ok((value, serde_json::Value::Object(object)))
}

/// Reads a tagged union's known variant from its whole object (the tag
/// included: a variant may declare the tag field itself).
fn read_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(
    object: serde_json::Value,
) -> Result<T, E> {
    T::deserialize(object).map_err(E::custom)
}";
