//! The JavaScript the zod target writes, as a small syntax tree, and its
//! layout: each node becomes the document prettier's printer builds for it
//! (src/language-js/print/: `call-arguments.js` with last-argument hugging,
//! `member-chain.js`, `object.js`, `array.js`, `assignment.js`), so that
//! `doc::print` writes what `prettier --check` accepts. Only the node kinds
//! the schemas use exist; member expressions appear only as callees (a
//! standalone `a.b.c` could break differently).

use super::doc::{self, Doc};
use std::cell::Cell;

/// An expression.
#[derive(Clone, Debug)]
pub enum Expr {
    /// An identifier, or any text prettier keeps as one unbreakable token.
    Ident(String),
    /// A string literal, already quoted.
    Str(String),
    /// A number literal, as prettier prints it.
    Num(String),
    /// `object.name`; `name` may carry type arguments (`custom<T.Empty>`).
    Member(Box<Expr>, String),
    Call(Box<Expr>, Vec<Expr>),
    /// `new Callee(args)`.
    New(String, Vec<Expr>),
    /// An object literal; `expanded` keeps it broken, as prettier keeps an
    /// object whose source has a line break after `{`.
    Object(Vec<Prop>, bool),
    Array(Vec<Expr>),
}

/// A property of an object literal.
#[derive(Clone, Debug)]
pub struct Prop {
    /// The key as written: bare, quoted, or computed (`["__proto__"]`).
    pub key: String,
    pub value: Expr,
}

impl Expr {
    /// `self.name(args)`.
    pub fn method(self, name: &str, args: Vec<Expr>) -> Expr {
        Expr::Call(Box::new(Expr::Member(Box::new(self), name.to_owned())), args)
    }
}

pub fn ident(name: impl Into<String>) -> Expr {
    Expr::Ident(name.into())
}

/// `name(args)`.
pub fn call(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Call(Box::new(ident(name)), args)
}

/// `export const {name} = {value};`
///
/// Most lines fit the print width as they are, and then prettier prints
/// them flat: those are written directly, and documents are built only for
/// the lines that do not fit (a broken object's properties one by one).
pub fn export_const(name: &str, value: &Expr) -> String {
    let head = format!("export const {name} = ");
    let mut out = String::with_capacity(64);
    if let Some((callee, props)) = expanded_object(value) {
        out.push_str(&head);
        let callee_flat = callee.is_none_or(|c| flat(c, &mut out));
        out.push_str(if callee.is_some() { "({" } else { "{" });
        if callee_flat && fits(&out, 0) {
            for p in props {
                out.push('\n');
                property_line(&mut out, p);
            }
            out.push_str(if callee.is_some() { "\n});" } else { "\n};" });
            return out;
        }
        out.clear();
    } else if flat(value, &mut out) && fits(&out, doc::width(&head) + 1) {
        return format!("{head}{out};");
    } else if let Some(hugged) = hugged_array(&head, value) {
        return hugged;
    }
    let declarator = assignment(doc::text(name), doc::width(name), " =", value, false);
    let statement = doc::group(doc::concat(vec![doc::text("const "), declarator, doc::text(";")]));
    doc::print(doc::concat(vec![doc::text("export "), statement]))
}

/// `callee({...})` or `{...}` with an object that stays broken: the callee
/// (if any) and the properties.
fn expanded_object(e: &Expr) -> Option<(Option<&Expr>, &[Prop])> {
    match e {
        Expr::Object(props, true) if !props.is_empty() => Some((None, props)),
        Expr::Call(callee, args) => match args.as_slice() {
            [Expr::Object(props, true)] if !props.is_empty() => Some((Some(callee), props)),
            _ => None,
        },
        _ => None,
    }
}

/// `{head}callee(a, [` then one item a line, when the call does not fit on
/// one line but that first line does: prettier hugs a last array argument.
fn hugged_array(head: &str, value: &Expr) -> Option<String> {
    let Expr::Call(callee, args) = value else { return None };
    let (Expr::Array(items), before) = args.split_last()? else { return None };
    if !expands_last(args) {
        return None;
    }
    let mut out = String::from(head);
    if !flat(callee, &mut out) {
        return None;
    }
    out.push('(');
    for a in before {
        if !flat(a, &mut out) {
            return None;
        }
        out.push_str(", ");
    }
    out.push('[');
    if !fits(&out, 0) {
        return None;
    }
    for item in items {
        out.push('\n');
        item_line(&mut out, item);
    }
    out.push_str("\n]);");
    Some(out)
}

