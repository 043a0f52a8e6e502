//! The error every call and fetch can fail with: one variant per protocol
//! error code, plus transport, timeout, encoding and decoding failures,
//! which keep the error that caused them ([`std::error::Error::source`]).

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

/// An error the backend answered with: a non-2xx status and
/// `{"error": {"code", "message", "details"?}}` (or a Tauri rejection).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Problem {
    /// The HTTP status, when the error came over HTTP.
    #[serde(skip)]
    pub status: Option<u16>,
    /// The protocol code, e.g. `NOT_FOUND`.
    pub code: String,
    pub message: String,
    /// Whatever the backend attached; for `VALIDATION_ERROR`, `fields` or
    /// `errors`.
    #[serde(default)]
    pub details: Option<Value>,
}

/// Why a call or fetch failed.
///
/// The variants the backend answered with carry its [`Problem`] (with the
/// HTTP status); the others carry a [`Failure`], whose cause is this
/// error's [`source`](std::error::Error::source).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Error {
    /// `BAD_REQUEST` (400).
    BadRequest(Problem),
    /// `UNAUTHORIZED` (401): not signed in.
    Unauthorized(Problem),
    /// `FORBIDDEN` (403): signed in without the right.
    Forbidden(Problem),
    /// `NOT_FOUND` (404).
    NotFound(Problem),
    /// `VALIDATION_ERROR` (422), with the messages per param from
    /// `details.fields` and `details.errors` (pydantic's list, keyed by the
    /// param each `loc` starts with; no usable `loc`: `"__all__"`).
    Validation {
        problem: Problem,
        fields: BTreeMap<String, Vec<String>>,
    },
    /// `INTERNAL_ERROR` (500).
    Internal(Problem),
    /// `NOT_IMPLEMENTED` (501).
    NotImplemented(Problem),
    /// Any other code, or an error body that is not the protocol's.
    Other(Problem),
    /// The request did not complete: connection refused or reset, DNS,
    /// TLS, an IPC failure. The HTTP transport retries what is safe to
    /// repeat before giving this.
    Transport(Failure),
    /// No answer within the timeout (the transport's, or the client's
    /// [`with_timeout`](crate::Client::with_timeout)).
    Timeout(Failure),
    /// The args or params could not be encoded as JSON.
    Encode(Failure),
    /// The response was not the JSON the API declares.
    Decode(Failure),
    /// The backend refused a channel subscription or a message on it (its
    /// `{"error", "channel"}` frame).
    Channel(Failure),
}

/// A failure below the protocol: what happened, and the error that caused
/// it when there is one (a `reqwest::Error`, a `serde_json::Error`...).
#[derive(Clone, Debug)]
pub struct Failure {
    message: String,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl Failure {
    /// A failure described by `message` alone.
    pub fn new(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            source: None,
        }
    }

    /// A failure caused by `error`, described by its message.
    pub fn caused_by(error: impl StdError + Send + Sync + 'static) -> Self {
        Failure {
            message: error.to_string(),
            source: Some(Arc::new(error)),
        }
    }

    /// What happened.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The error that caused it.
    pub fn cause(&self) -> Option<&(dyn StdError + Send + Sync + 'static)> {
        self.source.as_deref()
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Deserialize)]
struct Envelope {
    error: Problem,
}

/// Leading `loc` elements that name the request part, not a param.
const LOC_ROOTS: [&str; 3] = ["body", "query", "args"];

/// The messages per param of a `VALIDATION_ERROR`'s details, in order:
/// `fields` (`{param: [message, ...]}`), then each entry of `errors`
/// under its param.
fn validation_fields(details: Option<&Value>) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    if let Some(fields) = details
        .and_then(|d| d.get("fields"))
        .and_then(Value::as_object)
    {
        for (name, messages) in fields {
            let list = out.entry(name.clone()).or_default();
            match messages {
                Value::Array(items) => list.extend(items.iter().map(text)),
                other => list.push(text(other)),
            }
        }
    }
    if let Some(errors) = details
        .and_then(|d| d.get("errors"))
        .and_then(Value::as_array)
    {
        for entry in errors.iter().filter(|e| e.is_object()) {
            let msg = entry
                .get("msg")
                .and_then(Value::as_str)
                .unwrap_or("Invalid value");
            out.entry(param_of(entry.get("loc")))
                .or_default()
                .push(msg.to_owned());
        }
    }
    out
}

