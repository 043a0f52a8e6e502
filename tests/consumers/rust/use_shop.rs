//! A consumer of the generated `shop` crate, as an application writes it:
//! it must compile, clippy-clean (`tests/rust_client/mod.rs`). It shows
//! the builders, the whole response, per-call headers and timeouts, the
//! transport's settings, the typed errors and enums from a newer backend,
//! and (the `ws` feature) calls over the socket and a channel.

use shop_client::client::{
    CatalogBundle, CatalogParams, ChatChannel, PingArgs, PlaceOrderArgs, SendMessageArgs,
    UpdateProfileArgs, UserParams,
};
use shop_client::http::{HttpTransport, Retry};
use shop_client::types::{
    ChatIn, ChatOut, Message, Notice, Order, OrderLine, OrderStatus, ProductId, Role, UserProfile,
};
use shop_client::ws::WsTransport;
use shop_client::{Client, Error, Response};
use std::time::Duration;

/// A client with a bearer token, a 10-second timeout and up to 3 retries
/// of what is safe to repeat.
pub fn connect(origin: &str, token: &str) -> Client<HttpTransport> {
    let transport = HttpTransport::new(format!("{origin}{}", shop_client::BASE_PATH))
        .with_header("Authorization", format!("Bearer {token}"))
        .with_timeout(Duration::from_secs(10))
        .with_retry(Retry::default().with_max_retries(3));
    Client::new(transport)
}

/// Required params go to `new`, optional ones to `with_<param>`: a param
/// the backend adds later as optional breaks none of this.
pub async fn place(client: &Client<HttpTransport>, product: ProductId) -> Result<Order, Error> {
    let lines = vec![OrderLine {
        product,
        quantity: 2,
    }];
    let args = PlaceOrderArgs::new(5, lines).with_note("gift".to_owned());
    // One call with a header of its own: the client is cheap to derive.
    client
        .with_header("Idempotency-Key", "order-5-1")
        .place_order(&args)
        .await
}

/// Params structs whose params are all optional are `Default`.
pub async fn catalog(client: &Client<HttpTransport>) -> Result<CatalogBundle, Error> {
    let everything = client.fetch_catalog(&CatalogParams::default()).await?;
    if everything.product_list.is_empty() {
        return client
            .fetch_catalog(&CatalogParams::new().with_category("office".to_owned()))
            .await;
    }
    Ok(everything)
}

/// The whole response: status, headers and what the call invalidated.
pub async fn rename(client: &Client<HttpTransport>, name: &str) -> Result<UserProfile, Error> {
    let response: Response<UserProfile> = client
        .call(&UpdateProfileArgs::new(5, name.to_owned()))
        .await?;
    if let Some(changed) = response.header("X-Mizan-Invalidate") {
        println!(
            "status {:?}, invalidated {changed}: {:?}",
            response.status, response.invalidate
        );
    }
    Ok(response.into_data())
}

/// Errors: the backend's, typed by code with the HTTP status; the
/// transport's and timeouts, with the error that caused them.
pub async fn profile(client: &Client<HttpTransport>, user_id: i64) -> Option<UserProfile> {
    let params = UserParams::new(user_id).with_status(OrderStatus::Paid);
    match client
        .with_timeout(Duration::from_secs(2))
        .fetch_user(&params)
        .await
    {
        Ok(bundle) => Some(bundle.user_profile),
        Err(Error::NotFound(problem)) => {
            println!(
                "no user {user_id}: {} ({:?})",
                problem.message, problem.status
            );
            None
        }
        Err(e @ (Error::Timeout(_) | Error::Transport(_))) => {
            let cause = std::error::Error::source(&e).map(ToString::to_string);
            println!("unreachable: {e} (caused by {cause:?})");
            None
        }
        Err(other) => {
            println!("{other} (status {:?})", other.status());
            None
        }
    }
}

/// An enum value a newer backend sends is kept, not an error; enums and
/// every error are `#[non_exhaustive]`.
pub fn describe(role: &Role) -> String {
    match role {
        Role::Admin => "may do anything".to_owned(),
        Role::Member => "a member".to_owned(),
        Role::Unknown(value) => format!("a role this client does not know: {value}"),
        other => format!("{other:?}"),
    }
}

/// A tagged union whose variants declare the tag themselves (an OpenAPI
/// discriminator) is matched by variant; one a newer backend sends is kept
/// in `Unknown`, the object as it came.
pub fn headline(notice: &Notice) -> String {
    match notice {
        Notice::TextNotice(text) => text.text.clone(),
        Notice::LinkNotice(link) => link.title.clone().unwrap_or_else(|| link.url.clone()),
        Notice::Unknown(object) => format!("a {} notice: {object}", notice.tag()),
        other => format!("{} ({})", other.tag(), Notice::TAG),
    }
}

/// A function without params: `client.ping()`, or `PingArgs` for the whole
/// response.
pub async fn ping(client: &Client<HttpTransport>) -> Result<Option<u16>, Error> {
    client.ping().await?;
    Ok(client.call(&PingArgs::new()).await?.status)
}

/// With the `ws` feature: the functions declared `transport=websocket`
/// go over the protocol's socket (same headers, same timeout), the rest
/// over HTTP.
pub fn connect_socket(origin: &str, token: &str) -> Client<WsTransport<HttpTransport>> {
    let http = HttpTransport::new(format!("{origin}{}", shop_client::BASE_PATH))
        .with_header("Authorization", format!("Bearer {token}"));
    Client::new(WsTransport::over_http(http))
}

/// A channel: typed messages both ways; the subscription reconnects when
/// the connection drops, and dropping it unsubscribes.
pub async fn chat(client: &Client<WsTransport<HttpTransport>>) -> Result<Vec<Message>, Error> {
    let mut lobby = client
        .subscribe_chat(&ChatChannel::new("lobby".to_owned()))
        .await?;
    lobby
        .send(&ChatIn {
            text: "hello".to_owned(),
        })
        .await?;
    let args = SendMessageArgs::new("lobby".to_owned(), "over the socket".to_owned());
    client.send_message(&args).await?;
    let mut said = Vec::new();
    while said.len() < 2 {
        match lobby.receive().await {
            Ok(ChatOut::Message(message)) => said.push(*message),
            // Typing, or a kind of message this client does not know yet.
            Ok(_) => {}
            // The server refused a message: the subscription goes on.
            Err(Error::Channel(refusal)) => println!("refused: {refusal}"),
            Err(other) => return Err(other),
        }
    }
    Ok(said)
}
