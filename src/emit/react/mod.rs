//! The `react` target: hooks and providers over the kernel, typed by the
//! stage1 output they import.
//!
//! Files: `runtime.ts` (the generic hooks every generated hook forwards to,
//! and `MizanProvider`), `contexts.ts` (a provider per context, a hook per
//! context function), `mutations.ts`, `channels.ts`, `forms.ts`, `server.ts`
//! (SSR hydration data) and `index.ts`. No JSX: the output compiles in any
//! TypeScript setup. Generated files import the runtime as `$mizan`, so a
//! user's names can never shadow it. Each file's view model is built here
//! and in `contexts`/`calls` with every name and type already rendered.

mod calls;
mod contexts;

use super::File;
use super::stage1::render;
use super::ts::{bindings, layout, str_lit};
use crate::model::Api;
use askama::Template;
use std::collections::BTreeSet;

/// What the view models need to know about the other modules: where
/// stage1 is imported from.
pub(crate) struct Modules<'a> {
    pub stage1: &'a str,
}

pub fn emit(api: &Api, kernel: &str, stage1: &str) -> Vec<File> {
    let modules = Modules { stage1 };
    let b = bindings::bindings(api);
    let mut files = vec![runtime(api, kernel)];
    let mut exports = Vec::new();
    if !b.contexts.is_empty() {
        files.push(contexts::file(api, &b, &modules));
        exports.push("./contexts");
    }
    if !b.mutations.is_empty() {
        files.push(calls::mutations(api, &b, &modules));
        exports.push("./mutations");
    }
    if !b.channels.is_empty() {
        files.push(calls::channels(api, &b, &modules));
        exports.push("./channels");
    }
    if !b.forms.is_empty() {
        files.push(calls::forms(api, &b, &modules));
        exports.push("./forms");
    }
    if let Some(server) = calls::server(api, &b, &modules) {
        files.push(server);
        exports.push("./server");
    }
    files.push(File { path: "index.ts".to_owned(), contents: render(&Index { exports }) });
    files
}

#[derive(Template)]
#[template(path = "react/runtime.ts", escape = "none")]
struct Runtime {
    imports: String,
    base_url: String,
}

fn runtime(api: &Api, kernel: &str) -> File {
    let react = [
        "createContext",
        "createElement",
        "useCallback",
        "useContext",
        "useEffect",
        "useMemo",
        "useRef",
        "useState",
        "useSyncExternalStore",
        "type Context",
        "type ReactElement",
        "type ReactNode",
    ];
    let kernel_names = [
        "MizanError",
        "configure",
        "entryKey",
        "getContextSnapshot",
        "hydrate",
        "initSession",
        "prefetchContext",
        "refetchContext",
        "subscribeContext",
        "validateFields",
        "type ChannelHandle",
        "type ChannelStatus",
        "type ContextSnapshot",
        "type FieldErrors",
        "type FormSchema",
        "type Transport",
    ];
    let imports = [import_line(&react, "react"), import_line(&kernel_names, kernel)].join("\n");
    File { path: "runtime.ts".to_owned(), contents: render(&Runtime { imports, base_url: str_lit(&api.base_url) }) }
}

#[derive(Template)]
#[template(path = "react/index.ts", escape = "none")]
struct Index {
    exports: Vec<&'static str>,
}

/// One import line from `names` (`type X` entries allowed); `import type`
/// when every name is a type.
pub(crate) fn import_line(names: &[&str], module: &str) -> String {
    let all_types = names.iter().all(|n| n.starts_with("type "));
    let names: Vec<String> = names
        .iter()
        .map(|n| if all_types { n.trim_start_matches("type ").to_owned() } else { (*n).to_owned() })
        .collect();
    layout::import(&names, module, all_types)
}

/// The stage1 import of a file: `values`, then `types` (sorted, deduplicated).
pub(crate) fn stage1_import(stage1: &str, values: BTreeSet<String>, types: BTreeSet<String>) -> String {
    let names: Vec<String> = values.into_iter().chain(types.into_iter().map(|t| format!("type {t}"))).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    import_line(&refs, stage1)
}

/// `import * as $mizan from "./runtime";`, the same in every file.
pub(crate) const RUNTIME_IMPORT: &str = "import * as $mizan from \"./runtime\";";