/// The param a pydantic `loc` starts with (a leading request part
/// skipped), or `"__all__"` when the `loc` is missing or malformed.
fn param_of(loc: Option<&Value>) -> String {
    let parts = loc.and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    let parts = match parts {
        [Value::String(root), rest @ ..]
            if !rest.is_empty() && LOC_ROOTS.contains(&root.as_str()) =>
        {
            rest
        }
        _ => parts,
    };
    let usable = parts
        .iter()
        .all(|p| p.is_number() || p.as_str().is_some_and(|s| !s.is_empty()));
    match parts.first() {
        Some(Value::String(s)) if usable => s.clone(),
        Some(n @ Value::Number(_)) if usable => n.to_string(),
        _ => "__all__".to_owned(),
    }
}

impl Error {
    /// The typed error for a protocol problem, by its code.
    pub fn from_problem(problem: Problem) -> Error {
        match problem.code.as_str() {
            "BAD_REQUEST" => Error::BadRequest(problem),
            "UNAUTHORIZED" => Error::Unauthorized(problem),
            "FORBIDDEN" => Error::Forbidden(problem),
            "NOT_FOUND" => Error::NotFound(problem),
            "VALIDATION_ERROR" => {
                let fields = validation_fields(problem.details.as_ref());
                Error::Validation { problem, fields }
            }
            "INTERNAL_ERROR" => Error::Internal(problem),
            "NOT_IMPLEMENTED" => Error::NotImplemented(problem),
            _ => Error::Other(problem),
        }
    }

    /// The error for a non-2xx HTTP response and its body.
    pub fn from_http(status: u16, body: &[u8]) -> Error {
        let problem = match serde_json::from_slice::<Envelope>(body) {
            Ok(envelope) => envelope.error,
            Err(_) => Problem {
                status: None,
                code: String::new(),
                message: String::from_utf8_lossy(body).into_owned(),
                details: None,
            },
        };
        Error::from_problem(Problem {
            status: Some(status),
            ..problem
        })
    }

    /// The error for a rejected Tauri IPC call: `{code, message, details?}`.
    pub fn from_rejection(value: Value) -> Error {
        match serde_json::from_value::<Problem>(value.clone()) {
            Ok(problem) => Error::from_problem(problem),
            Err(_) => Error::Transport(Failure::new(value.to_string())),
        }
    }

    /// A transport failure caused by `error`.
    pub fn transport(error: impl StdError + Send + Sync + 'static) -> Error {
        Error::Transport(Failure::caused_by(error))
    }

    /// An encoding failure caused by `error`.
    pub fn encode(error: impl StdError + Send + Sync + 'static) -> Error {
        Error::Encode(Failure::caused_by(error))
    }

    /// A decoding failure caused by `error`.
    pub fn decode(error: impl StdError + Send + Sync + 'static) -> Error {
        Error::Decode(Failure::caused_by(error))
    }

    /// The backend's problem, for errors it answered with.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Error::BadRequest(p)
            | Error::Unauthorized(p)
            | Error::Forbidden(p)
            | Error::NotFound(p)
            | Error::Internal(p)
            | Error::NotImplemented(p)
            | Error::Other(p) => Some(p),
            Error::Validation { problem, .. } => Some(problem),
            Error::Transport(_)
            | Error::Timeout(_)
            | Error::Encode(_)
            | Error::Decode(_)
            | Error::Channel(_) => None,
        }
    }

    /// The protocol code, for errors the backend answered with.
    pub fn code(&self) -> Option<&str> {
        self.problem().map(|p| p.code.as_str())
    }

    /// The HTTP status, for errors the backend answered with over HTTP.
    pub fn status(&self) -> Option<u16> {
        self.problem().and_then(|p| p.status)
    }

    /// The failure, for errors below the protocol.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Error::Transport(f)
            | Error::Timeout(f)
            | Error::Encode(f)
            | Error::Decode(f)
            | Error::Channel(f) => Some(f),
            _ => None,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Timeout(e) => write!(f, "timed out: {e}"),
            Error::Encode(e) => write!(f, "cannot encode the request: {e}"),
            Error::Decode(e) => write!(f, "unexpected response: {e}"),
            Error::Channel(e) => write!(f, "channel error: {e}"),
            other => match other.problem() {
                Some(p) => write!(f, "{}: {}", p.code, p.message),
                None => write!(f, "error"),
            },
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        let cause = self.failure()?.cause()?;
        Some(cause)
    }
}
