//! The layout helpers at the print width: each form stays on one line up
//! to exactly `WIDTH` characters and breaks one character later. Names
//! hold a two-byte character: widths count characters.

use super::*;

fn s<F: FnOnce(&mut String)>(f: F) -> String {
    let mut out = String::new();
    f(&mut out);
    out
}

/// A name of `n` characters, the first of them `é`.
fn name(n: usize) -> String {
    format!("é{}", "x".repeat(n - 1))
}

/// The characters of a one-line form besides its names.
fn around(form: &str) -> usize {
    form.chars().count()
}

#[test]
fn imports_at_the_width() {
    let b = name(1);
    let at = WIDTH - around("import { , type  } from \"./m\";") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(s(|o| import(o, &[&a], &[&b], "./m")), format!("import {{ {a}, type {b} }} from \"./m\";"));
    let got = s(|o| import(o, &[&longer], &[&b], "./m"));
    assert_eq!(got, format!("import {{\n  {longer},\n  type {b},\n}} from \"./m\";"));
    let at = WIDTH - around("import type {  } from \"m\";");
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(s(|o| import::<&str, _>(o, &[], &[&a], "m")), format!("import type {{ {a} }} from \"m\";"));
    let got = s(|o| import::<&str, _>(o, &[], &[&longer], "m"));
    assert_eq!(got, format!("import type {{\n  {longer},\n}} from \"m\";"));
    let a = name(WIDTH - around("export { type  } from \"m\";"));
    let got = s(|o| named::<&str, _>(o, "export", &[], &[&a], "type ", "m"));
    assert_eq!(got, format!("export {{ type {a} }} from \"m\";"));
}

#[test]
fn function_heads_at_the_width() {
    let (ret, b) = (Generic { outer: "R", args: &[] }, name(1));
    let at = WIDTH - around("export function f(, ): R {") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(s(|o| function_head(o, "f", &[&a, &b], &ret)), format!("export function f({a}, {b}): R {{"));
    let got = s(|o| function_head(o, "f", &[&longer, &b], &ret));
    assert_eq!(got, format!("export function f(\n  {longer},\n  {b},\n): R {{"));
}

#[test]
fn calls_at_the_width() {
    let b = name(1);
    let call = |a: &str| s(|o| call_statement::<_, &str>(o, 2, "return ", &["f"], &[a, &b], None));
    let at = WIDTH - around("    return f(, );") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(call(&a), format!("    return f({a}, {b});"));
    assert_eq!(call(&longer), format!("    return f(\n      {longer},\n      {b},\n    );"));
}

#[test]
fn a_last_object_is_hugged_while_its_opening_fits() {
    let e = name(1);
    let call = |a: &str| s(|o| call_statement(o, 1, "", &["f"], &[a], Some(&[&e])));
    let at = WIDTH - around("  f(, {  });") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(call(&a), format!("  f({a}, {{ {e} }});"));
    assert_eq!(call(&longer), format!("  f({longer}, {{\n    {e},\n  }});"));
    let at = WIDTH - around("  f(, {");
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(call(&a), format!("  f({a}, {{\n    {e},\n  }});"));
    assert_eq!(call(&longer), format!("  f(\n    {longer},\n    {{ {e} }},\n  );"));
}

#[test]
fn unions_at_the_width() {
    let b = name(1);
    let union = |a: &str| s(|o| union_alias(o, "export type T", &[a, &b]));
    let at = WIDTH - around("export type T =  | ;") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(union(&a), format!("export type T = {a} | {b};"));
    assert_eq!(union(&longer), format!("export type T =\n  {longer} | {b};"));
    let at = WIDTH - around("   | ;") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(union(&a), format!("export type T =\n  {a} | {b};"));
    assert_eq!(union(&longer), format!("export type T =\n  | {longer}\n  | {b};"));
    let one = name(WIDTH);
    let got = s(|o| union_alias(o, "export type T", &[&one]));
    assert_eq!(got, format!("export type T = {one};"), "one member never breaks");
}

#[test]
fn arrays_at_the_width() {
    // At column 10, with a comma after.
    let b = name(1);
    let at = WIDTH - 10 - around("[, ],") - 1;
    let (a, longer) = (name(at), name(at + 1));
    assert_eq!(array_string(&[&a, &b], 2, 10, 1), format!("[{a}, {b}]"));
    assert_eq!(array_string(&[&longer, &b], 2, 10, 1), format!("[\n      {longer},\n      {b},\n    ]"));
    assert_eq!(array_string::<&str>(&[], 2, WIDTH, 1), "[]");
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
