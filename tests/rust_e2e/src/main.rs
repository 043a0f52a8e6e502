//! Drives the generated `shop` client against the live protocol server
//! (`tests/js/server`) whose origin is the first argument: typed values
//! both ways, context bundles, protocol errors as typed errors, uploads.
//! Panics (non-zero exit) on the first thing that is not as expected.

use shop_client::client::{
    AttachDocumentsArgs, CatalogParams, ContactSubmitArgs, ContactValidateArgs, PlaceOrderArgs,
    SendMessageArgs, UpdateProfileArgs, UploadAvatarArgs, UserParams,
};
use shop_client::http::HttpTransport;
use shop_client::types::{OrderLine, OrderStatus, Role, Topic};
use shop_client::{Client, Error, Upload};

type Shop = Client<HttpTransport>;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let origin = std::env::args().nth(1).expect("usage: rust-e2e <origin>");
    let base = format!("{origin}{}", shop_client::BASE_PATH);
    let anonymous = Client::new(HttpTransport::new(&base));
    let signed_in = Client::new(HttpTransport::new(&base).with_header("Authorization", "Bearer test-token"));

    contexts(&anonymous, &signed_in).await;
    errors(&anonymous, &signed_in).await;
    round_trips(&signed_in).await;
    uploads(&signed_in, &origin).await;
    validation_shapes();
    println!("rust-e2e: ok");
}

/// Both shapes of `VALIDATION_ERROR` details become messages per param.
fn validation_shapes() {
    let body = br#"{"error": {"code": "VALIDATION_ERROR", "message": "bad", "details": {
        "fields": {"name": ["Field required"]},
        "errors": [
            {"type": "less_than_equal", "loc": ["rating"], "msg": "Input should be less than or equal to 5", "input": 9},
            {"type": "missing", "loc": ["body", "items", 0, "qty"], "msg": "Field required"},
            {"type": "value_error", "loc": [], "msg": "Dates overlap"},
            {"type": "value_error", "loc": ["name"], "msg": "too long"}
        ]}}}"#;
    match Error::from_http(422, body) {
        Error::Validation { fields, .. } => {
            let fields: Vec<(&str, Vec<&str>)> =
                fields.iter().map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect())).collect();
            assert_eq!(
                fields,
                [
                    ("__all__", vec!["Dates overlap"]),
                    ("items", vec!["Field required"]),
                    ("name", vec!["Field required", "too long"]),
                    ("rating", vec!["Input should be less than or equal to 5"]),
                ]
            );
        }
        other => panic!("expected VALIDATION_ERROR, got {other:?}"),
    }
}

async fn contexts(anonymous: &Shop, signed_in: &Shop) {
    let global = anonymous.fetch_global().await.expect("fetch_global");
    assert_eq!(global.site_config.name, "Shop");
    assert_eq!(global.site_config.support_email, "help@shop.example");
    assert_eq!(global.current_user, None);
    let me = signed_in.fetch_global().await.expect("fetch_global signed in").current_user;
    assert_eq!(me.map(|u| (u.id, u.is_staff)), Some((5, false)));

    let params = UserParams { user_id: 5, page: None, status: Some(OrderStatus::Paid) };
    let user = anonymous.fetch_user(&params).await.expect("fetch_user");
    assert_eq!(user.user_profile.email, "ada@shop.example");
    assert_eq!(user.user_profile.role, Some(Role::Member), "defaulted field: Option");
    assert_eq!(user.user_profile.nickname, None);
    assert!(!user.user_orders.is_empty());
    assert!(user.user_orders.iter().all(|o| o.status == OrderStatus::Paid), "status filter sent");

    let params = CatalogParams { category: Some("office".into()), slug: Some("desk-lamp".into()) };
    let catalog = anonymous.fetch_catalog(&params).await.expect("fetch_catalog");
    let lamp = catalog.product_detail.expect("product_detail in the bundle");
    assert_eq!((lamp.title.as_str(), lamp.rating), ("Desk lamp", None));
    assert_eq!(lamp.attributes.get("category").map(String::as_str), Some("office"));
    assert_eq!(catalog.product_list.len(), 1);
    // Without `slug`, the backend leaves `product_detail` out of the bundle.
    let all = anonymous.fetch_catalog(&CatalogParams { category: None, slug: None }).await.expect("catalog");
    assert_eq!(all.product_detail, None);
    assert!(all.product_list.len() > 1);
}

