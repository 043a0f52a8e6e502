//! The benchmark's synthetic corpus loads without a diagnostic at every size
//! the benchmark uses, and its OpenAPI twin is well-formed.

use super::synth;
use mizan_generate::testing::ir;

fn load(n: usize) -> ir::Document {
    let src = synth::ir(n);
    ir::load(&src).unwrap_or_else(|d| panic!("synthetic IR of {n} functions is invalid: {d:#?}"))
}

#[test]
fn every_size_is_valid_ir() {
    for n in [1, 7, 10, 100, 1_000, 10_000] {
        let doc = load(n);
        assert_eq!(doc.functions.len(), n, "function count at size {n}");
    }
}

#[test]
fn every_construct_appears() {
    let api = mizan_generate::compile(&synth::ir(100)).expect("valid");
    assert_eq!(api.functions.len(), 100);
    assert_eq!(api.contexts.len(), 10);
    assert_eq!(api.channels.len(), 10);
    assert!(api.functions.iter().any(|f| f.has_upload()));
    let src = synth::ir(100);
    for needle in [
        "transport=websocket",
        "kind=function",
        "merge ",
        "optional=#true",
        "\"map<",
        "\"list<",
        "?\"",
        "union ",
        "enum ",
        "tag=kind",
        "view=#true",
    ] {
        assert!(src.contains(needle), "synthetic IR lacks {needle}");
    }
}

#[test]
fn deterministic() {
    assert_eq!(synth::ir(1_000), synth::ir(1_000));
}

#[test]
fn openapi_twin_is_json_with_one_operation_per_client_function() {
    for n in [10, 95] {
        let doc: serde_json::Value = serde_json::from_str(&synth::openapi(n)).expect("valid JSON");
        let ops = doc["paths"].as_object().expect("paths").len();
        // Views have no OpenAPI operation: one per full resource.
        assert_eq!(ops, n - n / synth::PER_RESOURCE, "operations at size {n}");
    }
}
