//! Drives the generated `shop` client against the live protocol server
//! (`tests/js/server`) whose origin is the first argument: typed values
//! both ways, context bundles, protocol errors as typed errors, uploads;
//! the HTTP transport's retries, timeouts, TLS and per-call headers; raw
//! responses; enum values the client does not know; IR defaults; wire
//! names that are signs (`+1` as `plus_1`); the `ws` feature's socket
//! calls and channel subscriptions (`sockets`); the generated invalidation
//! graph and edge manifest against the server's answers (`graph.rs`).
//! Panics (non-zero exit) on the first thing that is not as expected.

mod sockets;

use shop_client::client::PinNoticeArgs;
use shop_client::client::{
    AttachDocumentsArgs, CatalogParams, ContactSubmitArgs, ContactValidateArgs, PingArgs, PlaceOrderArgs, ReactArgs,
    SendMessageArgs, SetNicknameArgs, UpdateProfileArgs, UploadAvatarArgs, UserParams,
};
use shop_client::http::{HttpTransport, Retry};
use shop_client::types::{
    LinkNotice, Notice, NoticeKind, OrderLine, OrderStatus, ProductId, Reaction, Role, Topic, UserProfile,
};
use shop_client::{Client, Error, Upload};
use std::error::Error as _;
use std::time::{Duration, Instant};

mod graph;

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
    raw_responses(&signed_in).await;
    let manifest = std::env::args().nth(2).expect("usage: rust-e2e <origin> <edge-manifest.json>");
    let manifest =
        serde_json::from_str(&std::fs::read_to_string(&manifest).expect("the edge manifest")).expect("manifest json");
    post(&origin, "/__reset").await;
    graph::check(&origin, &signed_in, &manifest).await;
    post(&origin, "/__reset").await;
    headers(&origin, &base).await;
    unknown_enums(&origin, &anonymous).await;
    notices(&origin, &anonymous).await;
    defaults();
    retries(&origin, &base).await;
    timeouts(&origin, &base).await;
    connection_refused().await;
    tls(&origin).await;
    sockets::sockets(&origin, &base).await;
    println!("rust-e2e: ok");
}

/// `POST {origin}{path}` to a test endpoint.
async fn post(origin: &str, path: &str) {
    let response = reqwest::Client::new().post(format!("{origin}{path}")).send().await.expect(path);
    assert!(response.status().is_success(), "{path}: {}", response.status());
}

/// The server's request log.
async fn log(origin: &str) -> Vec<serde_json::Value> {
    let log: serde_json::Value =
        reqwest::get(format!("{origin}/__log")).await.expect("/__log").json().await.expect("log json");
    log.as_array().expect("log array").clone()
}

/// How many requests the server saw for `path` (under the protocol's base).
async fn tries(origin: &str, path: &str) -> usize {
    let path = format!("{}{path}", shop_client::BASE_PATH);
    log(origin).await.iter().filter(|e| e["path"] == path.as_str()).count()
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

    let params = UserParams::new(5).with_status(OrderStatus::Paid);
    let user = anonymous.fetch_user(&params).await.expect("fetch_user");
    assert_eq!(user.user_profile.email, "ada@shop.example");
    assert_eq!(user.user_profile.role, Role::Member);
    assert_eq!(user.user_profile.nickname, None);
    assert!(!user.user_orders.is_empty());
    assert!(user.user_orders.iter().all(|o| o.status == OrderStatus::Paid), "status filter sent");

    let params = CatalogParams::new().with_category("office".into()).with_slug("desk-lamp".into());
    let catalog = anonymous.fetch_catalog(&params).await.expect("fetch_catalog");
    let lamp = catalog.product_detail.expect("product_detail in the bundle");
    assert_eq!((lamp.title.as_str(), lamp.rating), ("Desk lamp", None));
    assert_eq!(lamp.attributes.get("category").map(String::as_str), Some("office"));
    assert_eq!(catalog.product_list.len(), 1);
    // Without `slug`, the backend leaves `product_detail` out of the bundle.
    let all = anonymous.fetch_catalog(&CatalogParams::default()).await.expect("catalog");
    assert_eq!(all.product_detail, None);
    assert!(all.product_list.len() > 1);
}

