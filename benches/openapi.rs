//! The OpenAPI 3.0 twin of any IR, for timing OpenAPI generators on the same
//! API as `mizan-generate` (`bench/compare.sh`): every named type becomes a
//! schema (objects with their required keys, constraints, docs and
//! deprecations; enums; tagged unions as `oneOf` with a `discriminator`;
//! untagged unions as `oneOf`; aliases as the aliased schema), every
//! client-callable function an operation at the protocol's call path (a
//! context read as `GET` with query params, a call as `POST` with a JSON or
//! multipart body), and every context its bundle's `GET`. Channels, views
//! and private functions have no OpenAPI operation, as in the adapters'
//! own OpenAPI output.

use mizan_generate::model::{Api, Docs, Field, FnKind, Format, Function, Prim, Type, TypeDef, TypeDefKind};
use serde_json::{Map, Value, json};

/// The document, as JSON text.
pub fn document(api: &Api) -> String {
    let schemas: Map<String, Value> = api.types.iter().map(|t| (t.name.clone(), type_def(t))).collect();
    let mut paths = Map::new();
    for f in api.functions.iter() {
        match f.kind {
            FnKind::Read { .. } => paths.insert(call_path(f), json!({ "get": read(f) })),
            FnKind::Call => paths.insert(call_path(f), json!({ "post": call(f) })),
            FnKind::View { .. } | FnKind::Private => None,
        };
    }
    for c in &api.contexts {
        let bundle: Map<String, Value> =
            api.members(c).map(|f| (f.name.clone(), f.returns.as_ref().map_or_else(|| json!({}), ty))).collect();
        let params: Vec<Value> = c
            .params
            .iter()
            .map(|p| json!({ "name": p.name, "in": "query", "required": p.required, "schema": ty(&p.ty) }))
            .collect();
        let mut op = json!({
            "operationId": format!("context_{}", c.name),
            "parameters": params,
            "responses": { "200": ok(json!({ "type": "object", "properties": bundle })) },
        });
        describe(&mut op, &c.docs);
        paths.insert(format!("/api/mizan/ctx/{}", c.name), json!({ "get": op }));
    }
    let doc = json!({
        "openapi": "3.0.3",
        "info": { "title": api.project, "version": "1.0.0" },
        "servers": [{ "url": api.base_url }],
        "paths": paths,
        "components": { "schemas": schemas },
    });
    format!("{doc}\n")
}

fn call_path(f: &Function) -> String {
    format!("/api/mizan/call/{}", f.name)
}

fn read(f: &Function) -> Value {
    let params: Vec<Value> = f
        .params
        .iter()
        .map(|p| json!({ "name": p.name, "in": "query", "required": !p.optional, "schema": field(p) }))
        .collect();
    operation(f, json!({ "parameters": params }))
}

fn call(f: &Function) -> Value {
    let media = if f.has_upload() { "multipart/form-data" } else { "application/json" };
    let body = json!({ "required": true, "content": { media: { "schema": object(&f.params) } } });
    operation(f, json!({ "requestBody": body }))
}

fn operation(f: &Function, mut op: Value) -> Value {
    op["operationId"] = json!(f.name);
    op["responses"] =
        json!({ "200": f.returns.as_ref().map_or_else(|| json!({ "description": "ok" }), |t| ok(ty(t))) });
    describe(&mut op, &f.docs);
    op
}

fn ok(schema: Value) -> Value {
    json!({ "description": "ok", "content": { "application/json": { "schema": schema } } })
}

