//! The part of a source one diagnostic shows, as miette reads it.
//!
//! miette's own `SourceCode` for a string scans it from the start for every
//! label and quotes whole lines. An `Excerpt` instead holds only the lines
//! around the labels (found through `Lines`), each cut to a window around
//! its label when it is long and with unsafe characters escaped (`text`),
//! and tells miette their real line numbers and columns. Label spans are
//! moved into the excerpt's coordinates, so underlines stay under the text
//! as shown, escapes and `…` markers included.

use super::lines::{Lines, ceil_char_boundary, floor_char_boundary};
use super::text;
use crate::ir::ast::Span;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Characters shown on each side of a label on a long line.
pub const CONTEXT: usize = 120;
/// Lines up to this many bytes are shown whole.
const SHORT_LINE: usize = 2 * CONTEXT + 40;
/// A label spanning more lines is cut to its first line.
const MAX_SPAN_LINES: usize = 12;
/// Lines left out between two labels' snippets, at most; more, and each
/// label gets its own snippet.
const MAX_GAP: usize = 3;
/// Marks text left out of a line.
const ELLIPSIS: &str = "…";

/// One real line, as shown.
struct Row {
    /// 0-based line number in the source.
    line: usize,
    /// Where the row starts in `text`.
    start: usize,
    /// Where its newline is (or would be) in `text`.
    end: usize,
    /// Whether a newline follows it in `text`.
    newline: bool,
}

/// The shown lines of one diagnostic.
pub struct Excerpt<'a> {
    name: &'a str,
    text: String,
    rows: Vec<Row>,
    /// Each label's start in `text`, with its real 0-based column.
    columns: Vec<(usize, usize)>,
}

impl<'a> Excerpt<'a> {
    /// The excerpt showing `spans`, and the spans in its coordinates.
    /// `spans[0]` is the primary label: a long line is cut around it first.
    pub fn new(name: &'a str, lines: &Lines, spans: &[Span]) -> (Excerpt<'a>, Vec<SourceSpan>) {
        let src = lines.src();
        let spans: Vec<(usize, usize)> = spans.iter().map(|s| clamp(lines, *s)).collect();
        let mut shown: Vec<usize> = spans
            .iter()
            .flat_map(|&(start, end)| {
                let last = lines.line(if end > start { end - 1 } else { start });
                lines.line(start).saturating_sub(1)..(last + 2).min(lines.count())
            })
            .collect();
        shown.sort_unstable();
        shown.dedup();
        // Labels a few lines apart share one snippet, the lines between shown.
        let gaps: Vec<usize> =
            shown.windows(2).filter(|w| w[1] - w[0] <= MAX_GAP + 1).flat_map(|w| w[0] + 1..w[1]).collect();
        shown.extend(gaps);
        shown.sort_unstable();
        let mut ex = Excerpt { name, text: String::new(), rows: Vec::new(), columns: Vec::new() };
        let mut windows = Vec::with_capacity(shown.len());
        for &line in &shown {
            let anchor = spans.iter().find_map(|&(s, e)| {
                let (ls, le) = lines.range(line);
                if (ls..=le).contains(&s) { Some(s) } else { (e > ls && e <= le).then_some(e) }
            });
            windows.push(ex.push_row(src, lines, line, anchor));
        }
        let mapped: Vec<SourceSpan> = spans
            .iter()
            .map(|&(s, e)| {
                let start = ex.map(lines, &windows, s, false);
                let end = if e > s { ex.map(lines, &windows, e, true).max(start) } else { start };
                SourceSpan::new(start.into(), end - start)
            })
            .collect();
        ex.columns = mapped.iter().zip(&spans).map(|(m, &(s, _))| (m.offset(), lines.column(s))).collect();
        (ex, mapped)
    }

    /// Appends a line, cut to a window around `anchor` when long; returns
    /// the window's byte range in the source.
    fn push_row(&mut self, src: &str, lines: &Lines, line: usize, anchor: Option<usize>) -> (usize, usize) {
        let (ls, le) = lines.range(line);
        let (lo, hi) = if le - ls <= SHORT_LINE {
            (ls, le)
        } else {
            let at = anchor.unwrap_or(ls).clamp(ls, le);
            let lo = src[ls..at].char_indices().rev().nth(CONTEXT - 1).map_or(ls, |(i, _)| ls + i);
            let hi = src[at..le].char_indices().nth(CONTEXT).map_or(le, |(i, _)| at + i);
            (lo, hi)
        };
        let start = self.text.len();
        if lo > ls {
            self.text.push_str(ELLIPSIS);
        }
        src[lo..hi].chars().for_each(|c| text::push_shown(&mut self.text, c));
        if hi < le {
            self.text.push_str(ELLIPSIS);
        }
        let end = self.text.len();
        let newline = line + 1 < lines.count();
        if newline {
            self.text.push('\n');
        }
        self.rows.push(Row { line, start, end, newline });
        (lo, hi)
    }

