//! A JSON printer whose output is what prettier would leave: 2-space indent,
//! non-empty objects always expanded, arrays of scalars on one line when they
//! fit in 80 columns (else one element a line), arrays holding objects
//! expanded, and a trailing newline.
//!
//! [`Writer`] streams a document into one buffer, for documents built
//! straight from the model (the edge manifest); [`to_string`] prints a
//! `serde_json::Value` through it.

use serde_json::Value;

const PRINT_WIDTH: usize = 80;

pub fn to_string(value: &Value) -> String {
    let mut w = Writer::with_capacity(256);
    w.value(value, 0);
    w.finish()
}

/// Streams prettier-formatted JSON into one buffer. Containers are opened
/// and closed explicitly; each object member starts with [`Writer::key`]
/// and each element of an expanded array with [`Writer::element`].
pub struct Writer {
    out: String,
    /// For each open container, whether it has a member yet.
    open: Vec<bool>,
    /// Where the current line starts in `out`.
    line_start: usize,
}

impl Writer {
    pub fn with_capacity(capacity: usize) -> Writer {
        Writer { out: String::with_capacity(capacity), open: Vec::new(), line_start: 0 }
    }

    /// The document, with its final newline.
    pub fn finish(mut self) -> String {
        self.out.push('\n');
        self.out
    }

    /// `{`; close with [`Writer::end_object`] (`{}` when nothing was added).
    pub fn begin_object(&mut self) {
        self.out.push('{');
        self.open.push(false);
    }

    /// Starts the next member of the current object: `"key": `.
    pub fn key(&mut self, key: &str) {
        self.next_line();
        self.push_string(key);
        self.out.push_str(": ");
    }

    pub fn end_object(&mut self) {
        self.close('}');
    }

    /// `[` of an array whose elements are objects or arrays, one a line;
    /// close with [`Writer::end_array`] (`[]` when nothing was added).
    pub fn begin_array(&mut self) {
        self.out.push('[');
        self.open.push(false);
    }

    /// Starts the next element of the current array.
    pub fn element(&mut self) {
        self.next_line();
    }

    pub fn end_array(&mut self) {
        self.close(']');
    }

    /// A string value.
    pub fn string(&mut self, s: &str) {
        self.push_string(s);
    }