async fn errors(anonymous: &Shop, signed_in: &Shop) {
    let args = UpdateProfileArgs::new(5, "Eve".into());
    match anonymous.update_profile(&args).await {
        Err(Error::Unauthorized(p)) => assert_eq!((p.status, p.code.as_str()), (Some(401), "UNAUTHORIZED")),
        other => panic!("expected UNAUTHORIZED, got {other:?}"),
    }
    match anonymous.fetch_user(&UserParams::new(999)).await {
        Err(e @ Error::NotFound(_)) => assert_eq!(e.status(), Some(404)),
        other => panic!("expected NOT_FOUND, got {other:?}"),
    }
    let bad = PlaceOrderArgs::new(5, vec![]);
    match signed_in.place_order(&bad).await {
        Err(Error::Validation { problem, fields }) => {
            assert_eq!((problem.status, problem.code.as_str()), (Some(422), "VALIDATION_ERROR"));
            assert!(fields["lines"][0].contains("at least 1"), "{fields:?}");
        }
        other => panic!("expected VALIDATION_ERROR, got {other:?}"),
    }
    let missing = AttachDocumentsArgs::new(424_242, vec![]);
    let err = signed_in.attach_documents(&missing).await.expect_err("no such order");
    assert_eq!(err.code(), Some("NOT_FOUND"));
    assert!(err.source().is_none(), "a protocol error has no source");
}

async fn round_trips(client: &Shop) {
    let profile = client.update_profile(&UpdateProfileArgs::new(5, "Grace".into())).await;
    assert_eq!(profile.expect("update_profile").name.as_deref(), Some("Grace"));
    let user = client.fetch_user(&UserParams::new(5).with_page(1)).await.expect("fetch_user after update");
    assert_eq!(user.user_profile.name.as_deref(), Some("Grace"));
    assert!(user.user_profile.created_at.timestamp() > 0, "a chrono datetime");

    let product: ProductId = "00000000-0000-4000-8000-000000000003".parse().expect("a uuid");
    let line = OrderLine { product, quantity: 2 };
    let args = PlaceOrderArgs::new(5, vec![line.clone()]).with_note("gift".into());
    let order = client.place_order(&args).await.expect("place_order");
    assert_eq!((order.status, order.lines, order.delivery_window), (OrderStatus::Pending, vec![line], None));
    assert_eq!((order.total.amount.as_str(), order.total.currency.as_str()), ("119.80", "EUR"));

    client.ping().await.expect("ping");
    // Wire names that are signs: `Reaction::Plus1` is sent as `+1`, the
    // fields `+1`/`-1` are read into `plus_1`/`minus_1`.
    let before = client.react(&ReactArgs::new(product, Reaction::Plus1)).await.expect("react +1");
    let after = client.react(&ReactArgs::new(product, Reaction::Minus1)).await.expect("react -1");
    assert!(before.plus_1 >= 1, "{before:?}");
    assert_eq!((after.plus_1, after.minus_1), (before.plus_1, before.minus_1 + 1), "{after:?}");
    let schema = client.contact_schema().await.expect("contact.schema");
    assert_eq!(schema["type"], "object");
    let invalid = ContactValidateArgs::new("nope".into(), Topic::Sales, "short".into());
    let report = client.contact_validate(&invalid).await.expect("contact.validate");
    assert!(!report.ok);
    assert!(report.errors.contains_key("email") && report.errors.contains_key("body"), "{report:?}");
    let message = ContactSubmitArgs::new("a@b.example".into(), Topic::Support, "long enough body".into());
    assert!(client.contact_submit(&message).await.expect("contact.submit"));
    let sent = client.send_message(&SendMessageArgs::new("lobby".into(), "hi".into())).await;
    assert_eq!(sent.expect("send_message").text, "hi");
}