async fn errors(anonymous: &Shop, signed_in: &Shop) {
    let args = UpdateProfileArgs { user_id: 5, name: "Eve".into() };
    match anonymous.update_profile(&args).await {
        Err(Error::Unauthorized(p)) => assert_eq!((p.status, p.code.as_str()), (Some(401), "UNAUTHORIZED")),
        other => panic!("expected UNAUTHORIZED, got {other:?}"),
    }
    let params = UserParams { user_id: 999, page: None, status: None };
    match anonymous.fetch_user(&params).await {
        Err(Error::NotFound(p)) => assert_eq!(p.status, Some(404)),
        other => panic!("expected NOT_FOUND, got {other:?}"),
    }
    let bad = PlaceOrderArgs {
        user_id: 5,
        lines: vec![OrderLine { product: "not-a-uuid".into(), quantity: 1 }],
        note: None,
    };
    match signed_in.place_order(&bad).await {
        Err(Error::Validation { problem, fields }) => {
            assert_eq!((problem.status, problem.code.as_str()), (Some(422), "VALIDATION_ERROR"));
            // Non-empty args: pydantic's `details.errors` list, keyed by each `loc`'s param.
            assert!(fields["lines"][0].contains("uuid"), "{fields:?}");
            assert!(problem.details.as_ref().is_some_and(|d| d["errors"].is_array()), "{problem:?}");
        }
        other => panic!("expected VALIDATION_ERROR, got {other:?}"),
    }
    let missing = AttachDocumentsArgs { order_id: 424_242, files: vec![] };
    let err = signed_in.attach_documents(&missing).await.expect_err("no such order");
    assert_eq!(err.code(), Some("NOT_FOUND"));
}

async fn round_trips(client: &Shop) {
    let profile = client.update_profile(&UpdateProfileArgs { user_id: 5, name: "Grace".into() }).await;
    assert_eq!(profile.expect("update_profile").name.as_deref(), Some("Grace"));
    let params = UserParams { user_id: 5, page: Some(1), status: None };
    let user = client.fetch_user(&params).await.expect("fetch_user after update");
    assert_eq!(user.user_profile.name.as_deref(), Some("Grace"));

    let line = OrderLine { product: "00000000-0000-4000-8000-000000000003".into(), quantity: 2 };
    let args = PlaceOrderArgs { user_id: 5, lines: vec![line.clone()], note: Some("gift".into()) };
    let order = client.place_order(&args).await.expect("place_order");
    assert_eq!((order.status, order.lines, order.delivery_window), (OrderStatus::Pending, vec![line], None));
    assert_eq!((order.total.amount.as_str(), order.total.currency.as_str()), ("119.80", "EUR"));

    client.ping().await.expect("ping");
    let schema = client.contact_schema().await.expect("contact.schema");
    assert_eq!(schema["type"], "object");
    let invalid = ContactValidateArgs { email: "nope".into(), topic: Topic::Sales, body: "short".into() };
    let report = client.contact_validate(&invalid).await.expect("contact.validate");
    assert!(!report.ok);
    assert!(report.errors.contains_key("email") && report.errors.contains_key("body"), "{report:?}");
    let message = ContactSubmitArgs { email: "a@b.example".into(), topic: Topic::Support, body: "long enough body".into() };
    assert!(client.contact_submit(&message).await.expect("contact.submit"));
    let sent = client.send_message(&SendMessageArgs { room: "lobby".into(), text: "hi".into() }).await;
    assert_eq!(sent.expect("send_message").text, "hi");
}

async fn uploads(client: &Shop, origin: &str) {
    let face = Upload::new("face.png", vec![0x89, b'P', b'N', b'G', 0, 1, 2]).with_content_type("image/png");
    let args = UploadAvatarArgs { user_id: 5, file: face, caption: Some("me".into()) };
    let profile = client.upload_avatar(&args).await.expect("upload_avatar");
    let avatar = profile.avatar.expect("avatar set");
    assert!(avatar.ends_with("/avatars/5/face.png?size=7"), "{avatar}");

    let files = vec![Upload::new("a.txt", "first"), Upload::new("b.pdf", "second!")];
    let count = client.attach_documents(&AttachDocumentsArgs { order_id: 101, files }).await;
    assert_eq!(count.expect("attach_documents"), 2);

    let log: serde_json::Value =
        reqwest::get(format!("{origin}/__log")).await.expect("/__log").json().await.expect("log json");
    let entry = log
        .as_array()
        .expect("log array")
        .iter()
        .rev()
        .find(|e| e["fn"] == "attach_documents")
        .expect("attach_documents logged");
    let parts: Vec<(&str, &str, u64)> = entry["files"]
        .as_array()
        .expect("file parts")
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["filename"].as_str().unwrap(), f["size"].as_u64().unwrap()))
        .collect();
    assert_eq!(parts, [("files", "a.txt", 5), ("files", "b.pdf", 7)]);
}
