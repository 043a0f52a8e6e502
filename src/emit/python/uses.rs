//! What a generated module uses, collected while it is written, so that it
//! imports exactly that (ruff rejects unused imports), in isort's order.

use super::classes::Classes;
use crate::names::python as names;

/// A name a module imports from the standard library or a third party.
#[derive(Clone, Copy)]
pub enum Import {
    Annotated,
    Literal,
    TypeAlias,
    Date,
    Datetime,
    Time,
    Decimal,
    Uuid,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    TypeAdapter,
    Unpack,
    Deprecated,
    TypeChecking,
}

impl Import {
    const ALL: [Import; 16] = [
        Import::Annotated,
        Import::Literal,
        Import::TypeAlias,
        Import::Date,
        Import::Datetime,
        Import::Time,
        Import::Decimal,
        Import::Uuid,
        Import::BaseModel,
        Import::ConfigDict,
        Import::Field,
        Import::JsonValue,
        Import::TypeAdapter,
        Import::Unpack,
        Import::Deprecated,
        Import::TypeChecking,
    ];

    /// `(module, name)`.
    fn source(self) -> (&'static str, &'static str) {
        match self {
            Import::Annotated => ("typing", "Annotated"),
            Import::Literal => ("typing", "Literal"),
            Import::TypeAlias => ("typing", "TypeAlias"),
            Import::Date => ("datetime", "date"),
            Import::Datetime => ("datetime", "datetime"),
            Import::Time => ("datetime", "time"),
            Import::Decimal => ("decimal", "Decimal"),
            Import::Uuid => ("uuid", "UUID"),
            Import::BaseModel => ("pydantic", "BaseModel"),
            Import::ConfigDict => ("pydantic", "ConfigDict"),
            Import::Field => ("pydantic", "Field"),
            Import::JsonValue => ("pydantic", "JsonValue"),
            Import::TypeAdapter => ("pydantic", "TypeAdapter"),
            Import::Unpack => ("typing", "Unpack"),
            Import::Deprecated => ("typing_extensions", "deprecated"),
            Import::TypeChecking => ("typing", "TYPE_CHECKING"),
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

/// The names a module uses.
pub struct Uses<'c> {
    classes: &'c Classes<'c>,
    /// A bit per [`Import`].
    imports: u16,
    /// Which types' classes the module refers to, by index in `Api::types`.
    types: Vec<bool>,
    /// Which of them it needs at import (not only in annotations).
    eager: Vec<bool>,
    /// Whether the classes recorded now are needed at import.
    pub runtime: bool,
    /// Other model classes it refers to (context bundles).
    others: Vec<String>,
    /// `Upload` from `._transport`.
    pub upload: bool,
    /// `UnknownStr` from `._enums` (an enum is declared).
    pub unknown: bool,
}

impl<'c> Uses<'c> {
    pub fn new(classes: &'c Classes<'c>) -> Uses<'c> {
        Uses {
            classes,
            imports: 0,
            types: vec![false; classes.all().len()],
            eager: vec![false; classes.all().len()],
            runtime: false,
            others: Vec::new(),
            upload: false,
            unknown: false,
        }
    }

    pub fn import(&mut self, import: Import) {
        self.imports |= import.bit();
    }

    /// Records a model class that is not an IR type's (a bundle).
    pub fn model(&mut self, class: &str) {
        self.others.push(class.to_owned());
    }

    /// Appends the class of the type named `wire`, and records it.
    pub fn push_class(&mut self, out: &mut String, wire: &str) {
        match self.classes.index(wire) {
            Some(i) => {
                self.types[i] = true;
                self.eager[i] |= self.runtime;
                out.push_str(self.classes.name(i));
            }
            None => {
                let class = names::class_name(wire);
                out.push_str(&class);
                self.others.push(class);
            }
        }
    }

    /// The types (by index in `Api::types`) whose classes the module
    /// refers to, and whether it needs each at import.
    pub fn types(&self) -> impl Iterator<Item = (usize, bool)> + '_ {
        self.types
            .iter()
            .zip(&self.eager)
            .enumerate()
            .filter(|(_, (used, _))| **used)
            .map(|(i, (_, eager))| (i, *eager))
    }

    /// The model classes the module refers to, sorted.
    pub fn models(&self) -> Vec<&str> {
        let types = self.types.iter().enumerate().filter(|(_, used)| **used).map(|(i, _)| self.classes.name(i));
        let mut models: Vec<&str> = types.chain(self.others.iter().map(String::as_str)).collect();
        isort(&mut models);
        models.dedup();
        models
    }

    /// `from module import a, b` lines for one section (stdlib or
    /// third-party), modules by name, names in isort order.
    pub fn import_lines(&self, third_party: bool) -> Vec<String> {
        let mut used: Vec<(&str, &str)> = Import::ALL
            .iter()
            .filter(|i| self.imports & i.bit() != 0)
            .map(|i| i.source())
            .filter(|(m, _)| is_third_party(m) == third_party)
            .collect();
        used.sort_by(|a, b| a.0.cmp(b.0).then_with(|| isort_cmp(a.1, b.1)));
        let mut lines = Vec::new();
        for group in used.chunk_by(|a, b| a.0 == b.0) {
            let names: Vec<&str> = group.iter().map(|(_, n)| *n).collect();
            lines.push(super::layout::import_from(group[0].0, &names));
        }
        lines
    }

    /// Appends `from __future__ import annotations`, then the standard
    /// library's section and the third parties', each after a blank line
    /// (none when empty).
    pub fn write_imports(&self, out: &mut String) {
        out.push_str("from __future__ import annotations");
        for third in [false, true] {
            let lines = self.import_lines(third);
            if !lines.is_empty() {
                out.push_str("\n\n");
                out.push_str(&lines.join("\n"));
            }
        }
    }
}

