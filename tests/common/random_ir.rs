//! Random valid IRs for property tests: `ir(seed)` is a Mizan IR document,
//! the same for the same seed, with names short and long (with digits),
//! any number of fields and params, enums, tagged and untagged unions,
//! aliases, nested type expressions, contexts (with params only some of
//! their functions take: per-function overrides), calls (uploads, websocket,
//! `affects`, `merge`), forms, channels, views, docs and deprecations.
//!
//! Every name carries its kind's letter and a unique index as its first
//! word (`t3_order_line_v2`, `f12_sync`), so no two rendered names collide
//! in any target; the words after it make names of every length. Field
//! names may be non-ASCII (`größe_n3`: Python keeps the letters). Some calls are
//! named by a bare keyword or a name a client reserves (`import`, `close`),
//! once each, and some params by a per-request option of a client
//! (`timeout`, `options`).

use std::fmt::Write;

/// A small deterministic generator (SplitMix64): no dependency, the same
/// sequence on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Words names are made of: lower case, starting with a letter, some with
/// digits (a word never starts with a digit, so `t3` + `v2` and `t32` + …
/// cannot render alike).
const WORDS: &[&str] = &[
    "item",
    "order",
    "line",
    "product",
    "catalog",
    "category",
    "account",
    "status",
    "cursor",
    "page",
    "size",
    "filter",
    "sort",
    "created",
    "updated",
    "very",
    "long",
    "name",
    "value",
    "v2",
    "x9",
    "http2",
    "utf8",
    "id",
    "count",
    "total",
    "amount",
    "region",
    "warehouse",
    "shipment",
    "tracking",
    "notification",
    "preference",
    "subscription",
    "identifier",
    "a",
    "b",
    "q",
    "sku",
    "level",
    "depth",
];

const DOCS: &[&str] = &[
    "Short doc",
    "A longer doc that goes on well past the print width of eighty characters, as real docs often do",
    "Two lines:\nthe second one explains more",
    "Ends a comment */ and has `backticks` and ${template} text",
    "",
];

/// The primitives a query-string param may have.
const QUERY_PRIMS: &[&str] = &["string", "int", "bool", "uuid", "date", "datetime", "float", "decimal", "time"];

/// Every primitive but `upload`.
const PRIMS: &[&str] = &["string", "int", "float", "bool", "datetime", "date", "time", "uuid", "decimal", "json"];

/// `{letter}{index}` and 0 to many words, joined by `_`.
fn name(rng: &mut Rng, letter: &str, index: usize) -> String {
    joined(rng, letter, index, "_")
}

/// [`name`], with the words joined by `-` some of the time (context,
/// channel and form names may hold dashes; they render as quoted keys and
/// `request["c3-item"]`).
fn kebab_name(rng: &mut Rng, letter: &str, index: usize) -> String {
    let sep = if rng.chance(30) { "-" } else { "_" };
    joined(rng, letter, index, sep)
}

/// Non-ASCII words for field names (none a confusable of an ASCII letter:
/// linters flag those).
const UNICODE_WORDS: &[&str] = &["ünïcödé", "größe", "日本", "ﬁeld", "prénom", "çava"];

/// Call names that are keywords, builtins or names a generated client uses.
const KEYWORD_CALLS: &[&str] = &["import", "class", "list", "close", "with_options", "deprecated", "str"];

/// Param names that every Python method also takes, or that are keywords.
const HOSTILE_PARAMS: &[&str] = &["timeout", "options", "max_retries", "extra_headers", "self", "async", "from"];

fn joined(rng: &mut Rng, letter: &str, index: usize, sep: &str) -> String {
    let mut out = format!("{letter}{index}");
    let words = match rng.below(10) {
        0..=3 => 0,
        4..=7 => rng.range(1, 3),
        _ => rng.range(4, 9),
    };
    for _ in 0..words {
        out.push_str(sep);
        out.push_str(rng.pick::<&str>(WORDS));
    }
    out
}

/// A KDL string literal.
pub fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// ` doc="…"` and ` deprecated=…`, sometimes.
fn docs(rng: &mut Rng) -> String {
    let mut out = String::new();
    if rng.chance(30) {
        let doc = rng.pick(DOCS);
        if !doc.is_empty() {
            let _ = write!(out, " doc={}", q(doc));
        }
    }
    if rng.chance(8) {
        out.push_str(if rng.chance(50) { " deprecated=#true" } else { " deprecated=\"use the other one\"" });
    }
    out
}

struct Decls {
    objects: Vec<String>,
    enums: Vec<String>,
    unions: Vec<String>,
    aliases: Vec<String>,
}

