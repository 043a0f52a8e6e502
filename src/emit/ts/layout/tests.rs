//! The import layout against a reference that renders the one-line form and
//! measures it (the obvious way), on every width around the print width;
//! `object_key` and widths. The statement layouts are tested in
//! `syntax/tests.rs`.

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
fn imports_break_when_long() {
    assert_eq!(s(|o| import::<&str, _>(o, &[], &["A", "B"], "./types")), "import type { A, B } from \"./types\";");
    let many: Vec<String> = (0..12).map(|i| format!("TypeNumber{i}")).collect();
    assert!(s(|o| import::<&str, _>(o, &[], &many, "./types")).starts_with("import type {\n  TypeNumber0,\n"));
}

#[test]
fn a_lone_specifier_never_breaks() {
    let long = "T".repeat(90);
    assert_eq!(
        s(|o| import::<&str, _>(o, &[], &[&long], "./types")),
        format!("import type {{ {long} }} from \"./types\";")
    );
}

#[test]
fn object_keys_move_their_brace_when_long() {
    assert_eq!(s(|o| assert_eq!(object_key(o, 2, "user"), 2)), "\n  user: {");
    let long = "k".repeat(76);
    assert_eq!(s(|o| assert_eq!(object_key(o, 2, &long), 4)), format!("\n  {long}:\n    {{"));
}

#[test]
fn widths_count_wide_characters_twice() {
    assert_eq!(width("prénom"), 6);
    assert_eq!(width("名前"), 4);
    assert_eq!(width("🎉"), 2);
}
