//! Line layout the way prettier prints TypeScript (print width 80, 2-space
//! indent, trailing commas everywhere), so the generated code is already
//! formatted. Each writer appends the one-line form when it fits, without
//! building anything; a statement that does not fit is laid out by
//! prettier's own algorithm (`doc`) over the document prettier builds for
//! it (`syntax`). The import lines and `key: {` lines of the objects written
//! one property a line are laid out here. The test suite runs `prettier
//! --check` on every fixture's output and on random IRs' to keep these in
//! step with prettier.

pub mod doc;
pub mod syntax;

pub const WIDTH: usize = 80;

/// The printed width of `s` as prettier measures it (`getStringWidth`):
/// a column per character, two for East Asian wide and fullwidth ones and
/// for emoji, none for control characters and combining marks.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        0..=0x1f | 0x7f..=0x9f | 0x300..=0x36f | 0x200b..=0x200f | 0xfe00..=0xfe0f => 0,
        0x1100..=0x115f
        | 0x2e80..=0x303e
        | 0x3041..=0x33ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x1f300..=0x1f64f
        | 0x1f900..=0x1f9ff
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

/// Appends, on a new line at `spaces`, `key: {` opening an object literal
/// written one property a line, laid out as prettier lays out the property:
/// `key:` then `{` on the next line, indented, when `key: {` does not fit.
/// Returns the indentation of the object's closing brace (its properties go
/// two spaces deeper).
pub fn object_key(out: &mut String, spaces: usize, key: &str) -> usize {
    out.push('\n');
    pad_spaces(out, spaces);
    out.push_str(key);
    if fits(spaces + width(key) + 3) {
        out.push_str(": {");
        return spaces;
    }
    out.push_str(":\n");
    pad_spaces(out, spaces + 2);
    out.push('{');
    spaces + 2
}

/// Appends `spaces` spaces.
pub fn pad_spaces(out: &mut String, spaces: usize) {
    out.extend(std::iter::repeat_n(' ', spaces));
}

/// Whether a line `width` characters wide fits the print width.
fn fits(width: usize) -> bool {
    width <= WIDTH
}

/// Appends `indent` levels of indentation.
pub fn pad(out: &mut String, indent: usize) {
    pad_spaces(out, 2 * indent);
}

/// The width of `items` joined with `sep`, each item preceded by `prefix`:
/// exact up to the print width, and some width past it beyond (all a
/// layout needs to know, and a long import list stops being measured).
fn joined_width<S: AsRef<str>>(items: &[S], prefix: &str, sep: &str) -> usize {
    let each = prefix.len() + sep.len();
    let mut total = 0;
    for i in items {
        total += width(i.as_ref()) + each;
        if total > WIDTH + sep.len() {
            break;
        }
    }
    total.saturating_sub(sep.len())
}

fn push_joined<S: AsRef<str>>(out: &mut String, items: &[S], prefix: &str, sep: &str) {
    for (n, i) in items.iter().enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        out.push_str(prefix);
        out.push_str(i.as_ref());
    }
}

/// Appends the parts, one after the other.
pub fn push_parts(out: &mut String, parts: &[&str]) {
    for p in parts {
        out.push_str(p);
    }
}

/// `import { a, b } from "m";`, or `import type { A, B }` when there are
/// no values, broken one name a line when too long.
pub fn import<V: AsRef<str>, T: AsRef<str>>(out: &mut String, values: &[V], types: &[T], module: &str) {
    if values.is_empty() {
        named::<&str, T>(out, "import type", &[], types, "", module);
    } else {
        named(out, "import", values, types, "type ", module);
    }
}

/// `{keyword} { a, b, type C } from "m";` (types take `type_prefix`),
/// broken one name a line when too long.
pub fn named<V: AsRef<str>, T: AsRef<str>>(
    out: &mut String,
    keyword: &str,
    values: &[V],
    types: &[T],
    type_prefix: &str,
    module: &str,
) {
    let module = super::str_lit(module);
    let names = joined_width(values, "", ", ") + joined_width(types, type_prefix, ", ");
    let both = !values.is_empty() && !types.is_empty();
    out.push_str(keyword);
    // prettier never breaks a lone specifier.
    let lone = values.len() + types.len() == 1;
    if lone || fits(keyword.len() + 3 + names + 2 * usize::from(both) + 8 + width(&module) + 1) {
        out.push_str(" { ");
        push_joined(out, values, "", ", ");
        if both {
            out.push_str(", ");
        }
        push_joined(out, types, type_prefix, ", ");
        out.push_str(" } from ");
    } else {
        let names = values.iter().map(|v| v.as_ref().len()).sum::<usize>()
            + types.iter().map(|t| t.as_ref().len()).sum::<usize>();
        out.reserve(names + (4 + type_prefix.len()) * types.len() + 4 * values.len() + module.len() + 16);
        out.push_str(" {\n");
        for v in values {
            push_parts(out, &["  ", v.as_ref(), ",\n"]);
        }
        for t in types {
            push_parts(out, &["  ", type_prefix, t.as_ref(), ",\n"]);
        }
        out.push_str("} from ");
    }
    out.push_str(&module);
    out.push(';');
}

#[cfg(test)]
mod tests;
