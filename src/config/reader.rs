//! Typed access to a parsed TOML table that reports every unknown key and
//! wrong type as a diagnostic pointing into the file.

use super::did_you_mean;
use crate::diag::Diagnostic;
use crate::ir::ast::Span;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub type Value<'i> = Spanned<DeValue<'i>>;

/// The longest `timeout` accepted: a day.
const MAX_TIMEOUT_SECS: f64 = 86_400.0;

pub fn span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end - range.start)
}

/// Collects diagnostics while reading; relative paths resolve against `base`.
pub struct Reader<'a> {
    pub base: &'a Path,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    /// Reports every key of `table` not in `allowed`; `place` names the table
    /// in messages (`the top level`, `[target.svelte]`).
    pub fn known_keys(&mut self, table: &DeTable, allowed: &[&str], place: &str) {
        for (key, _) in table.iter() {
            let name = key.get_ref().as_ref();
            if allowed.contains(&name) {
                continue;
            }
            let help = match did_you_mean(name, allowed) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "expected one of: {}",
                    allowed.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            self.diags.push(
                Diagnostic::error(
                    "mizan::config-unknown-key",
                    format!("unknown key `{name}` in {place}"),
                    span(key.span()),
                )
                .label("unknown key")
                .help(help),
            );
        }
    }

    pub fn type_error(&mut self, key: &str, value: &Value, expected: &str) {
        self.diags.push(
            Diagnostic::error(
                "mizan::config-type",
                format!("`{key}` must be {expected}, found {}", value.get_ref().type_str()),
                span(value.span()),
            )
            .label(format!("expected {expected}")),
        );
    }

    pub fn value_error(&mut self, at: Span, message: impl Into<String>, help: Option<String>) {
        let mut diag = Diagnostic::error("mizan::config-value", message, at);
        diag.help = help;
        self.diags.push(diag);
    }

    pub fn missing(&mut self, at: Span, key: &str, place: &str, example: &str) {
        self.diags.push(
            Diagnostic::error("mizan::config-missing-key", format!("{place} needs `{key}`"), at)
                .label(format!("`{key}` missing here"))
                .help(format!("add `{key} = {example}`")),
        );
    }

    pub fn table<'t, 'i>(&mut self, table: &'t DeTable<'i>, key: &str) -> Option<(&'t DeTable<'i>, Span)> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((t, span(value.span()))),
            _ => {
                self.type_error(key, value, "a table");
                None
            }
        }
    }

    pub fn string(&mut self, table: &DeTable, key: &str) -> Option<Spanned<String>> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.type_error(key, value, "a string");
                None
            }
        }
    }

    /// A non-empty string.
    pub fn text(&mut self, table: &DeTable, key: &str) -> Option<Spanned<String>> {
        let s = self.string(table, key)?;
        if s.get_ref().trim().is_empty() {
            self.value_error(span(s.span()), format!("`{key}` must not be empty"), None);
            return None;
        }
        Some(s)
    }

    pub fn boolean(&mut self, table: &DeTable, key: &str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.type_error(key, value, "a boolean (`true` or `false`)");
                None
            }
        }
    }

    /// A path, resolved against the config file's folder.
    pub fn path(&mut self, table: &DeTable, key: &str) -> Option<Spanned<PathBuf>> {
        let s = self.text(table, key)?;
        Some(Spanned::new(s.span(), super::normalize(&self.base.join(s.get_ref()))))
    }

    /// A list of strings; `non_empty` rejects `[]`.
    pub fn strings(&mut self, table: &DeTable, key: &str, non_empty: bool) -> Option<Vec<Spanned<String>>> {
        let value = table.get(key)?;
        let expected = "a list of strings";
        let DeValue::Array(items) = value.get_ref() else {
            self.type_error(key, value, expected);
            return None;
        };
        if non_empty && items.is_empty() {
            self.value_error(span(value.span()), format!("`{key}` must not be empty"), None);
            return None;
        }
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => out.push(Spanned::new(item.span(), s.to_string())),
                _ => self.type_error(key, item, "a string"),
            }
        }
        (out.len() == items.len()).then_some(out)
    }

    /// A table of string values: environment variables.
    pub fn env(&mut self, table: &DeTable, key: &str) -> Vec<(String, String)> {
        let Some((env, _)) = self.table(table, key) else { return Vec::new() };
        let mut out = Vec::new();
        for (name, value) in env.iter() {
            match value.get_ref() {
                DeValue::String(s) => out.push((name.get_ref().to_string(), s.to_string())),
                _ => self.type_error(name.get_ref(), value, "a string"),
            }
        }
        out
    }

    /// `timeout` in seconds (an integer or a float), default 120.
    pub fn timeout(&mut self, table: &DeTable) -> Duration {
        const DEFAULT: Duration = Duration::from_secs(120);
        let Some(value) = table.get("timeout") else { return DEFAULT };
        let secs = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok().map(|i| i as f64),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => {
                self.type_error("timeout", value, "a number of seconds");
                return DEFAULT;
            }
        };
        match secs {
            Some(s) if s > 0.0 && s <= MAX_TIMEOUT_SECS => Duration::from_secs_f64(s),
            _ => {
                self.value_error(
                    span(value.span()),
                    "`timeout` must be more than 0 and at most 86400 seconds",
                    Some("for example `timeout = 300`".to_owned()),
                );
                DEFAULT
            }
        }
    }
}
