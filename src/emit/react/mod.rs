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
//! user's names can never shadow it. Each file's view model is built here
//! and in `contexts`/`calls` with every name and type already rendered.

mod calls;
mod contexts;

use super::File;
use super::stage1::render;
use super::ts::{Types, bindings, layout, sorted, str_lit};
use crate::model::Api;
use askama::Template;
use std::borrow::Cow;

/// What the view models need to know about the other modules: where
/// stage1 is imported from.
pub(crate) struct Modules<'a> {
    pub stage1: &'a str,
    pub kernel: &'a str,
}

pub fn emit(api: &Api, kernel: &str, stage1: &str) -> Vec<File> {
    let modules = Modules { stage1, kernel };
    let types = Types::new(api);
    let b = bindings::bindings(api, &types);
    let mut files = vec![runtime(kernel, stage1)];
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
    files.push(File { path: "index.ts".to_owned(), contents: render(&Index { exports }) });
    files
}

#[derive(Template)]
#[template(path = "react/runtime.ts", escape = "none")]
struct Runtime {
    imports: String,
}

fn runtime(kernel: &str, stage1: &str) -> File {
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
    ];
    let kernel_values = ["MizanError", "validateFields"];
    let kernel_types =
        ["ChannelHandle", "ChannelStatus", "ContextSnapshot", "FieldErrors", "FormSchema", "MizanClient", "Transport"];
    let mut imports = String::new();
    layout::import(&mut imports, &react, &["Context", "ReactElement", "ReactNode"], "react");
    imports.push('\n');
    layout::import(&mut imports, &kernel_values, &kernel_types, kernel);
    imports.push('\n');
    layout::import::<_, &str>(&mut imports, &["createClient"], &[], stage1);
    File { path: "runtime.ts".to_owned(), contents: render(&Runtime { imports }) }
}

#[derive(Template)]
#[template(path = "react/index.ts", escape = "none")]
struct Index {
    exports: Vec<&'static str>,
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
