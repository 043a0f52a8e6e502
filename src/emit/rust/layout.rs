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

/// Display width, as rustfmt measures lines: a wide (CJK) character
/// counts twice.
fn width(s: &str) -> usize {
    s.chars().map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)).sum()
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
            match param.split_once(": ") {
                Some((name, ty)) => {
                    out.extend([name, ": "]);
                    push_type(out, ty, indent + 1, 4 * (indent + 1) + width(name) + 2, 1);
                }
                None => out.push_str(param),
            }
            out.push_str(",\n");
        }
        push_pad(out, indent);
        out.push_str(") -> ");
        let column = 4 * indent + ") -> ".len();
        // (rustfmt lets a return type followed by nothing run one column
        // past the width.)
        if column + width(ret) > WIDTH + 1 {
            push_type(out, ret, indent, column, 2);
            out.push_str(" {");
        } else if column + width(ret) + " {".len() > WIDTH - 4 * indent {
            // rustfmt keeps the brace after the return type only when the
            // line is that much shorter than the width.
            out.extend([ret, "\n"]);
            push_pad(out, indent);
            out.push('{');
        } else {
            out.extend([ret, " {"]);
        }
        return;
    }
    out.extend([") -> ", ret, " {"]);
}

/// Appends the printed Rust type `ty`, starting at `column` of a line at
/// `indent` and followed by `trailing` characters: on one line when it
/// fits, else with the arguments of its generics one a line, as rustfmt
/// breaks them (each laid out the same way, one level deeper).
pub fn push_type(out: &mut String, ty: &str, indent: usize, column: usize, trailing: usize) {
    let Some(open) = ty.find('<').filter(|_| column + width(ty) + trailing > WIDTH && ty.ends_with('>')) else {
        out.push_str(ty);
        return;
    };
    out.extend([&ty[..open], "<\n"]);
    let inner = &ty[open + 1..ty.len() - 1];
    let (mut depth, mut start) = (0usize, 0);
    let mut args = Vec::new();
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                args.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    for arg in args {
        push_pad(out, indent + 1);
        push_type(out, arg, indent + 1, 4 * (indent + 1), 1);
        out.push_str(",\n");
    }
    push_pad(out, indent);
    out.push('>');
}

/// rustfmt's `chain_width`: the widest chain kept on one line.
const CHAIN_WIDTH: usize = 60;

/// rustfmt's `struct_lit_width`: the widest struct literal body kept on
/// one line.
const STRUCT_LIT_WIDTH: usize = 18;

/// Appends `{callee}({arg}){links}` at `indent`: on one line when it fits
/// rustfmt's chain width, else one link a line, the call's argument on a
/// line of its own when the call does not fit either. `links` start with
/// `.`.
pub fn chain(out: &mut String, indent: usize, callee: &str, arg: &str, links: &[&str]) {
    let start = out.len();
    push_pad(out, indent);
    let pad = out.len() - start;
    out.extend([callee, "(", arg, ")"]);
    let head = width(&out[start..]);
    let tail: usize = links.iter().map(|l| width(l)).sum();
    if head - pad + tail <= CHAIN_WIDTH || (head > WIDTH && 4 * (indent + 1) + width(arg) + 1 > WIDTH) {
        // Fits, or too wide for any layout: rustfmt leaves it as it is.
        out.extend(links.iter().copied());
        return;
    }
    if head > WIDTH {
        out.truncate(start + pad);
        out.extend([callee, "(\n"]);
        push_pad(out, indent + 1);
        out.extend([arg, ",\n"]);
        push_pad(out, indent);
        out.push(')');
        for link in links {
            out.push('\n');
            push_pad(out, indent);
            out.push_str(link);
        }
        return;
    }
    for link in links {
        out.push('\n');
        push_pad(out, indent + 1);
        out.push_str(link);
    }
}

/// Appends `{lead} = {receiver}{link};` at `indent` (`link` starts with
/// `.`): as [`assign`] does, else with the link on a line of its own when
/// neither line would fit.
pub fn assign_chain(out: &mut String, indent: usize, lead: &str, receiver: &str, link: &str) {
    let value = [receiver, link].concat();
    let fits_below = 4 * (indent + 1) + width(&value) < WIDTH;
    // ` = ` and the `;` after the value.
    if fits_below || 4 * indent + width(lead) + 3 + width(&value) < WIDTH {
        assign(out, indent, lead, &value);
        return;
    }
    push_pad(out, indent);
    out.extend([lead, " = ", receiver, "\n"]);
    push_pad(out, indent + 1);
    out.extend([link, ";"]);
}

