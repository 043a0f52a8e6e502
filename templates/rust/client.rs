//! The client: one method per call function and one `fetch_<context>` per
//! context, generic over the [`Transport`] that carries them; the args and
//! params structs they take and the bundles contexts return.
// Deprecated functions and types stay usable here without warnings; code
// calling them still gets one. The IR's types may nest as deep as it likes.
#![allow(deprecated, clippy::type_complexity)]

{{ imports }}

/// A typed client of the API, over any [`Transport`].
///
/// Cloning it is cheap: clones share the transport. Its futures are `Send`
/// exactly when the transport's are: with the `reqwest` transport on a
/// native target, `tokio::spawn` accepts them; a WASM or Tauri transport
/// may return non-`Send` futures.
#[derive(Debug)]
pub struct Client<T> {
    transport: Arc<T>,
    options: RequestOptions,
}

impl<T> Clone for Client<T> {
    fn clone(&self) -> Self {
        Client {
            transport: Arc::clone(&self.transport),
            options: self.options.clone(),
        }
    }
}

impl<T: Transport> Client<T> {
    /// A client sending every request through `transport`.
    pub fn new(transport: T) -> Self {
        Client {
            transport: Arc::new(transport),
            options: RequestOptions::default(),
        }
    }

    /// The transport this client sends through.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Gives the transport back, or the client when clones of it still
    /// share the transport.
    pub fn into_transport(self) -> Result<T, Self> {
        let options = self.options;
        Arc::try_unwrap(self.transport).map_err(|transport| Client { transport, options })
    }

    /// A client on the same transport that also sends `name: value` with
    /// each request, for one call or many:
    /// `client.with_header("Idempotency-Key", key).place_order(&args)`.
    pub fn with_header(&self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut client = self.clone();
        client.options.headers.push((name.into(), value.into()));
        client
    }

    /// A client on the same transport whose requests give up after
    /// `timeout` ([`Error::Timeout`]), instead of the transport's timeout.
    pub fn with_timeout(&self, timeout: Duration) -> Self {
        let mut client = self.clone();
        client.options.timeout = Some(timeout);
        client
    }

    /// Sends the call `args` are for, and returns the whole [`Response`]:
    /// the result with the status, the headers and what the call
    /// invalidated. `client.call(&args)` is what the method of the
    /// function (`client.<function>(&args)`) does, keeping only the result.
    pub async fn call<A: Call>(&self, args: &A) -> Result<Response<A::Output>, Error> {
        let request = CallRequest {
            function: A::FUNCTION,
            via: A::VIA,
            args: serde_json::to_value(args).map_err(Error::encode)?,
            multipart: A::MULTIPART,
            files: args.files(),
            options: &self.options,
        };
        let response = self.transport.call(request).await?;
        Ok(Response {
            data: serde_json::from_value(response.result).map_err(Error::decode)?,
            status: response.status,
            headers: response.headers,
            invalidate: response.invalidate,
            merge: response.merge,
        })
    }

    /// Fetches the context `params` are for, and returns the whole
    /// [`Response`]: the bundle with the status and the headers.
    pub async fn fetch<P: Fetch>(&self, params: &P) -> Result<Response<P::Bundle>, Error> {
        let params = match serde_json::to_value(params).map_err(Error::encode)? {
            serde_json::Value::Object(map) => map,
            _ => serde_json::Map::new(),
        };
        let request = FetchRequest {
            context: P::CONTEXT,
            params,
            options: &self.options,
        };
        let response = self.transport.fetch(request).await?;
        let bundle = serde_json::from_value(response.bundle).map_err(Error::decode)?;
        let mut answer = Response::new(bundle);
        answer.status = response.status;
        answer.headers = response.headers;
        Ok(answer)
    }
{{- methods }}
}
{%- if channels %}

/// Channel subscriptions (the `ws` feature), over a transport with a
/// socket: [`WsTransport`](crate::ws::WsTransport) or
/// [`Socket`](crate::ws::Socket).
#[cfg(feature = "ws")]
impl<T: HasSocket> Client<T> {
    /// Subscribes to the channel `params` are for: its messages as a
    /// [`Subscription`](crate::ws::Subscription). `client.subscribe(&params)`
    /// is what the method of the channel (`client.subscribe_<channel>`)
    /// does.
    pub async fn subscribe<C: Channel>(&self, params: &C) -> Result<Subscription<C>, Error> {
        self.transport.socket().subscribe(params).await
    }
{{- channel_methods }}
}
{%- endif %}

/// The args of one call function: its name, how it travels, what it
/// returns, and a file part per upload. Implemented by each `<Function>Args`
/// struct of this module, for [`Client::call`].
pub trait Call: Serialize + sealed::Sealed {
    /// What the function returns.
    type Output: DeserializeOwned;
    /// The function's wire name.
    const FUNCTION: &'static str;
    /// How the backend serves it.
    const VIA: Via;
    /// The function takes uploads: it travels as multipart.
    const MULTIPART: bool = false;

    /// One part per upload, in param order.
    fn files(&self) -> Vec<FilePart<'_>> {
        Vec::new()
    }
}

/// The params of one context: its name and its bundle. Implemented by each
/// `<Context>Params` struct of this module, for [`Client::fetch`].
pub trait Fetch: Serialize + sealed::Sealed {
    /// What one fetch returns.
    type Bundle: DeserializeOwned;
    /// The context's wire name.
    const CONTEXT: &'static str;
}

{% if channels -%}
/// The params of one channel: its name and its messages. Implemented by
/// each `<Channel>Channel` struct of this module, for `Client::subscribe`
/// (the `ws` feature).
pub trait Channel: Serialize + sealed::Sealed {
    /// What the server sends on the channel.
    type Message: DeserializeOwned;
    /// The channel's wire name.
    const CHANNEL: &'static str;
}

/// A [`Channel`] that also takes messages from the client.
pub trait SendChannel: Channel {
    /// What the client sends on the channel.
    type ClientMessage: Serialize;
}

{% endif -%}
mod sealed {
    /// Keeps [`Call`](super::Call) and [`Fetch`](super::Fetch) to this
    /// module's structs, so they may grow.
    pub trait Sealed {}
}
{{- structs }}
