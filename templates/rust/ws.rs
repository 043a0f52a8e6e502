//! The protocol's WebSocket (the crate's `ws` feature), on
//! tokio-tungstenite: [`WsTransport`] sends the calls declared
//! `transport=websocket` over the socket
{%- if channels %} and [`Subscription`]s receive (and
//! send) a channel's typed messages
{%- endif %}.
//!
//! Everything travels over `<base>/ws/` (`ws://` or `wss://` after the base
//! URL's scheme; `wss://` takes the `rustls` feature) as JSON text frames.
//! The handshake carries the [`Socket`]'s headers, and a bearer token in
//! `Authorization` also rides the URL as `?token=`, as the protocol allows.
//!
//! Calls: one socket per [`Socket`] (and its clones), opened on the first
//! call and kept; a call sends `{"action": "rpc", "id", "fn", "args"}` and
//! waits for the frame with its id, within the timeout. Calls go one at a
//! time. A socket that cannot be opened is tried again like an HTTP call
//! that could not connect (`max_retries`, default 2); a call whose socket
//! closes before its answer fails with [`Error::Transport`] and is never
//! repeated: it may have run. The per-call headers of
//! [`Client::with_header`](crate::Client::with_header) do not reach the
//! socket, whose handshake is done once.
{%- if channels %}
//!
//! Channels: a socket per subscription, subscribed
//! (`{"action": "subscribe", "channel", "params"}`) and confirmed before
//! [`Socket::subscribe`] returns, and read by a tokio task. A dropped
//! connection is opened again and resubscribed after 0.25 s doubling to
//! 5 s, up to [`Socket::with_max_reconnects`] times in a row (default
//! [`MAX_RECONNECTS`]). Messages the server pushed meanwhile are lost, and
//! so is a message sent into a connection whose end was not noticed yet.
//! Dropping the [`Subscription`] unsubscribes and closes its socket.
{%- endif %}

{% if channels -%}
use crate::client::{Channel, SendChannel};
{% endif -%}
use crate::error::{Error, Failure, Problem};
#[cfg(feature = "reqwest")]
use crate::http::HttpTransport;
use crate::transport::{
    CallRequest, CallResponse, FetchRequest, FetchResponse, RequestOptions, Transport, Via,
};
use futures_util::{FutureExt, SinkExt, StreamExt};
use serde_json::{json, Value};
{%- if channels %}
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
{%- else %}
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
{%- endif %}
use std::time::Duration;
use tokio::net::TcpStream;
{%- if channels %}
use tokio::sync::{mpsc, oneshot, Mutex};
{%- else %}
use tokio::sync::Mutex;
{%- endif %}
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::{HeaderName, HeaderValue};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

type Stream = WebSocketStream<MaybeTlsStream<TcpStream>>;
{%- if channels %}

/// How many times in a row a dropped channel connection is opened again,
/// unless [`Socket::with_max_reconnects`] says otherwise.
pub const MAX_RECONNECTS: u32 = 10;

const FIRST_RECONNECT_DELAY: Duration = Duration::from_millis(250);
const MAX_RECONNECT_DELAY: Duration = Duration::from_secs(5);
{%- endif %}

/// Where the protocol's socket is and how it opens: the URL, the
/// handshake's headers, a timeout and how often to retry. Clones share
/// the socket that calls go over.
#[derive(Clone)]
pub struct Socket {
    url: String,
    headers: Vec<(String, String)>,
    timeout: Option<Duration>,
    max_retries: u32,
{%- if channels %}
    max_reconnects: u32,
{%- endif %}
    calls: Arc<Calls>,
}

/// The socket calls go over, opened on the first call.
#[derive(Default)]
struct Calls {
    open: Mutex<Option<Stream>>,
    ids: AtomicU64,
}

impl std::fmt::Debug for Socket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Socket")
            .field("url", &self.url)
            .field("headers", &self.headers.len())
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .finish_non_exhaustive()
    }
}