/// Appends `{lead} = {value};` at `indent`, the value on the next line
/// (one level deeper) when the whole does not fit and the value alone
/// does.
pub fn assign(out: &mut String, indent: usize, lead: &str, value: &str) {
    let line = 4 * indent + width(lead) + 3 + width(value) + 1;
    push_pad(out, indent);
    out.push_str(lead);
    // The broken form: `{lead} =` fits, and so does `{value};` below it.
    if line > WIDTH && 4 * (indent + 1) + width(value) < WIDTH && 4 * indent + width(lead) + 2 <= WIDTH {
        out.push_str(" =\n");
        push_pad(out, indent + 1);
    } else {
        out.push_str(" = ");
    }
    out.extend([value, ";"]);
}

/// Appends the struct literal `{name} { fields }` at `indent` (the line's
/// start already written): on one line when its body fits rustfmt's
/// struct literal width, else one field a line.
pub fn struct_literal(out: &mut String, indent: usize, column: usize, name: &str, fields: &[&str]) {
    let body: usize = fields.iter().map(|f| width(f) + 2).sum::<usize>().saturating_sub(2);
    if fields.is_empty() {
        out.extend([name, " {}"]);
        return;
    }
    if body <= STRUCT_LIT_WIDTH && column + width(name) + 4 + body <= WIDTH {
        out.extend([name, " { "]);
        push_joined(out, fields);
        out.push_str(" }");
        return;
    }
    out.extend([name, " {\n"]);
    for field in fields {
        push_pad(out, indent + 1);
        out.extend([field, ",\n"]);
    }
    push_pad(out, indent);
    out.push('}');
}

/// Appends `impl {trait_} for {ty} {` (or `{}` for an empty body), with
/// `for {ty}` on a line of its own and the brace on the next when the
/// head does not fit.
pub fn impl_for(out: &mut String, trait_: &str, ty: &str, empty: bool) {
    impl_head(out, &["impl ", trait_].concat(), ty, empty);
}

/// [`impl_for`] with the head's start written out: `impl<'de> Trait<'de>`.
pub fn impl_head(out: &mut String, head: &str, ty: &str, empty: bool) {
    let end = if empty { " {}" } else { " {" };
    // The head fits when `impl … for … {` does: an empty body's `}` may
    // then end the line one column past the width (rustfmt measures the
    // head, not the line).
    if width(head) + " for ".len() + width(ty) + " {".len() <= WIDTH {
        out.extend([head, " for ", ty, end]);
    } else {
        out.extend([head, "\n    for ", ty, if empty { "\n{\n}" } else { "\n{" }]);
    }
}

/// Appends `{lead} = &[items];` at `indent`: the array on one line after
/// the `=` or, when the line is too long, on the next one, if its items
/// fit rustfmt's array width (or it has one item, which fits the line);
/// else broken after `&[`.
pub fn assign_array(out: &mut String, indent: usize, lead: &str, items: &[&str]) {
    let inline: usize = items.iter().map(|i| width(i) + 2).sum::<usize>().saturating_sub(2);
    if inline <= ARRAY_WIDTH || (items.len() == 1 && 4 * (indent + 1) + inline + 4 <= WIDTH) {
        let mut array = String::with_capacity(inline + 3);
        array.push_str("&[");
        push_joined(&mut array, items);
        array.push(']');
        assign(out, indent, lead, &array);
        return;
    }
    push_pad(out, indent);
    out.extend([lead, " = "]);
    push_array(out, items, indent, 4 * indent + width(lead) + 3, 1);
    out.push(';');
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
            if column > inner && column + 1 + piece >= WIDTH {
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
                // rustfmt moves a value that does not fit after its key to
                // the next line.
                Value::Plain(v) if 4 * (indent + 1) + key.len() + 3 + width(v) > WIDTH => {
                    out.truncate(out.len() - 1);
                    out.push('\n');
                    push_pad(out, indent + 2);
                    out.push_str(v);
                }
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
    fn impl_heads_measure_the_head_not_the_empty_body() {
        let impl_for = |ty: &str, empty: bool| {
            let mut out = String::new();
            super::impl_for(&mut out, "sealed::Sealed", ty, empty);
            out
        };
        // `impl sealed::Sealed for {ty} {` is 100 columns: rustfmt keeps the
        // empty body's line at 101 (issue 20's large fixture).
        let ty = "A".repeat(100 - "impl sealed::Sealed for  {".len());
        assert_eq!(impl_for(&ty, true), format!("impl sealed::Sealed for {ty} {{}}"));
        assert_eq!(impl_for(&ty, false), format!("impl sealed::Sealed for {ty} {{"));
        let ty = format!("{ty}A");
        assert_eq!(impl_for(&ty, true), format!("impl sealed::Sealed\n    for {ty}\n{{\n}}"));
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
