//! Hostile input never panics (nor overflows the stack of a 2 MiB test
//! thread) and is always rejected with an error.

use mizan_generate::testing::ir;

#[track_caller]
fn rejected(src: &str, code: &str) {
    let diags = ir::load(src).err().unwrap_or_else(|| panic!("accepted: {}", &src[..src.len().min(80)]));
    assert!(
        diags.iter().any(|d| d.code == code),
        "expected {code}, got {:?}",
        diags.iter().map(|d| d.code).collect::<Vec<_>>()
    );
}

#[test]
fn deep_nesting_is_rejected_not_overflowed() {
    rejected(&format!("mizan-ir 1\ntype A {}", "{ b ".repeat(100_000)), "mizan::too-deep");
    rejected(&format!("mizan-ir 1\ntype A {}{}", "{ b ".repeat(100_000), "}".repeat(100_000)), "mizan::too-deep");
    rejected(&format!("mizan-ir 1\n{}", "/* ".repeat(100_000)), "mizan::too-deep");
    let ty = format!("{}int{}", "list<".repeat(10_000), ">".repeat(10_000));
    rejected(&format!("mizan-ir 1\nalias A \"{ty}\""), "mizan::bad-type-expr");
}

#[test]
fn many_errors_in_one_node_are_reported() {
    rejected(&format!("mizan-ir 1\ntype A {{ {} }}", "}".repeat(50_000)), "mizan::syntax");
    rejected(&format!("mizan-ir 1\nfield {}", "1. ".repeat(5_000)), "mizan::syntax");
    rejected(&format!("mizan-ir 1\nfield {}", "\"".repeat(5_001)), "mizan::syntax");
    rejected(&format!("mizan-ir 1\n{}a", "/- ".repeat(10_000)), "mizan::syntax");
    rejected(&format!("mizan-ir 1\nfunction f {}", "x=1 ".repeat(5_000)), "mizan::duplicate-property");
}

#[test]
fn odd_text_is_rejected() {
    rejected("", "mizan::missing-header");
    rejected("   \n\n// only a comment\n", "mizan::missing-header");
    rejected("\u{feff}", "mizan::missing-header");
    rejected("mizan-ir 1\n\0", "mizan::syntax");
    rejected("mizan-ir \"1\"", "mizan::unsupported-version");
    rejected("mizan-ir 99999999999999999999999999999999", "mizan::unsupported-version");
    let diags = ir::load_bytes(b"mizan-ir 1\n\xff\xfe").unwrap_err();
    assert_eq!((diags[0].code, diags[0].span.offset), ("mizan::not-utf8", 11));
    // Multi-line, raw and escaped strings still give sensible type spans.
    rejected("mizan-ir 1\nalias A #\"list<Nope>\"#", "mizan::unknown-type");
    rejected("mizan-ir 1\nalias A \"list<\\u{4e}ope>\"", "mizan::unknown-type");
    rejected("mizan-ir 1\nalias A \"\"\"\n    list<Nope>\n    \"\"\"", "mizan::unknown-type");
}
