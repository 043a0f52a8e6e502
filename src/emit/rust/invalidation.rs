//! `src/invalidation.rs`: the static invalidation graph as constants. The
//! file is fixed text but for the two constants' values, laid out here.

use super::layout::{StructArray, Value};
use crate::emit::{self, File};
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

pub fn file(api: &Api) -> Result<File, askama::Error> {
    let affects = api.functions.iter().map(|f| f.affects.len()).sum();
    let merges = api.functions.iter().map(|f| f.merges.len()).sum();
    let mut invalidations = StructArray::new("Invalidation", affects);
    let mut merges = StructArray::new("Merge", merges);
    for f in api.functions.iter().filter(|f| !f.affects.is_empty() || !f.merges.is_empty()) {
        let function = lit(&f.name);
        for a in &f.affects {
            let context = lit(&a.context);
            let slot = a.function.as_ref().map_or_else(|| "None".to_owned(), |s| format!("Some({})", lit(s)));
            let scoped: Vec<String> = a.scoped_params.iter().map(|p| lit(p)).collect();
            let scoped: Vec<&str> = scoped.iter().map(String::as_str).collect();
            invalidations.entry(&[
                ("function", Value::Plain(&function)),
                ("context", Value::Plain(&context)),
                ("slot", Value::Plain(&slot)),
                ("scoped_params", Value::Array(&scoped)),
            ]);
        }
        for m in &f.merges {
            merges.entry(&[
                ("function", Value::Plain(&function)),
                ("context", Value::Plain(&lit(&m.context))),
                ("slot", Value::Plain(&lit(&m.slot))),
            ]);
        }
    }
    let file = InvalidationFile { invalidations: invalidations.finish(), merges: merges.finish() };
    emit::asset("src/invalidation.rs", &file)
}
