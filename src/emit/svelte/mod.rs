//! The `svelte` target, in one of two flavors (`Options::flavor`):
//!
//! - `Stores`: a store-contract module that works in Svelte 4 and 5
//!   (`readable`/`writable` from `svelte/store` over the client's
//!   `subscribe` and `snapshot`): `userProfileStore(client, params)`,
//!   `updateProfileStore(client)`, `chatChannelStore(client, params)`,
//!   `contactFormStore(client)`;
//! - `Runes`: a Svelte 5 runes module (`createSubscriber`, `$state`,
//!   `$effect` in `runtime.svelte.ts`): `createUserProfile(client, () => params)`,
//!   `createUpdateProfile(client)`, `createChatChannel(client, () => params)`,
//!   `createContactForm(client)`.
//!
//! Every wrapper takes the `MizanClient` first (stage1's `createClient()`):
//! stores may be made outside components (and in `$:`), where Svelte's
//! context is not available.
//!
//! Files: the runtime (static but for its kernel import: rendered from its
//! template) and `index.ts` (the generated wrappers, written here). Names
//! come from `crate::names::ts`; the wrappers from `ts::binding_plan`.

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

pub struct Svelte;

/// `[target.svelte]`.
#[derive(Clone, Debug)]
pub struct Options {
    pub binding: Binding,
    pub flavor: Flavor,
}

/// Which Svelte module the target writes (`flavor`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flavor {
    /// A store-contract module: works in Svelte 4 and 5.
    #[default]
    Stores,
    /// A Svelte 5 runes module (`.svelte.ts`).
    Runes,
}

impl Target for Svelte {
    type Options = Options;
    const NAME: &'static str = "svelte";
    const REQUIRES: Option<&'static str> = Some("stage1");
    const KEYS: &'static [&'static str] = &["kernel", "flavor"];

    fn options(table: &mut Table) -> Options {
        let flavor = match table.choice("flavor", &["stores", "runes"]) {
            Some("runes") => Flavor::Runes,
            _ => Flavor::Stores,
        };
        Options { binding: Binding::read(table), flavor }
    }

    fn place(options: &mut Options, place: &Place) -> Result<(), Box<Diagnostic>> {
        options.binding.place(place);
        Ok(())
    }

    /// Both flavors' names, each flavor a module of its own: the check does
    /// not depend on the options.
    fn symbols<'a>(ix: &check::Index<'a>, out: &mut Symbols<'a>) {
        out.namespace("svelte stores", "TypeScript", &[super::stage1::NAMESPACE]);
        STORES.symbols(ix, out);
        out.namespace("svelte runes", "TypeScript", &[super::stage1::NAMESPACE]);
        RUNES.symbols(ix, out);
    }

    fn emit(api: &Api, options: &Options) -> Result<Vec<File>, askama::Error> {
        emit(api, options)
    }
}

const STORES: Spelling = Spelling {
    member_fn: names::svelte_store_fn,
    mutation_fn: names::svelte_store_fn,
    query_fn: names::svelte_query_store_fn,
    channel_fn: names::svelte_channel_store_fn,
    form_fn: names::svelte_form_store_fn,
    params: ParamsStyle::Generic("MizanParams"),
    params_import: Some("MizanParams"),
    results: ["MizanQueryStore", "MizanMutationStore", "MizanChannelStore", "MizanFormStore"],
    client_param: true,
};

const RUNES: Spelling = Spelling {
    member_fn: names::svelte_create_fn,
    mutation_fn: names::svelte_create_fn,
    query_fn: names::svelte_create_query_fn,
    channel_fn: names::svelte_create_channel_fn,
    form_fn: names::svelte_create_form_fn,
    params: ParamsStyle::Getter,
    params_import: None,
    results: ["MizanQuery", "MizanMutation", "MizanChannel", "MizanForm"],
    client_param: true,
};

/// What each flavor's runtime exports for users, besides the helpers.
const STORES_TYPES: &[&str] = &[
    "MizanChannelOptions",
    "MizanChannelState",
    "MizanChannelStore",
    "MizanFormErrors",
    "MizanFormState",
    "MizanFormStore",
    "MizanMutationOptions",
    "MizanMutationState",
    "MizanMutationStore",
    "MizanParams",
    "MizanQueryOptions",
    "MizanQueryState",
    "MizanQueryStore",
];
const RUNES_TYPES: &[&str] = &[
    "MizanChannel",
    "MizanChannelOptions",
    "MizanForm",
    "MizanFormErrors",
    "MizanMutation",
    "MizanMutationOptions",
    "MizanQuery",
    "MizanQueryOptions",
];

#[derive(Template)]
#[template(path = "svelte/runtime-stores.ts", escape = "none")]
struct StoresRuntime {
    kernel_imports: String,
}

#[derive(Template)]
#[template(path = "svelte/runtime-runes.svelte.ts", escape = "none")]
struct RunesRuntime {
    kernel_imports: String,
}

/// The runtime and `index.ts` of the chosen flavor.
fn emit(api: &Api, options: &Options) -> Result<Vec<File>, askama::Error> {
    let kernel = &options.binding.kernel_specifier();
    let values = ["MizanError", "keepPreviousData", "validateFields"];
    let (spelling, runtime, module, exported) = match options.flavor {
        Flavor::Stores => (&STORES, "runtime.ts", "./runtime.js", STORES_TYPES),
        Flavor::Runes => (&RUNES, "runtime.svelte.ts", "./runtime.svelte.js", RUNES_TYPES),
    };
    let mut types = vec![
        "CallOptions",
        "ChannelHandle",
        "ChannelStatus",
        "FormSchema",
        "MizanClient",
        "MutateCallbacks",
        "MutationOptions",
        "MutationSnapshot",
        "QueryObserver",
        "QueryOptions",
        "QueryResult",
    ];
    if options.flavor == Flavor::Runes {
        types.push("MutationObserver");
        types.sort_unstable();
    }
    let mut kernel_imports = String::new();
    layout::import(&mut kernel_imports, &values, &types, kernel);
    let runtime = match options.flavor {
        Flavor::Stores => emit::asset(runtime, &StoresRuntime { kernel_imports })?,
        Flavor::Runes => emit::asset(runtime, &RunesRuntime { kernel_imports })?,
    };
    let plan = binding_plan::plan(api, spelling, &options.binding.stage1_index(), module);
    let mut reexport = String::new();
    export_from(&mut reexport, &["keepPreviousData"], exported, module);
    let mut files = vec![
        runtime,
        File { path: "index.ts".to_owned(), contents: write_module(&plan.imports, &reexport, &plan.wrappers) },
    ];
    files.extend(ssr::file(api, kernel, &options.binding.stage1_index())?);
    Ok(files)
}
