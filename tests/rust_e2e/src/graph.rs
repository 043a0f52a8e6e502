//! The generated invalidation graph (`shop_client::invalidation`) and the
//! generated edge manifest, cross-checked against what the live server
//! answers. For one call of every client-callable shop function that has
//! arguments worth scoping (and of the private `stripe_webhook` through its
//! route), the server's `invalidate` list must be exactly what the graph's
//! edges predict for those arguments (a slot edge as `{"function": slot}`,
//! a context edge scoped by the call's values of its `scoped_params`, or
//! the bare context name when it has none), its `merge` list must name
//! exactly the graph's merge slots, and the manifest's `mutations` entry
//! must list the contexts and the auto-scoped params those answers show. So
//! the generator's lowering (scoping, slot edges, merge slots) and the
//! manifest are judged by the server's protocol rules, not by a snapshot.

use serde_json::{json, Map, Value};
use shop_client::client::{
    AttachDocumentsArgs, PingArgs, PlaceOrderArgs, SetNicknameArgs, UpdateProfileArgs, UploadAvatarArgs,
};
use shop_client::invalidation::{invalidations_of, merges_of, INVALIDATIONS, MERGES};
use shop_client::types::{OrderLine, ProductId};
use shop_client::Upload;
use std::collections::BTreeSet;

type Shop = shop_client::Client<shop_client::http::HttpTransport>;

/// What the server answered one call with.
struct Answer {
    function: &'static str,
    args: Value,
    invalidate: Vec<Value>,
    merge: Vec<Value>,
}

/// The `invalidate` entries the graph predicts for `function` called with `args`.
fn predicted(function: &str, args: &Value) -> Vec<Value> {
    invalidations_of(function)
        .map(|edge| {
            let params: Map<String, Value> =
                edge.scoped_params.iter().map(|p| ((*p).to_owned(), args[*p].clone())).collect();
            match edge.slot {
                // The protocol's slot entry has no params: a scoped slot edge
                // predicts an entry the server never sends.
                Some(slot) if params.is_empty() => json!({ "function": slot }),
                Some(slot) => json!({ "function": slot, "params": params }),
                None if params.is_empty() => json!(edge.context),
                None => json!({ "context": edge.context, "params": params }),
            }
        })
        .collect()
}

fn sorted(values: impl IntoIterator<Item = Value>) -> Vec<String> {
    let mut all: Vec<String> = values.into_iter().map(|v| v.to_string()).collect();
    all.sort();
    all
}

async fn answers(origin: &str, client: &Shop) -> Vec<Answer> {
    let mut out = Vec::new();
    let mut push = |function, args, invalidate, merge| out.push(Answer { function, args, invalidate, merge });

    let r = client.call(&UpdateProfileArgs::new(6, "Ida".into())).await.expect("update_profile");
    push("update_profile", json!({"user_id": 6, "name": "Ida"}), r.invalidate, r.merge);
    let r = client.call(&SetNicknameArgs::new(5, Some("ada".into()))).await.expect("set_nickname");
    push("set_nickname", json!({"user_id": 5, "nickname": "ada"}), r.invalidate, r.merge);
    let face = Upload::new("face.png", vec![1, 2, 3]);
    let r = client.call(&UploadAvatarArgs::new(5, face)).await.expect("upload_avatar");
    push("upload_avatar", json!({"user_id": 5}), r.invalidate, r.merge);
    let product: ProductId = "00000000-0000-4000-8000-000000000003".parse().expect("a uuid");
    let order = PlaceOrderArgs::new(5, vec![OrderLine { product, quantity: 1 }]);
    let r = client.call(&order).await.expect("place_order");
    push("place_order", json!({"user_id": 5}), r.invalidate, r.merge);
    let r = client.call(&AttachDocumentsArgs::new(101, vec![Upload::new("a.txt", "a")])).await.expect("attach");
    push("attach_documents", json!({"order_id": 101}), r.invalidate, r.merge);
    let r = client.call(&PingArgs::new()).await.expect("ping");
    push("ping", json!({}), r.invalidate, r.merge);

    // Private: called by the payment provider at its route, not by clients;
    // the server answers with the header form only.
    let response = reqwest::Client::new()
        .post(format!("{origin}/webhooks/stripe/"))
        .json(&json!({"user_id": 6}))
        .send()
        .await
        .expect("stripe webhook");
    assert!(response.status().is_success(), "stripe webhook: {}", response.status());
    let header = response.headers().get("x-mizan-invalidate").expect("X-Mizan-Invalidate").to_str().unwrap();
    let invalidate = header.split(", ").map(header_entry).collect();
    push("stripe_webhook", json!({"user_id": 6}), invalidate, Vec::new());
    out
}