fn is_third_party(module: &str) -> bool {
    matches!(module, "pydantic" | "httpx" | "typing_extensions")
}

/// isort's `order-by-type` category, as ruff infers it: CONSTANTS (more than
/// one byte, some cased character, none lowercase), then Classes (an
/// uppercase first character), then the rest.
fn member_type(name: &str) -> u8 {
    let mut cased = false;
    for c in name.chars() {
        if c.is_lowercase() {
            cased = false;
            break;
        }
        cased |= c.is_uppercase();
    }
    if name.len() > 1 && cased {
        0
    } else if name.starts_with(char::is_uppercase) {
        1
    } else {
        2
    }
}

/// The order of ruff's isort (`I001`) for the names of one `from` import,
/// with its defaults (`order-by-type`, not `case-sensitive`): by category,
/// then by the lowercased name in natural order (`Ctx2` before `Ctx10`),
/// then by the name itself.
pub fn isort_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    member_type(a)
        .cmp(&member_type(b))
        .then_with(|| natural(&a.to_lowercase(), &b.to_lowercase()))
        .then_with(|| natural(a, b))
}

/// `natord::compare(a, b)` (natural order: digit runs by value), from the
/// end of the longest common prefix that does not end inside a run of
/// digits: natord finds equal characters equal and ends a digit run at the
/// first character that is not a digit, so such a prefix cannot decide.
/// Names sorted together share long prefixes (`AgentTasks0…`), which
/// natord would walk character by character at every comparison.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let (bytes, mut start) = (a.as_bytes(), a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count());
    // Both strings have the same bytes up to `start`: a character boundary
    // in one is one in the other.
    while start > 0 && (!a.is_char_boundary(start) || bytes[start - 1].is_ascii_digit()) {
        start -= 1;
    }
    natord::compare(&a[start..], &b[start..])
}

/// Sorts the names of one `from` import as ruff's isort does ([`isort_cmp`]).
/// Each name's category and lowercase form are worked out once, not once
/// per comparison (a package's `__init__.py` sorts thousands of names).
pub fn isort(names: &mut [&str]) {
    let mut keyed: Vec<(u8, String, &str)> = names.iter().map(|n| (member_type(n), n.to_lowercase(), *n)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural(&a.1, &b.1)).then_with(|| natural(a.2, b.2)));
    for (slot, (.., name)) in names.iter_mut().zip(keyed) {
        *slot = name;
    }
}

/// Sorts the names of `__all__` as ruff's `RUF022` does: by category (as
/// isort), then in natural order, case-sensitively.
pub fn sort_all(names: &mut [&str]) {
    let mut keyed: Vec<(u8, &str)> = names.iter().map(|n| (member_type(n), *n)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| natural(a.1, b.1)));
    for (slot, (_, name)) in names.iter_mut().zip(keyed) {
        *slot = name;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isort_order() {
        let mut names = vec!["Field", "JsonValue", "BaseModel", "TYPE_CHECKING", "field_validator"];
        isort(&mut names);
        assert_eq!(names, ["TYPE_CHECKING", "BaseModel", "Field", "JsonValue", "field_validator"]);
        // Digit runs by value, case-insensitively (what `ruff check --select I` expects).
        let mut names = vec!["Ctx10Bundle", "Ctx1Bundle", "Agents", "AgentTasks", "Ctx2Bundle", "X", "ÉtéModel"];
        isort(&mut names);
        assert_eq!(names, ["Agents", "AgentTasks", "Ctx1Bundle", "Ctx2Bundle", "Ctx10Bundle", "X", "ÉtéModel"]);
        let mut all = vec!["Ctx10Bundle", "Ctx1Bundle", "Agents", "AgentTasks", "Ctx2Bundle", "X", "ÉtéModel"];
        sort_all(&mut all);
        assert_eq!(all, ["AgentTasks", "Agents", "Ctx1Bundle", "Ctx2Bundle", "Ctx10Bundle", "X", "ÉtéModel"]);
    }

    /// `natural` orders as natord does, on pairs that share prefixes
    /// ending in, before and inside digit runs, whitespace (which natord
    /// skips) and multi-byte characters.
    #[test]
    fn natural_is_natord() {
        let parts = ["", "a", "A", "b", "0", "1", "9", "01", "10", "007", " ", "  ", "é", "ė", "日", "_", "x1", "1x"];
        for p in parts.iter().flat_map(|p| parts.iter().map(move |q| format!("{p}{q}"))) {
            for x in parts {
                for y in parts {
                    for (a, b) in [(format!("{p}{x}"), format!("{p}{y}")), (format!("{p}{x}{y}"), format!("{p}{y}"))] {
                        assert_eq!(natural(&a, &b), natord::compare(&a, &b), "{a:?} {b:?}");
                        assert_eq!(natural(&b, &a), natord::compare(&b, &a), "{b:?} {a:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn imports_by_module_then_isort() {
        let api = crate::compile("mizan-ir 1 project=p\n").unwrap_or_else(|_| panic!("a valid IR"));
        let classes = Classes::new(&api);
        let mut uses = Uses::new(&classes);
        for i in [Import::Uuid, Import::Time, Import::Datetime, Import::Field, Import::BaseModel, Import::Date] {
            uses.import(i);
        }
        assert_eq!(uses.import_lines(false), ["from datetime import date, datetime, time", "from uuid import UUID"]);
        assert_eq!(uses.import_lines(true), ["from pydantic import BaseModel, Field"]);
    }
}
