//! The `ws` feature against the live server: `send_message`
//! (`transport=websocket`) over the socket with its typed result, typed
//! errors and timeout; the `chat` and `announcements` channels: typed
//! messages pushed by the server, `send`, refusals, reconnects after the
//! server drops every socket (`/__drop-sockets`, `/__refuse-sockets`) and
//! unsubscribing on drop.

use crate::{log, post};
use futures_util::StreamExt;
use shop_client::client::{ChatChannel, SendMessageArgs};
use shop_client::http::HttpTransport;
use shop_client::types::{ChatIn, ChatOut, Message};
use shop_client::ws::{Socket, Subscription, WsTransport};
use shop_client::{Client, Error};
use std::time::{Duration, Instant};

type Shop = Client<WsTransport<HttpTransport>>;

pub async fn sockets(origin: &str, base: &str) {
    post(origin, "/__reset").await;
    let http = HttpTransport::new(base).with_header("Authorization", "Bearer test-token");
    let client = Client::new(WsTransport::over_http(http));
    calls(origin, base, &client).await;
    channels(origin, &client).await;
    reconnect_limits(origin, base).await;
    anonymous(origin, base).await;
}

/// How many frames with `action` for call or channel `name` the server saw.
async fn frames(origin: &str, action: &str, name: &str) -> usize {
    log(origin)
        .await
        .iter()
        .filter(|e| e["method"] == "WS" && e["query"]["action"] == action)
        .filter(|e| e["query"]["fn"] == name || e["query"]["channel"] == name)
        .count()
}

/// How many `POST <base>/call/` requests the server saw.
async fn http_calls(origin: &str) -> usize {
    let path = format!("{}/call/", shop_client::BASE_PATH);
    log(origin).await.iter().filter(|e| e["method"] == "POST" && e["path"] == path.as_str()).count()
}

/// The server drops every socket abruptly; returns how many.
async fn drop_sockets(origin: &str) -> u64 {
    let response = reqwest::Client::new().post(format!("{origin}/__drop-sockets")).send().await.expect("drop");
    let body: serde_json::Value = response.json().await.expect("drop json");
    body["dropped"].as_u64().expect("dropped count")
}

async fn say(client: &Shop, room: &str, text: &str) -> Message {
    client.send_message(&SendMessageArgs::new(room.into(), text.into())).await.unwrap_or_else(|e| panic!("{text}: {e}"))
}

async fn calls(origin: &str, base: &str, client: &Shop) {
    let message = say(client, "lobby", "over the socket").await;
    assert_eq!((message.room.as_str(), message.text.as_str()), ("lobby", "over the socket"));
    assert_eq!(frames(origin, "rpc", "send_message").await, 1, "sent as a socket rpc");
    assert_eq!(http_calls(origin).await, 0, "not over HTTP");
    // The answer is a whole response, without HTTP's status and headers.
    let response = client.call(&SendMessageArgs::new("lobby".into(), "whole".into())).await.expect("call");
    assert_eq!((response.data.text.as_str(), response.status), ("whole", None));

    match client.send_message(&SendMessageArgs::new("lobby".into(), "x".repeat(2001))).await {
        Err(Error::Validation { fields, problem }) => {
            assert!(fields.contains_key("text"), "{fields:?}");
            assert_eq!(problem.code, "VALIDATION_ERROR");
        }
        other => panic!("expected VALIDATION_ERROR over the socket, got {other:?}"),
    }

    post(origin, "/__delay?ms=1500").await;
    let start = Instant::now();
    let (hasty, slow) =
        (client.with_timeout(Duration::from_millis(300)), SendMessageArgs::new("late".into(), "slow".into()));
    match hasty.send_message(&slow).await {
        Err(error @ Error::Timeout(_)) => assert!(error.is_timeout()),
        other => panic!("expected a socket timeout, got {other:?}"),
    }
    assert!(start.elapsed() < Duration::from_millis(1200), "the call's timeout applies: {:?}", start.elapsed());
    post(origin, "/__delay?ms=0").await;
    // The late answer of the timed-out call is skipped, not taken for this one.
    assert_eq!(say(client, "lobby", "next").await.text, "next");

    // Clones share the call socket; a dropped one is opened again.
    assert_eq!(say(&client.clone(), "lobby", "clone").await.text, "clone");
    assert_eq!(drop_sockets(origin).await, 1, "one call socket, kept open");
    assert_eq!(say(client, "lobby", "reopened").await.text, "reopened");
    // Functions over HTTP still go over HTTP.
    let before = http_calls(origin).await;
    client.ping().await.expect("ping over HTTP");
    assert_eq!(http_calls(origin).await, before + 1);

    // A socket that cannot be opened is tried again (`max_retries`), then
    // fails as a transport error.
    post(origin, "/__refuse-sockets?count=1").await;
    drop_sockets(origin).await;
    assert_eq!(say(client, "lobby", "retried").await.text, "retried");
    let http = HttpTransport::new(base).with_header("Authorization", "Bearer test-token");
    let once = Client::new(WsTransport::new(http, Socket::new(base).with_max_retries(0)));
    post(origin, "/__refuse-sockets?count=1").await;
    let refused = once.send_message(&SendMessageArgs::new("lobby".into(), "refused".into())).await;
    assert!(matches!(refused, Err(Error::Transport(_))), "{refused:?}");
    post(origin, "/__refuse-sockets?count=0").await;
}

fn said(message: Result<ChatOut, Error>) -> Message {
    match message {
        Ok(ChatOut::Message(m)) => *m,
        other => panic!("expected a chat message, got {other:?}"),
    }
}