async fn uploads(client: &Shop, origin: &str) {
    let face = Upload::new("face.png", vec![0x89, b'P', b'N', b'G', 0, 1, 2]).with_content_type("image/png");
    let args = UploadAvatarArgs::new(5, face).with_caption("me".into());
    let profile = client.upload_avatar(&args).await.expect("upload_avatar");
    let avatar = profile.avatar.expect("avatar set");
    assert!(avatar.ends_with("/avatars/5/face.png?size=7"), "{avatar}");

    let files = vec![Upload::new("a.txt", "first"), Upload::new("b.pdf", "second!")];
    let count = client.attach_documents(&AttachDocumentsArgs::new(101, files)).await;
    assert_eq!(count.expect("attach_documents"), 2);

    let log = log(origin).await;
    let entry = log.iter().rev().find(|e| e["fn"] == "attach_documents").expect("attach_documents logged");
    let parts: Vec<(&str, &str, u64)> = entry["files"]
        .as_array()
        .expect("file parts")
        .iter()
        .map(|f| (f["field"].as_str().unwrap(), f["filename"].as_str().unwrap(), f["size"].as_u64().unwrap()))
        .collect();
    assert_eq!(parts, [("files", "a.txt", 5), ("files", "b.pdf", 7)]);
}

/// `Client::call` and `Client::fetch`: the data with the status, the
/// headers and what the call invalidated or merged.
async fn raw_responses(client: &Shop) {
    let response = client.call(&UpdateProfileArgs::new(5, "Ada".into())).await.expect("call update_profile");
    assert_eq!(response.status, Some(200));
    assert_eq!(response.data.name.as_deref(), Some("Ada"));
    assert!(response.header("Content-Type").is_some_and(|t| t.starts_with("application/json")));
    let invalidated = response.header("x-mizan-invalidate").expect("X-Mizan-Invalidate");
    assert!(invalidated.contains("user"), "{invalidated}");
    assert!(!response.invalidate.is_empty(), "{:?}", response.invalidate);

    let merged = client.call(&SetNicknameArgs::new(5, Some("ada".into()))).await.expect("call set_nickname");
    assert_eq!(merged.data.nickname.as_deref(), Some("ada"));
    assert!(!merged.merge.is_empty(), "set_nickname merges into its slot");

    let ping = client.call(&PingArgs::new()).await.expect("call ping");
    assert_eq!((ping.status, ping.data), (Some(200), ()));

    let bundle = client.fetch(&UserParams::new(5)).await.expect("fetch user");
    assert_eq!((bundle.status, bundle.data.user_profile.id), (Some(200), 5));
    assert!(bundle.invalidate.is_empty() && bundle.merge.is_empty());
    assert_eq!(bundle.headers.get("cache-control"), Some("no-store"));
}

/// Headers for one call (`Client::with_header`), and computed per request
/// (`HttpTransport::with_header_fn`), after the transport's own.
async fn headers(origin: &str, base: &str) {
    post(origin, "/__reset").await;
    let counter = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = counter.clone();
    let transport = HttpTransport::new(base).with_header("X-Test-Static", "s").with_header_fn(move |headers| {
        let n = seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        headers.push(("X-Test-Request".into(), n.to_string()));
    });
    let client = Client::new(transport);
    client.with_header("X-Test-Call", "one").ping().await.expect("ping with a header");
    client.ping().await.expect("ping without");
    let calls: Vec<serde_json::Value> =
        log(origin).await.into_iter().filter(|e| e["fn"] == "ping").map(|e| e["headers"].clone()).collect();
    assert_eq!(
        calls,
        [
            serde_json::json!({"x-test-static": "s", "x-test-request": "0", "x-test-call": "one"}),
            serde_json::json!({"x-test-static": "s", "x-test-request": "1"}),
        ]
    );
}

/// A newer backend's enum value does not fail the bundle: it is kept in
/// `Unknown` and written back as it came.
async fn unknown_enums(origin: &str, client: &Shop) {
    post(origin, "/__rust/unknown-enums?count=1").await;
    let user = client.fetch_user(&UserParams::new(5)).await.expect("a bundle with unknown enum values");
    assert_eq!(user.user_profile.role, Role::Unknown("auditor".into()));
    assert!(!user.user_orders.is_empty());
    for order in &user.user_orders {
        assert_eq!(order.status, OrderStatus::Unknown("on_hold".into()));
        assert_eq!(order.status.as_str(), "on_hold");
        assert_eq!(serde_json::to_value(&order.status).unwrap(), "on_hold");
    }
    let again = client.fetch_user(&UserParams::new(5)).await.expect("the next bundle");
    assert_eq!(again.user_profile.role, Role::Member);
}