impl Socket {
    /// The socket of the protocol mounted at `base_url` (what
    /// `HttpTransport::new` takes): `<base_url>/ws/`, with `http` turned
    /// into `ws` (`https` into `wss`).
    pub fn new(base_url: &str) -> Self {
        let base = base_url.trim_end_matches('/');
        let url = match base.split_once("://") {
            Some(("https", rest)) => format!("wss://{rest}/ws/"),
            Some(("http", rest)) => format!("ws://{rest}/ws/"),
            _ => format!("{base}/ws/"),
        };
        Socket {
            url,
            headers: Vec::new(),
            timeout: Some(Duration::from_secs(30)),
            max_retries: 2,
{%- if channels %}
            max_reconnects: MAX_RECONNECTS,
{%- endif %}
            calls: Arc::default(),
        }
    }

    /// The socket of `http`'s backend, with its `with_header` headers and
    /// its timeout (not `with_header_fn`'s headers, nor a session's CSRF
    /// token: add those with [`Socket::with_header`]).
    #[cfg(feature = "reqwest")]
    pub fn for_http(http: &HttpTransport) -> Self {
        let mut socket = Socket::new(http.base_url());
        socket.headers = http.static_headers().to_vec();
        socket.timeout = http.timeout();
        socket
    }

    /// Sends `name: value` with the handshake, e.g. `Authorization: Bearer
    /// <jwt>` (whose token also rides the URL as `?token=`).
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Gives up opening the socket, or waiting for a call's answer, after
    /// `timeout` (default 30 s): [`Error::Timeout`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Tries to open the call socket up to `max_retries` more times when it
    /// cannot connect (default 2).
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }
{%- if channels %}

    /// Opens a dropped channel connection again up to `max_reconnects`
    /// times in a row (default [`MAX_RECONNECTS`]).
    pub fn with_max_reconnects(mut self, max_reconnects: u32) -> Self {
        self.max_reconnects = max_reconnects;
        self
    }
{%- endif %}

    /// The socket's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Sends one call as an `rpc` frame and waits for its answer.
    pub async fn call(
        &self,
        function: &str,
        args: &Value,
        options: &RequestOptions,
    ) -> Result<CallResponse, Error> {
        let id = (self.calls.ids.fetch_add(1, Ordering::Relaxed) + 1).to_string();
        let frame = json!({"action": "rpc", "id": id, "fn": function, "args": args});
        let timeout = options.timeout.or(self.timeout);
        let mut open = self.calls.open.lock().await;
        let kept = open
            .take()
            .and_then(|mut stream| alive(&mut stream).then_some(stream));
        let stream = match kept {
            Some(stream) => open.insert(stream),
            None => open.insert(self.open_retrying().await?),
        };
        let answer = with_timeout(timeout, exchange(stream, frame.to_string(), &id)).await;
        match answer {
            // The socket stays: the late answer is skipped by its id.
            None => Err(Error::Timeout(Failure::new(format!(
                "the WebSocket call {function} timed out"
            )))),
            Some(Err(error)) => {
                *open = None;
                Err(error)
            }
            Some(Ok(answer)) => rpc_result(answer),
        }
    }

    /// A new connection, tried again when it could not connect (not when
    /// it timed out).
    async fn open_retrying(&self) -> Result<Stream, Error> {
        let mut retries = 0;
        loop {
            match self.open().await {
                Err(Error::Transport(_)) if retries < self.max_retries => {
                    tokio::time::sleep(retry_delay(retries)).await;
                    retries += 1;
                }
                other => return other,
            }
        }
    }

    /// A new connection: the handshake with the headers, within the
    /// timeout.
    async fn open(&self) -> Result<Stream, Error> {
        let mut url = self.url.clone();
        let bearer = self.headers.iter().find_map(|(name, value)| {
            let value = value.trim();
            let scheme = value.get(..7)?;
            (name.eq_ignore_ascii_case("authorization") && scheme.eq_ignore_ascii_case("bearer "))
                .then(|| value[7..].trim())
        });
        if let Some(token) = bearer {
            let join = if url.contains('?') { '&' } else { '?' };
            url.extend([join.to_string(), "token=".to_owned(), percent_encode(token)]);
        }
        let mut request = url.into_client_request().map_err(Error::transport)?;
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(Error::transport)?;
            let value = HeaderValue::from_str(value).map_err(Error::transport)?;
            request.headers_mut().append(name, value);
        }
        match with_timeout(self.timeout, tokio_tungstenite::connect_async(request)).await {
            None => Err(Error::Timeout(Failure::new(format!(
                "WebSocket {} timed out",
                self.url
            )))),
            Some(Err(error)) => Err(Error::transport(error)),
            Some(Ok((stream, _))) => Ok(stream),
        }
    }
{%- if channels %}

    /// Subscribes to the channel `params` are for: a connection of its
    /// own, subscribed, and confirmed by the server. Fails with
    /// [`Error::Channel`] when the server refuses (no credentials, a
    /// missing param). Needs a tokio runtime: a task reads the socket.
    pub async fn subscribe<C: Channel>(&self, params: &C) -> Result<Subscription<C>, Error> {
        let params = match serde_json::to_value(params).map_err(Error::encode)? {
            Value::Object(map) => map
                .into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(key, value)| match value {
                    Value::String(s) => (key, Value::String(s)),
                    other => (key, Value::String(other.to_string())),
                })
                .collect(),
            _ => serde_json::Map::new(),
        };
        let topic = Topic {
            channel: C::CHANNEL,
            params: Value::Object(params),
        };
        let (messages, received) = mpsc::unbounded_channel();
        let stream = self.open_subscribed(&topic, &messages).await?;
        let (commands, queue) = mpsc::unbounded_channel();
        let reconnects = Arc::new(AtomicU32::new(0));
        let reader = Reader {
            socket: self.clone(),
            topic,
            messages,
            queue,
            reconnects: Arc::clone(&reconnects),
        };
        tokio::spawn(reader.run(stream));
        Ok(Subscription {
            received,
            commands,
            reconnects,
            channel: PhantomData,
        })
    }

    /// A connection subscribed to `topic`: the server confirmed, or
    /// refused ([`Error::Channel`]). Messages that come first go to
    /// `messages`.
    async fn open_subscribed(&self, topic: &Topic, messages: &Inbox) -> Result<Stream, Error> {
        let mut stream = self.open().await?;
        let confirm = async {
            stream
                .send(Message::text(topic.frame("subscribe", None)))
                .await
                .map_err(Error::transport)?;
            loop {
                let frame = match stream.next().await {
                    Some(Ok(Message::Text(text))) => parse(&text),
                    Some(Ok(_)) => continue,
                    Some(Err(error)) => return Err(Error::transport(error)),
                    None => return Err(closed(topic.channel)),
                };
                if let Some(refusal) = topic.refusal(&frame) {
                    return Err(refusal);
                }
                if topic.mine(&frame) && frame.get("subscribed") == Some(&Value::Bool(true)) {
                    return Ok(());
                }
                if let Some(data) = topic.data(&frame) {
                    let _ = messages.send(Ok(data));
                }
            }
        };
        match with_timeout(self.timeout, confirm).await {
            Some(Ok(())) => Ok(stream),
            Some(Err(error)) => Err(error),
            None => Err(Error::Timeout(Failure::new(format!(
                "subscribing to {} timed out",
                topic.channel
            )))),
        }
    }
{%- endif %}
}

