//! A JSON printer whose output is what prettier would leave: 2-space indent,
//! non-empty objects always expanded, arrays of scalars on one line when they
//! fit in 80 columns (else one element a line), arrays holding objects
//! expanded, and a trailing newline.

use serde_json::Value;

const PRINT_WIDTH: usize = 80;

pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, 0, 0, &mut out);
    out.push('\n');
    out
}

/// `column`: where the value starts; `trailing`: characters that follow it
/// on its line (a comma).
fn write(value: &Value, indent: usize, column: usize, trailing: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            let last = map.len() - 1;
            for (i, (key, v)) in map.iter().enumerate() {
                let key = scalar(&Value::String(key.clone()));
                let pad = "  ".repeat(indent + 1);
                out.push_str(&pad);
                out.push_str(&key);
                out.push_str(": ");
                let col = pad.len() + key.chars().count() + 2;
                write(v, indent + 1, col, usize::from(i != last), out);
                if i != last {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            let scalars = items.iter().all(|v| !v.is_object() && !v.is_array() || is_empty(v));
            if scalars {
                let inline = format!("[{}]", items.iter().map(scalar).collect::<Vec<_>>().join(", "));
                if column + inline.chars().count() + trailing <= PRINT_WIDTH {
                    out.push_str(&inline);
                    return;
                }
            }
            out.push_str("[\n");
            let last = items.len() - 1;
            for (i, v) in items.iter().enumerate() {
                let pad = "  ".repeat(indent + 1);
                out.push_str(&pad);
                write(v, indent + 1, pad.len(), usize::from(i != last), out);
                if i != last {
                    out.push(',');
                }
                out.push('\n');
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        other => out.push_str(&scalar(other)),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
        // Serializing a JSON value to a string cannot fail.
        other => serde_json::to_string(other).unwrap_or_default(),
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
}
