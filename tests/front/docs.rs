//! `docs/ir.md` lists exactly the diagnostic codes the front end emits.

use crate::common;
use std::collections::BTreeSet;

/// Every `mizan::<code>` written in `text`, as a string literal or in backticks.
fn codes(text: &str, open: char) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in text.match_indices("mizan::") {
        if !text[..i].ends_with(open) {
            continue;
        }
        let rest = &text[i..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-')).unwrap_or(rest.len());
        out.insert(rest[..end].to_owned());
    }
    out
}

fn sources(dir: &std::path::Path, out: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("tests.rs") {
            out.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

#[test]
fn every_diagnostic_code_is_documented() {
    let mut src = String::new();
    for dir in ["src/ir", "src/diag.rs", "src/target", "src/emit"] {
        let p = common::root().join(dir);
        if p.is_dir() { sources(&p, &mut src) } else { src.push_str(&std::fs::read_to_string(p).unwrap()) }
    }
    // The targets' config diagnostics are the config's, documented with it.
    let mut emitted = codes(&src, '"');
    emitted.retain(|c| !c.starts_with("mizan::config-"));
    let doc = std::fs::read_to_string(common::root().join("docs/ir.md")).unwrap();
    let documented = codes(&doc, '`');
    let missing: Vec<_> = emitted.difference(&documented).collect();
    let stale: Vec<_> = documented.difference(&emitted).collect();
    assert!(emitted.len() >= 40, "found only {emitted:?}");
    assert!(missing.is_empty(), "codes emitted but not in docs/ir.md: {missing:?}");
    assert!(stale.is_empty(), "codes in docs/ir.md that nothing emits: {stale:?}");
}
