//! `models.py`, or the `models` package once the models outgrow one module
//! (`split`): a pydantic model per object type, `Literal` aliases for
//! enums, aliases and unions (tagged ones through a per-variant subclass
//! carrying the tag), and a bundle model per context.
//!
//! Declaration order is what the runtime needs, not name order alone
//! ([`Decls::declare`]); a final `model_rebuild()` of every class in
//! `models.py` resolves every forward reference at import time, while the
//! package's models are deferred: each builds on first use (`package`).

use super::File;
use super::classes::Classes;
use super::doc::{doc_text, push_doc_text, write_doc};
use super::layout::{Expr, write_annotated, write_import_from, write_import_from_at, write_statement};
use super::package;
use super::split::{self, Split, Unit};
use super::types::{constraint_args, default_expr, type_expr};
use super::uses::{self, Import, Uses};
use crate::ir::ast::Literal;
use crate::model::{Api, Constraints, Context, Docs, EnumValue, Field, Type, TypeDef, TypeDefKind};
use crate::names::python as names;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// What a `models.py` with an optional field declares after its imports,
/// two blank lines included.
const ABSENT: &str = r#"


def _absent(value: object) -> bool:
    """Whether an optional field is unset: its key is left out on the wire."""
    return value is None"#;

/// What every `models.py` declares after its imports (and `_absent`), two
/// blank lines included: `MizanModel`, the base of every model. Deferred,
/// each model builds its validator on first use instead of at import (the
/// `models` package's, whose modules are too many to build at import).
/// One module's field docstrings are also the fields' descriptions (in
/// `model_fields` and the JSON schema: `use_attribute_docstrings`); the
/// package's are not: pydantic reads them by re-tokenizing the module's
/// source for each class, half of what importing thousands of models costs.
pub(super) fn write_base(out: &mut String, deferred: bool) {
    out.push_str(
        r#"


class MizanModel(BaseModel):
    """Base of every model: fields by attribute or wire name, dumped by wire
    name, and patterns matched by Python's `re` (closest to the ECMAScript
    regexes the IR carries)."#,
    );
    out.push_str(if deferred {
        " Each model builds its validator on\n    first use, not at import.\"\"\"\n"
    } else {
        "\"\"\"\n"
    });
    out.push_str(
        "
    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        regex_engine=\"python-re\",",
    );
    out.push_str(if deferred { "\n        defer_build=True," } else { "\n        use_attribute_docstrings=True," });
    out.push_str("\n    )");
}

/// The last paragraph of every enum's docstring.
const UNKNOWN_NOTE: &str = "A value this client does not know (sent by a newer server) is kept as an\n`UnknownStr`.";

/// The declarations being written, and what they use.
struct Decls<'a> {
    api: &'a Api,
    classes: &'a Classes<'a>,
    uses: Uses<'a>,
    /// The package's module being written (and the split), or none for
    /// the one `models.py`.
    part: Option<(&'a Split, usize)>,
    /// Every declaration, laid out, each after two blank lines.
    out: String,
    /// The classes `model_rebuild()` resolves, in declaration order (in
    /// the one `models.py`).
    rebuilt: Vec<Cow<'a, str>>,
    /// Whether a field refers to `_absent`.
    absent: bool,
    /// Whether a class derives from `MizanModel`.
    base: bool,
    /// Whether a tagged union is declared (`Discriminated`, `UnknownVariant`).
    unknown_variant: bool,
}

/// The most entries of a tuple expression pyright infers the types of
/// (`getTypeOfTuple`: a longer one is `tuple[Unknown, ...]`).
const REBUILD_CHUNK: usize = 256;

/// `models.py`, or the `models` package when the models outgrow one module
/// (`split`, `package`).
pub fn files(api: &Api, classes: &Classes) -> Vec<File> {
    let split = split::split(api, classes);
    if split.modules.is_empty() {
        return vec![single(api, classes)];
    }
    // Worked out once for every module, each declaring those it holds.
    let aliases = alias_order(api, classes);
    let modules = (0..split.modules.len()).map(|m| {
        let mut d = Decls::new(api, classes, Some((&split, m)));
        d.declare(&aliases);
        d.part_file()
    });
    let mut files: Vec<File> = modules.collect();
    files.extend(package::files(api, classes, &split));
    files
}

/// The one `models.py`.
fn single(api: &Api, classes: &Classes) -> File {
    let mut d = Decls::new(api, classes, None);
    d.declare(&alias_order(api, classes));
    write_rebuild(&mut d.out, &d.rebuilt);
    let mut out = String::with_capacity(2048 + d.out.len());
    write_doc(&mut out, &super::package_doc(api, "Models"), 0);
    out.push_str("\n\n");
    d.uses.import(Import::BaseModel);
    d.uses.import(Import::ConfigDict);
    d.uses.write_imports(&mut out);
    d.write_enums_import(&mut out, "._enums");
    if d.absent {
        out.push_str(ABSENT);
    }
    write_base(&mut out, false);
    out.push_str(&d.out);
    File { path: "models.py".to_owned(), contents: out }
}

/// The loops calling `model_rebuild()` on every class, so that forward
/// references resolve at import. One loop per `REBUILD_CHUNK` classes:
/// pyright infers a longer tuple as `tuple[Unknown, ...]`, which strict
/// mode rejects. Each loop has its own variable: mypy types a loop variable
/// by its first loop.
fn write_rebuild(out: &mut String, rebuilt: &[impl AsRef<str>]) {
    for (k, chunk) in rebuilt.chunks(REBUILD_CHUNK).enumerate() {
        let var = if k == 0 { "_mizan_model".to_owned() } else { format!("_mizan_model_{}", k + 1) };
        let items = chunk.iter().map(|c| Expr::atom(c.as_ref())).collect();
        out.push_str("\n\n\n");
        write_statement(out, 0, &format!("for {var} in "), &Expr::tuple(items), ":");
        out.extend(["\n    ", &var, ".model_rebuild()"]);
    }
}

/// Appends `from` imports of the package's own modules, in isort's order
/// (parents' before siblings', then by name in natural order; names
/// sorted): at the top level, a section after a blank line (none when
/// empty); indented, a line each.
fn write_local_imports(out: &mut String, indent: usize, mut imports: Vec<(String, Vec<&str>)>) {
    let level = |module: &str| module.len() - module.trim_start_matches('.').len();
    imports.sort_by(|a, b| level(&b.0).cmp(&level(&a.0)).then_with(|| natord::compare(&a.0, &b.0)));
    for (i, (module, names)) in imports.iter_mut().enumerate() {
        out.push_str(if indent > 0 || i > 0 { "\n" } else { "\n\n" });
        uses::isort(names);
        write_import_from_at(out, indent, module, names);
    }
}

impl<'a> Decls<'a> {
    fn new(api: &'a Api, classes: &'a Classes<'a>, part: Option<(&'a Split, usize)>) -> Decls<'a> {
        let fields: usize =
            api.types.iter().map(|t| if let TypeDefKind::Object { fields } = &t.kind { fields.len() } else { 0 }).sum();
        let capacity = 128 * fields + 256 * (api.types.len() + api.contexts.len());
        Decls {
            api,
            classes,
            uses: Uses::new(classes),
            part,
            out: String::with_capacity(if part.is_some() { 4096 } else { capacity }),
            rebuilt: Vec::new(),
            absent: false,
            base: false,
            unknown_variant: false,
        }
    }

    /// Whether the module being written declares the unit.
    fn declares(&self, unit: Unit) -> bool {
        self.part.is_none_or(|(split, m)| split.module_of(unit) == m)
    }

    /// Every declaration of the module, in the order the runtime needs:
    /// enums (no references), then classes by name (their annotations are
    /// lazy under `from __future__ import annotations`), then the tag
    /// subclasses (their bases must exist), then aliases and unions in
    /// dependency order (`aliases`, from [`alias_order`]: their values are
    /// evaluated at import), then the bundles.
    fn declare(&mut self, aliases: &[usize]) {
        let (api, classes) = (self.api, self.classes);
        let types = || api.types.iter().enumerate().filter(|(i, _)| self.declares(Unit::Type(*i)));
        let types: Vec<(usize, &'a TypeDef)> = types().collect();
        for &(i, t) in &types {
            if let TypeDefKind::Enum { values } = &t.kind {
                self.enum_decl(i, t, values);
            }
        }
        for &(i, t) in &types {
            if let TypeDefKind::Object { fields } = &t.kind {
                self.object(i, t, fields);
            }
        }
        for &(i, t) in &types {
            if let TypeDefKind::Union { tag: Some(tag), variants } = &t.kind {
                for (v, class) in variants.iter().zip(classes.variants(i)) {
                    self.tag_class(class, &t.name, &v.ty, tag, v.tag_value.as_deref().unwrap_or(&v.ty));
                }
            }
        }
        for &(i, t) in &types {
            if let (TypeDefKind::Union { tag: Some(tag), .. }, Some(class)) = (&t.kind, classes.unknown(i)) {
                self.unknown_class(class, &t.name, tag);
            }
        }
        for &i in aliases {
            if self.declares(Unit::Type(i)) {
                self.alias_decl(i, &api.types[i]);
            }
        }
        for (i, ctx) in api.contexts.iter().enumerate() {
            if self.declares(Unit::Bundle(i)) {
                self.bundle(ctx, classes.bundle(i));
            }
        }
    }

    /// What the module uses of `_enums.py`.
    fn enums(&self) -> Vec<&'static str> {
        let used = [
            (self.unknown_variant, "Discriminated"),
            (self.uses.unknown, "UnknownStr"),
            (self.unknown_variant, "UnknownVariant"),
        ];
        used.into_iter().filter_map(|(used, name)| used.then_some(name)).collect()
    }

    /// `from <module> import Discriminated, UnknownStr, UnknownVariant`,
    /// those used, after a blank line.
    fn write_enums_import(&self, out: &mut String, module: &str) {
        let enums = self.enums();
        if !enums.is_empty() {
            out.push_str("\n\n");
            write_import_from(out, module, &enums);
        }
    }

    /// A module of the `models` package: its declarations, importing at
    /// run time what they need at import (from modules of lower layers,
    /// see `split`) and the rest for type checkers only.
    fn part_file(mut self) -> File {
        let (split, m) = self.part.expect("a module of the package");
        // By module: the names imported at run time, and for type checkers.
        let mut eager: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        let mut lazy: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for (i, runtime) in self.uses.types() {
            let module = split.module_of(Unit::Type(i));
            if module != m {
                if runtime { &mut eager } else { &mut lazy }.entry(module).or_default().push(self.classes.name(i));
            }
        }
        if !lazy.is_empty() {
            self.uses.import(Import::TypeChecking);
        }
        let sibling = |(k, names): (usize, Vec<&'a str>)| (format!(".{}", split.modules[k].stem), names);
        let mut local: Vec<(String, Vec<&str>)> = eager.into_iter().map(sibling).collect();
        if self.base {
            local.push(("._base".to_owned(), vec!["MizanModel"]));
        }
        let enums = self.enums();
        if !enums.is_empty() {
            local.push((".._enums".to_owned(), enums));
        }
        let mut out = String::with_capacity(2048 + self.out.len());
        let module = &split.modules[m];
        let layer = match module.layer {
            0 => String::new(),
            n => format!(" needing other modules' at import (layer {n})"),
        };
        let doc = format!(
            "The `{}` models of the `{}` API{layer}: a module of the `models`\npackage, which re-exports every model (import them from there).",
            module.group, self.api.project
        );
        write_doc(&mut out, &doc, 0);
        out.push_str("\n\n");
        self.uses.write_imports(&mut out);
        write_local_imports(&mut out, 0, local);
        let mut body = self.out.as_str();
        if !lazy.is_empty() {
            out.push_str("\n\nif TYPE_CHECKING:");
            write_local_imports(&mut out, 1, lazy.into_iter().map(sibling).collect());
        } else if !self.absent && !body.starts_with("\n\n\nclass ") {
            // isort's one blank line between imports and a statement that
            // is not a class or a function.
            body = &body[1..];
        }
        if self.absent {
            out.push_str(ABSENT);
        }
        out.push_str(body);
        File { path: format!("models/{}.py", module.stem), contents: out }
    }

    /// `class Name(Base):` and its docstring, after two blank lines.
    fn class_head(&mut self, name: &str, base: &str, doc: &str) {
        self.base |= base == "MizanModel";
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
        let mut base = String::new();
        self.uses.runtime = true;
        self.uses.push_class(&mut base, variant);
        self.uses.runtime = false;
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
        // An alias's value is evaluated at import.
        self.uses.runtime = true;
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
        self.uses.runtime = false;
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

/// Adds the names of the types `ty` refers to.
pub(super) fn collect<'a>(ty: &'a Type, out: &mut BTreeSet<&'a str>) {
    match ty {
        Type::Prim(_) => {}
        Type::Ref(n) => {
            out.insert(n);
        }
        Type::List(i) | Type::Map(i) | Type::Nullable(i) => collect(i, out),
    }
}

/// Aliases and unions (as indexes in `Api::types`), each after the aliases
/// and unions it refers to.
fn alias_order(api: &Api, classes: &Classes) -> Vec<usize> {
    // What an alias or union refers to, by name order; nothing for the rest.
    let refs = |i: usize| -> Vec<usize> {
        let mut refs = BTreeSet::new();
        match &api.types[i].kind {
            TypeDefKind::Alias { target } => collect(target, &mut refs),
            TypeDefKind::Union { variants, .. } => refs.extend(variants.iter().map(|v| v.ty.as_str())),
            _ => {}
        }
        refs.into_iter().filter_map(|r| classes.index(r)).collect()
    };
    let is_decl = |i: usize| matches!(api.types[i].kind, TypeDefKind::Alias { .. } | TypeDefKind::Union { .. });
    // Depth first, with a stack of its own (a chain of thousands of aliases
    // must not exhaust an emitter thread's): a type and its references
    // still to visit.
    let mut done = vec![false; api.types.len()];
    let mut out = Vec::new();
    for root in 0..api.types.len() {
        if std::mem::replace(&mut done[root], true) || !is_decl(root) {
            continue;
        }
        let mut stack = vec![(root, refs(root), 0)];
        while let Some((i, deps, next)) = stack.last_mut() {
            if let Some(&dep) = deps.get(*next) {
                *next += 1;
                if !std::mem::replace(&mut done[dep], true) && is_decl(dep) {
                    stack.push((dep, refs(dep), 0));
                }
                continue;
            }
            out.push(*i);
            stack.pop();
        }
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
