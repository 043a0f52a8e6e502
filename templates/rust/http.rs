//! The HTTP [`Transport`], on `reqwest` (the crate's `reqwest` feature).
//!
//! The feature turns off reqwest's default features: enable a TLS backend
//! in your own `Cargo.toml` (`reqwest = { version = "0.13", features =
//! ["rustls"] }`) to reach `https://` URLs, and `cookies` for session
//! auth; Cargo unifies the features.

use crate::error::Error;
use crate::transport::{CallRequest, CallResponse, Transport};
use reqwest::multipart::{Form, Part};
use reqwest::{RequestBuilder, Url};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::sync::Mutex;

/// Speaks the Mizan HTTP protocol: `POST <base>/call/` (JSON, or multipart
/// with uploads) and `GET <base>/ctx/<context>/`.
///
/// Every call goes over HTTP, including functions declared
/// `transport=websocket`; write a [`Transport`] over the socket for a
/// backend that serves those only there.
#[derive(Debug)]
pub struct HttpTransport {
    client: reqwest::Client,
    base_url: String,
    headers: Vec<(String, String)>,
    csrf_token: Mutex<Option<String>>,
}

#[derive(Deserialize)]
struct Session {
    #[serde(rename = "csrfToken")]
    csrf_token: Option<String>,
}

impl HttpTransport {
    /// A transport for the protocol mounted at `base_url`: the backend's
    /// origin followed by [`crate::BASE_PATH`], e.g.
    /// `https://shop.example/api/mizan`.
    pub fn new(base_url: impl Into<String>) -> Self {
        HttpTransport {
            client: reqwest::Client::new(),
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            headers: Vec::new(),
            csrf_token: Mutex::new(None),
        }
    }

    /// Sends through `client` (one with a cookie store, proxy or TLS
    /// settings).
    pub fn with_client(mut self, client: reqwest::Client) -> Self {
        self.client = client;
        self
    }

    /// Sends `name: value` with every request, e.g. `Authorization:
    /// Bearer <jwt>` or `X-Mizan-Token: <token>`.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Starts a session: `GET <base>/session/`. The CSRF token it returns
    /// is sent as `X-CSRFToken` from then on (the session cookie needs a
    /// client with a cookie store, see [`HttpTransport::with_client`]).
    pub async fn init_session(&self) -> Result<(), Error> {
        let value = self.send(self.client.get(self.url("session/")?)).await?;
        let session: Session = serde_json::from_value(value).map_err(Error::decode)?;
        *self.csrf_token.lock().unwrap_or_else(|e| e.into_inner()) = session.csrf_token;
        Ok(())
    }

    fn url(&self, path: &str) -> Result<Url, Error> {
        Url::parse(&format!("{}/{path}", self.base_url)).map_err(Error::transport)
    }

    /// Adds the headers, sends, and reads the JSON body or the error.
    async fn send(&self, mut request: RequestBuilder) -> Result<Value, Error> {
        for (name, value) in &self.headers {
            request = request.header(name, value);
        }
        let csrf = self.csrf_token.lock().ok().and_then(|t| t.clone());
        if let Some(token) = csrf {
            request = request.header("X-CSRFToken", token);
        }
        let response = request.send().await.map_err(Error::transport)?;
        let status = response.status().as_u16();
        let body = response.bytes().await.map_err(Error::transport)?;
        if !(200..300).contains(&status) {
            return Err(Error::from_http(status, &body));
        }
        serde_json::from_slice(&body).map_err(Error::decode)
    }
}

impl Transport for HttpTransport {
    async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error> {
        let builder = self.client.post(self.url("call/")?);
        let builder = if !request.multipart {
            builder.json(&json!({"fn": request.function, "args": request.args}))
        } else {
            let mut form = Form::new()
                .text("fn", request.function.to_owned())
                .text("args", request.args.to_string());
            for file in &request.files {
                let mut part =
                    Part::bytes(file.upload.bytes.clone()).file_name(file.upload.file_name.clone());
                if let Some(content_type) = &file.upload.content_type {
                    part = part.mime_str(content_type).map_err(Error::transport)?;
                }
                form = form.part(file.name.to_owned(), part);
            }
            builder.multipart(form)
        };
        let value = self.send(builder).await?;
        serde_json::from_value(value).map_err(Error::decode)
    }

    async fn fetch(&self, context: &str, params: Map<String, Value>) -> Result<Value, Error> {
        let mut url = self.url(&format!("ctx/{context}/"))?;
        let pairs: Vec<(String, String)> = params
            .into_iter()
            .filter_map(|(key, value)| match value {
                Value::Null => None,
                Value::String(s) => Some((key, s)),
                other => Some((key, other.to_string())),
            })
            .collect();
        if !pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        self.send(self.client.get(url)).await
    }
}
