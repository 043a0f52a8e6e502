//! A whole answer: the decoded data with the HTTP status, the headers and
//! what a call invalidated, from [`Client::call`](crate::Client::call) and
//! [`Client::fetch`](crate::Client::fetch).

use serde_json::Value;

/// A successful answer and everything that came with it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Response<D> {
    /// The call's result, or the context's bundle.
    pub data: D,
    /// The HTTP status, from a transport over HTTP.
    pub status: Option<u16>,
    /// The response's headers, from a transport over HTTP.
    pub headers: Headers,
    /// Context entries the call invalidated, as the protocol sends them
    /// (empty for a fetch); [`crate::invalidation`] has the static graph.
    pub invalidate: Vec<Value>,
    /// Results the call writes into context slots instead of refetching
    /// (empty for a fetch).
    pub merge: Vec<Value>,
}

impl<D> Response<D> {
    /// `data` with nothing else: no status, headers or invalidations.
    pub fn new(data: D) -> Self {
        Response {
            data,
            status: None,
            headers: Headers::default(),
            invalidate: Vec::new(),
            merge: Vec::new(),
        }
    }

    /// The data alone.
    pub fn into_data(self) -> D {
        self.data
    }

    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }
}

/// Response headers in the order they came, names lower-cased.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// Adds a header (its name lower-cased).
    pub fn push(&mut self, name: &str, value: impl Into<String>) {
        self.0.push((name.to_ascii_lowercase(), value.into()));
    }

    /// The first value of the header `name` (any case).
    pub fn get(&self, name: &str) -> Option<&str> {
        let (_, value) = self.0.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
        Some(value)
    }

    /// Every value of the header `name` (any case), in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every header as `(name, value)`, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
