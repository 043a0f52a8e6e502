//! The bad-input corpus: every file of `fixtures/invalid/` breaks a rule
//! and must yield at least one error with the code its first line names
//! (`// expect: mizan::...`). The rendered diagnostics are snapshots under
//! `snapshots/front/`: they are the review surface for message quality.

use crate::common;
use mizan_generate::diag::{self, Diagnostic, Severity};
use mizan_generate::testing::ir;

/// Files that cannot carry an `// expect:` line.
const EXPECT_BY_NAME: &[(&str, &str)] = &[("empty", "mizan::missing-header")];

/// Files whose JSON rendering is snapshotted too.
const JSON: &[&str] = &["multi-errors-functions", "multi-errors-structure", "not-utf8", "unknown-type"];

fn expected_code(name: &str, bytes: &[u8]) -> String {
    if let Some((_, code)) = EXPECT_BY_NAME.iter().find(|(n, _)| *n == name) {
        return (*code).to_owned();
    }
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    first
        .strip_prefix("// expect: ")
        .unwrap_or_else(|| panic!("{name}.kdl: the first line must be `// expect: mizan::<code>`"))
        .trim()
        .to_owned()
}

fn diagnostics(bytes: &[u8]) -> Vec<Diagnostic> {
    match ir::load_bytes(bytes) {
        Ok(_) => Vec::new(),
        Err(diags) => diags,
    }
}

#[test]
fn every_invalid_file_is_rejected_with_its_code() {
    let corpus = common::fixtures("invalid");
    assert!(corpus.len() >= 30, "the corpus has {} files", corpus.len());
    let settings = common::snapshot_settings("front");
    for (name, path) in corpus {
        let bytes = std::fs::read(&path).unwrap();
        let expected = expected_code(&name, &bytes);
        let diags = diagnostics(&bytes);
        assert!(diags.iter().any(|d| d.severity == Severity::Error), "{name}.kdl: no error");
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        assert!(codes.contains(&expected.as_str()), "{name}.kdl: expected {expected}, got {codes:?}");
        let offsets: Vec<usize> = diags.iter().map(|d| d.span.offset).collect();
        assert!(offsets.is_sorted(), "{name}.kdl: diagnostics not sorted by position: {offsets:?}");
        let source = String::from_utf8_lossy(&bytes);
        let file = format!("{name}.kdl");
        settings.bind(|| {
            insta::assert_snapshot!(name.clone(), diag::render(&diags, &file, &source, diag::Format::Human, false));
            if JSON.contains(&name.as_str()) {
                let json = diag::render(&diags, &file, &source, diag::Format::Json, false);
                insta::assert_snapshot!(format!("{name}__json"), json);
            }
        });
    }
}

#[test]
fn multi_error_files_report_every_error() {
    for (name, min) in [("multi-errors-type", 4), ("multi-errors-functions", 4), ("multi-errors-structure", 4)] {
        let bytes = std::fs::read(common::root().join(format!("fixtures/invalid/{name}.kdl"))).unwrap();
        let n = diagnostics(&bytes).len();
        assert!(n >= min, "{name}.kdl: {n} diagnostics, expected at least {min}");
    }
}

/// Every diagnostic's spans (primary and related) sit on token boundaries:
/// a span that starts or ends on a letter, digit, `_` or `-` is not
/// continued by one on that side. A span shifted by one byte (`rder` for
/// `Order`, `"Orde`) breaks this wherever it covers a word, without a
/// snapshot to compare.
#[test]
fn every_span_starts_and_ends_on_a_token_boundary() {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut checked = 0;
    for (name, path) in common::fixtures("invalid") {
        let bytes = std::fs::read(&path).unwrap();
        for d in diagnostics(&bytes) {
            for (span, what) in
                std::iter::once((d.span, "primary")).chain(d.related.iter().map(|(s, _)| (*s, "related")))
            {
                let end = span.end();
                assert!(end <= bytes.len(), "{name}.kdl: {} {what} span {span:?} past the end", d.code);
                if span.len == 0 {
                    continue;
                }
                let text = String::from_utf8_lossy(&bytes[span.offset..end]);
                let starts_in_word = span.offset > 0 && word(bytes[span.offset - 1]) && word(bytes[span.offset]);
                let ends_in_word = end < bytes.len() && word(bytes[end - 1]) && word(bytes[end]);
                assert!(
                    !starts_in_word && !ends_in_word,
                    "{name}.kdl: {} {what} span {span:?} cuts a word: {text:?}",
                    d.code
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 50, "only {checked} spans checked");
}
