//! The fast KDL path (`ir::fastkdl`) against the kdl crate, the reference.
//!
//! Whenever the fast path answers, the kdl crate must accept the same text,
//! both documents must agree on every value, value repr and span the AST
//! reads, and `parse::document` + `check::check` must give the same AST and
//! the same diagnostics. Handing over (`None`) is always allowed; the tests
//! also make sure it does not hand over the documents it exists for.

use super::synth;
use crate::common;
use kdl::{KdlDocument, KdlEntry, KdlNode};
use mizan_generate::ir::{check, fastkdl, parse, scan};

/// Checks agreement on `src`; whether the fast path answered.
pub fn agree(src: &str) -> bool {
    let Some(fast) = fastkdl::parse(src) else { return false };
    let reference = KdlDocument::parse_v2(src)
        .unwrap_or_else(|e| panic!("the fast path accepted what kdl rejects:\n{src}\n---\n{e:?}"));
    same_doc(&fast, &reference, src);
    let (mut fast_diags, mut ref_diags) = (Vec::new(), Vec::new());
    let fast_ast = parse::document(&fast, src, &mut fast_diags);
    let ref_ast = parse::document(&reference, src, &mut ref_diags);
    assert_eq!(fast_ast, ref_ast, "different AST for:\n{src}");
    // The hook itself streams the fast path's nodes.
    if scan::scan(src).is_empty() {
        assert_eq!(parse::parse(src), (ref_ast.clone(), ref_diags.clone()), "parse::parse differs for:\n{src}");
    }
    fast_diags.extend(check::check(&fast_ast));
    ref_diags.extend(check::check(&ref_ast));
    assert_eq!(fast_diags, ref_diags, "different diagnostics for:\n{src}");
    true
}

fn same_doc(a: &KdlDocument, b: &KdlDocument, src: &str) {
    assert_eq!(a.span(), b.span(), "document span in:\n{src}");
    assert_eq!(a.nodes().len(), b.nodes().len(), "node count in:\n{src}");
    for (x, y) in a.nodes().iter().zip(b.nodes()) {
        same_node(x, y, src);
    }
}

fn same_node(a: &KdlNode, b: &KdlNode, src: &str) {
    let what = format!("node `{}` at {:?} in:\n{src}", b.name().value(), b.span());
    assert_eq!(a.span(), b.span(), "span of {what}");
    assert_eq!((a.name().value(), a.name().span()), (b.name().value(), b.name().span()), "name of {what}");
    assert_eq!(a.name().repr(), b.name().repr(), "name repr of {what}");
    assert!(a.ty().is_none() && b.ty().is_none(), "annotation on {what}");
    assert_eq!(a.entries().len(), b.entries().len(), "entry count of {what}");
    for (x, y) in a.entries().iter().zip(b.entries()) {
        same_entry(x, y, &what);
    }
    match (a.children(), b.children()) {
        (None, None) => {}
        (Some(x), Some(y)) => same_doc(x, y, src),
        _ => panic!("children of {what}"),
    }
}

fn same_entry(a: &KdlEntry, b: &KdlEntry, what: &str) {
    assert_eq!(a.span(), b.span(), "entry span of {what}");
    assert_eq!(a.value(), b.value(), "entry value of {what}");
    let name = |e: &KdlEntry| e.name().map(|n| (n.value().to_owned(), n.span(), n.repr().map(str::to_owned)));
    assert_eq!(name(a), name(b), "property name of {what}");
    let repr = |e: &KdlEntry| e.format().map(|f| f.value_repr.clone());
    assert_eq!(repr(a), repr(b), "value repr of {what}");
}

fn fixture_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kind in ["valid", "invalid"] {
        for (stem, path) in common::fixtures(kind) {
            let bytes = std::fs::read(&path).expect("fixture");
            if let Ok(text) = String::from_utf8(bytes) {
                out.push((format!("{kind}/{stem}"), text));
            }
        }
    }
    out
}

#[test]
fn fixtures_agree() {
    let mut answered = Vec::new();
    for (name, text) in fixture_texts() {
        if agree(&text) {
            answered.push(name);
        }
    }
    // The realistic fixtures are what exporters print: the fast path reads them.
    for name in ["valid/shop", "valid/types", "valid/unions", "valid/uploads", "valid/channels"] {
        assert!(answered.iter().any(|a| a == name), "the fast path handed over {name}");
    }
}

#[test]
fn synthetic_corpus_agrees() {
    for n in [1, 10, 100, 1_000] {
        assert!(agree(&synth::ir(n)), "the fast path handed over the synthetic IR of {n} functions");
    }
}