impl Decls {
    /// A declared type's name: an object, enum, union or alias.
    fn named(&self, rng: &mut Rng) -> Option<String> {
        let all: Vec<&String> =
            self.objects.iter().chain(&self.enums).chain(&self.unions).chain(&self.aliases).collect();
        (!all.is_empty()).then(|| rng.pick(&all).to_string())
    }
}

/// A type expression: a primitive or declared name, maybe in `list<>` or
/// `map<>`, maybe nullable, `depth` levels deep at most.
fn texpr(rng: &mut Rng, decls: &Decls, depth: usize) -> String {
    let inner = match rng.below(10) {
        0..=3 => rng.pick(PRIMS).to_string(),
        4..=6 => decls.named(rng).unwrap_or_else(|| "string".to_owned()),
        7 | 8 if depth > 0 => format!("list<{}>", texpr(rng, decls, depth - 1)),
        9 if depth > 0 => format!("map<{}>", texpr(rng, decls, depth - 1)),
        _ => rng.pick(PRIMS).to_string(),
    };
    if rng.chance(20) { format!("{inner}?") } else { inner }
}

/// A query-safe type: a primitive (not `json`/`upload`) or an enum, maybe nullable.
fn query_texpr(rng: &mut Rng, decls: &Decls) -> String {
    let inner = if !decls.enums.is_empty() && rng.chance(25) {
        rng.pick(&decls.enums).clone()
    } else {
        rng.pick(QUERY_PRIMS).to_string()
    };
    if rng.chance(20) { format!("{inner}?") } else { inner }
}

/// Field names every target must quote, rename or measure with care:
/// keywords, spaces and quotes, non-ASCII (prettier counts CJK characters
/// two columns wide).
const HOSTILE_FIELDS: &[&str] =
    &["class", "type", "from", "with space", "quote\"d", "prénom", "名前の長いフィールド", "$ref"];

/// A field or param name: a word and the member's index, in one of a few
/// spellings (`name_3`, `name-3`, `name3`); words differ by index, so no two
/// render alike.
fn member(rng: &mut Rng, index: usize, kebab: bool) -> String {
    let word = rng.pick(WORDS);
    let long = if rng.chance(15) {
        let mut more = String::new();
        for _ in 0..rng.range(2, 6) {
            more.push('_');
            more.push_str(rng.pick::<&str>(WORDS));
        }
        more
    } else {
        String::new()
    };
    if kebab && rng.chance(20) { format!("{word}{long}-n{index}") } else { format!("{word}{long}_n{index}") }
}

