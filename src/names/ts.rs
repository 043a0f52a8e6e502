//! TypeScript names (stage1, React, Vue, Svelte).
//!
//! Policy by position:
//! - types: PascalCase; a name that would shadow a global the generated code
//!   refers to gets a `_` suffix (`Record` → `Record_`);
//! - functions: a verb prefix and the PascalCase wire name (`callContactSubmit`,
//!   `fetchUser`), which can never be a reserved word;
//! - properties (fields, params): written bare when they are identifiers,
//!   quoted otherwise (`"created-at"`); reserved words are legal property
//!   names in ECMAScript, so `class` stays `class`.
//! - the generator's own locals start with `$` or `__mizan`, a prefix no
//!   wire name can take, so a user's `result` or `args` cannot shadow them.

use super::{listed, pascal};
use std::fmt::Write;

/// Global types and values the generated TypeScript refers to, plus the
/// kernel's exports: a user type of the same name would shadow them. From
/// the TypeScript handbook's utility types and the ECMAScript globals
/// (ECMA-262 §19), trimmed to those generated code uses or users expect;
/// the kernel's surface (docs/kernel.md: `MizanError`, `Transport`,
/// `ContextSnapshot`...); and the Vue and Svelte bindings' runtime types
/// (`Mizan*`, src/emit/vue, src/emit/svelte). Sorted, for binary search.
pub const RESERVED_TYPES: &[&str] = &[
    "AbortSignal",
    "Array",
    "ArrayBuffer",
    "Blob",
    "Boolean",
    "ChannelHandle",
    "ChannelStatus",
    "ContextSnapshot",
    "ContextSpec",
    "Date",
    "Error",
    "ErrorCode",
    "File",
    "FormData",
    "Function",
    "InvalidationGraph",
    "Map",
    "MizanChannel",
    "MizanChannelState",
    "MizanChannelStore",
    "MizanError",
    "MizanForm",
    "MizanFormErrors",
    "MizanFormState",
    "MizanFormStore",
    "MizanKernel",
    "MizanMutation",
    "MizanMutationState",
    "MizanMutationStore",
    "MizanOptions",
    "MizanParams",
    "MizanQuery",
    "MizanQueryState",
    "MizanQueryStore",
    "Number",
    "Object",
    "Omit",
    "Partial",
    "Pick",
    "Promise",
    "PromiseLike",
    "Readonly",
    "ReadonlyArray",
    "Record",
    "Required",
    "Set",
    "String",
    "Symbol",
    "Transport",
    "URLSearchParams",
    "Uint8Array",
    "WebSocket",
];

/// A type, enum, union or alias name.
pub fn type_name(wire: &str) -> String {
    let mut name = pascal(wire);
    if listed(RESERVED_TYPES, &name) {
        name.push('_');
    }
    name
}

/// The PascalCase stem shared by everything generated for one function,
/// context, channel or form (`callUserProfile`, `UserProfileArgs`,
/// `useUserProfile`): two wire names with the same stem collide.
pub fn stem(wire: &str) -> String {
    pascal(wire)
}

/// `prefix` + the stem of `wire` + `suffix`.
fn around_stem(prefix: &str, wire: &str, suffix: &str) -> String {
    [prefix, &pascal(wire), suffix].concat()
}

/// The camelCase of `wire` + `suffix`.
fn camel_with(wire: &str, suffix: &str) -> String {
    [&super::camel(wire), suffix].concat()
}

/// `callContactSubmit` for `contact.submit`.
pub fn call_fn(function: &str) -> String {
    around_stem("call", function, "")
}

/// `fetchUser` for context `user`.
pub fn fetch_fn(context: &str) -> String {
    around_stem("fetch", context, "")
}

/// `subscribeChat` for channel `chat`.
pub fn subscribe_fn(channel: &str) -> String {
    around_stem("subscribe", channel, "")
}

/// The typed key of a context (`contextKey<UserParams, UserBundle>("user")`):
/// `userContext`.
pub fn context_key_const(context: &str) -> String {
    camel_with(context, "Context")
}

/// The field-schema constant of a form: `contactForm`.
pub fn form_const(form: &str) -> String {
    camel_with(form, "Form")
}

/// The args object type of a function: `UpdateProfileArgs`.
pub fn args_type(function: &str) -> String {
    around_stem("", function, "Args")
}

/// The params object type of a context: `UserParams`.
pub fn context_params_type(context: &str) -> String {
    around_stem("", context, "Params")
}

/// The bundle type of a context: `UserBundle`.
pub fn bundle_type(context: &str) -> String {
    around_stem("", context, "Bundle")
}

/// The params type of a channel: `ChatChannelParams`.
pub fn channel_params_type(channel: &str) -> String {
    around_stem("", channel, "ChannelParams")
}

/// Vue: the composable of a context function or a call (`useUserProfile`,
/// `useUpdateProfile`); function names are unique, so these never collide
/// with each other.
pub fn vue_use_fn(function: &str) -> String {
    around_stem("use", function, "")
}

/// Vue: the query form of a call function read for its result:
/// `useSearchQuery`.
pub fn vue_query_fn(function: &str) -> String {
    around_stem("use", function, "Query")
}

