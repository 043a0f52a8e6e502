//! Seeded random IRs for the zod target: names from one letter to longer
//! than a line, type expressions nested three deep, constraints, tagged and
//! untagged unions, aliases and cycles anywhere. They reach layouts and
//! orders the fixtures do not, for `mod.rs`'s prettier and tsc checks.

/// A small deterministic generator (a 64-bit LCG, high bits).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Lowercase letters: short most of the time, sometimes past a line.
    fn word(&mut self) -> String {
        let len = match self.below(10) {
            0..=4 => 1 + self.below(6),
            5..=7 => 8 + self.below(16),
            _ => 30 + self.below(50),
        };
        (0..len).map(|_| (b'a' + self.below(26) as u8) as char).collect()
    }
}

const PRIMS: &[&str] = &["string", "int", "float", "bool", "datetime", "date", "time", "uuid", "decimal", "json"];

/// One random IR, valid by construction.
pub fn ir(seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ 0x5bd1_e995);
    let objects: Vec<String> = (0..3 + rng.below(6)).map(|i| format!("O{i}x{}", rng.word())).collect();
    let enums: Vec<String> = (0..1 + rng.below(2)).map(|i| format!("E{i}x{}", rng.word())).collect();
    let unions: Vec<String> = (0..1 + rng.below(3)).map(|i| format!("U{i}x{}", rng.word())).collect();
    let aliases: Vec<String> = (0..1 + rng.below(3)).map(|i| format!("A{i}x{}", rng.word())).collect();
    let mut out = format!("mizan-ir 1 project=random{seed}\n");
    for name in &enums {
        out.push_str(&format!("enum {name} {{\n"));
        for i in 0..1 + rng.below(5) {
            out.push_str(&format!("    value \"v{i} {}\"\n", rng.word()));
        }
        out.push_str("}\n");
    }
    // Types an expression may name: anything but aliases after the current one.
    let named = |rng: &mut Rng, upto_alias: usize| -> String {
        let pool: Vec<&String> =
            objects.iter().chain(&enums).chain(&unions).chain(aliases.iter().take(upto_alias)).collect();
        pool[rng.below(pool.len())].clone()
    };
    let expr = |rng: &mut Rng, upto_alias: usize| -> String { type_expr(rng, 0, &mut |r| named(r, upto_alias)) };
    for (i, name) in aliases.iter().enumerate() {
        out.push_str(&format!("alias {name} \"{}\"\n", expr(&mut rng, i)));
    }
    for name in &objects {
        out.push_str(&format!("type {name} {{\n"));
        for f in 0..rng.below(6) {
            let field = field_name(&mut rng, f);
            out.push_str(&format!("    field \"{field}\" {}\n", field_type(&mut rng, &mut |r| expr(r, aliases.len()))));
        }
        out.push_str("}\n");
    }
    for (i, name) in unions.iter().enumerate() {
        let tagged = rng.chance(60);
        if tagged {
            out.push_str(&format!("union {name} tag=\"tag {}\" {{\n", rng.word()));
        } else {
            out.push_str(&format!("union {name} {{\n"));
        }
        let mut variants: Vec<String> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let pool: Vec<&String> = if tagged {
                objects.iter().collect()
            } else {
                objects.iter().chain(&enums).chain(&unions[..i]).chain(&aliases).collect()
            };
            let v = pool[rng.below(pool.len())].clone();
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
        for v in variants {
            let value = if tagged && rng.chance(50) { format!(" tag-value=\"{}\"", rng.word()) } else { String::new() };
            out.push_str(&format!("    variant {v}{value}\n"));
        }
        out.push_str("}\n");
    }
    for f in 0..1 + rng.below(3) {
        out.push_str(&format!("function call{f}_{} {{\n", rng.word()));
        for p in 0..rng.below(4) {
            let param = format!("p{p}_{}", rng.word());
            let optional = if rng.chance(30) { " optional=#true" } else { "" };
            let ty = field_type(&mut rng, &mut |r| expr(r, aliases.len()));
            out.push_str(&format!("    param {param} {ty}{optional}\n"));
        }
        if rng.chance(80) {
            out.push_str(&format!("    returns \"{}\"\n", expr(&mut rng, aliases.len())));
        }
        out.push_str("}\n");
    }
    for f in 0..1 + rng.below(3) {
        out.push_str(&format!("function read{f}_{} context=ctx{} {{\n", rng.word(), f % 2));
        if rng.chance(50) {
            out.push_str("    param id int\n");
        }
        out.push_str(&format!("    returns \"{}\"\n}}\n", expr(&mut rng, aliases.len())));
    }
    out
}

/// A field name, unique by its index; some need quotes.
fn field_name(rng: &mut Rng, index: usize) -> String {
    let sep = ["_", "-", " ", ""][rng.below(4)];
    format!("f{index}{sep}{}", rng.word())
}

/// A type expression, quoted, with constraints when its type takes them.
fn field_type(rng: &mut Rng, named: &mut dyn FnMut(&mut Rng) -> String) -> String {
    if !rng.chance(40) {
        return format!("\"{}\"", type_expr(rng, 0, named));
    }
    let nullable = if rng.chance(30) { "?" } else { "" };
    match rng.below(5) {
        0 => {
            let format = ["email", "url", "uuid", "slug", "ipv4", "ipv6"][rng.below(6)];
            format!("\"string{nullable}\" min-length=1 max-length={} format={format}", 2 + rng.below(300))
        }
        1 => format!("\"string{nullable}\" pattern=\"^[a-z]{{{}}}$\"", 1 + rng.below(9)),
        2 => format!("\"int{nullable}\" min=-{} max={}", rng.below(9), rng.below(999)),
        3 => format!("\"decimal{nullable}\" min=0.5"),
        _ => format!("\"list<{}>{nullable}\" min-length=1", type_expr(rng, 1, named)),
    }
}

fn type_expr(rng: &mut Rng, depth: usize, named: &mut dyn FnMut(&mut Rng) -> String) -> String {
    let inner = match rng.below(if depth >= 3 { 2 } else { 5 }) {
        0 => PRIMS[rng.below(PRIMS.len())].to_owned(),
        1 => named(rng),
        2 => format!("list<{}>", type_expr(rng, depth + 1, named)),
        3 => format!("map<{}>", type_expr(rng, depth + 1, named)),
        _ => named(rng),
    };
    if rng.chance(25) && !inner.ends_with('?') { format!("{inner}?") } else { inner }
}
