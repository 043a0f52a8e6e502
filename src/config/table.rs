//! A target's `[target.<name>]` table, as its `Target::options` reads it:
//! typed getters that report a wrong type or value as a diagnostic pointing
//! into the file (unknown keys are reported before, from `Target::KEYS`).

use super::reader::{Reader, span};
use crate::ir::ast::Span;
use std::path::Path;
use toml::Spanned;
use toml::de::DeTable;

pub struct Table<'r, 'a> {
    reader: &'r mut Reader<'a>,
    table: &'r DeTable<'r>,
}

impl<'r, 'a> Table<'r, 'a> {
    pub(crate) fn new(reader: &'r mut Reader<'a>, table: &'r DeTable<'r>) -> Self {
        Table { reader, table }
    }

    /// A string.
    pub fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        self.reader.string(self.table, key)
    }

    /// A string with more than white space.
    pub fn text(&mut self, key: &str) -> Option<Spanned<String>> {
        self.reader.text(self.table, key)
    }

    pub fn boolean(&mut self, key: &str) -> Option<bool> {
        self.reader.boolean(self.table, key)
    }

    /// One of `choices`, with a did-you-mean.
    pub fn choice(&mut self, key: &str, choices: &[&'static str]) -> Option<&'static str> {
        let value = self.string(key)?;
        if let Some(choice) = choices.iter().find(|c| **c == value.get_ref()) {
            return Some(choice);
        }
        let quoted: Vec<String> = choices.iter().map(|c| format!("\"{c}\"")).collect();
        let help = super::did_you_mean(value.get_ref(), choices).map(|c| format!("did you mean `{c}`?"));
        self.error(span(value.span()), format!("`{key}` must be {}", or_list(&quoted)), help);
        None
    }

    /// Reports a bad value at `at`.
    pub fn error(&mut self, at: Span, message: impl Into<String>, help: Option<String>) {
        self.reader.value_error(at, message, help);
    }

    /// The config file's folder, which relative paths resolve against.
    pub fn base(&self) -> &Path {
        self.reader.base
    }
}

/// Where a `Spanned` value is written.
pub fn at<T>(value: &Spanned<T>) -> Span {
    span(value.span())
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
