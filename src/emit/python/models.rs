//! `models.py`: a pydantic model per object type, `Literal` aliases for
//! enums, aliases and unions (tagged ones through a per-variant subclass
//! carrying the tag), and a bundle model per context.
//!
//! Declaration order is what the runtime needs, not name order alone: enums
//! (no references), then classes by name (their annotations are lazy under
//! `from __future__ import annotations`), then the tag subclasses (their
//! bases must exist), then aliases and unions in dependency order (their
//! values are evaluated at import), then the bundles; a final
//! `model_rebuild()` resolves every forward reference at import time.

use super::File;
use super::classes::Classes;
use super::doc::{doc_text, push_doc_text, write_doc};
use super::layout::{Expr, write_annotated, write_statement};
use super::types::{constraint_args, default_expr, type_expr};
use super::uses::{Import, Uses};
use crate::ir::ast::Literal;
use crate::model::{Api, Constraints, Context, Docs, EnumValue, Field, Type, TypeDef, TypeDefKind};
use crate::names::python as names;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// What a `models.py` with an optional field declares after its imports,
/// two blank lines included.
const ABSENT: &str = r#"


def _absent(value: object) -> bool:
    """Whether an optional field is unset: its key is left out on the wire."""
    return value is None"#;

/// What every `models.py` declares after its imports (and `_absent`), two
/// blank lines included: `MizanModel`, the base of every model.
const BASE: &str = r#"


class MizanModel(BaseModel):
    """Base of every model: fields by attribute or wire name, dumped by wire
    name, attribute docstrings as descriptions, and patterns matched by
    Python's `re` (closest to the ECMAScript regexes the IR carries)."""

    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        use_attribute_docstrings=True,
        regex_engine="python-re",
    )"#;

/// The last paragraph of every enum's docstring.
const UNKNOWN_NOTE: &str = "A value this client does not know (sent by a newer server) is kept as an\n`UnknownStr`.";

/// The declarations being written, and what they use.
struct Decls<'a> {
    api: &'a Api,
    classes: &'a Classes<'a>,
    uses: Uses<'a>,
    /// Every declaration, laid out, each after two blank lines.
    out: String,
    /// The classes `model_rebuild()` resolves, in declaration order.
    rebuilt: Vec<Cow<'a, str>>,
    /// Whether a field refers to `_absent`.
    absent: bool,
    /// Whether a tagged union is declared (`Discriminated`, `UnknownVariant`).
    unknown_variant: bool,
}

/// The most entries of a tuple expression pyright infers the types of
/// (`getTypeOfTuple`: a longer one is `tuple[Unknown, ...]`).
const REBUILD_CHUNK: usize = 256;

