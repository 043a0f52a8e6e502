//! The documents prettier's JavaScript printers build for the nodes of
//! `js` (src/language-js/print/: `call-arguments.js` with last-argument
//! hugging, `member-chain.js`, `object.js`, `array.js`, `assignment.js`), so
//! that prettier's printer (`ts::layout::doc`, shared with the TypeScript
//! writers) lays a line out the way `prettier --check` expects.

use super::js::{Expr, Prop};
use crate::emit::ts::layout::doc::{self, Doc, GroupId, HARDLINE, LINE, SOFTLINE};
use crate::emit::ts::layout::width;
use std::cell::Cell;

thread_local! {
    /// Ids for the groups of fluid assignments; unique within one print.
    static NEXT_ID: Cell<GroupId> = const { Cell::new(0) };
}

fn next_id() -> GroupId {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id.wrapping_add(1));
        id
    })
}

/// The document of an expression.
pub(super) fn expr(e: &Expr) -> Doc<'_> {
    match e {
        Expr::Ident(s) => doc::text(&**s),
        Expr::Str(s) | Expr::Num(s) => doc::text(s.as_str()),
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
fn arguments<'a>(args: &'a [Expr]) -> Doc<'a> {
    let Some((last, head)) = args.split_last() else {
        return doc::text("()");
    };
    let expands = expands_last(args);
    // The conditional group's states hold the same arguments: shared, never copied.
    let share = |d: Doc<'a>| if expands { doc::shared(d) } else { d };
    let head: Vec<Doc> = head.iter().map(|a| share(doc::concat(vec![expr(a), doc::text(","), LINE]))).collect();
    let last = share(expr(last));
    let head_breaks = head.iter().any(doc::will_break);
    let all_broken_out = |head: Vec<Doc<'a>>, last: Doc<'a>| {
        let mut inner = Vec::with_capacity(head.len() + 2);
        inner.push(LINE);
        inner.extend(head);
        inner.push(last);
        doc::broken_group(doc::concat(vec![
            doc::text("("),
            doc::indent(doc::concat(inner)),
            doc::text(","),
            LINE,
            doc::text(")"),
        ]))
    };
    if expands {
        if head_breaks {
            return all_broken_out(head, last);
        }
        let around = |last: Doc<'a>| {
            let mut parts = Vec::with_capacity(head.len() + 3);
            parts.push(doc::text("("));
            parts.extend(head.iter().cloned());
            parts.push(last);
            parts.push(doc::text(")"));
            doc::concat(parts)
        };
        let hugged = around(doc::broken_group(last.clone()));
        if doc::will_break(&last) {
            return doc::concat(vec![
                Doc::BreakParent,
                doc::conditional_group(vec![hugged, all_broken_out(head, last)]),
            ]);
        }
        let flat = around(last.clone());
        return doc::conditional_group(vec![flat, hugged, all_broken_out(head, last)]);
    }
    let breaks = head_breaks || doc::will_break(&last);
    let mut inner = Vec::with_capacity(head.len() + 2);
    inner.push(SOFTLINE);
    inner.extend(head);
    inner.push(last);
    let contents = doc::concat(vec![
        doc::text("("),
        doc::indent(doc::concat(inner)),
        doc::if_break(doc::text(","), doc::text("")),
        SOFTLINE,
        doc::text(")"),
    ]);
    if breaks { doc::broken_group(contents) } else { doc::group(contents) }
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
fn chain_groups<'l, 'a>(links: &'l [Link<'a>]) -> Vec<&'l [Link<'a>]> {
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

fn member_chain(e: &Expr) -> Doc<'_> {
    let links = linearize(e);
    let groups = chain_groups(&links);
    let merge = merges_first_call(&groups);
    if groups.len() <= if merge { 3 } else { 2 } {
        return doc::group(doc::concat(groups.iter().flat_map(|g| g.iter().map(link)).collect()));
    }
    // The one-line and the expanded forms hold the same groups: shared, never copied.
    let printed: Vec<Doc> = groups.iter().map(|g| doc::shared(doc::concat(g.iter().map(link).collect()))).collect();
    let one_line = doc::concat(printed.clone());
    let split = if merge { 2 } else { 1 };
    let mut indented = Vec::with_capacity(2 * (printed.len() - split));
    for g in &printed[split..] {
        indented.push(HARDLINE);
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

fn link<'a>(l: &Link<'a>) -> Doc<'a> {
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

fn object(props: &[Prop], expanded: bool) -> Doc<'_> {
    if props.is_empty() {
        return doc::text("{}");
    }
    let printed =
        props.iter().map(|p| assignment(doc::text(p.key.as_str()), width(&p.key), ":", &p.value, true)).collect();
    let contents = doc::concat(vec![
        doc::text("{"),
        doc::indent(doc::concat(vec![LINE, doc::join(&[doc::text(","), LINE], printed)])),
        doc::if_break(doc::text(","), doc::text("")),
        LINE,
        doc::text("}"),
    ]);
    if expanded { doc::broken_group(contents) } else { doc::group(contents) }
}

fn array(items: &[Expr]) -> Doc<'_> {
    if items.is_empty() {
        return doc::text("[]");
    }
    let joined = doc::join(&[doc::text(","), LINE], items.iter().map(|i| doc::group(expr(i))).collect());
    let inner = doc::concat(vec![SOFTLINE, joined, doc::if_break(doc::text(","), doc::text(""))]);
    let contents = doc::concat(vec![doc::text("["), doc::indent(inner), SOFTLINE, doc::text("]")]);
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
pub(super) fn assignment<'a>(
    left: Doc<'a>,
    left_width: usize,
    op: &'a str,
    right: &'a Expr,
    property: bool,
) -> Doc<'a> {
    let left = doc::group(left);
    let right_doc = expr(right);
    match layout(left_width, right, property) {
        Layout::BreakAfterOperator => doc::group(doc::concat(vec![
            left,
            doc::text(op),
            doc::group(doc::indent(doc::concat(vec![LINE, right_doc]))),
        ])),
        Layout::NeverBreakAfterOperator => {
            doc::group(doc::concat(vec![left, doc::text(op), doc::text(" "), right_doc]))
        }
        Layout::Fluid => {
            let id = next_id();
            doc::group(doc::concat(vec![
                left,
                doc::text(op),
                doc::group_with_id(doc::indent(LINE), id),
                doc::indent_if_break(right_doc, id),
            ]))
        }
    }
}
