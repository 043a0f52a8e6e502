//! A document printer with prettier's semantics (print width 80, 2-space
//! indent): groups that print flat when they fit and broken otherwise,
//! conditional groups that try their states in order, and breaks that
//! propagate to the enclosing groups. It mirrors prettier's
//! `printDocToString` and `propagateBreaks` (src/document/printer.js,
//! src/document/utils.js), so that `js.rs`, which builds documents the way
//! prettier's JavaScript printers do, writes code `prettier --check` accepts.
//!
//! The zod target needs this where the other TypeScript targets lay lines out
//! by hand (`ts::layout`): its schemas nest expressions to any depth
//! (`map<list<T?>?>?` with constraints), which only the real algorithm lays
//! out the way prettier does.

use std::collections::HashMap;

/// The print width.
const WIDTH: usize = 80;

/// A group's identity, for `IfBreak` and `IndentIfBreak` that follow it.
pub type GroupId = usize;

#[derive(Clone, Debug)]
pub enum Doc {
    /// Text without line breaks.
    Text(String),
    Concat(Vec<Doc>),
    Group(Box<Group>),
    Indent(Box<Doc>),
    Line(Line),
    /// `broken` when the group (the enclosing one, or `group`) is broken,
    /// else `flat`.
    IfBreak {
        broken: Box<Doc>,
        flat: Box<Doc>,
        group: Option<GroupId>,
    },
    /// `contents`, indented when group `group` is broken.
    IndentIfBreak {
        contents: Box<Doc>,
        group: GroupId,
    },
    /// Breaks the enclosing group.
    BreakParent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// A space when flat.
    Normal,
    /// Nothing when flat.
    Soft,
    /// Always a line break; breaks the enclosing group.
    Hard,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub contents: Doc,
    pub broken: bool,
    pub id: Option<GroupId>,
    /// A conditional group's states, most flat first (`contents` is the
    /// first); empty for a plain group.
    pub states: Vec<Doc>,
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}

pub fn group(contents: Doc) -> Doc {
    Doc::Group(Box::new(Group { contents, broken: false, id: None, states: Vec::new() }))
}

/// A group that is broken from the start (prettier's `shouldBreak`).
pub fn broken_group(contents: Doc) -> Doc {
    Doc::Group(Box::new(Group { contents, broken: true, id: None, states: Vec::new() }))
}

pub fn group_with_id(contents: Doc, id: GroupId) -> Doc {
    Doc::Group(Box::new(Group { contents, broken: false, id: Some(id), states: Vec::new() }))
}

/// prettier's `conditionalGroup`: the first state that fits, else the last,
/// broken.
pub fn conditional_group(states: Vec<Doc>) -> Doc {
    let contents = states[0].clone();
    Doc::Group(Box::new(Group { contents, broken: false, id: None, states }))
}

pub fn indent(contents: Doc) -> Doc {
    Doc::Indent(Box::new(contents))
}

pub fn line() -> Doc {
    Doc::Line(Line::Normal)
}

pub fn softline() -> Doc {
    Doc::Line(Line::Soft)
}

pub fn hardline() -> Doc {
    Doc::Line(Line::Hard)
}

pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    Doc::IfBreak { broken: Box::new(broken), flat: Box::new(flat), group: None }
}

pub fn indent_if_break(contents: Doc, group: GroupId) -> Doc {
    Doc::IndentIfBreak { contents: Box::new(contents), group }
}

/// `items` joined by `separator`.
pub fn join(separator: &Doc, items: Vec<Doc>) -> Vec<Doc> {
    let mut out = Vec::with_capacity(items.len() * 2);
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(separator.clone());
        }
        out.push(item);
    }
    out
}

/// Whether the document holds a forced break (prettier's `willBreak`): a
/// broken group or a hard line, outside conditional groups' later states.
pub fn will_break(doc: &Doc) -> bool {
    match doc {
        Doc::Text(_) | Doc::Line(Line::Normal | Line::Soft) => false,
        Doc::Line(Line::Hard) | Doc::BreakParent => true,
        Doc::Concat(parts) => parts.iter().any(will_break),
        Doc::Group(g) => g.broken || will_break(&g.contents),
        Doc::Indent(d) => will_break(d),
        Doc::IfBreak { broken, flat, .. } => will_break(broken) || will_break(flat),
        Doc::IndentIfBreak { contents, .. } => will_break(contents),
    }
}

