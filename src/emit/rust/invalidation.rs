//! `src/invalidation.rs`: the static invalidation graph as constants.

use super::layout::{Value, struct_array};
use super::{File, render};
use crate::model::Api;
use crate::names::rust::string_literal as lit;
use askama::Template;

#[derive(Template)]
#[template(path = "rust/invalidation.rs", escape = "none")]
struct InvalidationFile {
    /// The value of `INVALIDATIONS`, laid out.
    invalidations: String,
    /// The value of `MERGES`, laid out.
    merges: String,
}

pub fn file(api: &Api) -> File {
    let mut invalidations = Vec::new();
    let mut merges = Vec::new();
    for f in &api.functions {
        for a in &f.affects {
            invalidations.push(vec![
                ("function", Value::Plain(lit(&f.name))),
                ("context", Value::Plain(lit(&a.context))),
                (
                    "slot",
                    Value::Plain(
                        a.function.as_ref().map_or_else(|| "None".to_owned(), |s| format!("Some({})", lit(s))),
                    ),
                ),
                ("scoped_params", Value::Array(a.scoped_params.iter().map(|p| lit(p)).collect())),
            ]);
        }
        for m in &f.merges {
            merges.push(vec![
                ("function", Value::Plain(lit(&f.name))),
                ("context", Value::Plain(lit(&m.context))),
                ("slot", Value::Plain(lit(&m.slot))),
            ]);
        }
    }
    let file = InvalidationFile {
        invalidations: struct_array("Invalidation", &invalidations),
        merges: struct_array("Merge", &merges),
    };
    File { path: "src/invalidation.rs".to_owned(), contents: render(&file) }
}
