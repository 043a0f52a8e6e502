//! The `vue` target: a plugin that provides a client through
//! provide/inject, and a composable per context function (`useUserProfile`),
//! call (`useUpdateProfile`), channel (`useChatChannel`) and form
//! (`useContactForm`), over stage1's calls and `createClient`.
//!
//! Files: `runtime.ts` (plugin and composable runtime, static but for its
//! kernel import) and `index.ts` (the generated composables). Names come
//! from `crate::names::ts`; the wrappers from `ts::binding_plan`.

use super::File;
use super::stage1::render;
use super::ts::binding_plan::{self, Spelling};
use super::ts::wrappers::Wrapper;
use super::ts::{Binding, layout};
use crate::diag::Diagnostic;
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
        Ok(emit(api, &options.kernel_specifier(), &options.stage1_index()))
    }
}

const SPELLING: Spelling = Spelling {
    member_fn: names::vue_use_fn,
    mutation_fn: names::vue_use_fn,
    channel_fn: names::vue_channel_fn,
    form_fn: names::vue_form_fn,
    params: ("MizanParams<", ">"),
    params_import: Some("MizanParams"),
    results: ["MizanQuery", "MizanMutation", "MizanChannel", "MizanForm"],
    client_param: false,
};

#[derive(Template)]
#[template(path = "vue/runtime.ts", escape = "none")]
struct Runtime {
    kernel_imports: String,
}

#[derive(Template)]
#[template(path = "vue/index.ts", escape = "none")]
struct Index {
    imports: String,
    wrappers: Vec<Wrapper>,
}

/// `runtime.ts` and `index.ts`; `kernel` and `stage1` are module specifiers.
fn emit(api: &Api, kernel: &str, stage1: &str) -> Vec<File> {
    let plan = binding_plan::plan(api, &SPELLING, stage1, "./runtime.js");
    let values = ["MizanError", "validateFields"];
    let types =
        ["ChannelHandle", "ChannelStatus", "ContextSnapshot", "FormSchema", "MizanClient", "MizanClientOptions"];
    let mut kernel_imports = String::new();
    layout::import(&mut kernel_imports, &values, &types, kernel);
    kernel_imports.push('\n');
    layout::import::<_, &str>(&mut kernel_imports, &["createClient"], &[], stage1);
    let runtime = Runtime { kernel_imports };
    let index = Index { imports: plan.imports, wrappers: plan.wrappers };
    vec![
        File { path: "runtime.ts".to_owned(), contents: render(&runtime) },
        File { path: "index.ts".to_owned(), contents: render(&index) },
    ]
}