/// Appends one item of a broken array at indent 1, with its comma: flat
/// when it fits, else laid out.
fn item_line(out: &mut String, e: &Expr) {
    let start = out.len();
    out.push_str("  ");
    if flat(e, out) && fits(&out[start..], 1) {
        out.push(',');
        return;
    }
    out.truncate(start);
    let item = doc::group(expr(e));
    let printed = doc::print(doc::indent(doc::concat(vec![doc::hardline(), item, doc::text(",")])));
    out.push_str(&printed[1..]);
}

/// Whether `text` plus `extra` columns fits the print width.
fn fits(text: &str, extra: usize) -> bool {
    doc::width(text) + extra <= 80
}

/// Appends one property of a broken object at indent 1, with its comma:
/// flat when it fits, else laid out.
fn property_line(out: &mut String, p: &Prop) {
    let start = out.len();
    out.push_str("  ");
    out.push_str(&p.key);
    out.push_str(": ");
    if flat(&p.value, out) && fits(&out[start..], 1) {
        out.push(',');
        return;
    }
    out.truncate(start);
    let property = assignment(doc::text(p.key.as_str()), doc::width(&p.key), ":", &p.value, true);
    let printed = doc::print(doc::indent(doc::concat(vec![doc::hardline(), property, doc::text(",")])));
    out.push_str(&printed[1..]);
}

/// Appends the one-line form of `e`; false when `e` cannot be one line (it
/// holds an object that stays broken).
fn flat(e: &Expr, out: &mut String) -> bool {
    match e {
        Expr::Ident(s) | Expr::Str(s) | Expr::Num(s) => out.push_str(s),
        Expr::Member(object, name) => {
            if !flat(object, out) {
                return false;
            }
            out.push('.');
            out.push_str(name);
        }
        Expr::Call(callee, args) => return flat(callee, out) && flat_list(args, out, "(", ")"),
        Expr::New(callee, args) => {
            out.push_str("new ");
            out.push_str(callee);
            return flat_list(args, out, "(", ")");
        }
        Expr::Array(items) => return !breaks_array(items) && flat_list(items, out, "[", "]"),
        Expr::Object(props, expanded) => {
            if props.is_empty() {
                out.push_str("{}");
                return true;
            }
            if *expanded {
                return false;
            }
            out.push_str("{ ");
            for (i, p) in props.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&p.key);
                out.push_str(": ");
                if !flat(&p.value, out) {
                    return false;
                }
            }
            out.push_str(" }");
        }
    }
    true
}

fn flat_list(items: &[Expr], out: &mut String, open: &str, close: &str) -> bool {
    out.push_str(open);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if !flat(item, out) {
            return false;
        }
    }
    out.push_str(close);
    true
}

thread_local! {
    /// Ids for the groups of fluid assignments; unique within one print.
    static NEXT_ID: Cell<usize> = const { Cell::new(0) };
}