/// The next message, within `seconds`.
async fn next(chat: &mut Subscription<ChatChannel>, seconds: u64) -> Result<ChatOut, Error> {
    tokio::time::timeout(Duration::from_secs(seconds), chat.receive()).await.expect("no chat message in time")
}

fn chat_in(text: &str) -> ChatIn {
    ChatIn { text: text.into() }
}

async fn channels(origin: &str, client: &Shop) {
    post(origin, "/__reset").await;
    let mut chat = client.subscribe_chat(&ChatChannel::new("lobby".into())).await.expect("subscribe");
    assert_eq!(frames(origin, "subscribe", "chat").await, 1, "subscribed");
    chat.send(&chat_in("hi there")).await.expect("send");
    let got = said(next(&mut chat, 5).await);
    assert_eq!((got.room.as_str(), got.text.as_str()), ("lobby", "hi there"));
    // Only the room's messages, pushed by the server after a call.
    say(client, "elsewhere", "not for lobby").await;
    say(client, "lobby", "from a call").await;
    let streamed = tokio::time::timeout(Duration::from_secs(5), chat.next()).await.expect("stream item");
    assert_eq!(said(streamed.expect("stream open")).text, "from a call", "only the room's");

    // The server drops both sockets: `send` reconnects and resubscribes.
    assert_eq!(drop_sockets(origin).await, 2, "the channel's and the calls' sockets");
    chat.send(&chat_in("after the drop")).await.expect("send after the drop");
    assert_eq!(said(next(&mut chat, 10).await).text, "after the drop");
    assert_eq!(chat.reconnects(), 1);
    assert_eq!(frames(origin, "subscribe", "chat").await, 2, "resubscribed");
    // Dropped while nobody reads: the reader reconnects, then a message
    // sent meanwhile arrives.
    drop_sockets(origin).await;
    let caller = client.clone();
    let call = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(1)).await;
        say(&caller, "lobby", "back").await
    });
    assert_eq!(said(next(&mut chat, 10).await).text, "back", "reader reconnected");
    call.await.expect("the call task");
    assert_eq!(chat.reconnects(), 2, "the reader reconnects too");

    // An `error` frame about the channel: a message the server rejects.
    chat.send(&chat_in("")).await.expect("sent");
    match next(&mut chat, 5).await {
        Err(Error::Channel(f)) => assert!(f.message().contains("invalid ChatIn"), "{f}"),
        other => panic!("expected a channel error, got {other:?}"),
    }
    // ... and the subscription goes on.
    chat.send(&chat_in("still here")).await.expect("send");
    assert_eq!(said(next(&mut chat, 5).await).text, "still here");

    // Dropping the subscription unsubscribes.
    drop(chat);
    unsubscribed(origin, "chat").await;
}

/// Waits (at most 5 s) for the server to log an `unsubscribe` on `channel`.
async fn unsubscribed(origin: &str, channel: &str) {
    let start = Instant::now();
    while frames(origin, "unsubscribe", channel).await == 0 {
        assert!(start.elapsed() < Duration::from_secs(5), "{channel}: not unsubscribed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `with_max_reconnects`: a refused try then a good one reconnects; as
/// many refused tries in a row as allowed end the subscription.
async fn reconnect_limits(origin: &str, base: &str) {
    post(origin, "/__reset").await;
    let socket = Socket::new(base).with_header("Authorization", "Bearer test-token").with_max_reconnects(2);
    let client = Client::new(WsTransport::new(HttpTransport::new(base), socket));
    let mut chat = client.subscribe(&ChatChannel::new("x".into())).await.expect("subscribe");
    post(origin, "/__refuse-sockets?count=1").await;
    drop_sockets(origin).await;
    chat.send(&chat_in("second try")).await.expect("send");
    assert_eq!(said(next(&mut chat, 10).await).text, "second try");
    assert_eq!(chat.reconnects(), 1);
    post(origin, "/__refuse-sockets?count=2").await;
    drop_sockets(origin).await;
    match next(&mut chat, 10).await {
        Err(Error::Transport(_)) => {}
        other => panic!("reconnected past the limit: {other:?}"),
    }
    assert_eq!(chat.reconnects(), 1, "gave up");
    assert!(chat.next().await.is_none(), "the stream ends once it gave up");
    assert!(matches!(chat.send(&chat_in("gone")).await, Err(Error::Transport(_))));
    post(origin, "/__refuse-sockets?count=0").await;
}

async fn anonymous(origin: &str, base: &str) {
    post(origin, "/__reset").await;
    let client = Client::new(WsTransport::over_http(HttpTransport::new(base)));
    match client.send_message(&SendMessageArgs::new("lobby".into(), "who?".into())).await {
        Err(Error::Unauthorized(problem)) => assert_eq!(problem.code, "UNAUTHORIZED"),
        other => panic!("expected UNAUTHORIZED over the socket, got {other:?}"),
    }
    // A listen-only channel: the server's welcome, typed.
    let mut news = client.subscribe_announcements().await.expect("announcements");
    let welcome = tokio::time::timeout(Duration::from_secs(5), news.receive()).await.expect("welcome");
    assert_eq!(welcome.expect("welcome message"), "Welcome to the shop");
    news.close().await;
    unsubscribed(origin, "announcements").await;
    match client.subscribe_chat(&ChatChannel::new("lobby".into())).await {
        Err(Error::Channel(f)) => assert!(f.message().contains("authentication"), "{f}"),
        other => panic!("subscribed without credentials: {other:?}"),
    }
}