/// Gives the [`Socket`] a transport goes over
{%- if channels %}, for
/// [`Client::subscribe`](crate::Client::subscribe) and the `subscribe_<channel>`
/// methods
{%- endif %}.
pub trait HasSocket {
    fn socket(&self) -> &Socket;
}

impl HasSocket for Socket {
    fn socket(&self) -> &Socket {
        self
    }
}

/// A [`Transport`] that sends the calls declared `transport=websocket`
/// (without uploads) over the [`Socket`], and everything else through the
/// transport it wraps (HTTP). A call over the socket has no status and
/// no headers in its [`Response`](crate::Response).
#[derive(Debug)]
pub struct WsTransport<H> {
    inner: H,
    socket: Socket,
}

impl<H> WsTransport<H> {
    /// Calls declared `transport=websocket` over `socket`, the rest
    /// through `inner`.
    pub fn new(inner: H, socket: Socket) -> Self {
        WsTransport { inner, socket }
    }

    /// The transport the other requests go through.
    pub fn inner(&self) -> &H {
        &self.inner
    }
}

#[cfg(feature = "reqwest")]
impl WsTransport<HttpTransport> {
    /// `http`, with the socket of its backend ([`Socket::for_http`]).
    pub fn over_http(http: HttpTransport) -> Self {
        let socket = Socket::for_http(&http);
        WsTransport::new(http, socket)
    }
}

