//! The static invalidation graph: what a successful call invalidates, and
//! the context slots its result is merged into. The backend sends the same
//! information with each answer ([`crate::transport::CallResponse`]); these
//! constants let code reason about it ahead of time (caches, tests,
//! devtools).

/// A successful call of `function` invalidates `context`: the whole
/// context, or only the `slot` function's slot. `scoped_params` are the
/// call's params that select the entry (`user_id=5` invalidates only that
/// user's entry); a `slot` edge has none: every entry refetches that slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Invalidation {
    pub function: &'static str,
    pub context: &'static str,
    pub slot: Option<&'static str>,
    pub scoped_params: &'static [&'static str],
}

/// A successful call of `function` writes its result into the `slot`
/// function's slot of `context`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Merge {
    pub function: &'static str,
    pub context: &'static str,
    pub slot: &'static str,
}

/// Every invalidation edge, by function, in the order the IR declares them.
pub const INVALIDATIONS: &[Invalidation] = {{ invalidations }};

/// Every merge edge, by function.
pub const MERGES: &[Merge] = {{ merges }};

/// What a successful call of `function` invalidates.
pub fn invalidations_of(function: &str) -> impl Iterator<Item = &'static Invalidation> + '_ {
    INVALIDATIONS.iter().filter(move |i| i.function == function)
}

/// Where a successful call of `function` merges its result.
pub fn merges_of(function: &str) -> impl Iterator<Item = &'static Merge> + '_ {
    MERGES.iter().filter(move |m| m.function == function)
}
