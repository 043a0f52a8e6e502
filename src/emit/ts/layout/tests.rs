//! The layout helpers against a reference that renders the one-line form
//! and measures it (the obvious way, and how they were first written), on
//! every width around the print width.

use super::*;

fn s<F: FnOnce(&mut String)>(f: F) -> String {
    let mut out = String::new();
    f(&mut out);
    out
}

/// Names of every length from 1 to `max`, cycling through a few shapes
/// (some with a multi-byte character: widths count characters).
fn names(n: usize, len: usize) -> Vec<String> {
    (0..n).map(|i| if i % 3 == 2 { format!("é{}", "x".repeat(len.max(2) - 1)) } else { "y".repeat(len) }).collect()
}

mod reference {
    use super::WIDTH;

    fn w(s: &str) -> usize {
        s.chars().count()
    }

    pub fn import(names: &[String], module: &str, kw: &str) -> String {
        let line = format!("{kw} {{ {} }} from \"{module}\";", names.join(", "));
        if w(&line) <= WIDTH {
            return line;
        }
        let body: String = names.iter().map(|n| format!("  {n},\n")).collect();
        format!("{kw} {{\n{body}}} from \"{module}\";")
    }

    pub fn function_head(name: &str, params: &[String], ret: &str) -> String {
        let line = format!("export function {name}({}): {ret} {{", params.join(", "));
        if w(&line) <= WIDTH || params.is_empty() {
            return line;
        }
        let body: String = params.iter().map(|p| format!("  {p},\n")).collect();
        format!("export function {name}(\n{body}): {ret} {{")
    }

    pub fn call(indent: usize, head: &str, args: &[String], object: Option<&[String]>) -> String {
        let p = "  ".repeat(indent);
        let mut all = args.to_vec();
        if let Some(e) = object {
            all.push(format!("{{ {} }}", e.join(", ")));
        }
        let line = format!("{p}{head}({});", all.join(", "));
        if w(&line) <= WIDTH {
            return line;
        }
        if let Some(e) = object {
            let lead = format!("{p}{head}({}{{", args.iter().map(|a| format!("{a}, ")).collect::<String>());
            if w(&lead) <= WIDTH {
                let body: String = e.iter().map(|e| format!("{p}  {e},\n")).collect();
                return format!("{lead}\n{body}{p}}});");
            }
        }
        let body: String = all.iter().map(|a| format!("{p}  {a},\n")).collect();
        format!("{p}{head}(\n{body}{p});")
    }

    pub fn union_alias(head: &str, members: &[String]) -> String {
        let line = format!("{head} = {};", members.join(" | "));
        if w(&line) <= WIDTH || members.len() < 2 {
            return line;
        }
        let joined = format!("  {};", members.join(" | "));
        if w(&joined) <= WIDTH {
            return format!("{head} =\n{joined}");
        }
        format!("{head} ={};", members.iter().map(|m| format!("\n  | {m}")).collect::<String>())
    }

    pub fn array(items: &[String], indent: usize, column: usize, trailing: usize) -> String {
        let line = format!("[{}]", items.join(", "));
        if items.is_empty() || column + w(&line) + trailing <= WIDTH {
            return line;
        }
        let p = "  ".repeat(indent);
        format!("[\n{}{p}]", items.iter().map(|i| format!("{p}  {i},\n")).collect::<String>())
    }
}

#[test]
fn imports_match_the_reference() {
    for n in 1..6 {
        for len in 1..40 {
            let values = names(n, len);
            let types = names(n - 1, len + 1);
            let mut all = values.clone();
            all.extend(types.iter().map(|t| format!("type {t}")));
            assert_eq!(s(|o| import(o, &values, &types, "./m")), reference::import(&all, "./m", "import"));
            assert_eq!(s(|o| import::<&str, _>(o, &[], &types, "m")), reference::import(&types, "m", "import type"));
            let exported = s(|o| named::<&str, _>(o, "export", &[], &values, "type ", "m"));
            let prefixed: Vec<String> = values.iter().map(|v| format!("type {v}")).collect();
            assert_eq!(exported, reference::import(&prefixed, "m", "export"));
        }
    }
}