/// An OpenAPI-style union, whose variants declare the tag field `kind`
/// themselves, both ways; a variant this client does not know (`/__drift`
/// turns `link` into `video`) does not fail the result: it is kept in
/// `Unknown` and written back as it came.
async fn notices(origin: &str, client: &Shop) {
    let board = client.notice_board().await.expect("notice_board");
    assert_eq!(board.len(), 3, "{board:?}");
    let Notice::TextNotice(text) = &board[0] else { panic!("a text notice: {board:?}") };
    assert_eq!((text.kind.as_str(), text.text.as_str()), ("text", "Free shipping this week"));
    let Notice::LinkNotice(sale) = &board[1] else { panic!("a link notice: {board:?}") };
    assert_eq!((&sale.kind, sale.title.as_deref()), (&NoticeKind::Link, Some("The summer sale")));
    assert_eq!(board[1].tag(), "link");

    // The union writes its tag over the variant's own field.
    let url = "https://shop.example/new".to_owned();
    let wrong = LinkNotice { kind: NoticeKind::Text, url: url.clone(), title: None };
    let pinned = client.pin_notice(&PinNoticeArgs::new(Notice::LinkNotice(Box::new(wrong)))).await.expect("pin_notice");
    assert_eq!(pinned, Notice::LinkNotice(Box::new(LinkNotice { kind: NoticeKind::Link, url, title: None })));

    post(origin, "/__drift?from=link&to=video&count=1").await;
    let board = client.notice_board().await.expect("a result with an unknown variant");
    assert!(matches!(&board[0], Notice::TextNotice(t) if t.text == "Free shipping this week"), "{board:?}");
    let Notice::Unknown(video) = &board[1] else { panic!("an unknown variant: {board:?}") };
    let expected = serde_json::json!({"kind": "video", "url": "https://shop.example/sale", "title": "The summer sale"});
    assert_eq!((video, board[1].tag()), (&expected, "video"));
    assert_eq!(serde_json::to_value(&board[1]).unwrap(), expected, "written back as it came");
    assert!(matches!(&board[2], Notice::Unknown(v) if v["title"].is_null()));
    let again = client.notice_board().await.expect("the next result");
    assert!(matches!(&again[1], Notice::LinkNotice(_)), "{again:?}");
}

/// A field the JSON leaves out takes the IR's default.
fn defaults() {
    let json = serde_json::json!({
        "id": 1, "email": "a@b.example", "nickname": null, "tags": [],
        "created-at": "2024-05-01T12:00:00Z", "avatar": null
    });
    let profile: UserProfile = serde_json::from_value(json).expect("a profile without role");
    assert_eq!(profile.role, Role::Member);
    assert_eq!(UserProfile::default_role(), Role::Member);
}

