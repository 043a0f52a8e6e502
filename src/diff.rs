//! A line-based unified diff (Myers' O(ND) algorithm, 3 lines of context),
//! so `--check` can show a CI log exactly what is out of date.
//!
//! Lines keep their terminator, so a missing final newline is a difference
//! and is printed with the usual `\ No newline at end of file` marker.

/// Lines of unchanged context around each change.
const CONTEXT: usize = 3;

/// Beyond this many edits the search stops and the rest of the files is
/// treated as replaced: still a correct diff, bounded in time and memory.
const MAX_EDITS: usize = 4000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Equal,
    Delete,
    Insert,
}

/// The unified diff turning `old` into `new`, with `--- a/<label>` and
/// `+++ b/<label>` headers; empty when the texts are equal.
pub fn unified(label: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.split_inclusive('\n').collect();
    let b: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = edit_script(&a, &b);
    let mut out = format!("--- a/{label}\n+++ b/{label}\n");
    for hunk in hunks(&ops) {
        render_hunk(&mut out, &ops, hunk, &a, &b);
    }
    out
}

/// The shortest edit script, one `Op` per line, in order.
fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a_rest, b_rest) = (&a[prefix..], &b[prefix..]);
    let suffix = a_rest.iter().rev().zip(b_rest.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a_mid, b_mid) = (&a_rest[..a_rest.len() - suffix], &b_rest[..b_rest.len() - suffix]);
    let mut ops = vec![Op::Equal; prefix];
    ops.extend(myers(a_mid, b_mid));
    ops.extend(std::iter::repeat_n(Op::Equal, suffix));
    ops
}

/// Myers' forward search, keeping for each edit count `d` the furthest
/// reaching x per diagonal `k` (2d+1 entries), then backtracking.
fn myers(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut v = vec![0isize; 3];
    for d in 0..=(n + m) {
        if d as usize > MAX_EDITS {
            return replace_all(a.len(), b.len());
        }
        let mut next = vec![0isize; 2 * d as usize + 3];
        let get = |v: &[isize], k: isize| v[(k + d) as usize]; // v holds d-1 values shifted by one
        for k in (-d..=d).step_by(2) {
            let down = k == -d || (k != d && get(&v, k - 1) < get(&v, k + 1));
            let mut x = if down { get(&v, k + 1) } else { get(&v, k - 1) + 1 };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            next[(k + d + 1) as usize] = x;
            if x >= n && y >= m {
                trace.push(next);
                return backtrack(&trace, n, m);
            }
        }
        trace.push(next);
        v = trace.last().cloned().unwrap_or_default();
    }
    replace_all(a.len(), b.len())
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (0..trace.len() as isize).rev() {
        let k = x - y;
        // trace[d] is indexed by k + d + 1; trace[d - 1] by k + d.
        let prev = |k: isize| trace[(d - 1) as usize][(k + d) as usize];
        if d == 0 {
            ops.extend(std::iter::repeat_n(Op::Equal, x as usize));
            break;
        }
        let down = k == -d || (k != d && prev(k - 1) < prev(k + 1));
        let prev_k = if down { k + 1 } else { k - 1 };
        let prev_x = prev(prev_k);
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            ops.push(Op::Equal);
            x -= 1;
            y -= 1;
        }
        ops.push(if down { Op::Insert } else { Op::Delete });
        (x, y) = (prev_x, prev_y);
    }
    ops.reverse();
    ops
}

fn replace_all(n: usize, m: usize) -> Vec<Op> {
    let mut ops = vec![Op::Delete; n];
    ops.extend(std::iter::repeat_n(Op::Insert, m));
    ops
}

/// Ranges of `ops` to print: each change with its context, merged when
/// their contexts touch.
fn hunks(ops: &[Op]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (i, _) in ops.iter().enumerate().filter(|(_, op)| **op != Op::Equal) {
        let start = i.saturating_sub(CONTEXT);
        let end = (i + 1 + CONTEXT).min(ops.len());
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = end,
            _ => out.push((start, end)),
        }
    }
    out
}