/// One item of `X-Mizan-Invalidate` (`user;user_id=9`) as its JSON entry.
fn header_entry(item: &str) -> Value {
    let mut parts = item.split(';');
    let context = parts.next().unwrap();
    let params: Map<String, Value> = parts
        .map(|pair| {
            let (k, v) = pair.split_once('=').expect("name=value");
            (k.to_owned(), v.parse::<i64>().map_or_else(|_| json!(v), |n| json!(n)))
        })
        .collect();
    if params.is_empty() {
        json!(context)
    } else {
        json!({ "context": context, "params": params })
    }
}

/// The context a `{"function": slot}` entry belongs to, by the manifest.
fn context_of_slot<'m>(manifest: &'m Value, slot: &str) -> &'m str {
    let contexts = manifest["contexts"].as_object().expect("contexts");
    let found = contexts.iter().find(|(_, c)| c["functions"].as_array().unwrap().iter().any(|f| f["name"] == slot));
    found.unwrap_or_else(|| panic!("slot {slot} in no manifest context")).0
}

pub async fn check(origin: &str, client: &Shop, manifest: &Value) {
    let answers = answers(origin, client).await;
    let called: BTreeSet<&str> = answers.iter().map(|a| a.function).collect();
    let graphed: BTreeSet<&str> =
        INVALIDATIONS.iter().map(|i| i.function).chain(MERGES.iter().map(|m| m.function)).collect();
    assert!(graphed.is_subset(&called), "graph functions {graphed:?} not all called ({called:?})");

    for a in &answers {
        let f = a.function;
        assert_eq!(
            sorted(predicted(f, &a.args)),
            sorted(a.invalidate.clone()),
            "{f}: graph vs the server's invalidate"
        );
        let merges: Vec<Value> = merges_of(f).map(|m| json!([m.context, m.slot])).collect();
        let server: Vec<Value> = a.merge.iter().map(|m| json!([m["context"], m["slot"]])).collect();
        assert_eq!(sorted(merges), sorted(server), "{f}: graph vs the server's merge");

        // The manifest: every function the server answers with invalidations
        // is a mutation, listing the contexts those entries touch and the
        // params that scoped them.
        let entry = &manifest["mutations"][f];
        if a.invalidate.is_empty() {
            assert!(entry.is_null(), "{f}: invalidates nothing, yet in the manifest: {entry}");
            continue;
        }
        let mut contexts = BTreeSet::new();
        let mut scoped = BTreeSet::new();
        for item in &a.invalidate {
            match item {
                Value::String(c) => {
                    contexts.insert(c.clone());
                }
                Value::Object(o) if o.contains_key("function") => {
                    contexts.insert(context_of_slot(manifest, o["function"].as_str().unwrap()).to_owned());
                }
                Value::Object(o) => {
                    contexts.insert(o["context"].as_str().unwrap().to_owned());
                    scoped.extend(o["params"].as_object().unwrap().keys().cloned());
                }
                other => panic!("{f}: unexpected invalidate entry {other}"),
            }
        }
        let listed: BTreeSet<String> =
            entry["affects"].as_array().expect("affects").iter().map(|c| c.as_str().unwrap().to_owned()).collect();
        assert_eq!(listed, contexts, "{f}: manifest affects vs the server");
        let auto: BTreeSet<String> = entry
            .get("auto_scoped_params")
            .map(|p| p.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        assert_eq!(auto, scoped, "{f}: manifest auto_scoped_params vs the server");
    }

    // `user_scoped` by its rule (any of the user params) over each context's
    // params, and the user context, whose entries the server scopes by
    // `user_id`, is user-scoped.
    let user_params = ["user_id", "user", "owner_id", "account_id"];
    for (name, context) in manifest["contexts"].as_object().expect("contexts") {
        let params: Vec<&str> = context["params"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        let expected = params.iter().any(|p| user_params.contains(p));
        assert_eq!(context["user_scoped"], json!(expected), "{name}: user_scoped for params {params:?}");
        assert_eq!(
            context["render_strategy"],
            json!(if expected { "dynamic_cached" } else { "psr" }),
            "{name}: render_strategy"
        );
    }
    assert_eq!(manifest["contexts"]["user"]["user_scoped"], json!(true), "the server scopes user by user_id");
}
