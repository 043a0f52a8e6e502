{{ intro -}}
//!
//! - [`types`]: every type of the API, as serde types.
//! - [`client`]: [`Client`], with a method per call function and a
//!   `fetch_<context>` per context, and their args, params and bundle
//!   structs.
//! - [`transport`]: the [`Transport`] trait the client sends through.
//! - `http` (feature `reqwest`): `HttpTransport`, the protocol over HTTP.
//! - [`error`]: [`Error`], one variant per protocol error code.
//! - [`invalidation`]: what each call invalidates, as constants.
//!
//! # Over HTTP
//!
//! With the `reqwest` feature:
//!
//! ```ignore
//! use {{ krate }}::{http::HttpTransport, Client};
//!
//! let transport = HttpTransport::new(format!("https://example.com{}", {{ krate }}::BASE_PATH))
//!     .with_header("Authorization", "Bearer <jwt>");
//! let client = Client::new(transport);
//! // client.<function>(&<Function>Args { .. }).await?
//! // client.fetch_<context>(&<Context>Params { .. }).await?
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
//! use serde_json::{json, Map, Value};
//! use {{ krate }}::transport::{CallRequest, CallResponse, Transport};
//! use {{ krate }}::{Client, Error};
//!
//! struct TauriTransport;
//!
//! impl Transport for TauriTransport {
//!     async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error> {
//!         if request.multipart {
//!             // The IPC envelope carries JSON only: send uploads over HTTP.
//!             return Err(Error::Transport("uploads need the HTTP transport".into()));
//!         }
//!         let envelope = json!({"op": "call", "fn": request.function, "args": request.args});
//!         let answer = invoke("plugin:mizan|mizan_invoke", json!({"envelope": envelope})).await;
//!         serde_json::from_value(answer.map_err(Error::from_rejection)?).map_err(Error::decode)
//!     }
//!
//!     async fn fetch(&self, context: &str, params: Map<String, Value>) -> Result<Value, Error> {
//!         let envelope = json!({"op": "fetch", "context": context, "params": params});
//!         invoke("plugin:mizan|mizan_invoke", json!({"envelope": envelope}))
//!             .await
//!             .map_err(Error::from_rejection)
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

pub mod client;
pub mod error;
#[cfg(feature = "reqwest")]
pub mod http;
pub mod invalidation;
pub mod transport;
pub mod types;

pub use client::Client;
pub use error::{Error, Problem};
pub use transport::{Transport, Upload};

/// Where the backend mounts the protocol (the IR's `base-url`): append it
/// to the backend's origin to get the URL the HTTP transport takes.
pub const BASE_PATH: &str = {{ base_path }};