#[test]
fn hand_picked_edges_agree_or_hand_over() {
    let answered = [
        "",
        "   \n\n",
        "a",
        "a;b",
        "a; b;",
        "a\r\nb\r\n",
        "a 1 -2 3.5 -4.25e3 1E+2 007",
        "a \"x\\\"y\\n\\u{e9}\\s\"",
        "a k=v k2 = \"v\" k3= #true k4 =#null",
        "a{b;c}",
        "a { b { c } }",
        "a {\n}\n",
        "a {}  // c\n",
        "a//c\n",
        "a b//c",
        "\"quoted name\" x",
        "a \"é 名前 🎉\"",
        "a list<string> Item?",
        "a {\n  b 1 ; c 2\n  d\n}   \n",
        "// only a comment",
        "a \"\"",
        "a x=1 y=2 x=3",
    ];
    for src in answered {
        assert!(agree(src), "the fast path handed over {src:?}");
    }
    let handed_over = [
        "a #\"raw\"#",
        "a \"\"\"\nml\n\"\"\"",
        "/- a",
        "a /- b",
        "a /* c */ b",
        "(t)a",
        "a (t)1",
        "a \\\n b",
        "a 0x1F",
        "a 1_000",
        "a #inf",
        "a\rb",
        "\u{feff}a",
        "a b=",
        "a b= ",
        "a \"x",
        "a {",
        "a }",
        "}",
        "a {}}",
        "a true",
        "a 1.",
        "a .5",
        "a -x",
        "a \"\\q\"",
        "a \"\\u{110000}\"",
        "a\u{a0}b",
        "a \"\u{200e}\"",
        "a=1",
        "a 1=2",
        "a;;",
        "a {} b",
        "a\"b\"",
        "a \"b\"c",
        "a 1a",
        "a\u{7}",
    ];
    for src in handed_over {
        assert!(fastkdl::parse(src).is_none(), "the fast path answered {src:?}");
    }
}

#[test]
fn handing_over_midway_drops_the_fast_paths_diagnostics() {
    // The fast path reads (and reports on) the first nodes, then meets a
    // raw string: the kdl path's result must be exactly what is returned.
    let src = "mizan-ir 1 colour=1\ntype A { field a int bogus=1; }\nalias B #\"int\"#\n";
    assert!(fastkdl::parse(src).is_none());
    let reference = KdlDocument::parse_v2(src).expect("valid KDL");
    let mut diags = Vec::new();
    let ast = parse::document(&reference, src, &mut diags);
    assert_eq!(diags.len(), 2, "{diags:#?}");
    assert_eq!(parse::parse(src), (ast, diags));
}

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes worth inserting: KDL's syntax characters and a few traps.
const ALPHABET: &[&str] = &[
    "{", "}", "=", "#", ";", "\\", "/", "//", "/*", "*/", "/-", "\"", "\"\"\"", "-", ".", "_", "e", "0", "9", " ",
    "\t", "\n", "\r", "\r\n", "(", ")", "#true", "#null", "#inf", "x", "é", "\u{a0}", "\u{2028}", "\u{feff}", "\u{7}",
    "\\u{41}", "\\n", "1.5", "list<", ">", "?",
];

fn mutate(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for _ in 0..=rng.below(3) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 if at < b.len() => b[at] = rng.next() as u8,
            1 => {
                let end = (at + 1 + rng.below(8)).min(b.len());
                b.drain(at.min(end)..end);
            }
            2 | 3 => {
                let s = ALPHABET[rng.below(ALPHABET.len())];
                b.splice(at..at, s.bytes());
            }
            _ => {
                let end = (at + 1 + rng.below(40)).min(b.len());
                let copy = b[at.min(end)..end].to_vec();
                let to = rng.below(b.len() + 1);
                b.splice(to..to, copy);
            }
        }
    }
    b
}

#[test]
fn fuzzed_inputs_agree_or_hand_over() {
    let mut seeds: Vec<String> = fixture_texts().into_iter().map(|(_, t)| t).collect();
    seeds.push(synth::ir(12));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut cases, mut answered) = (0, 0);
    for seed in &seeds {
        for _ in 0..80 {
            let Ok(text) = String::from_utf8(mutate(seed, &mut rng)) else { continue };
            cases += 1;
            answered += usize::from(agree(&text));
        }
    }
    assert!(cases > 4_000, "only {cases} fuzzed cases");
    // Most mutants stay readable; the fast path must still be exercised.
    assert!(answered * 4 > cases, "the fast path answered only {answered} of {cases} fuzzed cases");
}
