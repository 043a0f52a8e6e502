//! Line layout the way prettier prints TypeScript (print width 80, 2-space
//! indent, trailing commas everywhere): each helper returns the one-line form
//! when it fits and prettier's broken form otherwise, so the generated code
//! is already formatted. The test suite runs `prettier --check` on every
//! fixture's output to keep these in step with prettier.

pub const WIDTH: usize = 80;

fn width(s: &str) -> usize {
    s.chars().count()
}

fn pad(indent: usize) -> String {
    "  ".repeat(indent)
}

/// `import { a, b } from "m";` (or `import type`), broken one name a line
/// when too long.
pub fn import(names: &[String], module: &str, type_only: bool) -> String {
    let kw = if type_only { "import type" } else { "import" };
    let module = super::str_lit(module);
    let line = format!("{kw} {{ {} }} from {module};", names.join(", "));
    if width(&line) <= WIDTH {
        return line;
    }
    let mut out = format!("{kw} {{\n");
    for n in names {
        out.push_str(&format!("  {n},\n"));
    }
    out.push_str(&format!("}} from {module};"));
    out
}

/// `export type Name = A | B;`, or prettier's leading-bar form.
pub fn union_alias(head: &str, members: &[String]) -> String {
    let line = format!("{head} = {};", members.join(" | "));
    if width(&line) <= WIDTH || members.len() < 2 {
        return line;
    }
    let joined = format!("  {};", members.join(" | "));
    if width(&joined) <= WIDTH {
        return format!("{head} =\n{joined}");
    }
    let mut out = format!("{head} =");
    for m in members {
        out.push_str(&format!("\n  | {m}"));
    }
    out.push(';');
    out
}

/// A function head `export function name(a: A, b?: B): R {`, with params
/// one a line when it does not fit.
pub fn function_head(prefix: &str, name: &str, params: &[String], ret: &str) -> String {
    let line = format!("{prefix}{name}({}): {ret} {{", params.join(", "));
    if width(&line) <= WIDTH || params.is_empty() {
        return line;
    }
    let mut out = format!("{prefix}{name}(\n");
    for p in params {
        out.push_str(&format!("  {p},\n"));
    }
    out.push_str(&format!("): {ret} {{"));
    out
}

/// A statement that ends in a call: `{lead}{callee}(a, b, c);` at `indent`.
/// Too long: the last argument is hugged when it is an object literal
/// (given as its entries), else every argument goes on its own line.
pub fn call_statement(
    indent: usize,
    lead: &str,
    callee: &str,
    args: &[String],
    last_object: Option<&[String]>,
) -> String {
    let p = pad(indent);
    let mut all: Vec<String> = args.to_vec();
    if let Some(entries) = last_object {
        all.push(format!("{{ {} }}", entries.join(", ")));
    }
    let line = format!("{p}{lead}{callee}({});", all.join(", "));
    if width(&line) <= WIDTH {
        return line;
    }
    if let Some(entries) = last_object {
        let head = format!("{p}{lead}{callee}({}{{", args.iter().map(|a| format!("{a}, ")).collect::<String>());
        if width(&head) <= WIDTH {
            let mut out = head + "\n";
            for e in entries {
                out.push_str(&format!("{p}  {e},\n"));
            }
            out.push_str(&format!("{p}}});"));
            return out;
        }
    }
    let mut out = format!("{p}{lead}{callee}(\n");
    for a in &all {
        out.push_str(&format!("{p}  {a},\n"));
    }
    out.push_str(&format!("{p});"));
    out
}

/// An array literal of already-rendered items at `column`, followed by
/// `trailing` characters on its line: inline when it fits, else one item a
/// line at `indent + 1`.
pub fn array(items: &[String], indent: usize, column: usize, trailing: usize) -> String {
    let line = format!("[{}]", items.join(", "));
    if items.is_empty() || column + width(&line) + trailing <= WIDTH {
        return line;
    }
    let mut out = String::from("[\n");
    for i in items {
        out.push_str(&format!("{}{i},\n", pad(indent + 1)));
    }
    out.push_str(&format!("{}]", pad(indent)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_break_when_long() {
        assert_eq!(import(&["A".into(), "B".into()], "./types", true), "import type { A, B } from \"./types\";");
        let many: Vec<String> = (0..12).map(|i| format!("TypeNumber{i}")).collect();
        assert!(import(&many, "./types", true).starts_with("import type {\n  TypeNumber0,\n"));
    }

    #[test]
    fn unions_break_with_leading_bars() {
        let members: Vec<String> = (0..8).map(|i| format!("\"value-number-{i}\"")).collect();
        let out = union_alias("export type Long", &members);
        assert!(out.starts_with("export type Long =\n  | \"value-number-0\"\n"));
        assert!(out.ends_with("\"value-number-7\";"));
    }

    #[test]
    fn calls_hug_their_last_object() {
        let out = call_statement(
            1,
            "return ",
            "mizanCall",
            &["\"send_message_to_room\"".into(), "args".into()],
            Some(&["...options".into(), "transport: \"websocket\"".into()]),
        );
        assert_eq!(
            out,
            "  return mizanCall(\"send_message_to_room\", args, {\n    ...options,\n    transport: \"websocket\",\n  });"
        );
    }

    #[test]
    fn function_heads_break_params() {
        let out = function_head(
            "export function ",
            "callUpdateProfileWithAVeryLongName",
            &["args: UpdateProfileWithAVeryLongNameArgs".into(), "options?: CallOptions".into()],
            "Promise<UserProfile>",
        );
        assert!(out.starts_with("export function callUpdateProfileWithAVeryLongName(\n  args: "));
        assert!(out.ends_with("\n): Promise<UserProfile> {"));
    }
}