impl<H> HasSocket for WsTransport<H> {
    fn socket(&self) -> &Socket {
        &self.socket
    }
}

impl<H: Transport> Transport for WsTransport<H> {
    async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error> {
        if request.via == Via::WebSocket && !request.multipart {
            let (function, options) = (request.function, request.options);
            return self.socket.call(function, &request.args, options).await;
        }
        self.inner.call(request).await
    }

    async fn fetch(&self, request: FetchRequest<'_>) -> Result<FetchResponse, Error> {
        self.inner.fetch(request).await
    }
}

/// Sends `frame` and reads until the answer with `id` (other frames are
/// skipped: the late answers of calls that timed out).
async fn exchange(stream: &mut Stream, frame: String, id: &str) -> Result<Value, Error> {
    stream
        .send(Message::text(frame))
        .await
        .map_err(Error::transport)?;
    loop {
        match stream.next().await {
            Some(Ok(Message::Text(text))) => {
                let answer = parse(&text);
                if answer.get("id").and_then(Value::as_str) == Some(id) {
                    return Ok(answer);
                }
            }
            Some(Ok(_)) => {}
            Some(Err(error)) => return Err(Error::transport(error)),
            None => return Err(Error::Transport(Failure::new("the WebSocket closed"))),
        }
    }
}

/// Whether a kept call socket is still open: reads what already came (the
/// late answers of calls that timed out) without waiting.
fn alive(stream: &mut Stream) -> bool {
    loop {
        match stream.next().now_or_never() {
            None => return true,
            Some(Some(Ok(_))) => {}
            Some(Some(Err(_)) | None) => return false,
        }
    }
}

/// A call's answer frame as a response, or its error.
fn rpc_result(mut answer: Value) -> Result<CallResponse, Error> {
    if answer.get("ok") != Some(&Value::Bool(true)) {
        let error = answer.get_mut("error").map(Value::take);
        let problem: Problem =
            serde_json::from_value(error.unwrap_or(Value::Null)).map_err(Error::decode)?;
        return Err(Error::from_problem(problem));
    }
    let list = |answer: &mut Value, key: &str| match answer.get_mut(key).map(Value::take) {
        Some(Value::Array(items)) => items,
        _ => Vec::new(),
    };
    let mut response = CallResponse::new(answer.get_mut("data").map_or(Value::Null, Value::take));
    response.invalidate = list(&mut answer, "invalidate");
    response.merge = list(&mut answer, "merge");
    Ok(response)
}

