//! The names the zod target declares.
//!
//! Every schema is named after the stage1 type it checks plus `Schema`
//! (`UserProfile` → `UserProfileSchema`, `UpdateProfileArgs` →
//! `UpdateProfileArgsSchema`, `UserBundle` → `UserBundleSchema`): stage1's
//! type names are unique, start with an uppercase letter or `_`, and so are
//! these. Everything else the module declares starts with a lowercase
//! letter (`z`, the helpers, the `lazy*` getters, the records) or is `T`
//! (stage1's types, imported as a namespace so that no stage1 name can clash
//! with a local one), so nothing generated can collide with a schema.
//!
//! A schema name can still equal a stage1 *type* name (IR types `User` and
//! `UserSchema`): harmless in the generated modules, which never import
//! stage1's names bare, but a consumer importing both by name must rename
//! one. [`schema_names`] lists them for a collision check.

use crate::model::Api;
use crate::names::ts;

/// The schema of the stage1 type `type_name`.
pub fn schema(type_name: &str) -> String {
    [type_name, "Schema"].concat()
}

/// The getter through which recursive references reach `type_name`'s
/// schema.
pub fn lazy_getter(type_name: &str) -> String {
    ["lazy", type_name].concat()
}

/// The record of every call's result schema, by wire name.
pub const CALL_RESULTS: &str = "callResultSchemas";
/// The record of every context's bundle schema, by wire name.
pub const CONTEXT_BUNDLES: &str = "contextBundleSchemas";
/// stage1's types, as imported into `schemas.ts`.
pub const STAGE1: &str = "T";

/// Every exported schema with the stage1 type it checks: named types, call
/// args, context bundles, in declaration order of their kind.
pub fn schema_names(api: &Api) -> Vec<(String, String)> {
    let types = api.types.iter().map(|t| ts::type_name(&t.name));
    let args = api.calls().filter(|f| !f.params.is_empty()).map(|f| ts::args_type(&f.name));
    let bundles = api.contexts.iter().filter(|c| !c.members.is_empty()).map(|c| ts::bundle_type(&c.name));
    types.chain(args).chain(bundles).map(|t| (schema(&t), t)).collect()
}
