//! The `stage1` target: TypeScript types and typed kernel calls, which every
//! TypeScript framework binding imports.
//!
//! Files: `types.ts` (every named type), `calls.ts` (`callXxx` per call
//! function), `contexts.ts` (each context's params, bundle, `fetchXxx` and
//! the `contexts` registrations, as data), `channels.ts`, `client.ts` (`createClient`: the kernel's client with the
//! API's base URL and contexts), `forms.ts` (field schemas for client-side
//! validation), `invalidation.ts` (the static invalidation graph) and
//! `index.ts`, and with `kernel = "bundled"` (the default) the runtime in
//! `runtime/` (see `runtime.rs`). The declarations are written by the code
//! in these modules; `client.ts`, fixed text but for its imports, base URL
//! and whether there are contexts, is rendered from its template.

mod calls;
mod contexts;
mod extras;
pub mod runtime;
mod types;

use super::ts::{self, Kernel, Types, bindings::members_by_context, layout};
use crate::emit::{self, File};
use crate::ir::check;
use crate::model::Api;
use crate::names::ts as names;
use crate::target::symbols::{self, Source, Symbols};
use crate::target::{Table, Target};
use askama::Template;

pub struct Stage1;

/// `[target.stage1]`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub kernel: Kernel,
}

impl Target for Stage1 {
    type Options = Options;
    const NAME: &'static str = "stage1";
    const KEYS: &'static [&'static str] = &["kernel"];
    const COST: usize = 5;

    fn options(table: &mut Table) -> Options {
        Options { kernel: Kernel::option(table).unwrap_or_default() }
    }

    /// The module namespace every TypeScript target shares (the bindings
    /// re-export it): the types' names and the names derived from
    /// functions, contexts and channels; and each kind's stems, which
    /// everything generated for it is built from.
    fn symbols<'a>(ix: &check::Index<'a>, out: &mut Symbols<'a>) {
        let doc = ix.doc;
        out.namespace(NAMESPACE, "TypeScript", &[]);
        for t in &doc.types {
            out.declared(names::type_name(&t.name.wire), Source::Type(&t.name.wire), t.name.span);
        }
        for f in symbols::client_functions(ix) {
            out.generated(names::args_type(&f.name.wire), Source::Function(&f.name.wire), f.name.span);
        }
        for (c, span) in symbols::contexts(ix) {
            out.generated(names::context_params_type(c), Source::Context(c), span);
            out.generated(names::bundle_type(c), Source::Context(c), span);
        }
        for c in &doc.channels {
            out.generated(names::channel_params_type(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
        // The module's values: each family's stems are unique (below), but
        // a stem of one family can spell another's name (context
        // `call_foo`'s key `callFooContext`, function `foo_context`'s
        // `callFooContext`).
        out.namespace("stage1 values", "TypeScript", &[]);
        for f in symbols::client_functions(ix) {
            out.generated(names::call_fn(&f.name.wire), Source::Function(&f.name.wire), f.name.span);
        }
        for (c, span) in symbols::contexts(ix) {
            out.generated(names::fetch_fn(c), Source::Context(c), span);
            out.generated(names::context_key_const(c), Source::Context(c), span);
        }
        for c in &doc.channels {
            out.generated(names::subscribe_fn(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
        for form in symbols::forms(ix) {
            out.generated(names::form_const(&form.wire), Source::Form(&form.wire), form.span);
        }
        out.namespace("stage1 function stems", "TypeScript", &[]);
        for f in symbols::client_functions(ix) {
            out.declared(names::stem(&f.name.wire), Source::Function(&f.name.wire), f.name.span);
        }
        out.namespace("stage1 context stems", "TypeScript", &[]);
        for (c, span) in symbols::contexts(ix) {
            out.declared(names::stem(c), Source::Context(c), span);
        }
        out.namespace("stage1 channel stems", "TypeScript", &[]);
        for c in &doc.channels {
            out.declared(names::stem(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
    }

    fn emit(api: &Api, options: &Options) -> Result<Vec<File>, askama::Error> {
        emit(api, &options.kernel)
    }
}

/// The namespace of stage1's module, which every TypeScript target's
/// module includes.
pub const NAMESPACE: &str = "stage1";

fn emit(api: &Api, kernel: &Kernel) -> Result<Vec<File>, askama::Error> {
    let types = Types::new(api);
    let mut files = types::files(api, &types);
    if *kernel == Kernel::Bundled {
        files.extend(runtime::files());
    }
    let kernel = &kernel.specifier(".");
    let mut modules = vec!["./types.js".to_owned()];
    if api.calls().next().is_some() {
        files.push(calls::file(api, &types, kernel));
        modules.push("./calls.js".to_owned());
    }
    // A context only views joined has no bundle: it exists for the manifest.
    let contexts: Vec<_> =
        api.contexts.iter().zip(members_by_context(api)).filter(|(ctx, _)| !ctx.members.is_empty()).collect();
    if !contexts.is_empty() {
        files.push(contexts::file(&types, &contexts, kernel));
        modules.push("./contexts.js".to_owned());
    }
    if !api.channels.is_empty() {
        files.push(extras::channels(api, &types, kernel));
        modules.push("./channels.js".to_owned());
    }
    if !api.forms.is_empty() {
        files.push(extras::forms(api, kernel));
        modules.push("./forms.js".to_owned());
    }
    files.push(extras::invalidation(api, kernel));
    modules.push("./invalidation.js".to_owned());
    files.push(client(api, kernel, !contexts.is_empty())?);
    modules.push("./client.js".to_owned());
    files.push(index(&modules));
    Ok(files)
}

#[derive(Template)]
#[template(path = "stage1/client.ts", escape = "none")]
struct Client {
    imports: String,
    has_contexts: bool,
    base_url: String,
}

/// `client.ts`: `createClient`, the kernel's client with this API's base URL
/// and context registrations.
fn client(api: &Api, kernel: &str, has_contexts: bool) -> Result<File, askama::Error> {
    let mut imports = String::new();
    layout::import(&mut imports, &["createMizanClient"], &["MizanClient", "MizanClientOptions"], kernel);
    let base_url = ts::str_lit(&api.base_url);
    emit::asset("client.ts", &Client { imports, has_contexts, base_url })
}

/// `index.ts`: re-exports every module.
fn index(modules: &[String]) -> File {
    let mut out = String::with_capacity(32 * modules.len());
    for m in modules {
        layout::push_parts(&mut out, &["export * from \"", m, "\";\n"]);
    }
    File { path: "index.ts".to_owned(), contents: out }
}

/// The import lines of a file: values and types from the kernel, types from
/// `./types` (or `../types`), sorted.
pub(crate) fn imports<T: AsRef<str>>(
    kernel: &str,
    values: &[&str],
    kernel_types: &[&str],
    types_from: &str,
    types: &[T],
) -> String {
    let mut out = String::with_capacity(128 + types.iter().map(|t| t.as_ref().len() + 4).sum::<usize>());
    if !values.is_empty() || !kernel_types.is_empty() {
        layout::import(&mut out, values, kernel_types, kernel);
    }
    if !types.is_empty() {
        if !out.is_empty() {
            out.push('\n');
        }
        layout::import::<&str, T>(&mut out, &[], types, types_from);
    }
    out
}
