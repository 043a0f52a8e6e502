//! prettier's document printer (`src/document/printer/printer.js` in
//! prettier 3), ported for the code the TypeScript writers and the zod
//! target lay out when its one-line form does not fit: a [`Doc`] says where
//! a line may break (groups, indents, soft and hard lines, conditional
//! content) and [`print`] decides, with prettier's own algorithm (a group
//! stays flat when it fits up to the next possible line break, its
//! conditional states are tried in order), so the output is the one
//! prettier prints for the same document. `syntax.rs` (and the zod target's
//! `layout.rs`) build the documents prettier builds for each construct.
//!
//! A document is a tree, but a conditional group's states share most of
//! their contents (the same arguments, hugged or not): a shared part is a
//! [`Doc::Shared`] pointing at one copy, never cloned. prettier's
//! `propagateBreaks` is done as the tree is built: a group knows at
//! construction whether what it holds forces a break.

use super::{WIDTH, width};
use std::borrow::Cow;
use std::rc::Rc;

/// Identifies a group whose mode [`Doc::IfBreak`] and
/// [`Doc::IndentIfBreak`] follow; unique within one document.
pub type GroupId = u32;

/// A possible line break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// Nothing when flat (prettier's `softline`).
    Soft,
    /// A space when flat (`line`).
    Space,
    /// Always a line break, which breaks every enclosing group (`hardline`).
    Hard,
}

