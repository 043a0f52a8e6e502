//! The unified diff (3 lines of context) `--check` prints for a stale
//! file, so a CI log shows exactly what is out of date.

use similar::TextDiff;
use std::time::Duration;

/// How long the search for a minimal diff of one file may take: past it,
/// `similar` settles for a coarser one (still correct), so files rewritten
/// from top to bottom cannot stall `--check` (the time grows with the square
/// of the edits: 10,000 changed lines take about a second).
const DEADLINE: Duration = Duration::from_millis(250);

/// The unified diff turning `old` into `new`, with `--- a/<label>` and
/// `+++ b/<label>` headers; empty when the texts are equal. Lines keep
/// their terminator, so a missing final newline is a difference, printed
/// with the usual `\ No newline at end of file` marker.
pub fn unified(label: &str, old: &str, new: &str) -> String {
    TextDiff::configure()
        .timeout(DEADLINE)
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{label}"), &format!("b/{label}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: std::ops::Range<usize>) -> String {
        n.map(|i| format!("line {i}\n")).collect()
    }

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("x", "a\n", "a\n"), "");
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = lines(0..10);
        let new = old.replace("line 5\n", "line five\n");
        let expected = "--- a/f.ts\n+++ b/f.ts\n@@ -3,7 +3,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n";
        assert_eq!(unified("f.ts", &old, &new), expected);
    }

    #[test]
    fn distant_changes_make_two_hunks_and_close_ones_merge() {
        let old = lines(0..30);
        let far = old.replace("line 2\n", "X\n").replace("line 25\n", "Y\n");
        assert_eq!(unified("f", &old, &far).matches("@@ -").count(), 2);
        let near = old.replace("line 2\n", "X\n").replace("line 8\n", "Y\n");
        assert_eq!(unified("f", &old, &near).matches("@@ -").count(), 1);
    }

    #[test]
    fn empty_sides_and_missing_newline() {
        assert_eq!(unified("f", "", "a\nb\n"), "--- a/f\n+++ b/f\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        assert_eq!(unified("f", "a\n", ""), "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-a\n");
        assert_eq!(
            unified("f", "a\nb", "a\nb\n"),
            "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n"
        );
    }
}
