//! The error every call and fetch can fail with: one variant per protocol
//! error code, plus transport, encoding and decoding failures.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

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
    /// Whatever the backend attached; for `VALIDATION_ERROR`, `fields`.
    #[serde(default)]
    pub details: Option<Value>,
}

/// Why a call or fetch failed.
#[derive(Clone, Debug, PartialEq)]
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
    /// `details.fields`.
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
    /// The request did not complete (network, IPC, missing capability).
    Transport(String),
    /// The args or params could not be encoded as JSON.
    Encode(String),
    /// The response was not the JSON the API declares.
    Decode(String),
}

#[derive(Deserialize)]
struct Envelope {
    error: Problem,
}

#[derive(Deserialize)]
struct ValidationDetails {
    #[serde(default)]
    fields: BTreeMap<String, Vec<String>>,
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
                let fields = problem
                    .details
                    .clone()
                    .and_then(|d| serde_json::from_value::<ValidationDetails>(d).ok())
                    .map(|d| d.fields)
                    .unwrap_or_default();
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
            Err(_) => Error::Transport(value.to_string()),
        }
    }

    /// A transport failure.
    pub fn transport(error: impl fmt::Display) -> Error {
        Error::Transport(error.to_string())
    }

    /// An encoding failure.
    pub fn encode(error: impl fmt::Display) -> Error {
        Error::Encode(error.to_string())
    }

    /// A decoding failure.
    pub fn decode(error: impl fmt::Display) -> Error {
        Error::Decode(error.to_string())
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
            Error::Transport(_) | Error::Encode(_) | Error::Decode(_) => None,
        }
    }

    /// The protocol code, for errors the backend answered with.
    pub fn code(&self) -> Option<&str> {
        self.problem().map(|p| p.code.as_str())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Encode(e) => write!(f, "cannot encode the request: {e}"),
            Error::Decode(e) => write!(f, "unexpected response: {e}"),
            other => match other.problem() {
                Some(p) => write!(f, "{}: {}", p.code, p.message),
                None => write!(f, "error"),
            },
        }
    }
}

impl std::error::Error for Error {}
