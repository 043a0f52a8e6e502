//! The `zod` target: runtime validators (zod 4) for every stage1 type, and a
//! validator of server replies for the runtime client.
//!
//! Files: `schemas.ts` (a `<Type>Schema` per named type, call args and
//! context bundle, whose output type is exactly the stage1 type of that name;
//! `callResultSchemas` and `contextBundleSchemas`, by wire name) and
//! `index.ts` (re-exports them, plus `validateResponse` for
//! `createClient({ validate })`: see docs/kernel.md). The schemas import
//! stage1's types (`<stage1_import>/index.js`) only to annotate recursive
//! references.
//!
//! The declarations are written as syntax trees (`js`): a line that fits is
//! written as it is, one that does not is laid out the way prettier would
//! (`layout` builds prettier's document, `doc` prints it), since schemas nest
//! without bound. `schema` maps IR types to zod, `order` decides the
//! declaration order and which references are lazy, `names` the names,
//! `file` assembles `schemas.ts`. `index.ts` is static
//! (`templates/zod/index.ts`).

mod doc;
mod file;
mod js;
mod layout;
pub mod names;
mod order;
mod schema;

use crate::emit::File;
use crate::model::Api;

/// `index.ts`: the same for every API.
const INDEX: &str = include_str!("../../../templates/zod/index.ts");

/// The zod target's files for `api`; `stage1_import` is the relative path
/// from the zod folder to stage1's (`../stage1`).
pub fn emit(api: &Api, stage1_import: &str) -> Vec<File> {
    vec![
        File { path: "schemas.ts".to_owned(), contents: file::schemas(api, stage1_import) },
        File { path: "index.ts".to_owned(), contents: INDEX.to_owned() },
    ]
}