pub fn file(api: &Api, classes: &Classes) -> File {
    let fields: usize =
        api.types.iter().map(|t| if let TypeDefKind::Object { fields } = &t.kind { fields.len() } else { 0 }).sum();
    let mut d = Decls {
        api,
        classes,
        uses: Uses::new(classes),
        out: String::with_capacity(128 * fields + 256 * (api.types.len() + api.contexts.len())),
        rebuilt: Vec::new(),
        absent: false,
        unknown_variant: false,
    };
    d.uses.import(Import::BaseModel);
    d.uses.import(Import::ConfigDict);
    for (i, t) in api.types.iter().enumerate() {
        if let TypeDefKind::Enum { values } = &t.kind {
            d.enum_decl(i, t, values);
        }
    }
    for (i, t) in api.types.iter().enumerate() {
        if let TypeDefKind::Object { fields } = &t.kind {
            d.object(i, t, fields);
        }
    }
    for (i, t) in api.types.iter().enumerate() {
        if let TypeDefKind::Union { tag: Some(tag), variants } = &t.kind {
            for (v, class) in variants.iter().zip(classes.variants(i)) {
                d.tag_class(class, &t.name, &v.ty, tag, v.tag_value.as_deref().unwrap_or(&v.ty));
            }
        }
    }
    for (i, t) in api.types.iter().enumerate() {
        if let (TypeDefKind::Union { tag: Some(tag), .. }, Some(class)) = (&t.kind, classes.unknown(i)) {
            d.unknown_class(class, &t.name, tag);
        }
    }
    for i in alias_order(api, classes) {
        d.alias_decl(i, &api.types[i]);
    }
    for (i, ctx) in api.contexts.iter().enumerate() {
        d.bundle(ctx, classes.bundle(i));
    }
    // One loop per `REBUILD_CHUNK` classes: pyright infers a longer tuple
    // as `tuple[Unknown, ...]`, which strict mode rejects. Each loop has its
    // own variable: mypy types a loop variable by its first loop.
    for (k, chunk) in d.rebuilt.chunks(REBUILD_CHUNK).enumerate() {
        let var = if k == 0 { "_mizan_model".to_owned() } else { format!("_mizan_model_{}", k + 1) };
        let items = chunk.iter().map(|c| Expr::atom(c.as_ref())).collect();
        d.out.push_str("\n\n\n");
        write_statement(&mut d.out, 0, &format!("for {var} in "), &Expr::tuple(items), ":");
        d.out.extend(["\n    ", &var, ".model_rebuild()"]);
    }
    let mut out = String::with_capacity(2048 + d.out.len());
    write_doc(&mut out, &super::package_doc(api, "Models"), 0);
    out.push_str("\n\n");
    d.uses.write_imports(&mut out);
    let enums: Vec<&str> =
        [(d.unknown_variant, "Discriminated"), (d.uses.unknown, "UnknownStr"), (d.unknown_variant, "UnknownVariant")]
            .into_iter()
            .filter_map(|(used, name)| used.then_some(name))
            .collect();
    if !enums.is_empty() {
        out.push_str("\n\n");
        super::layout::write_import_from(&mut out, "._enums", &enums);
    }
    if d.absent {
        out.push_str(ABSENT);
    }
    out.push_str(BASE);
    out.push_str(&d.out);
    File { path: "models.py".to_owned(), contents: out }
}

impl<'a> Decls<'a> {
    /// `class Name(Base):` and its docstring, after two blank lines.
    fn class_head(&mut self, name: &str, base: &str, doc: &str) {
        self.out.push_str("\n\n\n");
        write_statement(&mut self.out, 0, "class ", &Expr::call(name, vec![Expr::atom(base)]), ":");
        self.out.push('\n');
        write_doc(&mut self.out, doc, 1);
    }

    /// A module-level `Name: TypeAlias = ...` statement and its docstring,
    /// after two blank lines.
    fn alias(&mut self, name: &str, value: &Expr, docs: &Docs, notes: &[String]) {
        self.out.push_str("\n\n\n");
        write_annotated(&mut self.out, 0, name, &Expr::atom("TypeAlias"), Some(value));
        let mut text = String::new();
        push_doc_text(&mut text, docs, notes);
        let at = self.out.len();
        self.out.push('\n');
        if !write_doc(&mut self.out, &text, 0) {
            self.out.truncate(at);
        }
    }

    fn enum_decl(&mut self, index: usize, t: &TypeDef, values: &[EnumValue]) {
        self.uses.import(Import::Literal);
        self.uses.import(Import::TypeAlias);
        let members = values.iter().map(|v| Expr::atom(names::string_literal(&v.value))).collect();
        let mut notes = Vec::new();
        for v in values.iter().filter(|v| v.docs.doc.is_some() || v.docs.deprecated.is_some()) {
            notes.push(format!("- `{}`: {}", v.value, doc_text(&v.docs, &[]).replace("\n\n", " ")));
        }
        let mut notes = if notes.is_empty() { Vec::new() } else { vec![notes.join("\n")] };
        notes.push(UNKNOWN_NOTE.to_owned());
        self.uses.unknown = true;
        let value = Expr::union(vec![Expr::subscript("Literal", members), Expr::atom("UnknownStr")]);
        self.alias(self.classes.name(index), &value, &t.docs, &notes);
    }