fn render_hunk(out: &mut String, ops: &[Op], (start, end): (usize, usize), a: &[&str], b: &[&str]) {
    let a_pos = ops[..start].iter().filter(|op| **op != Op::Insert).count();
    let b_pos = ops[..start].iter().filter(|op| **op != Op::Delete).count();
    let a_len = ops[start..end].iter().filter(|op| **op != Op::Insert).count();
    let b_len = ops[start..end].iter().filter(|op| **op != Op::Delete).count();
    out.push_str(&format!("@@ -{} +{} @@\n", range(a_pos, a_len), range(b_pos, b_len)));
    let (mut i, mut j) = (a_pos, b_pos);
    for op in &ops[start..end] {
        let (sign, line) = match op {
            Op::Equal => (' ', a[i]),
            Op::Delete => ('-', a[i]),
            Op::Insert => ('+', b[j]),
        };
        i += usize::from(*op != Op::Insert);
        j += usize::from(*op != Op::Delete);
        out.push(sign);
        out.push_str(line);
        if !line.ends_with('\n') {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// `start,len` in unified-diff convention: 1-based, and an empty range
/// names the line before it.
fn range(pos: usize, len: usize) -> String {
    match len {
        0 => format!("{pos},0"),
        1 => format!("{}", pos + 1),
        _ => format!("{},{len}", pos + 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(n: std::ops::Range<usize>) -> String {
        n.map(|i| format!("line {i}\n")).collect()
    }

    /// Applies a diff produced by `unified` to `old`, to prove it is correct.
    fn apply(old: &str, diff: &str) -> String {
        let a: Vec<&str> = old.split_inclusive('\n').collect();
        let mut out = String::new();
        let mut pos = 0;
        let mut body = diff.lines().skip(2).peekable();
        while let Some(header) = body.next() {
            let start: usize = header[4..].split([',', ' ']).next().unwrap().parse().unwrap();
            let start = if header[4..].split(' ').next().unwrap().ends_with(",0") { start } else { start - 1 };
            out.extend(a[pos..start].iter().copied());
            pos = start;
            let mut last = "";
            while let Some(l) = body.peek().filter(|l| !l.starts_with("@@")) {
                let (sign, text) = l.split_at(1);
                if sign == "\\" {
                    if last != "-" {
                        out.pop();
                    }
                } else if sign == "-" {
                    pos += 1;
                } else {
                    out.push_str(text);
                    out.push('\n');
                    pos += usize::from(sign == " ");
                }
                last = sign;
                body.next();
            }
        }
        out.extend(a[pos..].iter().copied());
        out
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

    #[test]
    fn diffs_apply_back_to_the_new_text() {
        let cases = [
            (lines(0..40), lines(0..40).replace("line 1\n", "").replace("line 30\n", "a\nb\n")),
            (lines(0..5), lines(3..12)),
            ("x\ny\nz\n".to_owned(), "z\ny\nx\n".to_owned()),
            ("a\nb\nc\na\nb\nb\na\n".to_owned(), "c\nb\na\nb\na\nc\n".to_owned()),
            (lines(0..20), String::new()),
        ];
        for (old, new) in cases {
            assert_eq!(apply(&old, &unified("f", &old, &new)), new, "old:\n{old}\nnew:\n{new}");
        }
    }

    #[test]
    fn the_script_is_minimal() {
        // The classic example from Myers' paper: D = 5.
        let a: Vec<&str> = "abcabba".split("").filter(|s| !s.is_empty()).collect();
        let b: Vec<&str> = "cbabac".split("").filter(|s| !s.is_empty()).collect();
        let edits = edit_script(&a, &b).into_iter().filter(|op| *op != Op::Equal).count();
        assert_eq!(edits, 5);
    }
}
