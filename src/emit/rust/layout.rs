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

fn push_pad(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("    ");
    }
}

/// `items` separated by `", "`.
fn push_joined(out: &mut String, items: &[&str]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
}

/// Appends `{lead}name(params) -> ret {` at `indent`; params one a line
/// when the signature does not fit.
pub fn fn_head(out: &mut String, indent: usize, lead: &str, name: &str, params: &[&str], ret: &str) {
    let start = out.len();
    push_pad(out, indent);
    out.extend([lead, name, "("]);
    let open = out.len();
    push_joined(out, params);
    if width(&out[start..]) + ") -> ".len() + width(ret) + " {".len() > WIDTH {
        out.truncate(open);
        out.push('\n');
        for param in params {
            push_pad(out, indent + 1);
            out.extend([param, ",\n"]);
        }
        push_pad(out, indent);
    }
    out.extend([") -> ", ret, " {"]);
}

/// rustfmt's `fn_call_width`: the widest argument list kept on one line.
const CALL_ARGS_WIDTH: usize = 60;

/// Appends `callee(args).await` at `indent`, args one a line when it does
/// not fit.
pub fn call_await(out: &mut String, indent: usize, callee: &str, args: &[&str]) {
    let start = out.len();
    push_pad(out, indent);
    out.extend([callee, "("]);
    let open = out.len();
    push_joined(out, args);
    if width(&out[open..]) <= CALL_ARGS_WIDTH && width(&out[start..]) + ").await".len() <= WIDTH {
        out.push_str(").await");
        return;
    }
    out.truncate(open);
    out.push('\n');
    for a in args {
        push_pad(out, indent + 1);
        out.extend([a, ",\n"]);
    }
    push_pad(out, indent);
    out.push_str(")\n");
    push_pad(out, indent);
    out.push_str(".await");
}

/// Appends an array literal `&[a, b]` of rendered items, starting at
/// `column` of a line at `indent` and followed by `trailing` characters:
/// inline when it fits, else rustfmt's mixed layout for short items, else
/// one a line.
fn push_array(out: &mut String, items: &[&str], indent: usize, column: usize, trailing: usize) {
    let start = out.len();
    out.push_str("&[");
    push_joined(out, items);
    out.push(']');
    let line = width(&out[start..]);
    if items.is_empty() || (line - 2 <= ARRAY_WIDTH && column + line + trailing <= WIDTH) {
        return;
    }
    out.truncate(start);
    out.push_str("&[\n");
    let inner = 4 * (indent + 1);
    if items.iter().all(|i| width(i) <= SHORT_ITEM) {
        // Short items fill each line: `column` is where the next one starts.
        let mut column = 0;
        for item in items {
            let piece = width(item) + 1;
            if column > inner && column + 1 + piece > WIDTH {
                out.push('\n');
                column = 0;
            }
            if column == 0 {
                push_pad(out, indent + 1);
                column = inner;
            } else {
                out.push(' ');
                column += 1;
            }
            out.push_str(item);
            out.push(',');
            column += piece;
        }
        out.push('\n');
    } else {
        for item in items {
            push_pad(out, indent + 1);
            out.push_str(item);
            out.push_str(",\n");
        }
    }
    push_pad(out, indent);
    out.push(']');
}

/// A field value of a struct literal in [`StructArray`].
pub enum Value<'a> {
    /// Printed as is.
    Plain(&'a str),
    /// An array of rendered items, laid out like rustfmt.
    Array(&'a [&'a str]),
}

/// The value of a top-level `const X: &[T] = ...;`: struct literals of one
/// type, each with its fields, as rustfmt prints them (struct literals
/// always broken, a single element hugged by the brackets), written one
/// entry at a time.
pub struct StructArray {
    ty: &'static str,
    /// How many entries there will be: one entry is printed hugged.
    len: usize,
    out: String,
}

impl StructArray {
    /// An array of `len` literals of type `ty`.
    pub fn new(ty: &'static str, len: usize) -> StructArray {
        let mut out = String::with_capacity(len * 160 + 4);
        out.push_str(if len > 1 { "&[\n" } else { "&[" });
        StructArray { ty, len, out }
    }