    fn object(&mut self, index: usize, t: &TypeDef, fields: &'a [Field]) {
        let name = self.classes.name(index);
        self.rebuilt.push(name.into());
        let mut doc = String::new();
        push_doc_text(&mut doc, &t.docs, &[] as &[&str]);
        if doc.is_empty() {
            doc = format!("The `{}` object.", t.name);
        }
        self.class_head(name, "MizanModel", &doc);
        if !fields.is_empty() {
            self.out.push('\n');
        }
        for f in fields {
            self.member(FieldRef::from(f));
        }
    }

    /// One field on a line of its own: `attr: T`, with a default,
    /// `Field(...)` for constraints, absent-key handling and the wire name
    /// when the attribute differs, then its docstring.
    fn member(&mut self, f: FieldRef) {
        self.out.push('\n');
        let attr = names::attr_name(f.name);
        let renamed = attr != f.name;
        let mut ann = match f.ty {
            Some(ty) => type_expr(ty, &mut self.uses),
            // A function without `returns` answers JSON `null`.
            None => Expr::atom("None"),
        };
        let mut args: Vec<Expr> = Vec::new();
        let mut default: Option<Cow<str>> = None;
        let nullable = f.ty.is_none_or(Type::is_nullable);
        match (f.default, f.ty) {
            (Some(lit), Some(ty)) => default = Some(default_expr(self.api, ty, lit, &mut self.uses).into()),
            _ if f.optional => {
                if !nullable {
                    ann = Expr::union(vec![ann, Expr::atom("None")]);
                    // An absent key is not `null` on the wire.
                    args.push(Expr::keyword("exclude_if=", "_absent"));
                    self.absent = true;
                }
                default = Some("None".into());
            }
            _ => {}
        }
        if let Some(c) = f.constraints {
            args.extend(constraint_args(c).into_iter().map(Expr::atom));
        }
        let wire = if renamed { names::string_literal(f.name) } else { String::new() };
        if renamed {
            args.push(Expr::keyword("validation_alias=", wire.as_str()));
            args.push(Expr::keyword("serialization_alias=", wire.as_str()));
        }
        let start = self.out.len();
        if args.is_empty() {
            let value = default.map(Expr::atom);
            write_annotated(&mut self.out, 1, &attr, &ann, value.as_ref());
        } else {
            self.uses.import(Import::Field);
            let mut items: Vec<Expr> = Vec::with_capacity(args.len() + 1);
            items.extend(default.map(|d| Expr::keyword("default=", d)));
            items.extend(args);
            write_annotated(&mut self.out, 1, &attr, &ann, Some(&Expr::call("Field", items)));
        }
        let notes: Vec<String> =
            f.constraints.and_then(|c| c.format).iter().map(|f| format!("Format: {}.", f.as_str())).collect();
        let mut text = String::new();
        push_doc_text(&mut text, f.docs, &notes);
        self.out.push('\n');
        write_doc(&mut self.out, &text, 1);
        let end = start + self.out[start..].trim_end().len();
        self.out.truncate(end);
    }

    /// The subclass of a tagged union's variant with the tag as a
    /// `Literal`. Over a variant's own tag field (a `str` or an enum) the
    /// narrower type is what the union needs; pyright calls narrowing a
    /// mutable field unsound, and it is only so for code that assigns the
    /// tag through the base class.
    fn tag_class(&mut self, name: &'a str, union: &str, variant: &str, tag: &str, value: &str) {
        self.uses.import(Import::Literal);
        let doc = format!("`{variant}` as the `{value}` variant of `{union}`, tagged by `{tag}`.");
        let base = self.classes.of(variant);
        self.class_head(name, &base, &doc);
        self.rebuilt.push(name.into());
        self.out.push_str("\n\n");
        let start = self.out.len();
        let attr = names::attr_name(tag);
        let lit = names::string_literal(value);
        let ann = Expr::subscript("Literal", vec![Expr::atom(lit.as_str())]);
        if attr == tag {
            write_annotated(&mut self.out, 1, &attr, &ann, Some(&Expr::atom(lit.as_str())));
        } else {
            self.uses.import(Import::Field);
            let wire = names::string_literal(tag);
            let items = vec![
                Expr::keyword("default=", lit.as_str()),
                Expr::keyword("validation_alias=", wire.as_str()),
                Expr::keyword("serialization_alias=", wire.as_str()),
            ];
            write_annotated(&mut self.out, 1, &attr, &ann, Some(&Expr::call("Field", items)));
        }
        if self.api.type_def(variant).is_some_and(|t| declares(t, tag)) {
            // On the first line, where pyright reports the name; ruff's
            // formatter does not count a pragma comment's width.
            let end = self.out[start..].find('\n').map_or(self.out.len(), |at| start + at);
            self.out.insert_str(end, "  # pyright: ignore[reportIncompatibleVariableOverride]");
        }
    }

