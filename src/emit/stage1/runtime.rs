//! The bundled runtime: the TypeScript kernel every generated TypeScript
//! target calls (docs/kernel.md), written by stage1 into `runtime/` unless
//! `kernel` names an external module. Static files, one source: the tests
//! run these very files, as generated.

use crate::emit::File;

/// Each runtime file: its path under `runtime/` and its text.
const FILES: &[(&str, &str)] = &[
    ("client.ts", include_str!("../../../templates/runtime/client.ts")),
    ("config.ts", include_str!("../../../templates/runtime/config.ts")),
    ("errors.ts", include_str!("../../../templates/runtime/errors.ts")),
    ("forms.ts", include_str!("../../../templates/runtime/forms.ts")),
    ("http.ts", include_str!("../../../templates/runtime/http.ts")),
    ("index.ts", include_str!("../../../templates/runtime/index.ts")),
    ("mutation.ts", include_str!("../../../templates/runtime/mutation.ts")),
    ("params.ts", include_str!("../../../templates/runtime/params.ts")),
    ("query.ts", include_str!("../../../templates/runtime/query.ts")),
    ("socket.ts", include_str!("../../../templates/runtime/socket.ts")),
    ("store.ts", include_str!("../../../templates/runtime/store.ts")),
    ("tauri.ts", include_str!("../../../templates/runtime/tauri.ts")),
    ("transport.ts", include_str!("../../../templates/runtime/transport.ts")),
];

/// The runtime's files, as stage1 writes them.
pub fn files() -> impl Iterator<Item = File> {
    FILES.iter().map(|(name, text)| File { path: format!("runtime/{name}"), contents: (*text).to_owned() })
}