    /// Appends the next literal.
    pub fn entry(&mut self, fields: &[(&str, Value<'_>)]) {
        let indent = usize::from(self.len > 1);
        let out = &mut self.out;
        push_pad(out, indent);
        out.push_str(self.ty);
        out.push_str(" {\n");
        for (key, value) in fields {
            push_pad(out, indent + 1);
            out.push_str(key);
            out.push_str(": ");
            match value {
                Value::Plain(v) => out.push_str(v),
                Value::Array(items) => push_array(out, items, indent + 1, 4 * (indent + 1) + key.len() + 2, 1),
            }
            out.push_str(",\n");
        }
        push_pad(out, indent);
        out.push('}');
        if self.len > 1 {
            out.push_str(",\n");
        }
    }

    /// The array, laid out.
    pub fn finish(mut self) -> String {
        self.out.push(']');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn array(items: &[&str], indent: usize, column: usize, trailing: usize) -> String {
        let mut out = String::new();
        push_array(&mut out, items, indent, column, trailing);
        out
    }

    fn fn_head(indent: usize, lead: &str, name: &str, params: &[&str], ret: &str) -> String {
        let mut out = String::from("x");
        super::fn_head(&mut out, indent, lead, name, params, ret);
        out.split_off(1)
    }

    fn call_await(indent: usize, callee: &str, args: &[&str]) -> String {
        let mut out = String::from("x");
        super::call_await(&mut out, indent, callee, args);
        out.split_off(1)
    }

    fn struct_array(ty: &'static str, entries: &[Vec<(&str, Value<'_>)>]) -> String {
        let mut array = StructArray::new(ty, entries.len());
        entries.iter().for_each(|e| array.entry(e));
        array.finish()
    }

    #[test]
    fn heads_break_params() {
        let short = fn_head(1, "pub async fn ", "ping", &["&self"], "Result<(), Error>");
        assert_eq!(short, "    pub async fn ping(&self) -> Result<(), Error> {");
        let long = fn_head(
            1,
            "pub async fn ",
            "a_really_really_long_function_name_here",
            &["&self", "args: &ARreallyReallyLongFunctionNameHereArgs"],
            "Result<types::UserProfile, Error>",
        );
        assert_eq!(
            long,
            "    pub async fn a_really_really_long_function_name_here(\n        &self,\n        \
             args: &ARreallyReallyLongFunctionNameHereArgs,\n    ) -> Result<types::UserProfile, Error> {"
        );
        // Exactly 100 columns still fits; 101 breaks.
        let name = "f".repeat(100 - "    pub async fn (&self) -> R {".len());
        assert_eq!(fn_head(1, "pub async fn ", &name, &["&self"], "R").len(), 100);
        assert!(fn_head(1, "pub async fn ", &name, &["&self"], "Ré").contains('\n'));
    }

    #[test]
    fn awaited_calls_break() {
        let long = format!("{:?}", "x".repeat(60));
        let args = ["&self.transport", "Via::Http", long.as_str(), "args"];
        let out = call_await(2, "call", &args);
        assert!(out.starts_with("        call(\n            &self.transport,\n"), "{out}");
        assert!(out.ends_with("\n        )\n        .await"), "{out}");
        assert_eq!(call_await(2, "call", &args[..2]), "        call(&self.transport, Via::Http).await");
        // 61 characters of arguments: over rustfmt's `fn_call_width`.
        let wide = ["&self.transport", "Via::Http", "\"contact.schema\"", "&EmptyObject {}"];
        assert!(call_await(2, "call", &wide).starts_with("        call(\n"));
        // 60 characters fit.
        let exact = ["&self.transport", "Via::Http", "\"contact.schem\"", "&EmptyObject {}"];
        assert!(call_await(2, "call", &exact).ends_with("{}).await"));
    }

    #[test]
    fn struct_arrays_like_rustfmt() {
        let x = ["\"a\""];
        let e = |f: &'static str| vec![("function", Value::Plain(f)), ("p", Value::Array(&x))];
        assert_eq!(struct_array("M", &[]), "&[]");
        assert_eq!(struct_array("M", &[e("\"x\"")]), "&[M {\n    function: \"x\",\n    p: &[\"a\"],\n}]");
        assert_eq!(
            struct_array("M", &[e("\"x\""), e("\"y\"")]),
            "&[\n    M {\n        function: \"x\",\n        p: &[\"a\"],\n    },\n    M {\n        function: \"y\",\n        \
             p: &[\"a\"],\n    },\n]"
        );
    }

    #[test]
    fn arrays_like_rustfmt() {
        let q = |s: &str| format!("{s:?}");
        assert_eq!(array(&["\"user_id\""], 2, 23, 1), "&[\"user_id\"]");
        let short: Vec<String> = ('a'..='v').map(|c| q(&c.to_string())).collect();
        let short: Vec<&str> = short.iter().map(String::as_str).collect();
        let out = array(&short, 2, 23, 1);
        assert!(out.starts_with("&[\n            \"a\", \"b\","), "{out}");
        assert!(out.ends_with("\"q\",\n            \"r\", \"s\", \"t\", \"u\", \"v\",\n        ]"), "{out}");
        let long = ["\"a_very_long_param_name\"", "\"another_long_name\"", "\"third_long_name\""];
        assert_eq!(
            array(&long, 2, 23, 1),
            "&[\n            \"a_very_long_param_name\",\n            \"another_long_name\",\n            \
             \"third_long_name\",\n        ]"
        );
        assert_eq!(array(&[], 2, 99, 1), "&[]");
    }
}
