//! The documents prettier's JavaScript printers build for the nodes of
//! `js` (src/language-js/print/: `call-arguments.js` with last-argument
//! hugging, `member-chain.js`, `object.js`, `array.js`, `assignment.js`), so
//! that `doc::print` lays a line out the way `prettier --check` expects.

use super::doc::{self, Doc};
use super::js::{Expr, Prop};
use std::cell::Cell;

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
pub(super) fn expr(e: &Expr) -> Doc {
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
pub(super) fn expands_last(args: &[Expr]) -> bool {
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
pub(super) fn breaks_array(items: &[Expr]) -> bool {
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
pub(super) fn assignment(left: Doc, left_width: usize, op: &str, right: &Expr, property: bool) -> Doc {
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
