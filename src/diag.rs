//! Diagnostics: every user-facing error of the IR and of `mizan.toml`.
//!
//! A `Diagnostic` has a stable code (`mizan::unknown-type`), a message, a
//! primary span with an optional label, secondary labels, and an optional
//! `help:` line. Phases collect them into a `Vec` and stop only at their end,
//! so one run reports every error in the document. `render` prints them
//! through miette (human) or as a JSON array (editors, CI annotations).

mod excerpt;
mod lines;
mod text;

pub use text::escape;

use crate::ir::ast::Span;
use excerpt::Excerpt;
pub use lines::Lines;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceSpan};
use std::borrow::Cow;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable, documented code: `mizan::<kebab-name>`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// Text under the primary span.
    pub label: Option<String>,
    /// Other places that explain this one ("first declared here").
    pub related: Vec<(Span, String)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn related(mut self, span: Span, label: impl Into<String>) -> Self {
        self.related.push((span, label.into()));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Sorts by position (then code and message, so equal spans are stable) and
/// drops exact duplicates.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (a.span.offset, a.span.len, a.code, &a.message).cmp(&(b.span.offset, b.span.len, b.code, &b.message))
    });
    diags.dedup();
}

/// How `render` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
}

/// Diagnostics printed in full; the rest are counted.
pub const MAX_SHOWN: usize = 200;

/// The code of the JSON item that counts the diagnostics left out.
pub const MORE_CODE: &str = "mizan::more-errors";

/// Renders the diagnostics of one source file, which `sort` has ordered:
/// the first `MAX_SHOWN` in full, then how many more there are.
pub fn render(diags: &[Diagnostic], file: &str, source: &str, format: Format, color: bool) -> String {
    let lines = Lines::new(source);
    match format {
        Format::Human => render_human(diags, file, &lines, color),
        Format::Json => render_json(diags, file, &lines),
    }
}

/// One diagnostic as miette reads it: its text cleaned for a terminal, its
/// source an `Excerpt` with the label spans moved into it.
struct Report<'a> {
    diag: &'a Diagnostic,
    message: Cow<'a, str>,
    labels: Vec<(SourceSpan, Option<String>)>,
    excerpt: Excerpt<'a>,
}

impl<'a> Report<'a> {
    fn new(diag: &'a Diagnostic, file: &'a str, lines: &Lines) -> Report<'a> {
        let spans: Vec<Span> = std::iter::once(diag.span).chain(diag.related.iter().map(|(s, _)| *s)).collect();
        let (excerpt, mapped) = Excerpt::new(file, lines, &spans);
        let texts = std::iter::once(diag.label.as_deref()).chain(diag.related.iter().map(|(_, l)| Some(l.as_str())));
        let labels = mapped.into_iter().zip(texts).map(|(s, l)| (s, l.map(|l| text::clean(l).into_owned()))).collect();
        Report { diag, message: text::clean(&diag.message), labels, excerpt }
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diag.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
        })
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diag.help.as_ref().map(|h| Box::new(text::clean(h)) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.excerpt)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = self.labels.iter().map(|(s, l)| LabeledSpan::new_with_span(l.clone(), *s));
        let primary =
            labels.next().map(|l| LabeledSpan::new_primary_with_span(l.label().map(str::to_owned), *l.inner()));
        Some(Box::new(primary.into_iter().chain(labels)))
    }
}

fn render_human(diags: &[Diagnostic], file: &str, lines: &Lines, color: bool) -> String {
    let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for diag in diags.iter().take(MAX_SHOWN) {
        // Writing to a String cannot fail.
        let _ = handler.render_report(&mut out, &Report::new(diag, file, lines));
    }
    if let Some(more) = more(diags) {
        out.push_str(&more);
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    if errors > 0 {
        out.push_str(&format!("error: {}: {errors} error{}\n", text::clean(file), if errors == 1 { "" } else { "s" }));
    }
    out
}

/// "... and N more errors (M in total)", when some are left out.
fn more(diags: &[Diagnostic]) -> Option<String> {
    let left = diags.get(MAX_SHOWN..).filter(|l| !l.is_empty())?;
    let what = if left.iter().all(|d| d.severity == Severity::Error) { "error" } else { "diagnostic" };
    let s = if left.len() == 1 { "" } else { "s" };
    Some(format!("... and {} more {what}{s} ({} in total)", left.len(), diags.len()))
}

/// 1-based line and column (in characters) of a byte offset. Each call
/// scans the text: for many offsets, use one `Lines`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    Lines::new(source).line_col(offset)
}

fn render_json(diags: &[Diagnostic], file: &str, lines: &Lines) -> String {
    let mut s = serde_json::to_string_pretty(&json_items(diags, file, lines)).unwrap_or_else(|_| "[]".to_owned());
    s.push('\n');
    s
}

/// The diagnostics of one file as JSON objects (`render`'s JSON array, and
/// the `diagnostics` of the command line's JSON output): the first
/// `MAX_SHOWN` in full, each with its labels (the primary one first), then
/// one item counting the rest.
pub fn json(diags: &[Diagnostic], file: &str, source: &str) -> Vec<serde_json::Value> {
    json_items(diags, file, &Lines::new(source))
}

fn json_items(diags: &[Diagnostic], file: &str, lines: &Lines) -> Vec<serde_json::Value> {
    let place = |span: Span, message: Option<&str>, primary: bool| {
        let (line, column) = lines.line_col(span.offset);
        let (end_line, end_column) = lines.line_col(span.offset + span.len);
        serde_json::json!({
            "message": message.map(text::clean),
            "primary": primary,
            "line": line,
            "column": column,
            "end_line": end_line,
            "end_column": end_column,
            "offset": span.offset,
            "length": span.len,
        })
    };
    let mut items: Vec<serde_json::Value> = diags
        .iter()
        .take(MAX_SHOWN)
        .map(|d| {
            let (line, column) = lines.line_col(d.span.offset);
            let (end_line, end_column) = lines.line_col(d.span.offset + d.span.len);
            let labels: Vec<_> = std::iter::once(place(d.span, d.label.as_deref(), true))
                .chain(d.related.iter().map(|(span, label)| place(*span, Some(label), false)))
                .collect();
            serde_json::json!({
                "code": d.code,
                "severity": match d.severity { Severity::Error => "error" },
                "message": text::clean(&d.message),
                "help": d.help.as_deref().map(text::clean),
                "file": file,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "offset": d.span.offset,
                "length": d.span.len,
                "labels": labels,
            })
        })
        .collect();
    if let Some(message) = more(diags) {
        let omitted = diags.len() - MAX_SHOWN;
        let severity =
            if diags[MAX_SHOWN..].iter().any(|d| d.severity == Severity::Error) { "error" } else { "warning" };
        items.push(serde_json::json!({
            "code": MORE_CODE,
            "severity": severity,
            "message": message,
            "file": file,
            "omitted": omitted,
            "total": diags.len(),
        }));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("", 5), (1, 1));
    }
}