#[test]
fn heads_and_calls_match_the_reference() {
    for n in 0..4 {
        for len in 1..45 {
            let params = names(n, len);
            let inner = "R".repeat(len / 2);
            let ret = format!("Promise<{inner}>");
            let got = s(|o| function_head(o, "callSomething", &params, &Generic { outer: "Promise", args: &[&inner] }));
            assert_eq!(got, reference::function_head("callSomething", &params, &ret));
            for indent in 0..3 {
                let entries = names(n, len / 2 + 1);
                let got = s(|o| call_statement::<_, &str>(o, indent, "return ", &["f"], &params, None));
                assert_eq!(got, reference::call(indent, "return f", &params, None));
                let got = s(|o| call_statement(o, indent, "return ", &["f"], &params, Some(&entries)));
                assert_eq!(got, reference::call(indent, "return f", &params, Some(&entries)));
            }
        }
    }
}

#[test]
fn unions_and_arrays_match_the_reference() {
    for n in 0..6 {
        for len in 1..40 {
            let members = names(n, len);
            assert_eq!(
                s(|o| union_alias(o, "export type T", &members)),
                reference::union_alias("export type T", &members)
            );
            for column in [4, 18, 30] {
                let got = array_string(&members, 2, column, 1);
                assert_eq!(got, reference::array(&members, 2, column, 1));
            }
        }
    }
}

#[test]
fn imports_break_when_long() {
    assert_eq!(s(|o| import::<&str, _>(o, &[], &["A", "B"], "./types")), "import type { A, B } from \"./types\";");
    let many: Vec<String> = (0..12).map(|i| format!("TypeNumber{i}")).collect();
    assert!(s(|o| import::<&str, _>(o, &[], &many, "./types")).starts_with("import type {\n  TypeNumber0,\n"));
}

#[test]
fn unions_break_with_leading_bars() {
    let members: Vec<String> = (0..8).map(|i| format!("\"value-number-{i}\"")).collect();
    let out = s(|o| union_alias(o, "export type Long", &members));
    assert!(out.starts_with("export type Long =\n  | \"value-number-0\"\n"));
    assert!(out.ends_with("\"value-number-7\";"));
}

#[test]
fn calls_hug_their_last_object() {
    let out = s(|o| {
        call_statement(
            o,
            1,
            "return ",
            &["mizanCall"],
            &["\"send_message_to_room\"", "args"],
            Some(&["...options", "transport: \"websocket\""]),
        )
    });
    assert_eq!(
        out,
        "  return mizanCall(\"send_message_to_room\", args, {\n    ...options,\n    transport: \"websocket\",\n  });"
    );
}

#[test]
fn calls_hug_their_last_arrow() {
    let out = s(|o| {
        call_statement::<_, &str>(
            o,
            1,
            "return ",
            &["$mizan.useMutation<void, unknown>"],
            &["(client) => callContactSchema(client)"],
            None,
        )
    });
    assert_eq!(out, "  return $mizan.useMutation<void, unknown>((client) =>\n    callContactSchema(client),\n  );");
    let short = s(|o| call_statement::<_, &str>(o, 1, "return ", &["f"], &["(client) => g(client)"], None));
    assert_eq!(short, "  return f((client) => g(client));");
}

#[test]
fn function_heads_break_params() {
    let out = s(|o| {
        function_head(
            o,
            "callUpdateProfileWithAVeryLongName",
            &["args: UpdateProfileWithAVeryLongNameArgs", "options?: CallOptions"],
            &Generic { outer: "Promise", args: &["UserProfile"] },
        )
    });
    assert!(out.starts_with("export function callUpdateProfileWithAVeryLongName(\n  args: "));
    assert!(out.ends_with("\n): Promise<UserProfile> {"));
}

#[test]
fn long_return_types_break_their_args() {
    let ret = Generic { outer: "$mizan.MutationResult", args: &["UpdateProfileArgs", "UserProfile"] };
    let out = s(|o| paramless_head(o, "useUpdateProfile", &ret));
    assert_eq!(
        out,
        "export function useUpdateProfile(): $mizan.MutationResult<\n  UpdateProfileArgs,\n  UserProfile\n> {"
    );
    let ret = Generic { outer: "$mizan.MutationResult", args: &["void", "null"] };
    let short = s(|o| paramless_head(o, "usePing", &ret));
    assert_eq!(short, "export function usePing(): $mizan.MutationResult<void, null> {");
}