/// Vue: the composable of a channel: `useChatChannel`.
pub fn vue_channel_fn(channel: &str) -> String {
    around_stem("use", channel, "Channel")
}

/// Vue: the composable of a form: `useContactForm`.
pub fn vue_form_fn(form: &str) -> String {
    around_stem("use", form, "Form")
}

/// Svelte stores: the store factory of a context function or a call
/// (`userProfileStore`, `updateProfileStore`).
pub fn svelte_store_fn(function: &str) -> String {
    camel_with(function, "Store")
}

/// Svelte stores: the query store of a call function read for its
/// result: `searchQueryStore`.
pub fn svelte_query_store_fn(function: &str) -> String {
    camel_with(function, "QueryStore")
}

/// Svelte stores: a channel's store factory: `chatChannelStore`.
pub fn svelte_channel_store_fn(channel: &str) -> String {
    camel_with(channel, "ChannelStore")
}

/// Svelte stores: a form's store factory: `contactFormStore`.
pub fn svelte_form_store_fn(form: &str) -> String {
    camel_with(form, "FormStore")
}

/// Svelte runes: the factory of a context function or a call
/// (`createUserProfile`, `createUpdateProfile`).
pub fn svelte_create_fn(function: &str) -> String {
    around_stem("create", function, "")
}

/// Svelte runes: the query of a call function read for its result:
/// `createSearchQuery`.
pub fn svelte_create_query_fn(function: &str) -> String {
    around_stem("create", function, "Query")
}

/// Svelte runes: a channel's factory: `createChatChannel`.
pub fn svelte_create_channel_fn(channel: &str) -> String {
    around_stem("create", channel, "Channel")
}

/// Svelte runes: a form's factory: `createContactForm`.
pub fn svelte_create_form_fn(form: &str) -> String {
    around_stem("create", form, "Form")
}

/// Whether a property can be written bare: an ECMAScript identifier name
/// (Unicode letters allowed, as prettier leaves them). Reserved words are
/// fine as property names.
pub fn is_bare_property(wire: &str) -> bool {
    if wire.is_ascii() {
        let mut bytes = wire.bytes();
        return matches!(bytes.next(), Some(b) if b.is_ascii_alphabetic() || b == b'_' || b == b'$')
            && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$');
    }
    let mut chars = wire.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '\u{200c}' || c == '\u{200d}')
}

/// A property key as written in an interface or object literal: bare, or a
/// quoted string literal.
pub fn property(wire: &str) -> String {
    if is_bare_property(wire) { wire.to_owned() } else { string_literal(wire) }
}

/// A property access: `.name` or `["created-at"]`.
pub fn member_access(wire: &str) -> String {
    if is_bare_property(wire) { [".", wire].concat() } else { ["[", &string_literal(wire), "]"].concat() }
}

/// A TypeScript string literal that survives any input: quotes,
/// backslashes, control characters, line and paragraph separators. Like
/// prettier, it uses double quotes unless the text holds more double quotes
/// than single ones.
pub fn string_literal(s: &str) -> String {
    super::quoted(s, escape_char)
}

fn escape_char(out: &mut String, c: char, quote: char) {
    match c {
        c if c == quote => {
            out.push('\\');
            out.push(c);
        }
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{2028}' => out.push_str("\\u2028"),
        '\u{2029}' => out.push_str("\\u2029"),
        c if (c as u32) < 0x20 || c == '\u{7f}' => {
            let _ = write!(out, "\\u{:04x}", c as u32);
        }
        c => out.push(c),
    }
}

/// React: the hook of a context function or a call (`useUserProfile`,
/// `useUpdateProfile`). Function stems are unique, so these never collide
/// with each other.
pub fn react_hook(function: &str) -> String {
    around_stem("use", function, "")
}

/// React: the suspense form of a context function's hook:
/// `useUserProfileSuspense`.
pub fn react_suspense_hook(function: &str) -> String {
    around_stem("use", function, "Suspense")
}

/// React: the query hook of a query function (a call read for its
/// result): `useSearchQuery`.
pub fn react_query_hook(function: &str) -> String {
    around_stem("use", function, "Query")
}

/// React: the suspense form of a query hook: `useSearchQuerySuspense`.
pub fn react_query_suspense_hook(function: &str) -> String {
    around_stem("use", function, "QuerySuspense")
}

/// React: a context's cache hook: `useUserCache`.
pub fn react_cache_hook(context: &str) -> String {
    around_stem("use", context, "Cache")
}

/// React: a channel's hook: `useChatChannel`.
pub fn react_channel_hook(channel: &str) -> String {
    around_stem("use", channel, "Channel")
}

/// React: a form's hook: `useContactForm`.
pub fn react_form_hook(form: &str) -> String {
    around_stem("use", form, "Form")
}

/// React: a context's provider component: `UserProvider`.
pub fn react_provider(context: &str) -> String {
    around_stem("", context, "Provider")
}

/// React: the props type of a context's provider: `UserProviderProps`.
pub fn react_provider_props(context: &str) -> String {
    around_stem("", context, "ProviderProps")
}

