//! `schemas.ts`: the imports, the helpers the schemas use, one schema per
//! named type (dependencies first), the getters recursive references go
//! through, one schema per call's args and per context's bundle, and the two
//! records `validateResponse` looks replies up in.

use super::js::{self, Expr, Prop, ident};
use super::names;
use super::order::Order;
use super::schema::{Schemas, Used, key};
use crate::emit::ts::{self, Types, bindings::members_by_context};
use crate::model::Api;

/// The helpers, each declared only when a schema uses it.
const DATETIME: &str = "/** The IR's `datetime`: ISO 8601 with an offset, `Z`, or neither. */
const datetime = z.iso.datetime({ offset: true, local: true });";

const EMAIL: &str = "/** `format=email`, as the runtime's form validation checks it. */
const email = z.email({ pattern: /^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/ });";

const SLUG: &str = "/** `format=slug`, as the runtime's form validation checks it. */
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);";

const DECIMAL: &str = "/** The IR's `decimal`: a number written as a string, within its bounds. */
function decimal(bounds: { min?: number; max?: number } = {}) {
  const { min, max } = bounds;
  return z
    .string()
    .regex(/^[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?$/, \"Invalid decimal\")
    .refine(
      (v) => min === undefined || Number(v) >= min,
      `Too small: expected decimal >= ${min}`,
    )
    .refine(
      (v) => max === undefined || Number(v) <= max,
      `Too big: expected decimal <= ${max}`,
    );
}";

const IS_OBJECT: &str = "/** A JSON object: what an object type without fields accepts. */
function isObject(value: unknown): boolean {
  return typeof value === \"object\" && value !== null && !Array.isArray(value);
}";

/// The text of `schemas.ts`; stage1's index is `{stage1_import}/index.js`.
pub fn schemas(api: &Api, stage1_import: &str) -> String {
    let types = Types::new(api);
    let order = Order::new(api);
    let schemas = Schemas::new(api, &types, &order);
    let mut decls: Vec<String> =
        order.decls.iter().map(|t| js::export_const(&names::schema(&types.name(&t.name)), &schemas.named(t))).collect();
    decls.extend(order.decls.iter().filter(|t| schemas.is_lazy_target(&t.name)).map(|t| getter(&types.name(&t.name))));
    decls.extend(
        api.calls()
            .filter(|f| !f.params.is_empty())
            .map(|f| js::export_const(&names::schema(&crate::names::ts::args_type(&f.name)), &schemas.args(f))),
    );
    let contexts: Vec<_> =
        api.contexts.iter().zip(members_by_context(api)).filter(|(ctx, _)| !ctx.members.is_empty()).collect();
    for (ctx, members) in &contexts {
        let name = names::schema(&crate::names::ts::bundle_type(&ctx.name));
        decls.push(js::export_const(&name, &schemas.bundle(ctx, members)));
    }
    let results = api.calls().map(|f| (f.name.as_str(), schemas.result(f)));
    decls.push(record(names::CALL_RESULTS, "Each call's result schema, by the function's wire name.", results));
    let bundles = contexts
        .iter()
        .map(|(ctx, _)| (ctx.name.as_str(), ident(names::schema(&crate::names::ts::bundle_type(&ctx.name)))));
    decls.push(record(names::CONTEXT_BUNDLES, "Each context's bundle schema, by the context's wire name.", bundles));
    let mut out = head(schemas.used(), stage1_import);
    for decl in decls {
        out.push_str("\n\n");
        out.push_str(&decl);
    }
    out
}

/// The imports, then the helpers in use.
fn head(used: Used, stage1_import: &str) -> String {
    let mut out = String::from("import { z } from \"zod\";");
    if used.stage1 {
        out.push_str("\n\nimport type * as ");
        out.push_str(names::STAGE1);
        out.push_str(" from ");
        out.push_str(&ts::str_lit(&format!("{stage1_import}/index.js")));
        out.push(';');
    }
    let helpers = [
        (used.datetime, DATETIME),
        (used.email, EMAIL),
        (used.slug, SLUG),
        (used.decimal, DECIMAL),
        (used.is_object, IS_OBJECT),
    ];
    for (_, text) in helpers.iter().filter(|(on, _)| *on) {
        out.push_str("\n\n");
        out.push_str(text);
    }
    out
}

/// The getter of a recursive type's schema: its declared return type is
/// what lets TypeScript infer the schemas of a cycle.
fn getter(type_name: &str) -> String {
    let schema = names::schema(type_name);
    let getter = names::lazy_getter(type_name);
    format!("function {getter}(): z.ZodType<{}.{type_name}> {{\n  return {schema};\n}}", names::STAGE1)
}

/// `export const {name} = { key: schema, ... };` with a JSDoc line.
fn record<'a>(name: &str, doc: &str, entries: impl Iterator<Item = (&'a str, Expr)>) -> String {
    let props: Vec<Prop> = entries.map(|(wire, value)| Prop { key: key(wire), value }).collect();
    let expanded = !props.is_empty();
    format!("/** {doc} */\n{}", js::export_const(name, &Expr::Object(props, expanded)))
}
