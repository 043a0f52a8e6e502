//! Every code `compare` reports, with the change it names and why it has
//! its severity. docs/breaking.md is this table; a test keeps them equal.

/// One classification rule.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub code: &'static str,
    /// The change, in words.
    pub change: &'static str,
    /// Why it has this severity.
    pub why: &'static str,
}

const fn rule(code: &'static str, change: &'static str, why: &'static str) -> Rule {
    Rule { code, change, why }
}

/// Breaking first, then dangerous, then safe; alphabetical within each.
pub const RULES: &[Rule] = &[
    rule(
        "breaking::became-nullable",
        "a response type (a result, a field of a type callers read, a server message) becomes nullable",
        "readers that use the value without a null check fail (TypeScript no longer compiles; at run time the value is null)",
    ),
    rule("breaking::channel-removed", "a channel is removed", "its subscribe function disappears from every client"),
    rule(
        "breaking::client-message-removed",
        "a channel's `client-message` is removed",
        "callers that send on the socket no longer can (the send method disappears)",
    ),
    rule(
        "breaking::context-member-moved",
        "a context read moves to another context",
        "it leaves one bundle for another: code reading it from the old context's hook or provider no longer compiles",
    ),
    rule(
        "breaking::context-param-added-required",
        "a context gains a provider param every member takes",
        "each provider and fetch of the context must now pass it",
    ),
    rule(
        "breaking::context-param-became-required",
        "a context's optional provider param becomes required (every member now takes it)",
        "providers that did not pass it no longer compile",
    ),
    rule(
        "breaking::context-param-removed",
        "a context's provider param is removed",
        "providers that pass it no longer compile (the prop is gone), and the server ignores it",
    ),
    rule("breaking::context-removed", "a context is removed", "its fetch function, provider, hook and key disappear"),
    rule(
        "breaking::enum-value-removed",
        "an enum value is removed",
        "senders of the value are rejected; readers comparing with it no longer compile (TypeScript reports comparisons with a literal outside the type)",
    ),
    rule(
        "breaking::field-added-required",
        "a required field is added to a type callers send",
        "every value callers build must now include it",
    ),
    rule(
        "breaking::field-became-optional",
        "a field of a type callers read becomes optional",
        "the key may now be absent: readers that use it unchecked fail",
    ),
    rule(
        "breaking::field-became-required",
        "a field of a type callers send becomes required",
        "callers that leave it out are rejected and no longer compile",
    ),
    rule(
        "breaking::field-removed",
        "a field is removed from a type",
        "readers of the field no longer compile; senders of it no longer compile (excess property) and the server drops it",
    ),
    rule(
        "breaking::form-removed",
        "a form loses its `submit` function (or the form is removed)",
        "its form bindings disappear",
    ),
    rule(
        "breaking::form-role-removed",
        "a form loses its `schema` or `validate` function",
        "the form binding's schema fetch or server validation disappears",
    ),
    rule(
        "breaking::function-kind-changed",
        "a client-callable function changes kind (call, context read, or no longer client-callable: view, private)",
        "its call function disappears or moves into a context bundle",
    ),
    rule(
        "breaking::function-removed",
        "a call or context read is removed",
        "its call function (or bundle slot) disappears",
    ),
    rule(
        "breaking::nullable-removed",
        "a request type (a param, a field of a type callers send, a client message) stops being nullable",
        "callers sending null are rejected and no longer compile",
    ),
    rule(
        "breaking::param-added-required",
        "a required param is added (to a function or channel)",
        "every existing call lacks it",
    ),
    rule(
        "breaking::param-became-required",
        "an optional param becomes required",
        "calls that leave it out no longer compile and are rejected",
    ),
    rule(
        "breaking::param-removed",
        "a param is removed",
        "calls passing it no longer compile (excess property), and the server ignores it",
    ),
    rule(
        "breaking::returns-removed",
        "a function's `returns` is removed: it now returns null",
        "callers using the result get null",
    ),
    rule(
        "breaking::tag-value-changed",
        "a tagged union's variant gets another tag value",
        "the discriminant on the wire changes: readers and senders switching on the old value break",
    ),
    rule(
        "breaking::transport-changed",
        "a function's transport changes (http ↔ websocket)",
        "the call now needs (or no longer uses) a socket connection; generated signatures and setup differ",
    ),
    rule(
        "breaking::type-changed",
        "a type expression changes incompatibly for its direction (e.g. `string` → `int`; a param `float` → `int`; a result `int` → `float`; `T` → `json` in a response)",
        "request types may only widen (the server must accept every value it accepted), response types may only narrow (callers must understand every value they receive)",
    ),
    rule(
        "breaking::type-kind-changed",
        "a named type changes kind (type, enum, union, alias)",
        "its generated shape is different",
    ),
    rule("breaking::type-removed", "a named type is removed", "code importing the generated type no longer compiles"),
    rule(
        "breaking::union-tag-changed",
        "a union's tag field changes (or a union becomes tagged or untagged)",
        "the JSON shape of every variant changes",
    ),
    rule(
        "breaking::variant-removed",
        "a variant is removed from a union",
        "callers sending that variant are rejected and no longer compile; readers handling it no longer compile either (TypeScript rejects a `case` on a tag value the union no longer has), although on the wire they only stop receiving it",
    ),
    rule(
        "dangerous::affects-changed",
        "a function's `affects` edges change (added, removed, rescoped)",
        "what a successful call refetches changes: pages may show stale data, or refetch more",
    ),
    rule(
        "dangerous::auth-changed",
        "a function's or channel's `auth` changes",
        "calls that succeeded may now fail with UNAUTHORIZED or FORBIDDEN",
    ),
    rule(
        "dangerous::base-url-changed",
        "the IR's `base-url` changes",
        "clients not configured with their own `base_url` send requests elsewhere",
    ),
    rule(
        "dangerous::cache-changed",
        "a context read's `cache` changes",
        "edge caching of the context changes (edge manifest)",
    ),
    rule(
        "dangerous::default-changed",
        "a param's or field's default changes (or is added or removed)",
        "calls that leave the value out behave differently",
    ),
    rule(
        "dangerous::enum-value-added",
        "a value is added to an enum callers read",
        "readers with an exhaustive switch and no fallback meet a value they do not handle",
    ),
    rule(
        "dangerous::manifest-changed",
        "a view or private function changes kind or context",
        "the edge manifest changes (CDN purges, page routes); no client code changes",
    ),
    rule(
        "dangerous::manifest-function-removed",
        "a view or private function is removed",
        "the edge manifest loses it; no client code changes",
    ),
    rule(
        "dangerous::merge-changed",
        "a function's `merge` targets change",
        "which context slot receives the result changes: pages update differently",
    ),
    rule(
        "dangerous::request-constraint-tightened",
        "a constraint on a value callers send tightens (min raised, max lowered, a pattern or format added or changed)",
        "values that were accepted may now be rejected, by the server or a validating client (zod)",
    ),
    rule(
        "dangerous::response-constraint-loosened",
        "a constraint on a value callers read loosens (or a pattern or format changes)",
        "replies may now fail a validating client's check (zod `validateResponse`)",
    ),
    rule(
        "dangerous::rev-changed",
        "a context read's `rev` changes",
        "cached bundles of the context are invalidated (edge manifest)",
    ),
    rule(
        "dangerous::route-changed",
        "a function's `route` or `methods` change",
        "the edge manifest's routes change (CDN purges, page routes)",
    ),
    rule(
        "dangerous::ssr-changed",
        "a context's `ssr` changes",
        "server rendering stops (or starts) hydrating the context",
    ),
    rule(
        "dangerous::variant-added",
        "a variant is added to a union callers read",
        "readers with an exhaustive switch and no fallback meet a variant they do not handle",
    ),
    rule(
        "safe::became-nullable",
        "a request type becomes nullable",
        "callers may now also send null; what they send stays valid",
    ),
    rule("safe::channel-added", "a channel is added", "new code only"),
    rule(
        "safe::client-message-added",
        "a channel gains a `client-message`",
        "callers may now send; nothing existing changes",
    ),
    rule("safe::context-added", "a context is added", "new code only"),
    rule("safe::context-param-added", "a context gains an optional provider param", "providers may pass it; none must"),
    rule(
        "safe::context-param-became-optional",
        "a context's required provider param becomes optional",
        "providers passing it keep compiling",
    ),
    rule(
        "safe::deprecation-changed",
        "`deprecated` is set, changed or removed",
        "documentation only (a deprecation comment)",
    ),
    rule("safe::doc-changed", "a `doc` changes", "documentation only"),
    rule(
        "safe::enum-value-added",
        "a value is added to an enum only callers send",
        "callers may send it; what they send stays valid",
    ),
    rule(
        "safe::field-added",
        "a field is added to a type callers read, or an optional field to any type",
        "readers ignore what they do not use; senders need not set an optional field",
    ),
    rule(
        "safe::field-became-optional",
        "a field of a type only callers send becomes optional",
        "callers setting it keep working",
    ),
    rule(
        "safe::field-became-required",
        "a field of a type only callers read becomes required (always present)",
        "readers get the key every time",
    ),
    rule("safe::form-added", "a form gains a `submit` function", "new form bindings only"),
    rule(
        "safe::form-role-added",
        "a form gains a `schema` or `validate` function",
        "the form binding gains a capability",
    ),
    rule(
        "safe::function-added",
        "a call or context read is added (or a view or private function becomes client-callable)",
        "new code only",
    ),
    rule(
        "safe::nullable-removed",
        "a response type stops being nullable",
        "readers' null checks become unnecessary, not wrong",
    ),
    rule("safe::param-added", "an optional param is added", "existing calls leave it out"),
    rule("safe::param-became-optional", "a required param becomes optional", "existing calls pass it and keep working"),
    rule("safe::project-changed", "the IR's `project` label changes", "generated headers only"),
    rule(
        "safe::request-constraint-loosened",
        "a constraint on a value callers send loosens (min lowered, max raised, pattern or format removed)",
        "everything accepted before still is",
    ),
    rule(
        "safe::response-constraint-tightened",
        "a constraint on a value callers read tightens",
        "replies stay within what readers accepted",
    ),
    rule(
        "safe::returns-added",
        "a function that returned null gains `returns`",
        "callers ignoring the result keep working",
    ),
    rule("safe::type-added", "a named type is added", "new code only"),
    rule(
        "safe::type-equivalent",
        "a type expression changes to one with the same values (e.g. `int` → an alias of `int`)",
        "the wire and the values are unchanged",
    ),
    rule(
        "safe::type-narrowed",
        "a response type narrows (e.g. `float` → `int`, `json` → a type)",
        "every value readers receive is one they handled (a Rust or Python caller annotating the old type may need to adjust the annotation)",
    ),
    rule(
        "safe::type-widened",
        "a request type widens (e.g. `int` → `float`, a type → `json`)",
        "every value callers send is still accepted",
    ),
    rule(
        "safe::variant-added",
        "a variant is added to a union only callers send",
        "callers may send it; what they send stays valid",
    ),
];