/// A random IR document, the same for the same seed.
pub fn ir(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    let base = if rng.chance(30) { "/api/a/very/long/base/path/for/the/protocol/v2" } else { "/api/mizan" };
    let _ = writeln!(out, "mizan-ir 1 project=random{seed} base-url={}\n", q(base));
    let mut decls = Decls { objects: Vec::new(), enums: Vec::new(), unions: Vec::new(), aliases: Vec::new() };
    let mut next = 0usize;
    let mut index = || {
        next += 1;
        next
    };

    for _ in 0..rng.range(0, 4) {
        let n = name(&mut rng, "e", index());
        let _ = writeln!(out, "enum {n}{} {{", docs(&mut rng));
        for j in 0..rng.range(1, 7) {
            let value = match rng.below(8) {
                0 => format!("it's {j}"),
                1 => format!("日本 {j}"),
                _ => format!("{}-{j}", rng.pick(WORDS)),
            };
            let _ = writeln!(out, "    value {}{}", q(&value), docs(&mut rng));
        }
        out.push_str("}\n\n");
        decls.enums.push(n);
    }
    // Object names first, so fields may refer to any of them (recursion).
    decls.objects = (0..rng.range(1, 6)).map(|_| name(&mut rng, "t", index())).collect();
    for object in &decls.objects {
        let mut fields: Vec<String> = (0..rng.range(0, 8)).map(|j| member(&mut rng, j, true)).collect();
        for (j, f) in fields.iter_mut().enumerate() {
            if rng.chance(15) {
                *f = format!("{}_n{j}", rng.pick::<&str>(UNICODE_WORDS));
            }
        }
        // At most one hostile name a type: `class` and `class_` would collide in Python.
        if !fields.is_empty() && rng.chance(40) {
            let at = rng.below(fields.len());
            fields[at] = rng.pick(HOSTILE_FIELDS).to_string();
        }
        let _ = writeln!(out, "type {object}{} {{", docs(&mut rng));
        for f in &fields {
            let ty = texpr(&mut rng, &decls, 2);
            let optional = if rng.chance(25) { " optional=#true" } else { "" };
            let _ = writeln!(out, "    field {} {}{optional}{}", q(f), q(&ty), docs(&mut rng));
        }
        out.push_str("}\n\n");
    }
    for _ in 0..rng.range(0, 3) {
        let n = name(&mut rng, "u", index());
        let tagged = rng.chance(50);
        let pool: Vec<String> =
            if tagged { decls.objects.clone() } else { decls.objects.iter().chain(&decls.enums).cloned().collect() };
        let mut variants: Vec<String> = Vec::new();
        for _ in 0..rng.range(1, pool.len().min(8)) {
            let v = rng.pick(&pool).clone();
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
        let tag = if tagged { " tag=kind" } else { "" };
        let _ = writeln!(out, "union {n}{tag}{} {{", docs(&mut rng));
        for v in &variants {
            let _ = writeln!(out, "    variant {v}");
        }
        out.push_str("}\n\n");
        decls.unions.push(n);
    }
    for _ in 0..rng.range(0, 3) {
        let n = name(&mut rng, "a", index());
        // Only earlier declarations: no alias cycle.
        let ty = texpr(&mut rng, &decls, 2);
        let _ = writeln!(out, "alias {n} {}\n", q(&ty));
        decls.aliases.push(n);
    }

    // Contexts: a pool of params each, every function takes some of them.
    struct Read {
        name: String,
        context: String,
        returns: Option<String>,
    }
    let mut reads: Vec<Read> = Vec::new();
    let mut contexts: Vec<(String, Vec<(String, String)>)> = Vec::new();
    if rng.chance(50) {
        for _ in 0..rng.range(1, 3) {
            let f = name(&mut rng, "f", index());
            let returns = texpr(&mut rng, &decls, 1);
            let _ =
                writeln!(out, "function {f} context=global{} {{\n    returns {}\n}}\n", docs(&mut rng), q(&returns));
            reads.push(Read { name: f, context: "global".to_owned(), returns: Some(returns) });
        }
    }
    for _ in 0..rng.range(0, 3) {
        let c = kebab_name(&mut rng, "c", index());
        let pool: Vec<(String, String)> =
            (0..rng.range(0, 6)).map(|j| (member(&mut rng, j, false), query_texpr(&mut rng, &decls))).collect();
        let websocket = rng.chance(20);
        if rng.chance(40) {
            let doc = rng.pick(DOCS);
            let ssr = if rng.chance(50) { " ssr=#true" } else { "" };
            let _ = writeln!(out, "context {c} doc={}{ssr}\n", q(if doc.is_empty() { "A context" } else { doc }));
        }
        for _ in 0..rng.range(1, 4) {
            let f = name(&mut rng, "f", index());
            let transport = if websocket { " transport=websocket" } else { "" };
            let _ = writeln!(out, "function {f} context={c}{transport}{} {{", docs(&mut rng));
            for (p, ty) in &pool {
                if rng.chance(60) {
                    let optional = if rng.chance(30) { " optional=#true" } else { "" };
                    let _ = writeln!(out, "    param {p} {}{optional}", q(ty));
                }
            }
            let returns = rng.chance(90).then(|| texpr(&mut rng, &decls, 2));
            if let Some(r) = &returns {
                let _ = writeln!(out, "    returns {}", q(r));
            }
            out.push_str("}\n\n");
            reads.push(Read { name: f, context: c.clone(), returns });
        }
        if rng.chance(20) {
            let v = name(&mut rng, "f", index());
            let _ = writeln!(out, "function {v} context={c} view=#true route=\"/pages/{v}/\" methods=GET\n");
        }
        contexts.push((c, pool));
    }

    // Calls.
    let mut keywords: Vec<&str> = KEYWORD_CALLS.to_vec();
    for _ in 0..rng.range(0, 6) {
        let f = if !keywords.is_empty() && rng.chance(15) {
            keywords.swap_remove(rng.below(keywords.len())).to_owned()
        } else {
            name(&mut rng, "f", index())
        };
        let websocket = rng.chance(15);
        let auth = if rng.chance(30) { " auth=#true" } else { "" };
        let transport = if websocket { " transport=websocket" } else { "" };
        let _ = writeln!(out, "function {f}{auth}{transport}{} {{", docs(&mut rng));
        // Sometimes a context's params, so `affects` scopes by them.
        let shared = if !contexts.is_empty() && rng.chance(40) {
            let (_, pool) = rng.pick(&contexts);
            pool.iter().take(2).cloned().collect()
        } else {
            Vec::new()
        };
        let mut params = shared;
        for j in 0..rng.range(0, 7) {
            params.push((member(&mut rng, 100 + j, false), texpr(&mut rng, &decls, 2)));
        }
        // At most one hostile name a function: `timeout` and `timeout_` would collide in Python.
        if params.len() > 1 && rng.chance(30) {
            let at = rng.below(params.len() - 1) + 1;
            params[at].0 = rng.pick(HOSTILE_PARAMS).to_string();
        }
        if !websocket && rng.chance(20) {
            let ty = rng.pick(&["upload", "upload?", "list<upload>"]);
            params.push((format!("file_n{}", index()), ty.to_string()));
        }
        for (p, ty) in &params {
            let optional = if rng.chance(25) { " optional=#true" } else { "" };
            let _ = writeln!(out, "    param {p} {}{optional}{}", q(ty), docs(&mut rng));
        }
        // Merge into a context read whose return type no other read of its context has.
        let merge = (!reads.is_empty() && rng.chance(30))
            .then(|| rng.pick(&reads))
            .filter(|r| r.context != "global")
            .and_then(|r| {
                let ty = r.returns.clone()?;
                let unique =
                    reads.iter().filter(|o| o.context == r.context && o.returns.as_ref() == Some(&ty)).count() == 1;
                unique.then(|| (r.context.clone(), ty))
            });
        match &merge {
            Some((_, ty)) => {
                let _ = writeln!(out, "    returns {}", q(ty));
            }
            None if rng.chance(80) => {
                let _ = writeln!(out, "    returns {}", q(&texpr(&mut rng, &decls, 2)));
            }
            None => {}
        }
        if !contexts.is_empty() && rng.chance(50) {
            let _ = writeln!(out, "    affects {}", rng.pick(&contexts).0);
        }
        if let Some(r) = (!reads.is_empty() && rng.chance(30)).then(|| rng.pick(&reads))
            && r.context != "global"
        {
            let _ = writeln!(out, "    affects {} kind=function", r.name);
        }
        if let Some((c, _)) = &merge {
            let _ = writeln!(out, "    merge {c}");
        }
        out.push_str("}\n\n");
    }

    // Forms: submit (always), validate and schema (sometimes), the same params.
    for _ in 0..rng.range(0, 2) {
        let form = name(&mut rng, "form", index());
        let params: Vec<(String, String, &str)> = (0..rng.range(0, 6))
            .map(|j| {
                let (ty, constraint) = match rng.below(4) {
                    0 => ("string", " min-length=2 max-length=200"),
                    1 => ("int", " min=0 max=99"),
                    2 => ("string", " format=email"),
                    _ => ("bool", ""),
                };
                let ty = if !decls.enums.is_empty() && rng.chance(20) {
                    (rng.pick(&decls.enums).clone(), "")
                } else {
                    (ty.to_owned(), constraint)
                };
                (member(&mut rng, j, false), ty.0, ty.1)
            })
            .collect();
        let mut roles = vec!["submit"];
        if rng.chance(50) {
            roles.push("validate");
        }
        if rng.chance(30) {
            roles.push("schema");
        }
        for role in roles {
            let _ =
                writeln!(out, "function {} form={form} role={role}{} {{", q(&format!("{form}.{role}")), docs(&mut rng));
            if role != "schema" {
                for (p, ty, constraint) in &params {
                    let _ = writeln!(out, "    param {p} {}{constraint}", q(ty));
                }
            }
            let returns = match role {
                "schema" => "json".to_owned(),
                _ => texpr(&mut rng, &decls, 1),
            };
            let _ = writeln!(out, "    returns {}", q(&returns));
            out.push_str("}\n\n");
        }
    }

    // Channels.
    for _ in 0..rng.range(0, 3) {
        let ch = kebab_name(&mut rng, "ch", index());
        let _ = writeln!(out, "channel {ch}{} {{", docs(&mut rng));
        for j in 0..rng.range(0, 4) {
            let _ = writeln!(out, "    param {} {}", member(&mut rng, j, false), q(&query_texpr(&mut rng, &decls)));
        }
        if rng.chance(50) {
            let _ = writeln!(out, "    client-message {}", q(&texpr(&mut rng, &decls, 1)));
        }
        let _ = writeln!(out, "    server-message {}", q(&texpr(&mut rng, &decls, 1)));
        out.push_str("}\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn deterministic() {
        assert_eq!(super::ir(7), super::ir(7));
        assert_ne!(super::ir(7), super::ir(8));
    }
}