    /// The class keeping a tagged union's variant this client does not know.
    fn unknown_class(&mut self, name: &str, union: &str, tag: &str) {
        self.unknown_variant = true;
        let doc = format!(
            "A variant of `{union}` this client does not know (sent by a newer server):\nthe object as it came, in `data`, sent back as it is."
        );
        self.class_head(name, "UnknownVariant", &doc);
        self.out.push_str("\n\n");
        let wire = names::string_literal(tag);
        write_statement(&mut self.out, 1, "tag_field = ", &Expr::atom(wire.as_str()), "");
        // The tag under the variants' attribute name, so code reading it
        // off any member of the union type-checks (unless it would hide
        // the base class's own attributes).
        let attr = names::attr_name(tag);
        if !["data", "root", "tag", "tag_field"].contains(&attr.as_ref()) {
            self.out.push_str("\n\n    @property\n");
            super::layout::write_def(&mut self.out, 1, "def ", &attr, &[Expr::atom("self")], &Expr::atom("str"));
            self.out.push_str("\n        \"\"\"The tag value.\"\"\"\n        return self.tag");
        }
    }

    fn alias_decl(&mut self, index: usize, t: &TypeDef) {
        self.uses.import(Import::TypeAlias);
        let expr = match &t.kind {
            TypeDefKind::Alias { target } => type_expr(target, &mut self.uses),
            TypeDefKind::Union { tag: Some(_), .. } => {
                let mut classes: Vec<Expr> =
                    self.classes.variants(index).iter().map(|c| Expr::atom(c.as_str())).collect();
                classes.extend(self.classes.unknown(index).map(Expr::atom));
                self.uses.import(Import::Annotated);
                Expr::subscript("Annotated", vec![Expr::union(classes), Expr::call("Discriminated", vec![])])
            }
            TypeDefKind::Union { tag: None, variants } => {
                let mut classes = Vec::with_capacity(variants.len());
                for v in variants {
                    let mut class = String::new();
                    self.uses.push_class(&mut class, &v.ty);
                    classes.push(Expr::atom(class));
                }
                Expr::union(classes)
            }
            _ => Expr::atom("None"),
        };
        self.alias(self.classes.name(index), &expr, &t.docs, &[]);
    }

    fn bundle(&mut self, ctx: &Context, name: &'a str) {
        let doc = format!("What one fetch of the `{}` context returns: each member function's result.", ctx.name);
        self.class_head(name, "MizanModel", &doc);
        self.rebuilt.push(name.into());
        let mut first = true;
        for f in self.api.members(ctx) {
            if std::mem::take(&mut first) {
                self.out.push('\n');
            }
            let field = FieldRef {
                name: &f.name,
                ty: f.returns.as_ref(),
                optional: f.returns.is_some() && may_be_absent(ctx, f),
                default: None,
                docs: &f.docs,
                constraints: None,
            };
            self.member(field);
        }
    }
}

/// Whether the object type `t` declares the field `wire` itself.
fn declares(t: &TypeDef, wire: &str) -> bool {
    matches!(&t.kind, TypeDefKind::Object { fields } if fields.iter().any(|f| f.name == wire))
}

