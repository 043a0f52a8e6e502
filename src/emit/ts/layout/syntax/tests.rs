//! Each statement layout against prettier's output for the same code (run
//! by hand once; the property test over random IRs keeps checking the
//! writers against prettier itself).

use super::*;

fn s<F: FnOnce(&mut String)>(f: F) -> String {
    let mut out = String::new();
    f(&mut out);
    out
}

fn lit(s: &str) -> Ty<'static> {
    Ty::Literal(Cow::Owned(format!("\"{s}\"")))
}

fn member<'a>(key: &'a str, optional: bool, ty: Ty<'a>) -> Member<'a> {
    Member { comment: Vec::new(), readonly: false, key: key.into(), optional, ty }
}

/// The props type of a React context provider, with an 86-column override
/// (issue 16): prettier breaks the `Pick`'s type arguments.
#[test]
fn a_long_pick_breaks_its_type_arguments() {
    let pick = Ty::generic(
        "Pick",
        vec![Ty::name("CatalogParams"), Ty::union([lit("category_id"), lit("cursor"), lit("status")])],
    );
    let overrides = Member { readonly: true, ..member("list_products", true, pick) };
    let overrides = Member {
        comment: vec!["/** Per function: the params its hook reads instead of these. */".into()],
        readonly: true,
        ..member("overrides", true, Ty::Object(Object { members: vec![overrides], broken: true }))
    };
    let children = Member { readonly: true, ..member("children", true, Ty::name("ReactNode")) };
    let object = Ty::Object(Object { members: vec![overrides, children], broken: true });
    let props = Ty::Intersection(vec![Ty::name("CatalogParams"), object]);
    assert_eq!(
        s(|o| type_alias(o, "CatalogProviderProps", &props)),
        "export type CatalogProviderProps = CatalogParams & {
  /** Per function: the params its hook reads instead of these. */
  readonly overrides?: {
    readonly list_products?: Pick<
      CatalogParams,
      \"category_id\" | \"cursor\" | \"status\"
    >;
  };
  readonly children?: ReactNode;
};"
    );
    // A name too long for `= Params & {`: the whole right side moves down.
    let long = "C15ValuePreferenceBUpdatedPreferenceWarehouseProviderProps";
    let out = s(|o| type_alias(o, long, &props));
    assert!(out.starts_with(&format!("export type {long} =\n  CatalogParams & {{\n    /** Per")), "{out}");
    assert!(out.ends_with("\n    readonly children?: ReactNode;\n  };"), "{out}");
}

