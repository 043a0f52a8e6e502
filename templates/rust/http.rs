//! The HTTP [`Transport`], on `reqwest` (the crate's `reqwest` feature),
//! with a timeout, retries and TLS.
//!
//! TLS is rustls (the crate's default `rustls` feature turns on reqwest's):
//! `https://` works as it is. For the platform's TLS instead, turn off the
//! crate's default features and turn on reqwest's `native-tls`. Add
//! reqwest's `cookies` feature for session auth; Cargo unifies the
//! features.

use crate::error::{Error, Failure};
use crate::response::Headers;
use crate::transport::{
    CallRequest, CallResponse, FetchRequest, FetchResponse, RequestOptions, Transport,
};
use reqwest::multipart::{Form, Part};
use reqwest::{RequestBuilder, Url};
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Speaks the Mizan HTTP protocol: `POST <base>/call/` (JSON, or multipart
/// with uploads) and `GET <base>/ctx/<context>/`.
///
/// Every request has a timeout (30 seconds unless
/// [`with_timeout`](HttpTransport::with_timeout) says otherwise), and what is
/// safe to repeat is retried ([`Retry`]): context fetches after a network
/// error, `429 Too Many Requests` or a 5xx status, and any request whose
/// connection failed before it was sent. A call that reached the backend
/// is never sent twice.
///
/// Every call goes over HTTP, including functions declared
/// `transport=websocket`; wrap it in `ws::WsTransport` (the `ws` feature)
/// to send those over the socket.
pub struct HttpTransport {
    client: reqwest::Client,
    base_url: String,
    headers: Vec<(String, String)>,
    header_fn: Option<HeaderFn>,
    timeout: Option<Duration>,
    retry: Retry,
    csrf_token: Mutex<Option<String>>,
}

/// Adds headers to each request as it is sent.
type HeaderFn = Arc<dyn Fn(&mut Vec<(String, String)>) + Send + Sync>;

/// How the HTTP transport retries a request that failed in a way worth
/// repeating: up to `max_retries` more times, waiting an exponential
/// backoff with jitter between tries, or what the server's `Retry-After`
/// (in seconds) asks for, when that is at most `max_retry_after`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Retry {
    /// Tries after the first (default 2).
    pub max_retries: u32,
    /// The wait before the first retry (default 200 ms), doubled for each
    /// one after it; each wait is picked at random between half of that
    /// and all of it.
    pub initial_backoff: Duration,
    /// The longest backoff (default 5 s).
    pub max_backoff: Duration,
    /// The longest `Retry-After` to wait for; a longer one fails at once
    /// (default 30 s).
    pub max_retry_after: Duration,
}

