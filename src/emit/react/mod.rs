//! The `react` target: hooks and providers over the kernel, typed by the
//! stage1 output they import.
//!
//! Files: `runtime.ts` (the generic hooks every generated hook forwards to,
//! and `MizanProvider`), `contexts.ts` (a provider per context, a hook per
//! context function), `mutations.ts`, `channels.ts`, `forms.ts`, `server.ts`
//! (SSR hydration data) and `index.ts`. The files with hooks start with
//! `"use client";` (React Server Components); `server.ts` and `index.ts`
//! do not, and `server.ts` calls only the kernel. No JSX: the output compiles in any
//! TypeScript setup. Generated files import the runtime as `$mizan`, so a
//! user's names can never shadow it. The declarations are written by the
//! code here and in `contexts`/`calls`; `runtime.ts`, static but for its
//! imports, is rendered from its template.

mod calls;
mod contexts;

use super::ts::wrappers::export_from;
use super::ts::{Binding, Types, bindings, layout, sorted, str_lit};
use crate::diag::Diagnostic;
use crate::emit::{self, File};
use crate::ir::check;
use crate::model::Api;
use crate::names::ts as names;
use crate::target::symbols::{self, Source, Symbols};
use crate::target::{Place, Table, Target};
use askama::Template;
use std::borrow::Cow;

pub struct React;

impl Target for React {
    type Options = Binding;
    const NAME: &'static str = "react";
    const REQUIRES: Option<&'static str> = Some("stage1");
    const KEYS: &'static [&'static str] = &["kernel"];

    fn options(table: &mut Table) -> Binding {
        Binding::read(table)
    }

    fn place(options: &mut Binding, place: &Place) -> Result<(), Box<Diagnostic>> {
        options.place(place);
        Ok(())
    }

    /// The React module re-exports stage1's names beside its hooks,
    /// providers and fixed exports; a context's params are its provider's
    /// props, beside the ones React and the provider keep.
    fn symbols<'a>(ix: &check::Index<'a>, out: &mut Symbols<'a>) {
        out.namespace("react", "TypeScript", &[super::stage1::NAMESPACE]);
        for name in FIXED_NAMES {
            out.fixed(name, Self::NAME);
        }
        for f in symbols::client_functions(ix) {
            let (wire, span) = (&f.name.wire, f.name.span);
            out.generated(names::react_hook(wire), Source::Function(wire), span);
            if f.context.is_some() {
                out.generated(names::react_suspense_hook(wire), Source::Function(wire), span);
            } else if is_query(f) {
                out.generated(names::react_query_hook(wire), Source::Function(wire), span);
                out.generated(names::react_query_suspense_hook(wire), Source::Function(wire), span);
            }
        }
        for (c, span) in symbols::contexts(ix) {
            out.generated(names::react_cache_hook(c), Source::Context(c), span);
            out.generated(names::react_provider(c), Source::Context(c), span);
            out.generated(names::react_provider_props(c), Source::Context(c), span);
        }
        for c in &ix.doc.channels {
            out.generated(names::react_channel_hook(&c.name.wire), Source::Channel(&c.name.wire), c.name.span);
        }
        for form in symbols::forms(ix) {
            out.generated(names::react_form_hook(&form.wire), Source::Form(&form.wire), form.span);
        }
        for reads in ix.contexts.values() {
            provider_props(reads, out);
        }
    }

    fn emit(api: &Api, options: &Binding) -> Result<Vec<File>, askama::Error> {
        emit(api, &options.kernel_specifier(), &options.stage1_index())
    }
}

/// [`bindings::is_query`] on the IR: a call with no `affects`, `merge` or
/// upload, and a result, gets query hooks.
fn is_query(f: &crate::ir::ast::Function) -> bool {
    f.affects.is_empty() && f.merges.is_empty() && f.returns.is_some() && !f.params.iter().any(|p| p.ty.is_upload())
}

/// What the React target exports under fixed names (`runtime.ts`, `server.ts`).
const FIXED_NAMES: &[&str] = &[
    "MizanProvider",
    "useMizanClient",
    "MizanProviderProps",
    "MizanHydration",
    "HydrationRequest",
    "prefetchHydration",
    "QueryResult",
    "QueryOptions",
    "SuspenseQueryResult",
    "SuspenseQueryOptions",
    "DefaultQueryOptions",
    "keepPreviousData",
    "MutationResult",
    "MutationOptions",
    "ContextCache",
    "ChannelResult",
    "FormResult",
    "FormErrors",
];

/// Props every context provider takes besides the context's params (React
/// keeps `key` and `ref` for itself).
const PROVIDER_PROPS: &[&str] = &["children", "overrides", "key", "ref"];