/// Marks every group holding a hard line or a broken group as broken; a
/// conditional group stops the propagation (prettier's `propagateBreaks`).
/// Returns whether `doc` breaks its enclosing group.
fn propagate_breaks(doc: &mut Doc) -> bool {
    match doc {
        Doc::Text(_) | Doc::Line(Line::Normal | Line::Soft) => false,
        Doc::Line(Line::Hard) | Doc::BreakParent => true,
        Doc::Concat(parts) => parts.iter_mut().fold(false, |any, p| propagate_breaks(p) | any),
        Doc::Indent(d) => propagate_breaks(d),
        Doc::IfBreak { broken, flat, .. } => propagate_breaks(broken) | propagate_breaks(flat),
        Doc::IndentIfBreak { contents, .. } => propagate_breaks(contents),
        Doc::Group(g) => {
            let inner = propagate_breaks(&mut g.contents);
            for state in &mut g.states {
                propagate_breaks(state);
            }
            if g.states.is_empty() && inner {
                g.broken = true;
            }
            g.broken
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// The printed width of `s`, as prettier's `getStringWidth` counts it: East
/// Asian wide characters and emoji take two columns, combining marks none.
pub fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let c = c as u32;
    match c {
        0x0300..=0x036f | 0x200b..=0x200f | 0xfe00..=0xfe0f => 0,
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

/// One pending piece of the document: its indent level, mode and doc.
type Cmd<'a> = (usize, Mode, &'a Doc);

/// Prints `doc` at indent level 0.
pub fn print(mut doc: Doc) -> String {
    propagate_breaks(&mut doc);
    let mut printer = Printer { out: String::new(), pos: 0, modes: HashMap::new() };
    printer.run(&doc);
    printer.out
}

struct Printer {
    out: String,
    /// The column the next text starts at.
    pos: usize,
    /// The mode each identified group was printed in.
    modes: HashMap<GroupId, Mode>,
}

impl Printer {
    fn run(&mut self, doc: &Doc) {
        let mut cmds: Vec<Cmd<'_>> = vec![(0, Mode::Break, doc)];
        let mut remeasure = false;
        while let Some((ind, mode, doc)) = cmds.pop() {
            match doc {
                Doc::Text(s) => {
                    self.out.push_str(s);
                    self.pos += width(s);
                }
                Doc::Concat(parts) => cmds.extend(parts.iter().rev().map(|p| (ind, mode, p))),
                Doc::Indent(d) => cmds.push((ind + 1, mode, d)),
                Doc::BreakParent => {}
                Doc::Group(g) => {
                    let chosen = self.group(&cmds, ind, mode, g, remeasure);
                    remeasure = false;
                    if let Some(id) = g.id {
                        self.modes.insert(id, chosen.1);
                    }
                    cmds.push(chosen);
                }
                Doc::IfBreak { broken, flat, group } => {
                    let m = group.map_or(mode, |id| self.modes.get(&id).copied().unwrap_or(Mode::Flat));
                    cmds.push((ind, mode, if m == Mode::Break { broken } else { flat }));
                }
                Doc::IndentIfBreak { contents, group } => {
                    let broken = self.modes.get(group) == Some(&Mode::Break);
                    cmds.push((if broken { ind + 1 } else { ind }, mode, contents));
                }
                Doc::Line(kind) => {
                    if mode == Mode::Flat && *kind != Line::Hard {
                        if *kind == Line::Normal {
                            self.out.push(' ');
                            self.pos += 1;
                        }
                        continue;
                    }
                    if mode == Mode::Flat {
                        remeasure = true;
                    }
                    self.newline(ind);
                }
            }
        }
    }

    /// The command a group becomes: flat when it fits, else its first
    /// conditional state that fits, else broken.
    fn group<'a>(&self, rest: &[Cmd<'a>], ind: usize, mode: Mode, g: &'a Group, remeasure: bool) -> Cmd<'a> {
        if mode == Mode::Flat && !remeasure {
            return (ind, if g.broken { Mode::Break } else { Mode::Flat }, &g.contents);
        }
        let room = WIDTH as isize - self.pos as isize;
        if !g.broken && self.fits((ind, Mode::Flat, &g.contents), rest, room) {
            return (ind, Mode::Flat, &g.contents);
        }
        let Some(most_expanded) = g.states.last() else {
            return (ind, Mode::Break, &g.contents);
        };
        if !g.broken {
            for state in &g.states[1..] {
                if self.fits((ind, Mode::Flat, state), rest, room) {
                    return (ind, Mode::Flat, state);
                }
            }
        }
        (ind, Mode::Break, most_expanded)
    }

    /// Whether `next`, then the rest of the document up to its first line
    /// break, fits in `room` columns.
    fn fits(&self, next: Cmd<'_>, rest: &[Cmd<'_>], mut room: isize) -> bool {
        let mut rest_index = rest.len();
        let mut cmds: Vec<(Mode, &Doc)> = vec![(next.1, next.2)];
        while room >= 0 {
            let Some((mode, doc)) = cmds.pop() else {
                if rest_index == 0 {
                    return true;
                }
                rest_index -= 1;
                cmds.push((rest[rest_index].1, rest[rest_index].2));
                continue;
            };
            match doc {
                Doc::Text(s) => room -= width(s) as isize,
                Doc::Concat(parts) => cmds.extend(parts.iter().rev().map(|p| (mode, p))),
                Doc::Indent(d) => cmds.push((mode, d)),
                Doc::IndentIfBreak { contents, .. } => cmds.push((mode, contents)),
                Doc::BreakParent => {}
                Doc::Group(g) => {
                    let m = if g.broken { Mode::Break } else { mode };
                    let contents = match g.states.last() {
                        Some(last) if m == Mode::Break => last,
                        _ => &g.contents,
                    };
                    cmds.push((m, contents));
                }
                Doc::IfBreak { broken, flat, group } => {
                    let m = group.map_or(mode, |id| self.modes.get(&id).copied().unwrap_or(Mode::Flat));
                    cmds.push((mode, if m == Mode::Break { broken } else { flat }));
                }
                Doc::Line(kind) => {
                    if mode == Mode::Break || *kind == Line::Hard {
                        return true;
                    }
                    if *kind == Line::Normal {
                        room -= 1;
                    }
                }
            }
        }
        false
    }

    /// A line break, trailing spaces trimmed, then the indent.
    fn newline(&mut self, ind: usize) {
        let trimmed = self.out.trim_end_matches([' ', '\t']).len();
        self.out.truncate(trimmed);
        self.out.push('\n');
        for _ in 0..ind {
            self.out.push_str("  ");
        }
        self.pos = 2 * ind;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(name: &str, args: Vec<Doc>) -> Doc {
        let sep = concat(vec![text(","), line()]);
        let mut inner = vec![softline()];
        inner.extend(join(&sep, args));
        concat(vec![
            text(name),
            group(concat(vec![text("("), indent(concat(inner)), if_break(text(","), text("")), softline(), text(")")])),
        ])
    }

    #[test]
    fn a_group_breaks_only_when_it_does_not_fit() {
        assert_eq!(print(call("f", vec![text("a"), text("b")])), "f(a, b)");
        let long = "x".repeat(40);
        let printed = print(call("f", vec![text(&long), text(&long)]));
        assert_eq!(printed, format!("f(\n  {long},\n  {long},\n)"));
    }

    #[test]
    fn hard_lines_break_their_groups_but_not_conditional_ones() {
        let inner =
            broken_group(concat(vec![text("{"), indent(concat(vec![hardline(), text("a")])), hardline(), text("}")]));
        let doc = conditional_group(vec![concat(vec![text("f("), inner.clone(), text(")")]), text("never")]);
        assert_eq!(print(doc), "f({\n  a\n})");
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("名前"), 4);
        assert_eq!(width("prénom"), 6);
        assert_eq!(width("abc"), 3);
    }
}