    /// A number, `true`, `false` or `null`, already printed.
    pub fn literal(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// An array of strings, followed on its line by `trailing` characters
    /// (a comma): on one line when it fits, else one string a line.
    pub fn strings(&mut self, items: &[&str], trailing: usize) {
        self.scalars(items.len(), trailing, |w, i| w.push_string(items[i]));
    }

    /// A `serde_json` value followed on its line by `trailing` characters.
    pub fn value(&mut self, value: &Value, trailing: usize) {
        match value {
            Value::Object(map) if !map.is_empty() => {
                self.begin_object();
                for (i, (key, v)) in map.iter().enumerate() {
                    self.key(key);
                    self.value(v, usize::from(i + 1 != map.len()));
                }
                self.end_object();
            }
            Value::Array(items) if items.iter().all(is_scalar) => {
                self.scalars(items.len(), trailing, |w, i| w.scalar(&items[i]));
            }
            Value::Array(items) => {
                self.begin_array();
                for (i, v) in items.iter().enumerate() {
                    self.element();
                    self.value(v, usize::from(i + 1 != items.len()));
                }
                self.end_array();
            }
            other => self.scalar(other),
        }
    }

    /// An array of `len` scalars that `item` prints: inline when the line
    /// stays within [`PRINT_WIDTH`], else one a line.
    fn scalars(&mut self, len: usize, trailing: usize, mut item: impl FnMut(&mut Writer, usize)) {
        if len == 0 {
            return self.out.push_str("[]");
        }
        let column = self.out[self.line_start..].chars().count();
        let start = self.out.len();
        self.out.push('[');
        for i in 0..len {
            if i > 0 {
                self.out.push_str(", ");
            }
            item(self, i);
        }
        self.out.push(']');
        if column + self.out[start..].chars().count() + trailing <= PRINT_WIDTH {
            return;
        }
        self.out.truncate(start);
        self.begin_array();
        for i in 0..len {
            self.element();
            item(self, i);
        }
        self.end_array();
    }

    /// A scalar, or an empty object or array.
    fn scalar(&mut self, v: &Value) {
        match v {
            Value::Object(_) => self.out.push_str("{}"),
            Value::Array(_) => self.out.push_str("[]"),
            Value::String(s) => self.push_string(s),
            // Serializing a JSON value to a string cannot fail.
            other => self.out.push_str(&serde_json::to_string(other).unwrap_or_default()),
        }
    }

    /// `s` as a JSON string, escaped as `serde_json` escapes it.
    fn push_string(&mut self, s: &str) {
        // No early exit: a plain fold over the bytes compiles to vector code.
        if s.bytes().fold(false, |found, b| found | (b < 0x20) | (b == b'"') | (b == b'\\')) {
            // Serializing a string cannot fail.
            self.out.push_str(&serde_json::to_string(s).unwrap_or_default());
        } else {
            self.out.extend(["\"", s, "\""]);
        }
    }

    /// Ends the previous member or element with a comma, if any, and starts
    /// the next one on its own line.
    fn next_line(&mut self) {
        let depth = self.open.len();
        if let Some(has_member) = self.open.last_mut() {
            if *has_member {
                self.out.push(',');
            }
            *has_member = true;
        }
        self.new_line(depth);
    }

    fn close(&mut self, bracket: char) {
        if self.open.pop() == Some(true) {
            self.new_line(self.open.len());
        }
        self.out.push(bracket);
    }

    /// A line break, then the indent of `depth`.
    fn new_line(&mut self, depth: usize) {
        self.out.push('\n');
        self.line_start = self.out.len();
        for _ in 0..depth {
            self.out.push_str("  ");
        }
    }
}

/// A value printed on one line: a scalar, or an empty object or array.
fn is_scalar(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prettier_layout() {
        let v = json!({"b": [], "a": {"x": ["GET", "POST"], "y": [{"k": 1}]}, "c": {}});
        assert_eq!(
            to_string(&v),
            "{\n  \"a\": {\n    \"x\": [\"GET\", \"POST\"],\n    \"y\": [\n      {\n        \"k\": 1\n      }\n    ]\n  },\n  \"b\": [],\n  \"c\": {}\n}\n"
        );
    }

    #[test]
    fn long_arrays_break() {
        let long: Vec<String> = (0..12).map(|i| format!("param_{i}")).collect();
        let out = to_string(&json!({ "params": long }));
        assert!(out.contains("\"params\": [\n    \"param_0\",\n"));
    }

    #[test]
    fn escapes_like_serde_json() {
        for s in ["plain", "q\"uote", "back\\slash", "tab\there", "nl\n", "\u{1}", "\u{7f}", "日本", "</script>"] {
            assert_eq!(to_string(&json!(s)), format!("{}\n", serde_json::to_string(s).unwrap()));
        }
    }

    #[test]
    fn widths_count_characters() {
        // 80 columns exactly fit; the comma after a member counts.
        let fits = "x".repeat(80 - "  \"k\": [\"\"]".len());
        let out = to_string(&json!({ "k": [fits] }));
        assert!(out.contains("\"k\": [\""), "{out}");
        let out = to_string(&json!({ "k": [fits], "l": 1 }));
        assert!(out.contains("\"k\": [\n"), "{out}");
        let wide = "é".repeat(80 - "  \"k\": [\"\"]".len());
        assert!(to_string(&json!({ "k": [wide] })).contains("\"k\": [\""));
    }

    #[test]
    fn nested_arrays() {
        let v = json!([[1, 2], [], [{"a": []}], {}]);
        assert_eq!(to_string(&v), "[\n  [1, 2],\n  [],\n  [\n    {\n      \"a\": []\n    }\n  ],\n  {}\n]\n");
    }

    #[test]
    fn streamed_documents_match_values() {
        let mut w = Writer::with_capacity(0);
        w.begin_object();
        w.key("a");
        w.strings(&["x", "y"], 1);
        w.key("b");
        w.begin_array();
        w.element();
        w.begin_object();
        w.key("n");
        w.literal("1");
        w.end_object();
        w.end_array();
        w.key("c");
        w.literal("true");
        w.end_object();
        assert_eq!(w.finish(), to_string(&json!({"a": ["x", "y"], "b": [{"n": 1}], "c": true})));
    }

    #[test]
    fn nested_widths_count_indentation_and_comma() {
        // 80 columns exactly at the second level, the comma included.
        let fits = "x".repeat(80 - "    \"k\": [\"\"],".len());
        let out = to_string(&json!({"a": {"k": [fits], "z": 1}}));
        assert_eq!(out, format!("{{\n  \"a\": {{\n    \"k\": [\"{fits}\"],\n    \"z\": 1\n  }}\n}}\n"));
        let over = format!("{fits}x");
        let out = to_string(&json!({"a": {"k": [over], "z": 1}}));
        assert_eq!(out, format!("{{\n  \"a\": {{\n    \"k\": [\n      \"{over}\"\n    ],\n    \"z\": 1\n  }}\n}}\n"));
    }

    #[test]
    fn only_arrays_of_scalars_stay_inline() {
        let v = json!([[1, [2, [3, []]]], {"a": {"b": {}}}, null, true, 1.5, "s\"é\n"]);
        assert_eq!(
            to_string(&v),
            "[\n  [\n    1,\n    [\n      2,\n      [3, []]\n    ]\n  ],\n  {\n    \"a\": {\n      \"b\": {}\n    }\n  },\n  null,\n  true,\n  1.5,\n  \"s\\\"é\\n\"\n]\n"
        );
        let v = json!({"list": [{"x": [1, 2]}, [], [{}]]});
        assert_eq!(to_string(&v), "{\n  \"list\": [\n    {\n      \"x\": [1, 2]\n    },\n    [],\n    [{}]\n  ]\n}\n");
    }
}
