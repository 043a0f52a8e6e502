//! The fast KDL path (`ir::fastkdl`) against the kdl crate, the reference.
//!
//! Whenever the fast path answers, the kdl crate must accept the same text
//! (and `scan`, which the fast path makes unnecessary, must too); both must
//! give the same `Tree` — every name, value, value repr and span the reader
//! uses — and `parse::parse` (the streaming fast path) must give the same
//! AST and diagnostics as `parse::parse_with_kdl`, as must `check::check`.
//! Handing over (`None`) is always allowed; the tests also make sure it does
//! not hand over the documents it exists for.

// The benchmark's corpus; its OpenAPI twin is not used here.
#[path = "../../../benches/synth.rs"]
#[allow(dead_code)]
mod synth;

use crate::ir::parse::tree::Tree;
use crate::ir::{check, fastkdl, parse, scan};
use kdl::KdlDocument;
use std::path::PathBuf;

/// Every `.kdl` file of `fixtures/<kind>/`, by stem, sorted.
fn fixtures(kind: &str) -> Vec<(String, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(kind);
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "kdl"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    out
}

/// Checks agreement on `src`; whether the fast path answered.
fn agree(src: &str) -> bool {
    let Some(fast) = fastkdl::parse(src) else { return false };
    let reference = KdlDocument::parse_v2(src)
        .unwrap_or_else(|e| panic!("the fast path accepted what kdl rejects:\n{src}\n---\n{e:?}"));
    assert_eq!(fast, Tree::from_kdl(&reference), "different trees for:\n{src}");
    assert!(scan::scan(src).is_empty(), "the fast path accepted what scan rejects:\n{src}");
    let (fast_ast, fast_diags) = parse::parse(src);
    let (ref_ast, ref_diags) = parse::parse_with_kdl(src);
    assert_eq!(fast_ast, ref_ast, "different AST for:\n{src}");
    assert_eq!(fast_diags, ref_diags, "different parse diagnostics for:\n{src}");
    assert_eq!(check::check(&fast_ast), check::check(&ref_ast), "different check diagnostics for:\n{src}");
    true
}

fn fixture_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kind in ["valid", "invalid"] {
        for (stem, path) in fixtures(kind) {
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
        &format!("a {}{}", "{ b ".repeat(16), "}".repeat(16)),
    ];
    for src in &answered {
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
        &format!("a {}{}", "{ b ".repeat(17), "}".repeat(17)),
    ];
    for src in &handed_over {
        assert!(fastkdl::parse(src).is_none(), "the fast path answered {src:?}");
    }
}

#[test]
fn handing_over_midway_drops_the_fast_paths_diagnostics() {
    // The fast path reads (and reports on) the first nodes, then meets a
    // raw string: the kdl path's result must be exactly what is returned.
    let src = "mizan-ir 1 colour=1\ntype A { field a int bogus=1; }\nalias B #\"int\"#\n";
    assert!(fastkdl::parse(src).is_none());
    let (ast, diags) = parse::parse_with_kdl(src);
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
