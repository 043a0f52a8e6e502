//! Every valid fixture loads with no diagnostic, lowers, and lowers to the
//! same `Api` whatever the order of its top-level nodes.

use crate::common;
use mizan_generate::testing::ir;
use mizan_generate::{compile, diag};

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
    assert_eq!((doc.types.len(), doc.functions.len(), doc.contexts.len(), doc.channels.len()), (23, 21, 3, 2));
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

/// The top-level nodes of `src` as written, header first.
fn top_level_nodes(src: &str) -> Vec<&str> {
    let doc = kdl::KdlDocument::parse_v2(src).expect("valid KDL");
    doc.nodes().iter().map(|n| &src[n.span().offset()..n.span().offset() + n.span().len()]).collect()
}

/// A deterministic Fisher–Yates shuffle driven by a small LCG.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for i in (1..items.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = ((state >> 33) % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

#[test]
fn top_level_order_does_not_change_the_model() {
    for (name, path) in common::fixtures("valid") {
        let src = read(&path);
        let expected = compile(&src).unwrap_or_else(|_| panic!("{name} does not compile"));
        let nodes = top_level_nodes(&src);
        let (header, rest) = nodes.split_first().unwrap();
        let mut orders = vec![rest.iter().rev().copied().collect::<Vec<_>>()];
        for seed in 1..=4 {
            let mut order = rest.to_vec();
            shuffle(&mut order, seed);
            orders.push(order);
        }
        for (i, order) in orders.into_iter().enumerate() {
            assert_ne!(order.len(), 0);
            let shuffled = format!("{header}\n{}\n", order.join("\n"));
            let api = compile(&shuffled).unwrap_or_else(|d| panic!("{name} permutation {i}: {d:?}"));
            assert_eq!(api, expected, "{name}: permutation {i} lowers differently");
        }
    }
}