#[test]
fn unions_break_with_leading_bars_and_hug_null() {
    let members: Vec<Ty<'_>> = (0..8).map(|i| lit(&format!("value-number-{i}"))).collect();
    let out = s(|o| type_alias(o, "Long", &Ty::union(members)));
    assert!(out.starts_with("export type Long =\n  | \"value-number-0\"\n"), "{out}");
    assert!(out.ends_with("\n  | \"value-number-7\";"), "{out}");
    // A tagged variant too long for its line breaks inside its parentheses.
    let tag = |v: &str| Ty::Object(Object { members: vec![member("kind", false, lit(v))], broken: false });
    let long = "t7_order_identifier_http2_product_region_count_cursor";
    let variants = vec![
        Ty::Intersection(vec![tag(long), Ty::name("T7OrderIdentifierHttp2ProductRegionCountCursor")]),
        Ty::Intersection(vec![tag("t6"), Ty::name("T6")]),
    ];
    assert_eq!(
        s(|o| type_alias(o, "U10", &Ty::union(variants))),
        "export type U10 =
  | ({
      kind: \"t7_order_identifier_http2_product_region_count_cursor\";
    } & T7OrderIdentifierHttp2ProductRegionCountCursor)
  | ({ kind: \"t6\" } & T6);"
    );
    // `T | null` never breaks at its bar.
    let record = Ty::generic("Record", vec![Ty::Keyword("string"), Ty::name("T".repeat(70))]).or_null();
    assert_eq!(
        s(|o| type_alias(o, "A", &record)),
        format!("export type A = Record<\n  string,\n  {}\n> | null;", "T".repeat(70))
    );
}

#[test]
fn members_break_their_types() {
    let ty = Ty::generic("Record", vec![Ty::Keyword("string"), Ty::Array(Box::new(Ty::Keyword("string")))]);
    let key = "cursor_total_notification_amount_preference_status_n1";
    assert_eq!(s(|o| member_line(o, key, ty)), format!("  {key}?: Record<\n    string,\n    string[]\n  >;"));
    // A union that is not hugged moves to the next line first.
    let ty = Ty::Array(Box::new(Ty::name("T1AmountV2UpdatedValueFilterHttp2IdentifierRegion").or_null())).or_null();
    assert_eq!(
        s(|o| member_line(o, "f10_long", ty)),
        "  f10_long?:\n    (T1AmountV2UpdatedValueFilterHttp2IdentifierRegion | null)[] | null;"
    );
}

fn member_line<'a>(out: &mut String, key: &'a str, ty: Ty<'a>) {
    super::member(out, 2, &member(key, true, ty));
}

#[test]
fn function_heads_break_params_then_return_types() {
    let params = [
        Param::new("args", Ty::name("UpdateProfileWithAVeryLongNameArgs")),
        Param::optional("options", Ty::name("CallOptions")),
    ];
    let out = s(|o| {
        function_head(
            o,
            "callUpdateProfileWithAVeryLongName",
            &params,
            &Ty::generic("Promise", vec![Ty::name("UserProfile")]),
        )
    });
    assert_eq!(
        out,
        "export function callUpdateProfileWithAVeryLongName(\n  args: UpdateProfileWithAVeryLongNameArgs,\n  options?: CallOptions,\n): Promise<UserProfile> {"
    );
    let ret = Ty::generic("$mizan.MutationResult", vec![Ty::name("UpdateProfileArgs"), Ty::name("UserProfile")]);
    assert_eq!(
        s(|o| function_head(o, "useUpdateProfile", &[], &ret)),
        "export function useUpdateProfile(): $mizan.MutationResult<\n  UpdateProfileArgs,\n  UserProfile\n> {"
    );
    let short = Ty::generic("$mizan.MutationResult", vec![Ty::Keyword("void"), Ty::Keyword("null")]);
    assert_eq!(
        s(|o| function_head(o, "usePing", &[], &short)),
        "export function usePing(): $mizan.MutationResult<void, null> {"
    );
}

fn call<'a>(name: &'a str, args: Vec<Expr<'a>>) -> Expr<'a> {
    Expr::Call(Box::new(Call::new(name, args)))
}

#[test]
fn calls_hug_their_last_object_or_arrow() {
    let options =
        Expr::Object(vec![Prop::Spread("options".into()), Prop::Pair("transport".into(), Expr::atom("\"websocket\""))]);
    let args = vec![Expr::atom("\"send_message_to_room\""), Expr::atom("args"), options.clone()];
    assert_eq!(
        s(|o| statement(o, 2, "return ", &call("mizanCall", args))),
        "  return mizanCall(\"send_message_to_room\", args, {\n    ...options,\n    transport: \"websocket\",\n  });"
    );
    // Two objects last: no hugging, every argument on its own line.
    let args =
        vec![Expr::atom("\"f15_x9_updated_identifier_very_catalog_preference\""), Expr::Object(Vec::new()), options];
    assert_eq!(
        s(|o| statement(o, 2, "return ", &call("client.call", args))),
        "  return client.call(\n    \"f15_x9_updated_identifier_very_catalog_preference\",\n    {},\n    { ...options, transport: \"websocket\" },\n  );"
    );
    let arrow = |f: &'static str| Expr::Arrow(vec!["client".into()], Box::new(call(f, vec![Expr::atom("client")])));
    let hooked = Call::method("$mizan", "useMutation", vec![arrow("callContactSchema")])
        .with_types(vec![Ty::Keyword("void"), Ty::Keyword("unknown")]);
    assert_eq!(
        s(|o| statement(o, 2, "return ", &Expr::Call(Box::new(hooked)))),
        "  return $mizan.useMutation<void, unknown>((client) =>\n    callContactSchema(client),\n  );"
    );
    assert_eq!(s(|o| statement(o, 2, "return ", &call("f", vec![arrow("g")]))), "  return f((client) => g(client));");
}

#[test]
fn a_long_const_breaks_after_its_operator() {
    let name = "$C15ValuePreferenceBUpdatedPreferenceWarehouseScope";
    let scope = Call::method("$mizan", "createScope", vec![Expr::atom("\"c15\""), Expr::atom("\"C15Provider\"")])
        .with_types(vec![Ty::name("C15ValuePreferenceBUpdatedPreferenceWarehouseBundle")]);
    assert_eq!(
        s(|o| const_call(o, name, &scope)),
        format!(
            "const {name} =\n  $mizan.createScope<C15ValuePreferenceBUpdatedPreferenceWarehouseBundle>(\n    \"c15\",\n    \"C15Provider\",\n  );"
        )
    );
}

#[test]
fn a_long_if_breaks_before_its_statement() {
    let access = "request.a_very_long_context_name";
    let push = Expr::Call(Box::new(Call::method(
        "entries",
        "push",
        vec![Expr::Array(vec![Expr::atom("\"a_very_long_context_name\""), Expr::atom(access)])],
    )));
    assert_eq!(
        s(|o| if_defined(o, 2, access, &push)),
        "  if (request.a_very_long_context_name !== undefined)\n    entries.push([\"a_very_long_context_name\", request.a_very_long_context_name]);"
            .replace("entries.push([\"a_very_long_context_name\", request.a_very_long_context_name]);", "entries.push([\n      \"a_very_long_context_name\",\n      request.a_very_long_context_name,\n    ]);")
    );
}

#[test]
fn one_line_forms_match_the_documents() {
    let tys = [
        Ty::Array(Box::new(Ty::name("T").or_null())),
        Ty::generic("Record", vec![Ty::Keyword("string"), Ty::union([lit("a"), lit("b")])]),
        Ty::Intersection(vec![
            Ty::name("P"),
            Ty::Object(Object { members: vec![member("a", false, Ty::Keyword("string"))], broken: false }),
        ]),
        Ty::Function(vec![Param::new("message", Ty::name("T"))], Box::new(Ty::Keyword("void"))),
        Ty::Function(Vec::new(), Box::new(Ty::name("P"))),
    ];
    for ty in tys {
        let mut flat = String::new();
        doc::print(&mut flat, group(ty.doc(At::Annotation)), 0, 0);
        assert_eq!(flat, ty.flat());
    }
}