impl Default for Retry {
    fn default() -> Self {
        Retry {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

impl Retry {
    /// Never retries.
    pub fn none() -> Self {
        Retry {
            max_retries: 0,
            ..Retry::default()
        }
    }

    /// Retries up to `max_retries` times.
    pub fn with_max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// Waits from `initial` up to `max` between tries.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max;
        self
    }

    /// Waits for a `Retry-After` of at most `max`.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// The wait before retry number `retry` (0 for the first).
    fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .initial_backoff
            .saturating_mul(2u32.saturating_pow(retry))
            .min(self.max_backoff);
        ceiling / 2 + ceiling.mul_f64(random_fraction() / 2.0)
    }
}

/// A number in `[0, 1)`, different on every call (the standard library's
/// randomly keyed hasher: no dependency for a jitter).
fn random_fraction() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u8(0);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether a request may be sent again after it reached the server.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeat {
    /// A context fetch or the session: reads, safe to repeat.
    Safe,
    /// A call: repeated only when its connection failed before it was sent.
    Once,
}

/// A successful answer before decoding.
struct Answer {
    status: u16,
    headers: Headers,
    body: Vec<u8>,
}

#[derive(Deserialize)]
struct Session {
    #[serde(rename = "csrfToken")]
    csrf_token: Option<String>,
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("base_url", &self.base_url)
            .field("headers", &self.headers.len())
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
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
            header_fn: None,
            timeout: Some(Duration::from_secs(30)),
            retry: Retry::default(),
            csrf_token: Mutex::new(None),
        }
    }

    /// Sends through `client` (one with a cookie store, a proxy or TLS
    /// settings of its own).
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

    /// Calls `add` as each request is sent (each try of it), to add
    /// headers whose values change: a token that is refreshed elsewhere.
    pub fn with_header_fn(
        mut self,
        add: impl Fn(&mut Vec<(String, String)>) + Send + Sync + 'static,
    ) -> Self {
        self.header_fn = Some(Arc::new(add));
        self
    }

    /// Gives up on a request (each try of it) after `timeout`:
    /// [`Error::Timeout`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Waits as long as the server takes.
    pub fn without_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Retries as `retry` says ([`Retry::none`] never does).
    pub fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// Starts a session: `GET <base>/session/`. The CSRF token it returns
    /// is sent as `X-CSRFToken` from then on (the session cookie needs a
    /// client with a cookie store, see [`HttpTransport::with_client`]).
    pub async fn init_session(&self) -> Result<(), Error> {
        let url = self.url("session/")?;
        let get = || Ok(self.client.get(url.clone()));
        let answer = self
            .send(Repeat::Safe, &RequestOptions::default(), &get)
            .await?;
        let session: Session = serde_json::from_slice(&answer.body).map_err(Error::decode)?;
        *self.csrf_token.lock().unwrap_or_else(|e| e.into_inner()) = session.csrf_token;
        Ok(())
    }

    /// The base URL, for the socket of the same backend.
    #[cfg(feature = "ws")]
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The headers of [`with_header`](HttpTransport::with_header).
    #[cfg(feature = "ws")]
    pub(crate) fn static_headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The timeout of each request.
    #[cfg(feature = "ws")]
    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    fn url(&self, path: &str) -> Result<Url, Error> {
        Url::parse(&format!("{}/{path}", self.base_url)).map_err(Error::transport)
    }

    /// Adds the headers and the timeout to one try of a request.
    fn prepare(&self, mut request: RequestBuilder, options: &RequestOptions) -> RequestBuilder {
        let mut dynamic = Vec::new();
        if let Some(add) = &self.header_fn {
            add(&mut dynamic);
        }
        for (name, value) in self.headers.iter().chain(&dynamic).chain(&options.headers) {
            request = request.header(name, value);
        }
        let csrf = self.csrf_token.lock().ok().and_then(|t| t.clone());
        if let Some(token) = csrf {
            request = request.header("X-CSRFToken", token);
        }
        match options.timeout.or(self.timeout) {
            Some(timeout) => request.timeout(timeout),
            None => request,
        }
    }

    /// Sends the request `build` makes, retrying as [`Retry`] allows, and
    /// reads the answer or the error.
    async fn send(
        &self,
        repeat: Repeat,
        options: &RequestOptions,
        build: &(dyn Fn() -> Result<RequestBuilder, Error> + Sync),
    ) -> Result<Answer, Error> {
        let mut retries = 0;
        loop {
            let left = retries < self.retry.max_retries;
            let response = match self.prepare(build()?, options).send().await {
                Ok(response) => response,
                Err(error) => {
                    // A connection that failed was never sent on; a read may
                    // be repeated after any network error but a timeout.
                    let again = error.is_connect()
                        || (repeat == Repeat::Safe && !error.is_timeout() && !error.is_builder());
                    if !(left && again) {
                        return Err(failure(error));
                    }
                    sleep(self.retry.backoff(retries)).await;
                    retries += 1;
                    continue;
                }
            };
            let status = response.status().as_u16();
            let mut headers = Headers::default();
            for (name, value) in response.headers() {
                headers.push(name.as_str(), String::from_utf8_lossy(value.as_bytes()));
            }
            if left && repeat == Repeat::Safe && (status == 429 || (500..600).contains(&status)) {
                let wait = match retry_after(&headers) {
                    Some(wait) if wait > self.retry.max_retry_after => None,
                    Some(wait) => Some(wait),
                    None => Some(self.retry.backoff(retries)),
                };
                if let Some(wait) = wait {
                    drop(response);
                    sleep(wait).await;
                    retries += 1;
                    continue;
                }
            }
            let body = response.bytes().await.map_err(failure)?.to_vec();
            if !(200..300).contains(&status) {
                return Err(Error::from_http(status, &body));
            }
            return Ok(Answer {
                status,
                headers,
                body,
            });
        }
    }
}

/// A reqwest error as [`Error::Timeout`] or [`Error::Transport`], with
/// the error as its source.
fn failure(error: reqwest::Error) -> Error {
    if error.is_timeout() {
        Error::Timeout(Failure::caused_by(error))
    } else {
        Error::Transport(Failure::caused_by(error))
    }
}

/// `Retry-After` in seconds (an HTTP date is not read: the backoff applies).
fn retry_after(headers: &Headers) -> Option<Duration> {
    let seconds: u64 = headers.get("retry-after")?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds))
}

async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}

impl Transport for HttpTransport {
    async fn call(&self, request: CallRequest<'_>) -> Result<CallResponse, Error> {
        let url = self.url("call/")?;
        let build = || {
            let builder = self.client.post(url.clone());
            if !request.multipart {
                return Ok(builder.json(&json!({"fn": request.function, "args": request.args})));
            }
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
            Ok(builder.multipart(form))
        };
        let answer = self.send(Repeat::Once, request.options, &build).await?;
        let mut response: CallResponse =
            serde_json::from_slice(&answer.body).map_err(Error::decode)?;
        response.status = Some(answer.status);
        response.headers = answer.headers;
        Ok(response)
    }

    async fn fetch(&self, request: FetchRequest<'_>) -> Result<FetchResponse, Error> {
        let mut url = self.url(&format!("ctx/{}/", request.context))?;
        let pairs: Vec<(String, String)> = request
            .params
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
        let get = || Ok(self.client.get(url.clone()));
        let answer = self.send(Repeat::Safe, request.options, &get).await?;
        Ok(FetchResponse {
            bundle: serde_json::from_slice(&answer.body).map_err(Error::decode)?,
            status: Some(answer.status),
            headers: answer.headers,
        })
    }
}