fn next_id() -> usize {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// The document of an expression.
fn expr(e: &Expr) -> Doc {
    match e {
        Expr::Ident(s) | Expr::Str(s) | Expr::Num(s) => doc::text(s.as_str()),
        Expr::Member(object, name) => doc::concat(vec![expr(object), doc::text(format!(".{name}"))]),
        Expr::Call(callee, args) => match callee.as_ref() {
            Expr::Member(..) => member_chain(e),
            other => doc::concat(vec![expr(other), arguments(args)]),
        },
        Expr::New(callee, args) => doc::concat(vec![doc::text(format!("new {callee}")), arguments(args)]),
        Expr::Object(props, expanded) => object(props, *expanded),
        Expr::Array(items) => array(items),
    }
}

/// `(a, b)`: flat; else the last argument hugged when it is an object or
/// array literal; else one argument a line.
fn arguments(args: &[Expr]) -> Doc {
    if args.is_empty() {
        return doc::text("()");
    }
    let printed: Vec<Doc> = args.iter().map(expr).collect();
    let (last, head) = printed.split_last().expect("non-empty");
    let head: Vec<Doc> = head.iter().map(|a| doc::concat(vec![a.clone(), doc::text(","), doc::line()])).collect();
    let all_broken_out = || {
        let mut inner = vec![doc::line()];
        inner.extend(head.iter().cloned());
        inner.push(last.clone());
        doc::broken_group(doc::concat(vec![
            doc::text("("),
            doc::indent(doc::concat(inner)),
            doc::text(","),
            doc::line(),
            doc::text(")"),
        ]))
    };
    let around = |last: Doc| {
        let mut parts = vec![doc::text("(")];
        parts.extend(head.iter().cloned());
        parts.push(last);
        parts.push(doc::text(")"));
        doc::concat(parts)
    };
    if expands_last(args) {
        if head.iter().any(doc::will_break) {
            return all_broken_out();
        }
        let hugged = around(doc::broken_group(last.clone()));
        if doc::will_break(last) {
            return doc::concat(vec![doc::Doc::BreakParent, doc::conditional_group(vec![hugged, all_broken_out()])]);
        }
        return doc::conditional_group(vec![around(last.clone()), hugged, all_broken_out()]);
    }
    let mut inner = vec![doc::softline()];
    inner.extend(head.iter().cloned());
    inner.push(last.clone());
    let contents = doc::concat(vec![
        doc::text("("),
        doc::indent(doc::concat(inner)),
        doc::if_break(doc::text(","), doc::text("")),
        doc::softline(),
        doc::text(")"),
    ]);
    if printed.iter().any(doc::will_break) { doc::broken_group(contents) } else { doc::group(contents) }
}

/// prettier's `shouldExpandLastArg` for the nodes here: a non-empty object
/// or array literal, after an argument of another kind.
fn expands_last(args: &[Expr]) -> bool {
    let kind = |e: &Expr| match e {
        Expr::Object(..) => 1,
        Expr::Array(..) => 2,
        _ => 0,
    };
    let last = &args[args.len() - 1];
    let could = match last {
        Expr::Object(props, _) => !props.is_empty(),
        Expr::Array(items) => !items.is_empty(),
        _ => false,
    };
    could && (args.len() < 2 || kind(&args[args.len() - 2]) != kind(last))
}

/// One node of a linearized member chain.
enum Link<'a> {
    Root(&'a Expr),
    Member(&'a str),
    Call(&'a [Expr]),
}

/// `a.b(x).c(y)` as `[a, .b, (x), .c, (y)]`.
fn linearize(e: &Expr) -> Vec<Link<'_>> {
    let mut links = Vec::new();
    let mut node = e;
    loop {
        match node {
            Expr::Call(callee, args) if matches!(callee.as_ref(), Expr::Member(..) | Expr::Call(..)) => {
                links.push(Link::Call(args));
                node = callee;
            }
            Expr::Member(object, name) => {
                links.push(Link::Member(name));
                node = object;
            }
            root => {
                links.push(Link::Root(root));
                break;
            }
        }
    }
    links.reverse();
    links
}

/// The groups of a chain (prettier's `printMemberChain`): the first holds
/// the root and the member accesses before the first call, each other one
/// `.name(args)`.
fn chain_groups<'a>(links: &'a [Link<'a>]) -> Vec<&'a [Link<'a>]> {
    let mut i = 1;
    while i < links.len() && matches!(links[i], Link::Call(_)) {
        i += 1;
    }
    if !matches!(links[0], Link::Call(_)) {
        while i + 1 < links.len() && matches!(links[i], Link::Member(_)) && matches!(links[i + 1], Link::Member(_)) {
            i += 1;
        }
    }
    let mut groups = vec![&links[..i]];
    let mut start = i;
    let mut seen_call = false;
    for (j, link) in links.iter().enumerate().skip(i) {
        if seen_call && matches!(link, Link::Member(_)) {
            groups.push(&links[start..j]);
            start = j;
            seen_call = false;
        }
        if matches!(link, Link::Call(_)) {
            seen_call = true;
        }
    }
    if start < links.len() {
        groups.push(&links[start..]);
    }
    groups
}

/// Whether the chain's first call stays on the root's line: a root that
/// looks like a factory (`Object.keys(...)`, `UserSchema.extend(...)`).
fn merges_first_call(groups: &[&[Link<'_>]]) -> bool {
    if groups.len() < 2 || groups[0].len() != 1 {
        return false;
    }
    match groups[0][0] {
        Link::Root(Expr::Ident(name)) => {
            name.starts_with(|c: char| c.is_ascii_uppercase()) || name.chars().all(|c| c == '$' || c == '_')
        }
        _ => false,
    }
}

/// The chain is printed by `printMemberChain` as such (more groups than
/// fit on one line by default), not as a plain call.
fn is_member_chain(e: &Expr) -> bool {
    let links = linearize(e);
    let groups = chain_groups(&links);
    groups.len() > if merges_first_call(&groups) { 3 } else { 2 }
}

fn member_chain(e: &Expr) -> Doc {
    let links = linearize(e);
    let groups = chain_groups(&links);
    let printed: Vec<Doc> = groups.iter().map(|g| doc::concat(g.iter().map(link).collect())).collect();
    let one_line = doc::concat(printed.clone());
    let merge = merges_first_call(&groups);
    if groups.len() <= if merge { 3 } else { 2 } {
        return doc::group(one_line);
    }
    let split = if merge { 2 } else { 1 };
    let mut indented = Vec::new();
    for g in &printed[split..] {
        indented.push(doc::hardline());
        indented.push(g.clone());
    }
    let mut expanded = printed[..split].to_vec();
    expanded.push(doc::indent(doc::concat(indented)));
    let expanded = doc::concat(expanded);
    let calls: Vec<&[Expr]> = links
        .iter()
        .filter_map(|l| match l {
            Link::Call(args) => Some(*args),
            _ => None,
        })
        .collect();
    let complex = calls.len() > 2 && calls.iter().any(|args| !args.iter().all(|a| is_simple(a, 2)));
    if complex || printed[..printed.len() - 1].iter().any(doc::will_break) {
        return doc::group(expanded);
    }
    let mut parts = Vec::new();
    if doc::will_break(&one_line) {
        parts.push(Doc::BreakParent);
    }
    parts.push(doc::conditional_group(vec![one_line, expanded]));
    doc::concat(parts)
}

fn link(l: &Link<'_>) -> Doc {
    match l {
        Link::Root(e) => expr(e),
        Link::Member(name) => doc::text(format!(".{name}")),
        Link::Call(args) => arguments(args),
    }
}

/// prettier's `isSimpleCallArgument`.
fn is_simple(e: &Expr, depth: usize) -> bool {
    if depth == 0 {
        return false;
    }
    match e {
        Expr::Ident(_) | Expr::Str(_) | Expr::Num(_) => true,
        Expr::Object(props, _) => props.iter().all(|p| !p.key.starts_with('[') && is_simple(&p.value, depth - 1)),
        Expr::Array(items) => items.iter().all(|i| is_simple(i, depth - 1)),
        Expr::Call(callee, args) => {
            is_simple(callee, depth) && args.len() <= depth && args.iter().all(|a| is_simple(a, depth - 1))
        }
        Expr::New(_, args) => args.len() <= depth && args.iter().all(|a| is_simple(a, depth - 1)),
        Expr::Member(object, _) => is_simple(object, depth),
    }
}

fn object(props: &[Prop], expanded: bool) -> Doc {
    if props.is_empty() {
        return doc::text("{}");
    }
    let separator = doc::concat(vec![doc::text(","), doc::line()]);
    let printed =
        props.iter().map(|p| assignment(doc::text(p.key.as_str()), doc::width(&p.key), ":", &p.value, true)).collect();
    let mut inner = vec![doc::line()];
    inner.extend(doc::join(&separator, printed));
    let contents = doc::concat(vec![
        doc::text("{"),
        doc::indent(doc::concat(inner)),
        doc::if_break(doc::text(","), doc::text("")),
        doc::line(),
        doc::text("}"),
    ]);
    if expanded { doc::broken_group(contents) } else { doc::group(contents) }
}

fn array(items: &[Expr]) -> Doc {
    if items.is_empty() {
        return doc::text("[]");
    }
    let separator = doc::concat(vec![doc::text(","), doc::line()]);
    let mut inner = vec![doc::softline()];
    inner.extend(doc::join(&separator, items.iter().map(|i| doc::group(expr(i))).collect()));
    inner.push(doc::if_break(doc::text(","), doc::text("")));
    let contents = doc::concat(vec![doc::text("["), doc::indent(doc::concat(inner)), doc::softline(), doc::text("]")]);
    if breaks_array(items) { doc::broken_group(contents) } else { doc::group(contents) }
}

/// An array of several objects (or arrays) of more than one entry each
/// always breaks.
fn breaks_array(items: &[Expr]) -> bool {
    let entries = |e: &Expr| match e {
        Expr::Object(props, _) => Some((1, props.len())),
        Expr::Array(items) => Some((2, items.len())),
        _ => None,
    };
    items.len() > 1
        && items.iter().enumerate().all(|(i, item)| {
            let Some((kind, count)) = entries(item) else { return false };
            let same_as_next = items.get(i + 1).is_none_or(|next| entries(next).is_some_and(|(k, _)| k == kind));
            same_as_next && count > 1
        })
}

/// How an assignment (or an object property) breaks (prettier's
/// `chooseLayout`), for a left side that cannot break.
#[derive(PartialEq)]
enum Layout {
    BreakAfterOperator,
    NeverBreakAfterOperator,
    Fluid,
}

fn layout(left_width: usize, right: &Expr, property: bool) -> Layout {
    // Wrapping the value of a key shorter than the indent plus 3 gains nothing.
    let short_key = property && left_width < 2 + 3;
    if !short_key && (matches!(right, Expr::Str(_)) || poorly_breakable(right, false)) {
        return Layout::BreakAfterOperator;
    }
    if short_key || matches!(right, Expr::Num(n) if !n.starts_with('-')) {
        return Layout::NeverBreakAfterOperator;
    }
    Layout::Fluid
}

/// prettier's `isPoorlyBreakableMemberOrCallChain`: a chain of calls
/// without arguments, or with one short argument each.
fn poorly_breakable(e: &Expr, deep: bool) -> bool {
    match e {
        Expr::Call(callee, args) => {
            if matches!(callee.as_ref(), Expr::Member(..)) && is_member_chain(e) {
                return false;
            }
            let poor = args.is_empty() || (args.len() == 1 && lone_short(&args[0]));
            poor && poorly_breakable(callee, true)
        }
        Expr::Member(object, _) => poorly_breakable(object, true),
        Expr::Ident(_) => deep,
        _ => false,
    }
}

/// prettier's `isLoneShortArgument` (a quarter of the print width).
fn lone_short(e: &Expr) -> bool {
    const THRESHOLD: usize = 80 / 4;
    match e {
        Expr::Ident(name) => name.len() <= THRESHOLD,
        Expr::Num(_) => true,
        Expr::Str(s) => s.encode_utf16().count() <= THRESHOLD,
        Expr::Call(callee, args) => {
            args.is_empty() && matches!(callee.as_ref(), Expr::Ident(name) if name.len() <= THRESHOLD - 2)
        }
        _ => false,
    }
}

/// `left{op} right` (`=` or `:`), laid out as prettier's `printAssignment`.
fn assignment(left: Doc, left_width: usize, op: &str, right: &Expr, property: bool) -> Doc {
    let left = doc::group(left);
    let right_doc = expr(right);
    match layout(left_width, right, property) {
        Layout::BreakAfterOperator => doc::group(doc::concat(vec![
            left,
            doc::text(op),
            doc::group(doc::indent(doc::concat(vec![doc::line(), right_doc]))),
        ])),
        Layout::NeverBreakAfterOperator => {
            doc::group(doc::concat(vec![left, doc::text(op), doc::text(" "), right_doc]))
        }
        Layout::Fluid => {
            let id = next_id();
            doc::group(doc::concat(vec![
                left,
                doc::text(op),
                doc::group_with_id(doc::indent(doc::line()), id),
                doc::indent_if_break(right_doc, id),
            ]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn z(method: &str, args: Vec<Expr>) -> Expr {
        ident("z").method(method, args)
    }

    #[test]
    fn short_declarations_stay_on_one_line() {
        let e = z("array", vec![ident("OrderSchema")]);
        assert_eq!(export_const("OrdersSchema", &e), "export const OrdersSchema = z.array(OrderSchema);");
    }

    #[test]
    fn a_long_chain_breaks_one_call_a_line() {
        let pattern = vec![Expr::Str("\"^[a-z][a-z0-9-]*[a-z0-9]$\"".into()), Expr::Str("\"u\"".into())];
        let e = z("string", vec![])
            .method("min", vec![Expr::Num("1".into())])
            .method("max", vec![Expr::Num("64".into())])
            .method("regex", vec![Expr::New("RegExp".into(), pattern)]);
        let object = Expr::Object(vec![Prop { key: "name".into(), value: e }], true);
        assert_eq!(
            export_const("LimitsSchema", &z("object", vec![object])),
            "export const LimitsSchema = z.object({\n  name: z\n    .string()\n    .min(1)\n    .max(64)\n    .regex(new RegExp(\"^[a-z][a-z0-9-]*[a-z0-9]$\", \"u\")),\n});"
        );
    }

    #[test]
    fn a_last_array_argument_is_hugged() {
        let items = (0..4).map(|i| Expr::Str(format!("\"value-number-{i}\""))).collect();
        let printed = export_const("LevelSchema", &z("enum", vec![Expr::Array(items)]));
        assert_eq!(
            printed,
            "export const LevelSchema = z.enum([\n  \"value-number-0\",\n  \"value-number-1\",\n  \"value-number-2\",\n  \"value-number-3\",\n]);"
        );
    }
}