/// A document, as prettier's doc builders make them.
#[derive(Clone, Debug)]
pub enum Doc<'a> {
    Text(Cow<'a, str>),
    Concat(Vec<Doc<'a>>),
    Group(Box<Group<'a>>),
    Indent(Box<Doc<'a>>),
    /// `align(n, doc)`: `n` more columns of indentation.
    Align(usize, Box<Doc<'a>>),
    Line(Line),
    /// `ifBreak(broken, flat, { groupId })`: by the mode of the group
    /// `group`, or else of the enclosing group.
    IfBreak {
        broken: Box<Doc<'a>>,
        flat: Box<Doc<'a>>,
        group: Option<GroupId>,
    },
    /// `indentIfBreak(contents, { groupId })`.
    IndentIfBreak {
        contents: Box<Doc<'a>>,
        group: GroupId,
    },
    /// prettier's `breakParent`: prints nothing, breaks the enclosing group.
    BreakParent,
    /// A document that stands in several places (the states of a
    /// conditional group): cloning it clones the pointer.
    Shared(Rc<Doc<'a>>),
}

/// A group: printed flat when it fits, else broken; a conditional group
/// (prettier's `conditionalGroup`) also has more states to try.
#[derive(Clone, Debug)]
pub struct Group<'a> {
    pub contents: Doc<'a>,
    /// Broken whatever fits (`shouldBreak`, or, for a plain group, a hard
    /// line or a broken group inside: prettier's `propagateBreaks`).
    pub broken: bool,
    pub id: Option<GroupId>,
    /// The states after `contents`, the most expanded last; empty for a
    /// plain group.
    pub states: Vec<Doc<'a>>,
}

pub fn text<'a>(s: impl Into<Cow<'a, str>>) -> Doc<'a> {
    Doc::Text(s.into())
}

pub fn concat(parts: Vec<Doc<'_>>) -> Doc<'_> {
    Doc::Concat(parts)
}

pub fn group(contents: Doc<'_>) -> Doc<'_> {
    let broken = breaks(&contents);
    Doc::Group(Box::new(Group { contents, broken, id: None, states: Vec::new() }))
}

/// A group that is broken whatever fits.
pub fn broken_group(contents: Doc<'_>) -> Doc<'_> {
    Doc::Group(Box::new(Group { contents, broken: true, id: None, states: Vec::new() }))
}

pub fn group_with_id(contents: Doc<'_>, id: GroupId) -> Doc<'_> {
    let broken = breaks(&contents);
    Doc::Group(Box::new(Group { contents, broken, id: Some(id), states: Vec::new() }))
}

/// prettier's `conditionalGroup(states)`: the first state that fits flat
/// (up to its first forced break), else the last one, broken. What breaks
/// inside does not break it (nor what encloses it).
pub fn conditional_group(mut states: Vec<Doc<'_>>) -> Doc<'_> {
    let contents = states.remove(0);
    Doc::Group(Box::new(Group { contents, broken: false, id: None, states }))
}

/// `doc`, to be used in several places without copying it.
pub fn shared(doc: Doc<'_>) -> Doc<'_> {
    match doc {
        Doc::Shared(_) => doc,
        doc => Doc::Shared(Rc::new(doc)),
    }
}

pub fn indent(doc: Doc<'_>) -> Doc<'_> {
    Doc::Indent(Box::new(doc))
}

pub fn align(n: usize, doc: Doc<'_>) -> Doc<'_> {
    Doc::Align(n, Box::new(doc))
}

pub const LINE: Doc<'static> = Doc::Line(Line::Space);
pub const SOFTLINE: Doc<'static> = Doc::Line(Line::Soft);
pub const HARDLINE: Doc<'static> = Doc::Line(Line::Hard);

pub fn if_break<'a>(broken: Doc<'a>, flat: Doc<'a>) -> Doc<'a> {
    Doc::IfBreak { broken: Box::new(broken), flat: Box::new(flat), group: None }
}

#[cfg(test)]
pub fn if_group_breaks<'a>(broken: Doc<'a>, flat: Doc<'a>, group: GroupId) -> Doc<'a> {
    Doc::IfBreak { broken: Box::new(broken), flat: Box::new(flat), group: Some(group) }
}

pub fn indent_if_break(contents: Doc<'_>, group: GroupId) -> Doc<'_> {
    Doc::IndentIfBreak { contents: Box::new(contents), group }
}

/// `parts` with `sep` between each two.
pub fn join<'a>(sep: &[Doc<'a>], parts: Vec<Doc<'a>>) -> Doc<'a> {
    let mut out = Vec::with_capacity(parts.len() * (1 + sep.len()));
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            out.extend(sep.iter().cloned());
        }
        out.push(p);
    }
    Doc::Concat(out)
}

/// Whether `doc` breaks the group that encloses it (prettier's
/// `propagateBreaks`, for one level: the groups inside already know): a
/// hard line, a `breakParent` or a broken group, outside conditional
/// groups.
fn breaks(doc: &Doc<'_>) -> bool {
    match doc {
        Doc::Text(_) | Doc::Line(Line::Soft | Line::Space) => false,
        Doc::Line(Line::Hard) | Doc::BreakParent => true,
        Doc::Concat(parts) => parts.iter().any(breaks),
        Doc::Indent(d) | Doc::Align(_, d) | Doc::IndentIfBreak { contents: d, .. } => breaks(d),
        Doc::IfBreak { broken, flat, .. } => breaks(broken) || breaks(flat),
        Doc::Group(g) => g.broken,
        Doc::Shared(d) => breaks(d),
    }
}

/// Whether `doc` holds a forced break (prettier's `willBreak`): a broken
/// group, a hard line or a `breakParent`, looking into a conditional
/// group's first state only.
pub fn will_break(doc: &Doc<'_>) -> bool {
    match doc {
        Doc::Group(g) => g.broken || (!g.states.is_empty() && will_break(&g.contents)),
        Doc::Concat(parts) => parts.iter().any(will_break),
        Doc::Indent(d) | Doc::Align(_, d) | Doc::IndentIfBreak { contents: d, .. } => will_break(d),
        Doc::IfBreak { broken, flat, .. } => will_break(broken) || will_break(flat),
        Doc::Shared(d) => will_break(d),
        Doc::Text(_) | Doc::Line(_) | Doc::BreakParent => breaks(doc),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Break,
    Flat,
}

#[derive(Clone, Copy)]
struct Command<'d, 'a> {
    indent: usize,
    mode: Mode,
    doc: &'d Doc<'a>,
}

/// The mode each group with an id was printed in.
#[derive(Default)]
struct Modes(Vec<(GroupId, Mode)>);

impl Modes {
    fn get(&self, id: GroupId) -> Option<Mode> {
        self.0.iter().rev().find(|(i, _)| *i == id).map(|(_, m)| *m)
    }

    fn set(&mut self, id: GroupId, mode: Mode) {
        self.0.push((id, mode));
    }
}

/// Whether `next` fits in `remaining` columns, followed by the commands of
/// `rest` (printed next, last first) up to the first line break: prettier's
/// `fits`. `stack` is scratch space.
fn fits<'d, 'a>(
    next: Command<'d, 'a>,
    rest: &[Command<'d, 'a>],
    mut remaining: isize,
    modes: &Modes,
    stack: &mut Vec<(Mode, &'d Doc<'a>)>,
) -> bool {
    let mut rest_index = rest.len();
    stack.clear();
    stack.push((next.mode, next.doc));
    while remaining >= 0 {
        let Some((mode, doc)) = stack.pop() else {
            if rest_index == 0 {
                return true;
            }
            rest_index -= 1;
            stack.push((rest[rest_index].mode, rest[rest_index].doc));
            continue;
        };
        match doc {
            Doc::Text(s) => remaining -= width(s) as isize,
            Doc::Concat(parts) => stack.extend(parts.iter().rev().map(|d| (mode, d))),
            Doc::Indent(d) | Doc::Align(_, d) | Doc::IndentIfBreak { contents: d, .. } => stack.push((mode, d)),
            Doc::Shared(d) => stack.push((mode, d)),
            Doc::BreakParent => {}
            Doc::Group(g) => {
                let group_mode = if g.broken { Mode::Break } else { mode };
                let contents = match g.states.last() {
                    Some(last) if group_mode == Mode::Break => last,
                    _ => &g.contents,
                };
                stack.push((group_mode, contents));
            }
            Doc::IfBreak { broken, flat, group } => {
                let group_mode = group.map_or(mode, |id| modes.get(id).unwrap_or(Mode::Flat));
                stack.push((mode, if group_mode == Mode::Break { broken } else { flat }));
            }
            Doc::Line(line) => {
                if mode == Mode::Break || *line == Line::Hard {
                    return true;
                }
                if *line == Line::Space {
                    remaining -= 1;
                }
            }
        }
    }
    false
}

/// Appends `doc` as prettier prints it at print width [`WIDTH`]: `indent`
/// is the indentation of its lines (in spaces), `column` the width already
/// written on its first line.
pub fn print(out: &mut String, doc: Doc<'_>, indent: usize, column: usize) {
    let mut position = column as isize;
    let mut commands = vec![Command { indent, mode: Mode::Break, doc: &doc }];
    let mut scratch = Vec::new();
    let mut modes = Modes::default();
    let mut remeasure = false;
    while let Some(Command { indent, mode, doc }) = commands.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                position += width(s) as isize;
            }
            Doc::Concat(parts) => commands.extend(parts.iter().rev().map(|doc| Command { indent, mode, doc })),
            Doc::Indent(doc) => commands.push(Command { indent: indent + 2, mode, doc }),
            Doc::Align(n, doc) => commands.push(Command { indent: indent + n, mode, doc }),
            Doc::Shared(doc) => commands.push(Command { indent, mode, doc }),
            Doc::BreakParent => {}
            Doc::Group(g) => {
                let command = if mode == Mode::Flat && !remeasure {
                    Command { indent, mode: if g.broken { Mode::Break } else { Mode::Flat }, doc: &g.contents }
                } else {
                    remeasure = false;
                    let remaining = WIDTH as isize - position;
                    let flat = Command { indent, mode: Mode::Flat, doc: &g.contents };
                    if !g.broken && fits(flat, &commands, remaining, &modes, &mut scratch) {
                        flat
                    } else if let Some(last) = g.states.last() {
                        // prettier tries every later state flat, the most
                        // expanded one too, before printing that one broken.
                        let tried = if g.broken { &[][..] } else { &g.states[..] };
                        tried
                            .iter()
                            .map(|doc| Command { indent, mode: Mode::Flat, doc })
                            .find(|c| fits(*c, &commands, remaining, &modes, &mut scratch))
                            .unwrap_or(Command { indent, mode: Mode::Break, doc: last })
                    } else {
                        Command { indent, mode: Mode::Break, doc: &g.contents }
                    }
                };
                commands.push(command);
                if let Some(id) = g.id {
                    modes.set(id, command.mode);
                }
            }
            Doc::IfBreak { broken, flat, group } => {
                let group_mode = match group {
                    Some(id) => modes.get(*id),
                    None => Some(mode),
                };
                match group_mode {
                    Some(Mode::Break) => commands.push(Command { indent, mode, doc: broken }),
                    Some(Mode::Flat) => commands.push(Command { indent, mode, doc: flat }),
                    None => {}
                }
            }
            Doc::IndentIfBreak { contents, group } => match modes.get(*group) {
                Some(Mode::Break) => commands.push(Command { indent: indent + 2, mode, doc: contents }),
                Some(Mode::Flat) => commands.push(Command { indent, mode, doc: contents }),
                None => {}
            },
            Doc::Line(line) => {
                if mode == Mode::Flat && *line != Line::Hard {
                    if *line == Line::Space {
                        out.push(' ');
                        position += 1;
                    }
                    continue;
                }
                if mode == Mode::Flat {
                    remeasure = true;
                }
                let kept = out.trim_end_matches([' ', '\t']).len();
                out.truncate(kept);
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', indent));
                position = indent as isize;
            }
        }
    }
}

/// `doc` printed from the start of a line at `indent`, as a new string.
#[cfg(test)]
pub fn render(doc: Doc<'_>, indent: usize) -> String {
    let mut out = " ".repeat(indent);
    print(&mut out, doc, indent, indent);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `f(a, b)` as prettier builds a call's arguments.
    fn call<'a>(callee: &'a str, args: &[&'a str]) -> Doc<'a> {
        let args = join(&[text(","), LINE], args.iter().map(|a| text(*a)).collect());
        concat(vec![
            text(callee),
            group(concat(vec![
                text("("),
                indent(concat(vec![SOFTLINE, args])),
                if_break(text(","), text("")),
                SOFTLINE,
                text(")"),
            ])),
        ])
    }

    #[test]
    fn a_group_breaks_only_when_it_does_not_fit() {
        assert_eq!(render(call("f", &["a", "b"]), 0), "f(a, b)");
        let long = "x".repeat(40);
        assert_eq!(render(call("f", &[&long, &long]), 0), format!("f(\n  {long},\n  {long},\n)"));
    }

    #[test]
    fn what_follows_a_group_counts_up_to_the_next_line() {
        // 80 columns of call, then `;`: the call breaks for the semicolon.
        let (a, b) = ("a".repeat(37), "b".repeat(38));
        let doc = concat(vec![call("f", &[&a, &b]), text(";")]);
        assert_eq!(render(doc, 0), format!("f(\n  {a},\n  {b},\n);"));
        let doc = concat(vec![call("f", &[&a, &a]), text(";")]);
        assert_eq!(render(doc, 0), format!("f({a}, {a});"));
    }

    #[test]
    fn hard_lines_break_their_groups() {
        let doc = group(concat(vec![text("{"), indent(concat(vec![HARDLINE, text("a;")])), LINE, text("}")]));
        assert_eq!(render(doc, 2), "  {\n    a;\n  }");
    }

    #[test]
    fn conditional_groups_try_each_state() {
        // The hugged state fits up to its forced break.
        let hugged = concat(vec![
            text("f("),
            broken_group(concat(vec![text("{"), indent(concat(vec![LINE, text("a")])), LINE, text("}")])),
            text(")"),
        ]);
        let all = concat(vec![text("f("), text("{ a }"), text(")")]);
        let out = broken_group(concat(vec![text("f("), indent(concat(vec![LINE, text("{ a }")])), LINE, text(")")]));
        assert_eq!(render(conditional_group(vec![all.clone(), hugged.clone(), out.clone()]), 0), "f({ a })");
        let long = "x".repeat(90);
        let all = concat(vec![text("f("), text(&long), text(")")]);
        assert_eq!(render(conditional_group(vec![all, hugged, out]), 0), "f({\n  a\n})");
    }

    #[test]
    fn if_break_follows_a_named_group() {
        let long = "x".repeat(80);
        let doc = concat(vec![
            text("a ="),
            group_with_id(indent(LINE), 1),
            indent_if_break(text(&long), 1),
            if_group_breaks(text(";"), text("!"), 1),
        ]);
        assert_eq!(render(doc, 0), format!("a =\n  {long};"));
    }
}
