//! The one shape every framework binding function has: a JSDoc block, an
//! `export function` head and a one-statement body that forwards to a
//! runtime helper. Laid out the way prettier prints it.

use super::layout::{self, Generic};

/// One generated binding function, ready to print.
pub struct Wrapper {
    /// JSDoc (ending in a newline), or "".
    pub jsdoc: String,
    /// `export function name(...): R {`.
    pub head: String,
    /// `  return callee(...);`.
    pub body: String,
}

impl Wrapper {
    /// Appends the function: JSDoc, head, body and the closing brace.
    pub fn write(&self, out: &mut String) {
        out.reserve(self.jsdoc.len() + self.head.len() + self.body.len() + 3);
        layout::push_parts(out, &[self.jsdoc.as_str(), &self.head, "\n", &self.body, "\n}"]);
    }
}

/// `export function {name}({params}): {ret} { return {callee}({args}); }`,
/// `callee` given in parts.
pub fn wrapper<P: AsRef<str>, A: AsRef<str>>(
    jsdoc: String,
    name: &str,
    params: &[P],
    ret: &Generic<'_>,
    callee: &[&str],
    args: &[A],
) -> Wrapper {
    let mut head = String::with_capacity(96);
    if params.is_empty() {
        layout::paramless_head(&mut head, name, ret);
    } else {
        layout::function_head(&mut head, name, params, ret);
    }
    let mut body = String::with_capacity(96);
    layout::call_statement::<A, &str>(&mut body, 1, "return ", callee, args, None);
    Wrapper { jsdoc, head, body }
}

/// The `index.ts` of a binding: its imports (may be ""), its re-exports of
/// the runtime, then each wrapper, one blank line between blocks.
pub fn write_module(imports: &str, reexport: &str, wrappers: &[Wrapper]) -> String {
    let mut out = String::with_capacity(imports.len() + reexport.len() + 400 * wrappers.len());
    if !imports.is_empty() {
        out.push_str(imports);
        out.push_str("\n\n");
    }
    out.push_str(reexport);
    for w in wrappers {
        out.push_str("\n\n");
        w.write(&mut out);
    }
    out
}

/// `export { a, type B } from "m";`, broken one name a line when too long.
pub fn export_from<T: AsRef<str>>(out: &mut String, values: &[&str], types: &[T], module: &str) {
    layout::named(out, "export", values, types, "type ", module);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers_break_like_prettier() {
        let w = wrapper(
            String::new(),
            "useUserProfile",
            &["params: MizanParams<UserParams>"],
            &Generic { outer: "MizanQuery", args: &["UserProfile"] },
            &["__mizanQuery<UserBundle, \"user_profile\">"],
            &["\"user\"", "\"user_profile\"", "params"],
        );
        assert_eq!(
            w.head,
            "export function useUserProfile(\n  params: MizanParams<UserParams>,\n): MizanQuery<UserProfile> {"
        );
        assert!(w.body.starts_with("  return __mizanQuery<UserBundle, \"user_profile\">(\n    \"user\",\n"));
        let long = wrapper::<&str, &str>(
            String::new(),
            "useContactValidate",
            &[],
            &Generic { outer: "MizanMutation", args: &["ContactValidateArgs", "ValidationReport"] },
            &["__mizanMutation"],
            &["callContactValidate"],
        );
        assert_eq!(
            long.head,
            "export function useContactValidate(): MizanMutation<\n  ContactValidateArgs,\n  ValidationReport\n> {"
        );
        let mut out = String::new();
        export_from(&mut out, &[], &["A"], "./runtime");
        assert_eq!(out, "export { type A } from \"./runtime\";");
    }
}
