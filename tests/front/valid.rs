//! Every valid fixture loads with no diagnostic, lowers, and lowers to the
//! same `Api` whatever the order of its top-level nodes.

use crate::common;
use mizan_generate::{compile, diag, ir};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn valid_fixtures_load_without_diagnostics() {
    let fixtures = common::fixtures("valid");
    assert!(fixtures.len() >= 8, "expected the valid corpus, found {fixtures:?}");
    for (name, path) in fixtures {
        let src = read(&path);
        if let Err(diags) = ir::load(&src) {
            panic!("{name}.kdl:\n{}", diag::render(&diags, &format!("{name}.kdl"), &src, diag::Format::Human, false));
        }
        compile(&src).unwrap_or_else(|_| panic!("{name} does not compile"));
    }
}

#[test]
fn shop_parses_into_the_ast_it_describes() {
    let src = read(&common::root().join("fixtures/valid/shop.kdl"));
    let doc = ir::load(&src).unwrap_or_else(|d| panic!("{d:?}"));
    assert_eq!((doc.types.len(), doc.functions.len(), doc.contexts.len(), doc.channels.len()), (17, 17, 3, 2));
    assert_eq!(doc.project.as_ref().map(|p| p.value.as_str()), Some("shop"));
    let orders = doc.functions.iter().find(|f| f.name.wire == "user_orders").unwrap();
    // The span of `list<Order>`'s `Order` is inside the quotes.
    let returns = orders.returns.as_ref().unwrap();
    assert_eq!(&src[returns.span.offset..returns.span.end()], "list<Order>");
    let ir::ast::TypeExprKind::List(inner) = &returns.kind else { panic!("{returns:?}") };
    assert_eq!(&src[inner.span.offset..inner.span.end()], "Order");
    assert_eq!(orders.params[1].default.as_ref().map(|d| d.value.clone()), Some(ir::ast::Literal::Int(1)));
    let api = compile(&src).unwrap();
    let user = api.context("user").unwrap();
    assert_eq!(user.members, ["user_orders", "user_profile"]);
    assert_eq!(user.views, ["profile_page"]);
    assert_eq!(api.forms.len(), 1);
    let update = api.function("update_profile").unwrap();
    assert_eq!(update.merges[0].slot, "user_profile");
}