/// A context param becomes a prop of the context's provider, where React or
/// the provider itself already owns some names.
fn provider_props(reads: &[&crate::ir::ast::Function], out: &mut Symbols<'_>) {
    let mut seen: Vec<&str> = Vec::new();
    for p in reads.iter().flat_map(|f| &f.params) {
        let name = p.name.wire.as_str();
        if PROVIDER_PROPS.contains(&name) && !seen.contains(&name) {
            seen.push(name);
            let msg = format!("context param `{name}` cannot be a prop of the context's React provider");
            out.reject(
                Diagnostic::error("mizan::reserved-name", msg, p.name.span)
                    .label("reserved by React or the provider")
                    .help(format!(
                        "React keeps `key` and `ref` for itself and the provider uses `children` and `overrides`; rename the param (e.g. `{name}_id`)"
                    )),
            );
        }
    }
}

/// What the file writers need to know about the other modules: where
/// stage1 is imported from.
pub(crate) struct Modules<'a> {
    pub stage1: &'a str,
    pub kernel: &'a str,
}

fn emit(api: &Api, kernel: &str, stage1: &str) -> Result<Vec<File>, askama::Error> {
    let modules = Modules { stage1, kernel };
    let types = Types::new(api);
    let b = bindings::bindings(api, &types);
    let mut files = vec![runtime(kernel, stage1)?];
    let mut exports = Vec::new();
    if !b.contexts.is_empty() {
        files.push(contexts::file(&types, &b, &modules));
        exports.push("./contexts.js");
    }
    if !b.mutations.is_empty() {
        files.push(calls::mutations(&types, &b, &modules));
        exports.push("./mutations.js");
    }
    if !b.channels.is_empty() {
        files.push(calls::channels(&types, &b, &modules));
        exports.push("./channels.js");
    }
    if !b.forms.is_empty() {
        files.push(calls::forms(&types, &b, &modules));
        exports.push("./forms.js");
    }
    if let Some(server) = calls::server(&b, &modules) {
        files.push(server);
        exports.push("./server.js");
    }
    files.push(index(&exports));
    Ok(files)
}

#[derive(Template)]
#[template(path = "react/runtime.ts", escape = "none")]
struct Runtime {
    imports: String,
}

fn runtime(kernel: &str, stage1: &str) -> Result<File, askama::Error> {
    let react = [
        "createContext",
        "createElement",
        "useCallback",
        "useContext",
        "useEffect",
        "useLayoutEffect",
        "useMemo",
        "useRef",
        "useState",
        "useSyncExternalStore",
    ];
    let kernel_values = ["MizanError", "callKey", "entryKey", "keepPreviousData", "validateFields"];
    let kernel_types = [
        "CallOptions",
        "ChannelHandle",
        "ChannelStatus",
        "ContextKey",
        "DefaultQueryOptions",
        "FieldErrors",
        "FormSchema",
        "MizanClient",
        "MutateCallbacks",
        "MutationOptions as KernelMutationOptions",
        "MutationSnapshot",
        "QueryObserver",
        "QueryOptions as KernelQueryOptions",
        "QueryResult as KernelQueryResult",
        "Transport",
        "Updater",
    ];
    let mut imports = String::new();
    layout::import(&mut imports, &react, &["Context", "ReactElement", "ReactNode"], "react");
    imports.push('\n');
    layout::import(&mut imports, &kernel_values, &kernel_types, kernel);
    imports.push('\n');
    layout::import::<_, &str>(&mut imports, &["createClient"], &[], stage1);
    emit::asset("runtime.ts", &Runtime { imports })
}

/// What `index.ts` re-exports from the runtime: values, then types.
const RUNTIME_EXPORTS: (&[&str], &[&str]) = (
    &["MizanProvider", "keepPreviousData", "useMizanClient"],
    &[
        "ChannelResult",
        "ContextCache",
        "DefaultQueryOptions",
        "FormErrors",
        "FormResult",
        "MizanChannelOptions",
        "MizanHydration",
        "MizanProviderProps",
        "MutationOptions",
        "MutationResult",
        "QueryOptions",
        "QueryResult",
        "SuspenseQueryOptions",
        "SuspenseQueryResult",
    ],
);

/// `index.ts`: every generated module, then the runtime's public names.
fn index(exports: &[&str]) -> File {
    let mut out = String::with_capacity(320 + 32 * exports.len());
    for e in exports {
        layout::push_parts(&mut out, &["export * from \"", e, "\";\n"]);
    }
    let (values, types) = RUNTIME_EXPORTS;
    export_from(&mut out, values, types, "./runtime.js");
    File { path: "index.ts".to_owned(), contents: out }
}

/// The stage1 import of a file: `values`, then `types` (sorted,
/// deduplicated); `import type` when there are no values.
pub(crate) fn stage1_import(stage1: &str, values: Vec<&str>, types: Vec<Cow<'_, str>>) -> String {
    let (values, types) = (sorted(values), sorted(types));
    let mut out = String::with_capacity(32 + 16 * (values.len() + types.len()));
    layout::import(&mut out, &values, &types, stage1);
    out
}

/// `import * as $mizan from "./runtime.js";`, the same in every file.
pub(crate) const RUNTIME_IMPORT: &str = "import * as $mizan from \"./runtime.js\";";
