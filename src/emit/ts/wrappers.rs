//! The one shape every framework binding function has: a JSDoc block, an
//! `export function` head and a one-statement body that forwards to a
//! runtime helper. Laid out the way prettier prints it.

use super::layout;

/// One generated binding function, ready to print.
pub struct Wrapper {
    /// JSDoc (ending in a newline), or "".
    pub jsdoc: String,
    /// `export function name(...): R {`.
    pub head: String,
    /// `  return callee(...);`.
    pub body: String,
}

/// `export function {name}({params}): {ret} { return {callee}({args}); }`.
pub fn wrapper(jsdoc: String, name: &str, params: &[String], ret: &str, callee: &str, args: &[String]) -> Wrapper {
    let mut head = layout::function_head("export function ", name, params, ret);
    if params.is_empty() && head.chars().count() > layout::WIDTH {
        head = format!("export function {name}(): {} {{", break_type_args(ret));
    }
    Wrapper { jsdoc, head, body: layout::call_statement(1, "return ", callee, args, None) }
}

/// `Name<A, B>` as prettier breaks a return type that does not fit:
/// `Name<\n  A,\n  B\n>` (type arguments split at top-level commas).
fn break_type_args(ty: &str) -> String {
    let Some(open) = ty.find('<').filter(|_| ty.ends_with('>')) else {
        return ty.to_owned();
    };
    let inner = &ty[open + 1..ty.len() - 1];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '{' | '(' | '[' => depth += 1,
            '>' | '}' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(inner[start..].trim());
    format!("{}<\n  {}\n>", &ty[..open], parts.join(",\n  "))
}

/// `export { a, type B } from "m";`, broken one name a line when too long.
pub fn export_from(names: &[String], module: &str) -> String {
    // `import` and `export` have the same width: the layout is the same.
    layout::import(names, module, false).replacen("import", "export", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers_break_like_prettier() {
        let w = wrapper(
            String::new(),
            "useUserProfile",
            &["params: MizanParams<UserParams>".into()],
            "MizanQuery<UserProfile>",
            "__mizanQuery<UserBundle, \"user_profile\">",
            &["\"user\"".into(), "\"user_profile\"".into(), "params".into()],
        );
        assert_eq!(
            w.head,
            "export function useUserProfile(\n  params: MizanParams<UserParams>,\n): MizanQuery<UserProfile> {"
        );
        assert!(w.body.starts_with("  return __mizanQuery<UserBundle, \"user_profile\">(\n    \"user\",\n"));
        let long = wrapper(
            String::new(),
            "useContactValidate",
            &[],
            "MizanMutation<ContactValidateArgs, ValidationReport>",
            "__mizanMutation",
            &["callContactValidate".into()],
        );
        assert_eq!(
            long.head,
            "export function useContactValidate(): MizanMutation<\n  ContactValidateArgs,\n  ValidationReport\n> {"
        );
        assert_eq!(export_from(&["a".into()], "./runtime"), "export { a } from \"./runtime\";");
    }
}
