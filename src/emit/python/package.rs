//! The `models` package, once the models outgrow one module (`split`):
//! `models/__init__.py`, re-exporting every model and giving each module
//! the names its models' annotations refer to, and `models/_base.py`
//! (`MizanModel`). Its other modules are written by `models`, one per
//! module of the split.

use super::File;
use super::classes::Classes;
use super::doc::write_doc;
use super::layout::{Expr, write_import_from, write_statement};
use super::models::write_base;
use super::split::{Split, Unit};
use super::uses;
use crate::model::Api;
use crate::names::python as names;

/// `models/_base.py` and `models/__init__.py`.
pub fn files(api: &Api, classes: &Classes, split: &Split) -> [File; 2] {
    let exports: Vec<(&str, Vec<&str>)> =
        split.modules.iter().map(|m| (m.stem.as_str(), declared(classes, &m.units))).collect();
    [base(), init(api, &exports)]
}

/// The classes a module declares for its units.
fn declared<'c>(classes: &'c Classes, units: &[Unit]) -> Vec<&'c str> {
    let mut names = Vec::new();
    for unit in units {
        match *unit {
            Unit::Type(i) => {
                names.push(classes.name(i));
                names.extend(classes.variants(i).iter().map(String::as_str));
                names.extend(classes.unknown(i));
            }
            Unit::Bundle(i) => names.push(classes.bundle(i)),
        }
    }
    names
}

/// `models/_base.py`: `MizanModel`, which every module's models derive from.
fn base() -> File {
    let mut out = String::from(
        "\"\"\"The base class of the models (`MizanModel`), imported by each module of the\n`models` package.\"\"\"\n\n",
    );
    out.push_str(
        "from __future__ import annotations\n\nimport sys\nfrom typing import Any\n\nfrom pydantic import BaseModel, ConfigDict",
    );
    write_base(&mut out, true);
    out.push_str(NAMESPACE);
    File { path: "models/_base.py".to_owned(), contents: out }
}

/// `models/__init__.py`: every model re-exported from its module, and
/// every module given the package's names (see [`SHARE`]).
fn init(api: &Api, exports: &[(&str, Vec<&str>)]) -> File {
    let count: usize = exports.iter().map(|(_, names)| names.len()).sum();
    let mut out = String::with_capacity(4096 + 96 * count);
    let doc = format!(
        "{}\n\nThe models are declared in this package's modules, grouped by name, and\nre-exported here: import them from here.",
        super::package_doc(api, "Models")
    );
    write_doc(&mut out, &doc, 0);
    out.push_str("\n\nfrom __future__ import annotations\n\nimport sys\n\n");
    let mut modules: Vec<(&str, Vec<&str>)> = exports.to_vec();
    modules.push(("_base", vec!["MizanModel"]));
    modules.sort_by(|a, b| natord::compare(a.0, b.0));
    let mut all: Vec<&str> = Vec::with_capacity(count + 1);
    for (i, (stem, names)) in modules.iter_mut().enumerate() {
        uses::isort(names);
        if i > 0 {
            out.push('\n');
        }
        write_import_from(&mut out, &format!(".{stem}"), names);
        all.extend(names.iter().copied());
    }
    uses::sort_all(&mut all);
    let items = all.iter().map(|n| Expr::atom(names::string_literal(n))).collect();
    out.push_str("\n\n");
    write_statement(&mut out, 0, "__all__ = ", &Expr::list(items), "");
    out.push_str(SHARE);
    File { path: "models/__init__.py".to_owned(), contents: out }
}

/// `MizanModel`'s hook making a model resolve its annotations in its own
/// module's namespace: pydantic builds a deferred model in the namespace
/// of the frame that first uses it, over its module's, so a name of the
/// caller's (`Repo = ...` where `Issue` is first validated) would win.
const NAMESPACE: &str = r#"

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # pydantic builds a deferred model in the namespace of the frame that
        # first uses it, over its module's: make the module's names win.
        super().__pydantic_init_subclass__(**kwargs)
        cls.__pydantic_parent_namespace__ = vars(sys.modules[cls.__module__])"#;

/// After `__all__`: the models are deferred (`defer_build`), and a model
/// resolves its annotations when it is first used, in its module's
/// namespace, where the other modules' classes are imported only for type
/// checkers (importing them at run time would be cycles): each module gets
/// every name of the package. And the recursion limit first uses need.
const SHARE: &str = r#"

# Each model builds its validator on first use, resolving the names in its
# annotations in its own module, which imports the other modules' classes only
# for type checkers: give every module of the package all of its names.
_mizan_names = {_mizan_name: globals()[_mizan_name] for _mizan_name in __all__}
for _mizan_key, _mizan_module in list(sys.modules.items()):
    if _mizan_key.startswith(f"{__name__}._"):
        vars(_mizan_module).update(_mizan_names)

# pydantic builds a model through every model it reaches that is not built yet,
# recursively: about 25 frames a model, deeper than Python's default limit
# through the chains of references a large API has.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))"#;