/// A frame as JSON (`null` when it is not JSON).
fn parse(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// `future`'s output, or `None` when `timeout` passed first.
async fn with_timeout<F: std::future::Future>(
    timeout: Option<Duration>,
    future: F,
) -> Option<F::Output> {
    match timeout {
        Some(timeout) => tokio::time::timeout(timeout, future).await.ok(),
        None => Some(future.await),
    }
}

/// The wait before retry number `retry` to open the call socket: 200 ms
/// doubling, at most 5 s (the HTTP transport's backoff, without jitter).
fn retry_delay(retry: u32) -> Duration {
    (Duration::from_millis(200) * 2u32.saturating_pow(retry)).min(Duration::from_secs(5))
}

/// `text` as a URL query value.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
{%- if channels %}

fn closed(channel: &str) -> Error {
    Error::Transport(Failure::new(format!("the channel {channel} is closed")))
}

/// What the reading task hands the [`Subscription`]: a message's data, or
/// an error.
type Inbox = mpsc::UnboundedSender<Result<Value, Error>>;

/// A channel and its params, as its frames carry them.
struct Topic {
    channel: &'static str,
    params: Value,
}

impl Topic {
    fn frame(&self, action: &str, data: Option<Value>) -> String {
        let mut frame = json!({"action": action, "channel": self.channel, "params": self.params});
        if let Some(data) = data {
            frame["data"] = data;
        }
        frame.to_string()
    }

    /// A frame about this channel (not a call's answer).
    fn mine(&self, frame: &Value) -> bool {
        frame.get("channel").and_then(Value::as_str) == Some(self.channel)
            && frame.get("id").is_none()
    }

    /// The data of a message the server pushed on this channel.
    fn data(&self, frame: &Value) -> Option<Value> {
        if self.mine(frame) {
            frame.get("data").cloned()
        } else {
            None
        }
    }

    /// The error of an `error` frame about this channel (or naming none).
    fn refusal(&self, frame: &Value) -> Option<Error> {
        let error = frame.get("error")?.as_str()?;
        let channel = frame.get("channel").and_then(Value::as_str);
        if channel.is_some_and(|c| c != self.channel) {
            return None;
        }
        let message = format!("channel {}: {error}", self.channel);
        Some(Error::Channel(Failure::new(message)))
    }
}

/// What a [`Subscription`] asks its reading task to do.
enum Command {
    /// Send a `message` frame; answer when it was written.
    Send(Value, oneshot::Sender<Result<(), Error>>),
    /// Unsubscribe and close; answer when done.
    Close(oneshot::Sender<()>),
}

/// The task that owns a subscription's connection.
struct Reader {
    socket: Socket,
    topic: Topic,
    messages: Inbox,
    queue: mpsc::UnboundedReceiver<Command>,
    reconnects: Arc<AtomicU32>,
}

impl Reader {
    async fn run(mut self, mut stream: Stream) {
        loop {
            tokio::select! {
                command = self.queue.recv() => match command {
                    Some(Command::Send(data, done)) => {
                        let frame = self.topic.frame("message", Some(data));
                        let sent = self.send(&mut stream, frame).await;
                        let failed = sent.is_err();
                        let _ = done.send(sent);
                        if failed {
                            return;
                        }
                    }
                    Some(Command::Close(done)) => {
                        self.unsubscribe(stream).await;
                        let _ = done.send(());
                        return;
                    }
                    // The subscription was dropped.
                    None => return self.unsubscribe(stream).await,
                },
                frame = stream.next() => match frame {
                    Some(Ok(Message::Text(text))) => {
                        let frame = parse(&text);
                        if let Some(refusal) = self.topic.refusal(&frame) {
                            let _ = self.messages.send(Err(refusal));
                        } else if let Some(data) = self.topic.data(&frame) {
                            let _ = self.messages.send(Ok(data));
                        }
                    }
                    Some(Ok(_)) => {}
                    Some(Err(_)) | None => match self.reconnect().await {
                        Ok(again) => stream = again,
                        Err(error) => {
                            let _ = self.messages.send(Err(error));
                            return;
                        }
                    },
                },
            }
        }
    }

    /// Writes `frame`, reconnecting first when the connection dropped.
    async fn send(&mut self, stream: &mut Stream, frame: String) -> Result<(), Error> {
        while stream.send(Message::text(frame.clone())).await.is_err() {
            *stream = self.reconnect().await?;
        }
        Ok(())
    }

    async fn unsubscribe(&self, mut stream: Stream) {
        let frame = self.topic.frame("unsubscribe", None);
        let _ = stream.send(Message::text(frame)).await;
        let _ = stream.close(None).await;
    }

    /// Opens the connection again, with backoff; fails after
    /// `max_reconnects` tries in a row, or at once when the server refuses
    /// the subscription or the subscription was dropped meanwhile.
    async fn reconnect(&mut self) -> Result<Stream, Error> {
        let mut attempt: u32 = 0;
        loop {
            if self.queue.is_closed() {
                return Err(closed(self.topic.channel));
            }
            let delay = FIRST_RECONNECT_DELAY.saturating_mul(2u32.saturating_pow(attempt));
            tokio::time::sleep(delay.min(MAX_RECONNECT_DELAY)).await;
            let opened = self.socket.open_subscribed(&self.topic, &self.messages);
            match opened.await {
                Ok(stream) => {
                    self.reconnects.fetch_add(1, Ordering::Relaxed);
                    return Ok(stream);
                }
                Err(error @ Error::Channel(_)) => return Err(error),
                Err(error) if attempt + 1 >= self.socket.max_reconnects => return Err(error),
                Err(_) => attempt += 1,
            }
        }
    }
}

/// A channel subscription: the server's messages as `C::Message`, by
/// [`receive`](Subscription::receive) or as a [`futures_util::Stream`]
/// (which ends when the subscription gives up); [`send`](Subscription::send)
/// for a channel that takes client messages. Dropping it unsubscribes and
/// closes its connection; [`close`](Subscription::close) does so and waits.
///
/// An `error` frame the server sends about the channel (a message it
/// rejected) arrives as [`Error::Channel`], and the subscription goes on.
pub struct Subscription<C: Channel> {
    received: mpsc::UnboundedReceiver<Result<Value, Error>>,
    commands: mpsc::UnboundedSender<Command>,
    reconnects: Arc<AtomicU32>,
    channel: PhantomData<fn() -> C>,
}

impl<C: Channel> std::fmt::Debug for Subscription<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription")
            .field("channel", &C::CHANNEL)
            .field("reconnects", &self.reconnects())
            .finish_non_exhaustive()
    }
}

