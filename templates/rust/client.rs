//! The client: one method per call function and one `fetch_<context>` per
//! context, generic over the [`Transport`] that carries them.
// Deprecated functions and types stay usable here without warnings; code
// calling them still gets one.
#![allow(deprecated)]

{{ imports }}

/// A typed client of the API, over any [`Transport`].
///
/// Its futures are `Send` exactly when the transport's are: with the
/// `reqwest` transport on a native target, `tokio::spawn` accepts them; a
/// WASM or Tauri transport may return non-`Send` futures.
#[derive(Clone, Debug)]
pub struct Client<T> {
    transport: T,
}

impl<T: Transport> Client<T> {
    /// A client sending every request through `transport`.
    pub fn new(transport: T) -> Self {
        Client { transport }
    }

    /// The transport this client sends through.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// Gives the transport back.
    pub fn into_transport(self) -> T {
        self.transport
    }
{{- methods }}
}
{{- structs }}
{%- if needs.calls %}

/// The args of a call: their JSON, and a file part per upload.
trait CallArgs: Serialize {
    /// The function takes uploads: it travels as multipart.
    const MULTIPART: bool = false;

    fn files(&self) -> Vec<FilePart<'_>> {
        Vec::new()
    }
}

/// Sends one call and decodes its result.
async fn call<T: Transport, A: CallArgs, R: DeserializeOwned>(
    transport: &T,
    via: Via,
    function: &str,
    args: &A,
) -> Result<R, Error> {
    let request = CallRequest {
        function,
        via,
        args: serde_json::to_value(args).map_err(Error::encode)?,
        multipart: A::MULTIPART,
        files: args.files(),
    };
    let response = transport.call(request).await?;
    serde_json::from_value(response.result).map_err(Error::decode)
}
{%- endif %}
{%- if needs.contexts %}

/// Fetches one context and decodes its bundle.
async fn fetch<T: Transport, P: Serialize, B: DeserializeOwned>(
    transport: &T,
    context: &str,
    params: &P,
) -> Result<B, Error> {
    let params = match serde_json::to_value(params).map_err(Error::encode)? {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    let bundle = transport.fetch(context, params).await?;
    serde_json::from_value(bundle).map_err(Error::decode)
}
{%- endif %}
{%- if needs.empty %}

/// The args (or params) of a function (or context) that takes none: `{}`.
#[derive(Serialize)]
struct EmptyObject {}
{%- if needs.calls %}

impl CallArgs for EmptyObject {}
{%- endif %}
{%- endif %}