/// React: the module-private scope constant of a context: `$UserScope`
/// (`$`: no wire name renders to it).
pub fn react_scope_const(context: &str) -> String {
    around_stem("$", context, "Scope")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bindings' derived names, each around the function's stem.
    #[test]
    fn binding_names() {
        let f = "search-items";
        assert_eq!(react_query_hook(f), "useSearchItemsQuery");
        assert_eq!(react_query_suspense_hook(f), "useSearchItemsQuerySuspense");
        assert_eq!(vue_query_fn(f), "useSearchItemsQuery");
        assert_eq!(svelte_query_store_fn(f), "searchItemsQueryStore");
        assert_eq!(svelte_create_query_fn(f), "createSearchItemsQuery");
        assert_eq!(svelte_create_form_fn("contact"), "createContactForm");
    }

    #[test]
    fn bare_properties() {
        for bare in ["a", "_a", "$a", "a_b", "a$b", "a1", "é", "_é"] {
            assert!(is_bare_property(bare), "{bare:?}");
        }
        for quoted in ["", "1a", "-a", "a-b", "a b", "a.b", "+1", "é-"] {
            assert!(!is_bare_property(quoted), "{quoted:?}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(subscribe_fn("chat-room"), "subscribeChatRoom");
        assert_eq!(type_name("user_profile"), "UserProfile");
        assert_eq!(type_name("record"), "Record_");
        assert_eq!(call_fn("contact.submit"), "callContactSubmit");
        assert_eq!(fetch_fn("user-page"), "fetchUserPage");
        assert_eq!(property("class"), "class");
        assert_eq!(property("created-at"), "\"created-at\"");
        assert_eq!(property("$ref"), "$ref");
        assert_eq!(member_access("a b"), "[\"a b\"]");
        assert_eq!(react_hook("user_profile"), "useUserProfile");
        assert_eq!(react_channel_hook("chat"), "useChatChannel");
        assert_eq!(react_form_hook("contact"), "useContactForm");
        assert_eq!(react_provider("user-page"), "UserPageProvider");
        assert_eq!(react_scope_const("user"), "$UserScope");
        assert_eq!(type_name("日本"), "Field");
        assert_eq!(type_name("2fa"), "_2fa");
        assert_eq!(call_fn("2fa"), "call_2fa");
        assert_eq!(form_const("2fa"), "_2faForm");
        assert_eq!(form_const("XMLHttpRequest"), "xmlHttpRequestForm");
        assert_eq!(args_type("contact.submit"), "ContactSubmitArgs");
        assert_eq!(context_params_type("user"), "UserParams");
        assert_eq!(bundle_type("user"), "UserBundle");
        assert_eq!(channel_params_type("chat"), "ChatChannelParams");
        assert_eq!(svelte_channel_store_fn("chat"), "chatChannelStore");
    }

    #[test]
    fn properties() {
        let cases = [
            // (wire, property, member_access)
            ("class", "class", ".class"),
            ("$ref", "$ref", ".$ref"),
            ("_x1", "_x1", "._x1"),
            ("é", "é", ".é"),
            ("a\u{200c}b", "a\u{200c}b", ".a\u{200c}b"),
            ("created-at", "\"created-at\"", "[\"created-at\"]"),
            ("1a", "\"1a\"", "[\"1a\"]"),
            ("a b", "\"a b\"", "[\"a b\"]"),
            ("", "\"\"", "[\"\"]"),
            ("it's", "\"it's\"", "[\"it's\"]"),
        ];
        for (wire, prop, access) in cases {
            assert_eq!((property(wire).as_str(), member_access(wire).as_str()), (prop, access), "{wire:?}");
        }
    }

    #[test]
    fn vue_svelte_names() {
        assert_eq!(vue_use_fn("user_profile"), "useUserProfile");
        assert_eq!(vue_channel_fn("chat"), "useChatChannel");
        assert_eq!(vue_form_fn("contact"), "useContactForm");
        assert_eq!(svelte_store_fn("user_profile"), "userProfileStore");
        assert_eq!(svelte_form_store_fn("contact"), "contactFormStore");
        assert_eq!(svelte_create_fn("update_profile"), "createUpdateProfile");
        assert_eq!(svelte_create_channel_fn("chat"), "createChatChannel");
    }

    #[test]
    fn hostile_strings() {
        assert_eq!(string_literal("a'b\\c\n\u{2028}\u{0}"), "\"a'b\\\\c\\n\\u2028\\u0000\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("\u{1f}\u{7f}\u{85}\u{2029}\u{feff}"), "\"\\u001f\\u007f\u{85}\\u2029\u{feff}\"");
        assert_eq!(string_literal("tab\tcr\r"), "\"tab\\tcr\\r\"");
        assert_eq!(string_literal("\"\"''\""), "'\"\"\\'\\'\"'");
        // Fewer double quotes than single ones: double quotes.
        assert_eq!(string_literal("a\"b'c'"), "\"a\\\"b'c'\"");
        // Backslashes alone are not plain.
        assert_eq!(string_literal("\\"), "\"\\\\\"");
    }
}
