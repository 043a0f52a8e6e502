//! What the client needs from whatever carries its requests: the
//! [`Transport`] trait, the request and response shapes, and uploads.
//!
//! The trait uses `async fn` without a `Send` bound, so a transport over
//! browser `fetch`, a WASM binding or Tauri's IPC (whose futures are not
//! `Send`) can implement it. A transport whose futures are `Send` (the
//! `reqwest` one) makes the client's futures `Send` too: auto traits follow
//! the concrete transport type.

use crate::error::Error;
use crate::response::Headers;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::time::Duration;

/// Carries calls and context fetches to the backend (HTTP, Tauri IPC, a
/// WebSocket, a test double...).
#[allow(async_fn_in_trait)]
pub trait Transport {
    /// Sends one call: `POST <base>/call/` with `{"fn", "args"}` (as
    /// multipart when `request.multipart`), or its equivalent.
    async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error>;

    /// Fetches one context's bundle: `GET <base>/ctx/<context>/?<params>`,
    /// or its equivalent.
    async fn fetch(&self, request: FetchRequest<'_>) -> Result<FetchResponse, Error>;
}

impl<T: Transport + ?Sized> Transport for &T {
    async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error> {
        (**self).call(request).await
    }

    async fn fetch(&self, request: FetchRequest<'_>) -> Result<FetchResponse, Error> {
        (**self).fetch(request).await
    }
}

/// How the backend serves a function (the IR's `transport=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// `POST <base>/call/`.
    Http,
    /// The multiplexed WebSocket's `{"action": "rpc"}` frames. A transport
    /// without a socket may refuse these calls with [`Error::Transport`].
    WebSocket,
}

/// What the client adds to each request it sends: set with
/// [`Client::with_header`](crate::Client::with_header) and
/// [`Client::with_timeout`](crate::Client::with_timeout).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// Sent after the transport's own headers.
    pub headers: Vec<(String, String)>,
    /// Replaces the transport's timeout.
    pub timeout: Option<Duration>,
}

/// One call, ready to send.
#[derive(Clone, Debug)]
pub struct CallRequest<'a> {
    /// The function's wire name, sent verbatim as `fn`.
    pub function: &'a str,
    pub via: Via,
    /// The JSON object of every arg except uploads.
    pub args: Value,
    /// The function takes uploads: the protocol sends it as
    /// `multipart/form-data` (text parts `fn` and `args`, then the files),
    /// even when no file is given.
    pub multipart: bool,
    /// One part per upload (repeated for a list of uploads), in param
    /// order.
    pub files: Vec<FilePart<'a>>,
    pub options: &'a RequestOptions,
}

/// One context fetch, ready to send.
#[derive(Clone, Debug)]
pub struct FetchRequest<'a> {
    /// The context's wire name.
    pub context: &'a str,
    /// The params as JSON values; absent optional params are not in it.
    pub params: Map<String, Value>,
    pub options: &'a RequestOptions,
}

/// What a successful call answers.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct CallResponse {
    /// The function's return value (JSON `null` for none).
    pub result: Value,
    /// Context entries the call invalidated, as the protocol sends them.
    #[serde(default)]
    pub invalidate: Vec<Value>,
    /// Results to write into context slots instead of refetching.
    #[serde(default)]
    pub merge: Vec<Value>,
    /// The HTTP status, from a transport over HTTP.
    #[serde(skip)]
    pub status: Option<u16>,
    /// The response's headers, from a transport over HTTP.
    #[serde(skip)]
    pub headers: Headers,
}

impl CallResponse {
    /// A result that did not come over HTTP: no status, no headers, no
    /// invalidations.
    pub fn new(result: Value) -> Self {
        CallResponse {
            result,
            invalidate: Vec::new(),
            merge: Vec::new(),
            status: None,
            headers: Headers::default(),
        }
    }
}

/// What a successful context fetch answers.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchResponse {
    /// The bundle: one key per member of the context.
    pub bundle: Value,
    /// The HTTP status, from a transport over HTTP.
    pub status: Option<u16>,
    /// The response's headers, from a transport over HTTP.
    pub headers: Headers,
}

impl FetchResponse {
    /// A bundle that did not come over HTTP: no status, no headers.
    pub fn new(bundle: Value) -> Self {
        FetchResponse {
            bundle,
            status: None,
            headers: Headers::default(),
        }
    }
}

/// A file to upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub file_name: String,
    /// The part's `Content-Type`; `None` lets the transport guess.
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Upload {
    /// A file named `file_name` with `bytes` as its contents.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Upload {
            file_name: file_name.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// Sets the part's `Content-Type`.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// One file part of a multipart call: the param it belongs to and the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilePart<'a> {
    /// The param's wire name: the part's name.
    pub name: &'a str,
    pub upload: &'a Upload,
}
{%- if uploads %}

/// A param that holds uploads: one, an optional one, or a list.
pub(crate) trait UploadField {
    fn push_parts<'a>(&'a self, name: &'a str, out: &mut Vec<FilePart<'a>>);
}

impl UploadField for Upload {
    fn push_parts<'a>(&'a self, name: &'a str, out: &mut Vec<FilePart<'a>>) {
        out.push(FilePart { name, upload: self });
    }
}

impl<T: UploadField> UploadField for Option<T> {
    fn push_parts<'a>(&'a self, name: &'a str, out: &mut Vec<FilePart<'a>>) {
        if let Some(inner) = self {
            inner.push_parts(name, out);
        }
    }
}

impl<T: UploadField> UploadField for Vec<T> {
    fn push_parts<'a>(&'a self, name: &'a str, out: &mut Vec<FilePart<'a>>) {
        for item in self {
            item.push_parts(name, out);
        }
    }
}
{%- endif %}