/// A model field, borrowed from an object type's field or made up for a
/// context member.
struct FieldRef<'f> {
    name: &'f str,
    /// None: JSON `null` (a function without `returns`).
    ty: Option<&'f Type>,
    optional: bool,
    default: Option<&'f Literal>,
    docs: &'f Docs,
    constraints: Option<&'f Constraints>,
}

impl<'f> From<&'f Field> for FieldRef<'f> {
    fn from(f: &'f Field) -> Self {
        FieldRef {
            name: &f.name,
            ty: Some(&f.ty),
            optional: f.optional,
            default: f.default.as_ref(),
            docs: &f.docs,
            constraints: Some(&f.constraints),
        }
    }
}

/// Aliases and unions (as indexes in `Api::types`), each after the aliases
/// and unions it refers to.
fn alias_order(api: &Api, classes: &Classes) -> Vec<usize> {
    fn visit(api: &Api, classes: &Classes, i: usize, done: &mut [bool], out: &mut Vec<usize>) {
        if std::mem::replace(&mut done[i], true) {
            return;
        }
        let mut refs = BTreeSet::new();
        match &api.types[i].kind {
            TypeDefKind::Alias { target } => collect(target, &mut refs),
            TypeDefKind::Union { variants, .. } => refs.extend(variants.iter().map(|v| v.ty.as_str())),
            _ => return,
        }
        for r in refs {
            if let Some(dep) = classes.index(r) {
                visit(api, classes, dep, done, out);
            }
        }
        out.push(i);
    }
    fn collect<'a>(ty: &'a Type, out: &mut BTreeSet<&'a str>) {
        match ty {
            Type::Prim(_) => {}
            Type::Ref(n) => {
                out.insert(n);
            }
            Type::List(i) | Type::Map(i) | Type::Nullable(i) => collect(i, out),
        }
    }
    let mut done = vec![false; api.types.len()];
    let mut out = Vec::new();
    for i in 0..api.types.len() {
        visit(api, classes, i, &mut done, &mut out);
    }
    out
}

/// A member that needs an argument the fetch may leave out is left out of
/// the bundle when that argument is (`catalog` without `slug` has no
/// `product_detail`).
pub(crate) fn may_be_absent(ctx: &Context, f: &crate::model::Function) -> bool {
    f.params.iter().filter(|p| !p.optional).any(|p| !fetch_requires(ctx, &p.name))
}

/// Whether `fetch_<context>` requires the argument: every member takes it
/// and at least one needs it (spec §5, param elevation).
pub(crate) fn fetch_requires(ctx: &Context, param: &str) -> bool {
    ctx.params.iter().any(|p| p.name == param && p.required)
}

#[cfg(test)]
mod tests {
    /// Each `model_rebuild()` loop runs over at most 256 classes, however
    /// many there are (a longer tuple is unknown to pyright's strict mode).
    #[test]
    fn rebuild_loops_stay_within_pyright_tuple_inference() {
        let mut ir = String::from("mizan-ir 1 project=many\n");
        for i in 0..300 {
            ir.push_str(&format!("type T{i} {{\n    field next \"T{}?\"\n}}\n", (i + 1) % 300));
        }
        let api = crate::compile(&ir).unwrap();
        let files = crate::testing::emit(&api, "python", "package = \"many\"");
        let models = &files.iter().find(|f| f.path == "models.py").unwrap().contents;
        let loops: Vec<&str> = models.split("\nfor _mizan_model").skip(1).collect();
        assert_eq!(loops.len(), 2, "{models}");
        // Each its own variable (mypy types a loop variable by its first loop).
        assert!(loops[0].starts_with(" in (") && loops[1].starts_with("_2 in ("), "{models}");
        assert!(models.ends_with("    _mizan_model_2.model_rebuild()\n"), "{models}");
        let counts: Vec<usize> = loops.iter().map(|l| l[..l.find("):").unwrap()].matches(',').count()).collect();
        assert_eq!(counts, [256, 44]);
    }
}
