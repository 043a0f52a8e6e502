//! The one shape every framework binding function has: a JSDoc block, an
//! `export function` head and a one-statement body that forwards to a
//! runtime helper. Laid out the way prettier prints it.

use super::layout::{
    self,
    syntax::{self, Expr, Param, Ty},
};

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

/// `export function {name}<{type_params}>({params}): {ret} { return {body}; }`
/// (no `<>` without type params: each is a name and its default).
pub fn generic_wrapper(
    jsdoc: String,
    name: &str,
    type_params: &[(&str, Ty<'_>)],
    params: &[Param<'_>],
    ret: &Ty<'_>,
    body: &Expr<'_>,
) -> Wrapper {
    let mut head = String::with_capacity(128);
    let type_params: Vec<syntax::TypeParam<'_>> =
        type_params.iter().map(|(n, d)| syntax::TypeParam { name: (*n).into(), default: Some(d.clone()) }).collect();
    syntax::generic_function_head(&mut head, name, &type_params, params, ret);
    Wrapper { jsdoc, head, body: body_statement(body) }
}

/// `export function {name}({params}): {ret} { return {body}; }`.
pub fn wrapper(jsdoc: String, name: &str, params: &[Param<'_>], ret: &Ty<'_>, body: &Expr<'_>) -> Wrapper {
    let mut head = String::with_capacity(96);
    syntax::function_head(&mut head, name, params, ret);
    Wrapper { jsdoc, head, body: body_statement(body) }
}

/// `  return {expr};`, laid out.
pub fn body_statement(expr: &Expr<'_>) -> String {
    let mut body = String::with_capacity(96);
    syntax::statement(&mut body, 2, "return ", expr);
    body
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

    use crate::emit::ts::layout::syntax::Call;

    #[test]
    fn wrappers_break_like_prettier() {
        let call = Call::new("__mizanQuery", ["\"user\"", "\"user_profile\"", "params"].map(Expr::atom).into())
            .with_types(vec![Ty::name("UserBundle"), Ty::Literal("\"user_profile\"".into())]);
        let w = wrapper(
            String::new(),
            "useUserProfile",
            &[Param::new("params", Ty::generic("MizanParams", vec![Ty::name("UserParams")]))],
            &Ty::generic("MizanQuery", vec![Ty::name("UserProfile")]),
            &Expr::Call(Box::new(call)),
        );
        assert_eq!(
            w.head,
            "export function useUserProfile(\n  params: MizanParams<UserParams>,\n): MizanQuery<UserProfile> {"
        );
        assert!(
            w.body.starts_with("  return __mizanQuery<UserBundle, \"user_profile\">(\n    \"user\",\n"),
            "{}",
            w.body
        );
        let long = wrapper(
            String::new(),
            "useContactValidate",
            &[],
            &Ty::generic("MizanMutation", vec![Ty::name("ContactValidateArgs"), Ty::name("ValidationReport")]),
            &Expr::Call(Box::new(Call::new("__mizanMutation", vec![Expr::atom("callContactValidate")]))),
        );
        assert_eq!(
            long.head,
            "export function useContactValidate(): MizanMutation<\n  ContactValidateArgs,\n  ValidationReport\n> {"
        );
        // Type params stay on the name's line while `name<...>(` fits, else break one a line (prettier).
        let params = [
            Param::new("params", Ty::generic("MizanParams", vec![Ty::name("UserParams")])),
            Param::optional("options", Ty::generic("MizanQueryOptions", vec![Ty::name("UserProfile"), Ty::name("S")])),
        ];
        let ret = Ty::generic("MizanQuery", vec![Ty::name("S")]);
        let body = Expr::atom("x");
        let short = generic_wrapper(String::new(), "useShort", &[("S", Ty::name("UserProfile"))], &params, &ret, &body);
        assert_eq!(
            short.head,
            "export function useShort<S = UserProfile>(\n  params: MizanParams<UserParams>,\n  options?: MizanQueryOptions<UserProfile, S>,\n): MizanQuery<S> {"
        );
        let name = "useAVeryLongFunctionNameThatGoesOnAndOnForeverAndEver";
        let long = generic_wrapper(String::new(), name, &[("S", Ty::name("UserProfile"))], &params, &ret, &body);
        assert_eq!(
            long.head,
            format!(
                "export function {name}<\n  S = UserProfile,\n>(\n  params: MizanParams<UserParams>,\n  options?: MizanQueryOptions<UserProfile, S>,\n): MizanQuery<S> {{"
            )
        );
        // A default too long for `  S = ...,` breaks after `=` (prettier's
        // assignment layout; issue 20's large fixture).
        let ty = "BillingRuleSuiteEnforcementConfigurationWithBypassActorsAndRequiredStatusChecks11";
        let huge = generic_wrapper(
            String::new(),
            "useHuge",
            &[("S", Ty::Array(Box::new(Ty::name(ty))))],
            &params,
            &ret,
            &body,
        );
        assert!(huge.head.starts_with(&format!("export function useHuge<\n  S =\n    {ty}[],\n>(\n")), "{}", huge.head);
        let mut out = String::new();
        export_from(&mut out, &[], &["A"], "./runtime");
        assert_eq!(out, "export { type A } from \"./runtime\";");
    }
}