    /// A source offset's place in `text`; `end` picks, for an offset on a
    /// line boundary, the end of the line before rather than the next start.
    fn map(&self, lines: &Lines, windows: &[(usize, usize)], offset: usize, end: bool) -> usize {
        let src = lines.src();
        let line = lines.line(if end && offset > 0 { offset - 1 } else { offset });
        let Ok(i) = self.rows.binary_search_by_key(&line, |r| r.line) else { return self.text.len() };
        let (row, (lo, hi)) = (&self.rows[i], windows[i]);
        let (ls, le) = lines.range(line);
        if offset >= lines.next_start(line) && row.newline {
            return row.end + 1;
        }
        if offset >= le {
            return row.end;
        }
        let lead = if lo > ls { ELLIPSIS.len() } else { 0 };
        if offset < lo {
            return row.start;
        }
        if offset > hi {
            return row.end;
        }
        row.start + lead + src[lo..floor_char_boundary(src, offset)].chars().map(text::shown_len).sum::<usize>()
    }

    /// The last row of the run of consecutive lines holding row `i`.
    fn run_end(&self, mut i: usize) -> usize {
        while i + 1 < self.rows.len() && self.rows[i].line + 1 == self.rows[i + 1].line {
            i += 1;
        }
        i
    }

    fn row_at(&self, offset: usize) -> usize {
        self.rows.partition_point(|r| r.end < offset).min(self.rows.len().saturating_sub(1))
    }
}

/// A span within the text, cut to its first line when it spans many.
fn clamp(lines: &Lines, span: Span) -> (usize, usize) {
    let src = lines.src();
    let start = floor_char_boundary(src, span.offset);
    let end = ceil_char_boundary(src, span.end()).max(start);
    let first = lines.line(start);
    if lines.line(end) > first + MAX_SPAN_LINES {
        return (start, lines.range(first).1.max(start));
    }
    (start, end)
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        if self.rows.is_empty() || span.offset() + span.len() > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let mut first = self.row_at(span.offset());
        let mut last = self.row_at((span.offset() + span.len()).saturating_sub(1).max(span.offset()));
        let contiguous = |a: usize, b: usize| self.rows[a].line + (b - a) == self.rows[b].line;
        if !contiguous(first, last) {
            return Err(MietteError::OutOfBounds);
        }
        for _ in 0..before {
            if first > 0 && contiguous(first - 1, first) {
                first -= 1;
            }
        }
        for _ in 0..after {
            if last + 1 < self.rows.len() && contiguous(last, last + 1) {
                last += 1;
            }
        }
        let start = self.rows[first].start;
        let end = self.rows[last].end + usize::from(self.rows[last].newline);
        let column = match before {
            0 => self.columns.iter().find(|(at, _)| *at == span.offset()).map_or(0, |(_, col)| *col),
            _ => 0,
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            &self.text.as_bytes()[start..end],
            SourceSpan::new(start.into(), end - start),
            self.rows[first].line,
            column,
            // miette merges two labels' snippets when this reaches the
            // second: count to the end of the run of lines shown together.
            self.run_end(last) - first + 1,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(src: &str, spans: &[Span]) -> (String, Vec<(usize, usize)>) {
        let lines = Lines::new(src);
        let (ex, mapped) = Excerpt::new("f", &lines, spans);
        (ex.text, mapped.iter().map(|s| (s.offset(), s.len())).collect())
    }

    #[test]
    fn keeps_short_lines_and_their_neighbours() {
        let src = "a\nbb cc\nd\ne\nf";
        assert_eq!(excerpt(src, &[Span::new(5, 2)]), ("a\nbb cc\nd\n".to_owned(), vec![(5, 2)]));
        let (text, spans) = excerpt(src, &[Span::new(12, 1), Span::new(0, 1)]);
        assert_eq!((text.as_str(), spans), (src, vec![(12, 1), (0, 1)]), "a short gap is shown");
        let src = "a\nb\nc\nd\ne\nf\ng\nh";
        let (text, spans) = excerpt(src, &[Span::new(14, 1), Span::new(0, 1)]);
        assert_eq!((text.as_str(), spans), ("a\nb\ng\nh", vec![(6, 1), (0, 1)]), "a long one is not");
    }

    #[test]
    fn cuts_long_lines_around_the_label() {
        let src = format!("x\n{}BAD{}\ny", "a".repeat(1_000_000), "b".repeat(1_000_000));
        let (text, spans) = excerpt(&src, &[Span::new(1_000_002, 3)]);
        assert!(text.len() < 300, "{}", text.len());
        let (at, len) = spans[0];
        assert_eq!(&text[at..at + len], "BAD");
        assert!(text.starts_with("x\n…aaa") && text.ends_with("bbb…\ny"), "{text}");
    }

    #[test]
    fn escapes_and_keeps_spans_aligned() {
        let src = "a \x1b]0;t\x07 \"\x1b[2J\" b";
        let (text, spans) = excerpt(src, &[Span::new(src.len() - 1, 1)]);
        assert_eq!(text, "a \\u{1b}]0;t\\u{7} \"\\u{1b}[2J\" b");
        assert_eq!(&text[spans[0].0..spans[0].0 + spans[0].1], "b");
    }
}