/// What is safe to repeat is retried (503 and 429 on reads, honouring
/// Retry-After); a 422, or a call that reached the backend, is not.
async fn retries(origin: &str, base: &str) {
    let fast = Retry::default().with_backoff(Duration::from_millis(10), Duration::from_millis(50));
    let client = Client::new(HttpTransport::new(base).with_retry(fast));

    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=ctx&count=1&status=503").await;
    let global = client.fetch_global().await.expect("a 503 then a bundle");
    assert_eq!(global.site_config.name, "Shop");
    assert_eq!(tries(origin, "/ctx/global/").await, 2);

    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=ctx&count=1&status=429&retry_after=1").await;
    let started = Instant::now();
    client.fetch_global().await.expect("a 429 then a bundle");
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 waited {:?}", started.elapsed());
    assert_eq!(tries(origin, "/ctx/global/").await, 2);

    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=ctx&count=1&status=422").await;
    match client.fetch_global().await {
        Err(e @ Error::BadRequest(_)) => assert_eq!(e.status(), Some(422)),
        other => panic!("expected the 422, got {other:?}"),
    }
    assert_eq!(tries(origin, "/ctx/global/").await, 1, "a 4xx is not retried");
    client.fetch_global().await.expect("the next fetch");

    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=call&count=1&status=503").await;
    let err = client.ping().await.expect_err("the call's 503");
    assert_eq!((err.status(), err.code()), (Some(503), Some("INTERNAL_ERROR")));
    assert_eq!(tries(origin, "/call/").await, 1, "a call that reached the backend is not repeated");

    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=ctx&count=5&status=503").await;
    let err = client.fetch_global().await.expect_err("503 every time");
    assert_eq!(err.status(), Some(503));
    assert_eq!(tries(origin, "/ctx/global/").await, 3, "the first try and 2 retries");

    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=ctx&count=1&status=503&retry_after=120").await;
    let err = client.fetch_global().await.expect_err("a Retry-After beyond the limit");
    assert_eq!(err.status(), Some(503));
    assert_eq!(tries(origin, "/ctx/global/").await, 1);

    let never = Client::new(HttpTransport::new(base).with_retry(Retry::none()));
    post(origin, "/__reset").await;
    post(origin, "/__rust/fail?on=ctx&count=1&status=503").await;
    never.fetch_global().await.expect_err("no retry");
    assert_eq!(tries(origin, "/ctx/global/").await, 1);
    post(origin, "/__reset").await;
}

/// A request that takes longer than the timeout fails with
/// `Error::Timeout`, whose source is the transport's error.
async fn timeouts(origin: &str, base: &str) {
    post(origin, "/__delay?ms=1500").await;
    let slow = Client::new(HttpTransport::new(base).with_timeout(Duration::from_millis(200)));
    let started = Instant::now();
    let err = slow.fetch_global().await.expect_err("timed out");
    assert!(matches!(err, Error::Timeout(_)) && err.is_timeout(), "{err:?}");
    assert!(err.source().is_some(), "the reqwest error is the source");
    assert!(started.elapsed() < Duration::from_millis(1400), "a timeout is not retried: {:?}", started.elapsed());
    // The client's timeout replaces the transport's, for one call.
    let patient = Client::new(HttpTransport::new(base));
    let err = patient.with_timeout(Duration::from_millis(200)).ping().await.expect_err("timed out");
    assert!(err.is_timeout(), "{err:?}");
    patient.ping().await.expect("the transport's 30 s are enough");
    post(origin, "/__reset").await;
}

/// Nothing listens: `Error::Transport`, whose source chain holds the
/// refused connection.
async fn connection_refused() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().unwrap().port()
    };
    let retry = Retry::default().with_backoff(Duration::from_millis(10), Duration::from_millis(20));
    let client = Client::new(HttpTransport::new(format!("http://127.0.0.1:{port}/api/mizan")).with_retry(retry));
    let err = client.ping().await.expect_err("connection refused");
    let Error::Transport(failure) = &err else { panic!("expected a transport error, got {err:?}") };
    assert!(failure.cause().is_some());
    let mut source = err.source();
    let mut refused = false;
    while let Some(e) = source {
        refused |=
            e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
        source = e.source();
    }
    assert!(refused, "no io::Error ConnectionRefused in the chain of {err:?}");
}

/// `https://` is spoken out of the box (the crate's default `rustls`
/// feature): against the plain HTTP server, the TLS handshake fails
/// (without TLS, reqwest would refuse the URL for its scheme).
async fn tls(origin: &str) {
    let https = origin.replace("http://", "https://");
    let retry = Retry::none();
    let client = Client::new(HttpTransport::new(format!("{https}/api/mizan")).with_retry(retry));
    let err = client.ping().await.expect_err("no TLS on the test server");
    let Error::Transport(failure) = &err else { panic!("expected a transport error, got {err:?}") };
    let mut chain = String::new();
    let mut source = err.source();
    while let Some(e) = source {
        chain.push_str(&format!("{e}; "));
        source = e.source();
    }
    // rustls reads the server's plain HTTP answer as a TLS record.
    assert!(chain.contains("InvalidContentType"), "not a TLS handshake failure: {}: {chain}", failure.message());
}