impl<C: Channel> Subscription<C> {
    /// The next message. Fails with [`Error::Transport`] once the
    /// connection is gone for good (closed, or not reopened after
    /// [`MAX_RECONNECTS`] tries), [`Error::Channel`] for the server's
    /// `error` frames, [`Error::Decode`] for a message that is not a
    /// `C::Message`. Wrap it in `tokio::time::timeout` to wait less.
    pub async fn receive(&mut self) -> Result<C::Message, Error> {
        match self.received.recv().await {
            Some(item) => decode(item),
            None => Err(closed(C::CHANNEL)),
        }
    }

    /// How many times the connection was opened again after a drop.
    pub fn reconnects(&self) -> u32 {
        self.reconnects.load(Ordering::Relaxed)
    }

    /// Unsubscribes and closes the connection.
    pub async fn close(self) {
        let (done, wait) = oneshot::channel();
        if self.commands.send(Command::Close(done)).is_ok() {
            let _ = wait.await;
        }
    }
}

impl<C: SendChannel> Subscription<C> {
    /// Sends `message` on the channel (after reconnecting, if the
    /// connection dropped), once it is written.
    pub async fn send(&self, message: &C::ClientMessage) -> Result<(), Error> {
        let data = serde_json::to_value(message).map_err(Error::encode)?;
        let (done, wait) = oneshot::channel();
        self.commands
            .send(Command::Send(data, done))
            .map_err(|_| closed(C::CHANNEL))?;
        wait.await.map_err(|_| closed(C::CHANNEL))?
    }
}

impl<C: Channel> futures_util::Stream for Subscription<C> {
    type Item = Result<C::Message, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.received.poll_recv(cx).map(|item| item.map(decode))
    }
}

fn decode<M: serde::de::DeserializeOwned>(item: Result<Value, Error>) -> Result<M, Error> {
    serde_json::from_value(item?).map_err(Error::decode)
}
{%- endif %}