fn type_def(t: &TypeDef) -> Value {
    let mut schema = match &t.kind {
        TypeDefKind::Object { fields } => object(fields),
        TypeDefKind::Enum { values } => {
            json!({ "type": "string", "enum": values.iter().map(|v| v.value.as_str()).collect::<Vec<_>>() })
        }
        TypeDefKind::Union { tag, variants } => {
            let refs: Vec<Value> = variants.iter().map(|v| reference(&v.ty)).collect();
            let mut union = json!({ "oneOf": refs });
            if let Some(tag) = tag {
                let mapping: Map<String, Value> = variants
                    .iter()
                    .map(|v| (v.tag_value.clone().unwrap_or_else(|| v.ty.clone()), json!(ref_path(&v.ty))))
                    .collect();
                union["discriminator"] = json!({ "propertyName": tag, "mapping": mapping });
            }
            union
        }
        TypeDefKind::Alias { target } => ty(target),
    };
    describe(&mut schema, &t.docs);
    schema
}

fn object(fields: &[Field]) -> Value {
    let properties: Map<String, Value> = fields.iter().map(|f| (f.name.clone(), field(f))).collect();
    let required: Vec<&str> = fields.iter().filter(|f| !f.optional).map(|f| f.name.as_str()).collect();
    let mut schema = json!({ "type": "object", "properties": properties });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

fn field(f: &Field) -> Value {
    let mut schema = ty(&f.ty);
    // A `$ref` takes no siblings in OpenAPI 3.0.
    if schema.get("$ref").is_some() && (f.docs.doc.is_some() || f.docs.deprecated.is_some()) {
        schema = json!({ "allOf": [schema] });
    }
    let c = &f.constraints;
    let keys = [
        ("minLength", c.min_length.map(|n| json!(n))),
        ("maxLength", c.max_length.map(|n| json!(n))),
        ("minimum", c.min.map(|n| json!(n.to_string().parse::<f64>().unwrap_or_default()))),
        ("maximum", c.max.map(|n| json!(n.to_string().parse::<f64>().unwrap_or_default()))),
        ("pattern", c.pattern.as_ref().map(|p| json!(p))),
        ("format", c.format.map(|f| json!(format_name(f)))),
    ];
    for (key, value) in keys {
        if let (Some(value), Some(object)) = (value, schema.as_object_mut()) {
            object.insert(key.to_owned(), value);
        }
    }
    describe(&mut schema, &f.docs);
    schema
}

fn ty(t: &Type) -> Value {
    match t {
        Type::Prim(p) => prim(*p),
        Type::Ref(name) => reference(name),
        Type::List(item) => json!({ "type": "array", "items": ty(item) }),
        Type::Map(value) => json!({ "type": "object", "additionalProperties": ty(value) }),
        Type::Nullable(inner) => {
            let schema = ty(inner);
            if schema.get("$ref").is_some() {
                json!({ "allOf": [schema], "nullable": true })
            } else {
                let mut schema = schema;
                schema["nullable"] = json!(true);
                schema
            }
        }
    }
}

fn prim(p: Prim) -> Value {
    let (ty, format) = match p {
        Prim::String => ("string", None),
        Prim::Int => ("integer", Some("int64")),
        Prim::Float => ("number", Some("double")),
        Prim::Bool => ("boolean", None),
        Prim::Datetime => ("string", Some("date-time")),
        Prim::Date => ("string", Some("date")),
        Prim::Time => ("string", Some("time")),
        Prim::Uuid => ("string", Some("uuid")),
        Prim::Decimal => ("string", Some("decimal")),
        Prim::Upload => ("string", Some("binary")),
        Prim::Json => return json!({}),
    };
    match format {
        Some(format) => json!({ "type": ty, "format": format }),
        None => json!({ "type": ty }),
    }
}

fn format_name(f: Format) -> &'static str {
    Format::ALL.iter().find(|(_, g)| *g == f).map_or("string", |(name, _)| name)
}

fn reference(name: &str) -> Value {
    json!({ "$ref": ref_path(name) })
}

fn ref_path(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

fn describe(schema: &mut Value, docs: &Docs) {
    let Some(object) = schema.as_object_mut() else { return };
    if let Some(doc) = &docs.doc {
        object.insert("description".to_owned(), json!(doc));
    }
    if docs.deprecated.is_some() {
        object.insert("deprecated".to_owned(), json!(true));
    }
}
