//! The `vue` target: a plugin that provides a client through
//! provide/inject, and a composable per context function (`useUserProfile`),
//! call (`useUpdateProfile`), channel (`useChatChannel`) and form
//! (`useContactForm`), over stage1's calls and `createClient`.
//!
//! Files: `runtime.ts` (plugin and composable runtime, static but for its
//! kernel import: rendered from its template) and `index.ts` (the generated
//! composables, written here). Names come from `crate::names::ts`; the
//! wrappers from `ts::binding_plan`.

mod ssr;

use super::ts::binding_plan::{self, ParamsStyle, Spelling};
use super::ts::wrappers::{export_from, write_module};
use super::ts::{Binding, layout};
use crate::diag::Diagnostic;
use crate::emit::{self, File};
use crate::ir::check;
use crate::model::Api;
use crate::names::ts as names;
use crate::target::{Place, Symbols, Table, Target};
use askama::Template;

pub struct Vue;

impl Target for Vue {
    type Options = Binding;
    const NAME: &'static str = "vue";
    const REQUIRES: Option<&'static str> = Some("stage1");
    const KEYS: &'static [&'static str] = &["kernel"];

    fn options(table: &mut Table) -> Binding {
        Binding::read(table)
    }

    fn place(options: &mut Binding, place: &Place) -> Result<(), Box<Diagnostic>> {
        options.place(place);
        Ok(())
    }

    fn symbols<'a>(ix: &check::Index<'a>, out: &mut Symbols<'a>) {
        out.namespace("vue", "TypeScript", &[super::stage1::NAMESPACE]);
        SPELLING.symbols(ix, out);
    }

    fn emit(api: &Api, options: &Binding) -> Result<Vec<File>, askama::Error> {
        emit(api, &options.kernel_specifier(), &options.stage1_index())
    }
}

const SPELLING: Spelling = Spelling {
    member_fn: names::vue_use_fn,
    mutation_fn: names::vue_use_fn,
    query_fn: names::vue_query_fn,
    channel_fn: names::vue_channel_fn,
    form_fn: names::vue_form_fn,
    params: ParamsStyle::Generic("MizanParams"),
    params_import: Some("MizanParams"),
    results: ["MizanQuery", "MizanMutation", "MizanChannel", "MizanForm"],
    client_param: false,
};

#[derive(Template)]
#[template(path = "vue/runtime.ts", escape = "none")]
struct Runtime {
    kernel_imports: String,
}

/// What `index.ts` re-exports from the runtime: values, then types.
const RUNTIME_EXPORTS: (&[&str], &[&str]) = (
    &["createMizan", "keepPreviousData", "useMizanClient"],
    &[
        "MizanChannel",
        "MizanChannelOptions",
        "MizanForm",
        "MizanFormErrors",
        "MizanMutation",
        "MizanMutationOptions",
        "MizanOptions",
        "MizanParams",
        "MizanPluginOptions",
        "MizanQuery",
        "MizanQueryOptions",
    ],
);

/// `runtime.ts` and `index.ts`; `kernel` and `stage1` are module specifiers.
fn emit(api: &Api, kernel: &str, stage1: &str) -> Result<Vec<File>, askama::Error> {
    let plan = binding_plan::plan(api, &SPELLING, stage1, "./runtime.js");
    let values = ["MizanError", "keepPreviousData", "validateFields"];
    let types = [
        "CallOptions",
        "ChannelHandle",
        "ChannelStatus",
        "DefaultQueryOptions",
        "FormSchema",
        "MizanClient",
        "MizanClientOptions",
        "MutateCallbacks",
        "MutationOptions",
        "QueryObserver",
        "QueryOptions",
        "QueryResult",
    ];
    let mut kernel_imports = String::new();
    layout::import(&mut kernel_imports, &values, &types, kernel);
    kernel_imports.push('\n');
    layout::import::<_, &str>(&mut kernel_imports, &["createClient"], &[], stage1);
    let mut reexport = String::new();
    let (values, types) = RUNTIME_EXPORTS;
    export_from(&mut reexport, values, types, "./runtime.js");
    let mut files = vec![
        emit::asset("runtime.ts", &Runtime { kernel_imports })?,
        File { path: "index.ts".to_owned(), contents: write_module(&plan.imports, &reexport, &plan.wrappers) },
    ];
    files.extend(ssr::file(api, kernel, stage1)?);
    Ok(files)
}
