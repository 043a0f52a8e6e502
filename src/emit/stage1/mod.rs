//! The `stage1` target: TypeScript types and typed kernel calls, which every
//! TypeScript framework binding imports.
//!
//! Files: `types.ts` (every named type), `calls.ts` (`callXxx` per call
//! function), `contexts/<name>.ts` (params, bundle, `fetchXxx`, kernel
//! registration), `channels.ts`, `forms.ts` (field schemas for client-side
//! validation), `invalidation.ts` (the static invalidation graph) and
//! `index.ts`. Each file's view model is built here with every name and
//! type already rendered; the templates only print.

mod calls;
mod contexts;
mod extras;
mod types;

use super::File;
use super::ts::layout;
use crate::model::Api;
use askama::Template;

pub use contexts::context_file_stem;

pub fn emit(api: &Api, kernel: &str) -> Vec<File> {
    let mut files = vec![types::file(api)];
    let mut modules = vec!["./types".to_owned()];
    if api.calls().next().is_some() {
        files.push(calls::file(api, kernel));
        modules.push("./calls".to_owned());
    }
    // A context only views joined has no bundle: it exists for the manifest.
    for ctx in api.contexts.iter().filter(|c| !c.members.is_empty()) {
        files.push(contexts::file(api, ctx, kernel));
        modules.push(format!("./contexts/{}", context_file_stem(&ctx.name)));
    }
    if !api.channels.is_empty() {
        files.push(extras::channels(api, kernel));
        modules.push("./channels".to_owned());
    }
    if !api.forms.is_empty() {
        files.push(extras::forms(api, kernel));
        modules.push("./forms".to_owned());
    }
    files.push(extras::invalidation(api, kernel));
    modules.push("./invalidation".to_owned());
    files.push(index(&modules));
    files
}

#[derive(Template)]
#[template(path = "stage1/index.ts", escape = "none")]
struct Index<'a> {
    modules: &'a [String],
}

fn index(modules: &[String]) -> File {
    File { path: "index.ts".to_owned(), contents: render(&Index { modules }) }
}

/// Renders a template; a template over owned strings cannot fail to render.
pub(crate) fn render(t: &impl Template) -> String {
    t.render().unwrap_or_else(|e| format!("/* template error: {e} */\n"))
}

/// The import lines of a file: values and types from the kernel, types from
/// `./types` (or `../types`).
pub(crate) fn imports(
    kernel: &str,
    values: &[&str],
    kernel_types: &[&str],
    types_from: &str,
    types: Vec<String>,
) -> String {
    let mut lines = Vec::new();
    let mut names: Vec<String> = values.iter().map(|v| (*v).to_owned()).collect();
    names.extend(kernel_types.iter().map(|t| format!("type {t}")));
    if !names.is_empty() {
        let type_only = values.is_empty();
        let names: Vec<String> = if type_only { kernel_types.iter().map(|t| (*t).to_owned()).collect() } else { names };
        lines.push(layout::import(&names, kernel, type_only));
    }
    if !types.is_empty() {
        lines.push(layout::import(&types, types_from, true));
    }
    lines.join("\n")
}
