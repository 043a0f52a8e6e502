{{ intro -}}
//!
//! - [`types`]: every type of the API, as serde types; an enum keeps a
//!   value it does not know in its `Unknown` variant.
//! - [`client`]: [`Client`], with a method per call function and a
//!   `fetch_<context>` per context, and their args, params and bundle
//!   structs.
//! - [`transport`]: the [`Transport`] trait the client sends through.
//! - `http` (feature `reqwest`): `HttpTransport`, the protocol over HTTP,
//!   with a timeout, retries and TLS.
//! - `ws` (feature `ws`): `WsTransport`, which sends the functions declared
//!   `transport=websocket` over the protocol's socket, and typed channel
//!   subscriptions (`Client::subscribe_<channel>`).
//! - [`response`]: [`Response`], an answer with its status, headers and
//!   invalidations.
//! - [`error`]: [`Error`], one variant per protocol error code.
//! - [`invalidation`]: what each call invalidates, as constants.
//!
//! # Args and params
//!
//! Each call function has an args struct and each context a params
//! struct, built with `new` (the required params, in order) and a
//! `with_<param>` method per optional param. They cannot be written as
//! struct literals (`#[non_exhaustive]`), so a param the backend adds
//! later as optional breaks no caller:
//!
//! ```text
//! let args = <Function>Args::new(<required params>).with_<param>(<value>);
//! let result = client.<function>(&args).await?;
//! ```
//!
//! A struct whose params are all optional is also `Default`.
//!
//! # Over HTTP
//!
//! With the `reqwest` feature:
//!
//! ```ignore
//! use std::time::Duration;
//! use {{ krate }}::http::{HttpTransport, Retry};
//! use {{ krate }}::Client;
//!
//! let transport = HttpTransport::new(format!("https://example.com{}", {{ krate }}::BASE_PATH))
//!     .with_header("Authorization", "Bearer <jwt>")
//!     .with_timeout(Duration::from_secs(10))
//!     .with_retry(Retry::default().with_max_retries(3));
//! let client = Client::new(transport);
//! // client.<function>(&<Function>Args::new(..)).await?
//! // client.fetch_<context>(&<Context>Params::new(..)).await?
//! // One call with a header of its own, and the whole response:
//! // let response = client.with_header("Idempotency-Key", key).call(&args).await?;
//! // (response.status, response.headers, response.invalidate, response.data)
//! ```
//!
//! # Over the WebSocket
//!
//! With the `ws` feature (on tokio), the functions declared
//! `transport=websocket` go over `<base>/ws/` and the rest over HTTP;
//! channels are subscriptions of typed messages:
//!
//! ```ignore
//! use {{ krate }}::ws::WsTransport;
//!
//! let client = Client::new(WsTransport::over_http(transport));
//! // let mut sub = client.subscribe_<channel>(&<Channel>Channel::new(..)).await?;
//! // sub.send(&message).await?;   (channels with a client message)
//! // let message = sub.receive().await?;   (or `sub` as a `Stream`)
//! // drop(sub);   (unsubscribes)
//! ```
//!
//! # In a Tauri app
//!
//! A Rust frontend of a Tauri app (Leptos, Yew, Dioxus... compiled to
//! WASM) reaches the backend through Tauri's IPC: the `mizan` plugin's
//! `mizan_invoke` command takes `{envelope: {op: "call", fn, args}}` and
//! answers `{result, invalidate, merge?}`, or `{envelope: {op: "fetch",
//! context, params}}` and answers the bundle; it rejects with `{code,
//! message, details?}`. Implement [`Transport`] over it; the futures need
//! not be `Send`:
//!
//! ```
//! use serde_json::{json, Value};
//! use {{ krate }}::error::Failure;
//! use {{ krate }}::transport::{CallRequest, CallResponse, FetchRequest, FetchResponse, Transport};
//! use {{ krate }}::{Client, Error};
//!
//! struct TauriTransport;
//!
//! impl Transport for TauriTransport {
//!     async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error> {
//!         if request.multipart {
//!             // The IPC envelope carries JSON only: send uploads over HTTP.
//!             return Err(Error::Transport(Failure::new("uploads need the HTTP transport")));
//!         }
//!         let envelope = json!({"op": "call", "fn": request.function, "args": request.args});
//!         let answer = invoke("plugin:mizan|mizan_invoke", json!({"envelope": envelope})).await;
//!         serde_json::from_value(answer.map_err(Error::from_rejection)?).map_err(Error::decode)
//!     }
//!
//!     async fn fetch(&self, request: FetchRequest<'_>) -> Result<FetchResponse, Error> {
//!         let envelope = json!({"op": "fetch", "context": request.context, "params": request.params});
//!         let bundle = invoke("plugin:mizan|mizan_invoke", json!({"envelope": envelope}))
//!             .await
//!             .map_err(Error::from_rejection)?;
//!         Ok(FetchResponse::new(bundle))
//!     }
//! }
//!
//! /// Tauri's `invoke` (`window.__TAURI__.core.invoke`), bound with
//! /// `wasm-bindgen` and converted with `serde-wasm-bindgen`.
//! async fn invoke(command: &str, args: Value) -> Result<Value, Value> {
//!     # let _ = (command, args);
//!     # Err(Value::Null)
//! }
//!
//! let client = Client::new(TauriTransport);
//! # let _ = client;
//! ```
{%- if !recursion_limit.is_empty() %}
{{ recursion_limit -}}
{%- endif %}

pub mod client;
pub mod error;
#[cfg(feature = "reqwest")]
pub mod http;
pub mod invalidation;
pub mod response;
pub mod transport;
pub mod types;
#[cfg(feature = "ws")]
pub mod ws;

{% if chrono -%}
/// The `chrono` the types use for `datetime`, `date` and `time`.
pub use chrono;
{% endif -%}
pub use client::{Call, Client, Fetch};
pub use error::{Error, Problem};
pub use response::Response;
pub use transport::{Transport, Upload};
{%- if uuid %}
/// The `uuid` the types use for `uuid`.
pub use uuid;
{%- endif %}

/// Where the backend mounts the protocol (the IR's `base-url`): append it
/// to the backend's origin to get the URL the HTTP transport takes.
pub const BASE_PATH: &str = {{ base_path }};
