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
//! (`layout` builds prettier's document, `ts::layout::doc` prints it, as it
//! does the TypeScript writers'), since schemas nest
//! without bound. `schema` maps IR types to zod, `order` decides the
//! declaration order and which references are lazy, `names` the names,
//! `file` assembles `schemas.ts`. `index.ts` is static
//! (`templates/zod/index.ts`).

mod file;
mod js;
mod layout;
pub mod names;
mod order;
mod schema;

use crate::diag::Diagnostic;
use crate::emit::File;
use crate::ir::check;
use crate::model::Api;
use crate::names::ts;
use crate::target::symbols::{self, Source, Symbols};
use crate::target::{self as seam, Place, Table, Target};

pub struct Zod;

/// `[target.zod]`: no keys of its own; where stage1's folder is.
#[derive(Clone, Debug)]
pub struct Options {
    /// The relative path from the zod folder to stage1's (`../stage1`).
    stage1_import: String,
}

impl Target for Zod {
    type Options = Options;
    const NAME: &'static str = "zod";
    const REQUIRES: Option<&'static str> = Some("stage1");
    const COST: usize = 3;

    fn options(_table: &mut Table) -> Options {
        Options { stage1_import: "../stage1".to_owned() }
    }

    fn place(options: &mut Options, place: &Place) -> Result<(), Box<Diagnostic>> {
        if let Some((import, _)) = seam::required::<crate::emit::stage1::Options>(place) {
            options.stage1_import = import.to_owned();
        }
        Ok(())
    }

    /// The module's exports: a schema per stage1 type, call args and
    /// context bundle, and its fixed records and validator.
    fn symbols<'a>(ix: &check::Index<'a>, out: &mut Symbols<'a>) {
        out.namespace("zod", "TypeScript", &[]);
        for name in [names::CALL_RESULTS, names::CONTEXT_BUNDLES, "validateResponse"] {
            out.fixed(name, Self::NAME);
        }
        for t in &ix.doc.types {
            out.generated(names::schema(&ts::type_name(&t.name.wire)), Source::Type(&t.name.wire), t.name.span);
        }
        for f in symbols::client_functions(ix).filter(|f| f.context.is_none()) {
            out.generated(names::schema(&ts::args_type(&f.name.wire)), Source::Function(&f.name.wire), f.name.span);
        }
        for (c, span) in symbols::contexts(ix) {
            out.generated(names::schema(&ts::bundle_type(c)), Source::Context(c), span);
        }
    }

    fn emit(api: &Api, options: &Options) -> Result<Vec<File>, askama::Error> {
        Ok(emit(api, &options.stage1_import))
    }
}

/// `index.ts`: the same for every API.
const INDEX: &str = include_str!("../../../templates/zod/index.ts");

/// The zod target's files for `api`; `stage1_import` is the relative path
/// from the zod folder to stage1's (`../stage1`).
fn emit(api: &Api, stage1_import: &str) -> Vec<File> {
    vec![
        File { path: "schemas.ts".to_owned(), contents: file::schemas(api, stage1_import) },
        File { path: "index.ts".to_owned(), contents: INDEX.to_owned() },
    ]
}
