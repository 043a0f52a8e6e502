//! Line layout the way rustfmt prints it with default settings (max width
//! 100, 4-space indent): each helper returns the one-line form when it fits
//! and rustfmt's broken form otherwise, so the generated crate is already
//! formatted. The test suite runs `rustfmt --check` on every fixture's
//! output and on a crate built from hostile names to keep these in step.

pub const WIDTH: usize = 100;

/// rustfmt's `array_width`: 60% of the max width.
const ARRAY_WIDTH: usize = 60;

/// rustfmt's `short_array_element_width_threshold`.
const SHORT_ITEM: usize = 10;

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(indent: usize) -> String {
    "    ".repeat(indent)
}

/// `{lead}name(params) -> ret {` at `indent`; params one a line when the
/// signature does not fit.
pub fn fn_head(indent: usize, lead: &str, name: &str, params: &[String], ret: &str) -> String {
    let p = pad(indent);
    let line = format!("{p}{lead}{name}({}) -> {ret} {{", params.join(", "));
    if width(&line) <= WIDTH {
        return line;
    }
    let mut out = format!("{p}{lead}{name}(\n");
    for param in params {
        out.push_str(&format!("{p}    {param},\n"));
    }
    out.push_str(&format!("{p}) -> {ret} {{"));
    out
}

/// rustfmt's `fn_call_width`: the widest argument list kept on one line.
const CALL_ARGS_WIDTH: usize = 60;

/// `callee(args).await` at `indent`, args one a line when it does not fit.
pub fn call_await(indent: usize, callee: &str, args: &[String]) -> String {
    let p = pad(indent);
    let joined = args.join(", ");
    let line = format!("{p}{callee}({joined}).await");
    if width(&line) <= WIDTH && width(&joined) <= CALL_ARGS_WIDTH {
        return line;
    }
    let mut out = format!("{p}{callee}(\n");
    for a in args {
        out.push_str(&format!("{p}    {a},\n"));
    }
    out.push_str(&format!("{p})\n{p}.await"));
    out
}

/// An array literal `&[a, b]` of rendered items, starting at `column` of a
/// line at `indent` and followed by `trailing` characters: inline when it
/// fits, else rustfmt's mixed layout for short items, else one a line.
pub fn array(items: &[String], indent: usize, column: usize, trailing: usize) -> String {
    let line = format!("&[{}]", items.join(", "));
    let fits = width(&line) - 2 <= ARRAY_WIDTH && column + width(&line) + trailing <= WIDTH;
    if items.is_empty() || fits {
        return line;
    }
    let inner = pad(indent + 1);
    let mut out = String::from("&[\n");
    if items.iter().all(|i| width(i) <= SHORT_ITEM) {
        let mut current = inner.clone();
        for item in items {
            let piece = format!("{item},");
            if current.len() > inner.len() && width(&current) + 1 + width(&piece) > WIDTH {
                out.push_str(current.trim_end());
                out.push('\n');
                current = inner.clone();
            }
            if current.len() > inner.len() {
                current.push(' ');
            }
            current.push_str(&piece);
        }
        out.push_str(&current);
        out.push('\n');
    } else {
        for item in items {
            out.push_str(&format!("{inner}{item},\n"));
        }
    }
    out.push_str(&pad(indent));
    out.push(']');
    out
}

/// A field value of a struct literal in [`struct_array`].
pub enum Value {
    /// Printed as is.
    Plain(String),
    /// An array of rendered items, laid out by [`array`].
    Array(Vec<String>),
}

/// The value of a top-level `const X: &[T] = ...;`: struct literals of
/// type `ty`, each with its fields, as rustfmt prints them (struct
/// literals always broken, a single element hugged by the brackets).
pub fn struct_array(ty: &str, entries: &[Vec<(&str, Value)>]) -> String {
    let literal = |fields: &[(&str, Value)], indent: usize| {
        let p = pad(indent + 1);
        let mut out = format!("{ty} {{\n");
        for (key, value) in fields {
            let value = match value {
                Value::Plain(v) => v.clone(),
                Value::Array(items) => array(items, indent + 1, width(&p) + key.len() + 2, 1),
            };
            out.push_str(&format!("{p}{key}: {value},\n"));
        }
        out.push_str(&pad(indent));
        out.push('}');
        out
    };
    match entries {
        [] => "&[]".to_owned(),
        [one] => format!("&[{}]", literal(one, 0)),
        many => {
            let mut out = String::from("&[\n");
            for e in many {
                out.push_str(&format!("    {},\n", literal(e, 1)));
            }
            out.push(']');
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_break_params() {
        let short = fn_head(1, "pub async fn ", "ping", &["&self".into()], "Result<(), Error>");
        assert_eq!(short, "    pub async fn ping(&self) -> Result<(), Error> {");
        let long = fn_head(
            1,
            "pub async fn ",
            "a_really_really_long_function_name_here",
            &["&self".into(), "args: &ARreallyReallyLongFunctionNameHereArgs".into()],
            "Result<types::UserProfile, Error>",
        );
        assert_eq!(
            long,
            "    pub async fn a_really_really_long_function_name_here(\n        &self,\n        \
             args: &ARreallyReallyLongFunctionNameHereArgs,\n    ) -> Result<types::UserProfile, Error> {"
        );
    }

    #[test]
    fn awaited_calls_break() {
        let args = ["&self.transport".to_owned(), "Via::Http".into(), format!("{:?}", "x".repeat(60)), "args".into()];
        let out = call_await(2, "call", &args);
        assert!(out.starts_with("        call(\n            &self.transport,\n"), "{out}");
        assert!(out.ends_with("\n        )\n        .await"), "{out}");
        assert_eq!(call_await(2, "call", &args[..2]), "        call(&self.transport, Via::Http).await");
        // 61 characters of arguments: over rustfmt's `fn_call_width`.
        let wide = ["&self.transport", "Via::Http", "\"contact.schema\"", "&EmptyObject {}"].map(String::from);
        assert!(call_await(2, "call", &wide).starts_with("        call(\n"));
    }

    #[test]
    fn struct_arrays_like_rustfmt() {
        let e = |f: &str| vec![("function", Value::Plain(format!("{f:?}"))), ("p", Value::Array(vec!["\"a\"".into()]))];
        assert_eq!(struct_array("M", &[]), "&[]");
        assert_eq!(struct_array("M", &[e("x")]), "&[M {\n    function: \"x\",\n    p: &[\"a\"],\n}]");
        assert_eq!(
            struct_array("M", &[e("x"), e("y")]),
            "&[\n    M {\n        function: \"x\",\n        p: &[\"a\"],\n    },\n    M {\n        function: \"y\",\n        \
             p: &[\"a\"],\n    },\n]"
        );
    }

    #[test]
    fn arrays_like_rustfmt() {
        let q = |s: &str| format!("{s:?}");
        assert_eq!(array(&[q("user_id")], 2, 23, 1), "&[\"user_id\"]");
        let short: Vec<String> = ('a'..='v').map(|c| q(&c.to_string())).collect();
        let out = array(&short, 2, 23, 1);
        assert!(out.starts_with("&[\n            \"a\", \"b\","), "{out}");
        assert!(out.ends_with("\"q\",\n            \"r\", \"s\", \"t\", \"u\", \"v\",\n        ]"), "{out}");
        let long: Vec<String> = ["a_very_long_param_name", "another_long_name", "third_long_name"].map(q).to_vec();
        assert_eq!(
            array(&long, 2, 23, 1),
            "&[\n            \"a_very_long_param_name\",\n            \"another_long_name\",\n            \
             \"third_long_name\",\n        ]"
        );
    }
}
