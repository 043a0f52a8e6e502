//! Which module declares each declaration once an API's declarations
//! outgrow one file: the Python `models` package (`python/split.rs`) and
//! stage1's `types/` (`stage1/types.rs`) group them the same way.
//!
//! The grouping is by name, as a burst trie over the words of each name
//! (`names::module_words`; digit runs are words): the declarations whose
//! names share a first word (`Repo`, `Issue`, `CodeScanning...` → `code`)
//! form one group, and a group heavier than the bound is split by the next
//! word (`issue_comment`, `issue_event`), recursively. A declaration's
//! group depends on its own name and on the weight of the group it falls
//! in, nothing else: adding or removing a type changes its own module, and
//! moves other types only when its group crosses the bound (then only that
//! group's). Names put an API's areas together (GitHub's, Stripe's types
//! share their resource's prefix), which grouping by the first function
//! using a type would too, but that moves types whenever functions are
//! added or reordered.

use crate::model::TypeDefKind;
use crate::names;
use std::collections::BTreeMap;

/// The longest group key used whole in a file name; a longer one (a type
/// named by one very long word) is cut, with a hash of the whole key after
/// it, so a module's file name stays far from file systems' 255 bytes
/// (with the `.<name>.<pid>-<n>.mizan-tmp` a write stages it under).
const MAX_KEY: usize = 60;

/// What a type's declaration weighs in stage1's `types/` and in the Rust
/// part crates: 1, plus 1 per field, enum value or union variant (about its
/// lines without docs).
pub fn weight(kind: &TypeDefKind) -> usize {
    1 + match kind {
        TypeDefKind::Object { fields } => fields.len(),
        TypeDefKind::Enum { values } => values.len(),
        TypeDefKind::Union { variants, .. } => variants.len(),
        TypeDefKind::Alias { .. } => 0,
    }
}

/// The 64-bit FNV-1a hash: the same on every machine and in every version,
/// unlike std's hashers, so names and cuts derived from it are too.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// A declaration as the grouping sees it: what it weighs (each target
/// counts its own lines) and the words of its name.
pub struct Weighed {
    weight: usize,
    words: Vec<String>,
}

impl Weighed {
    /// A run of digits counts as a word a digit (`Repo15`: `repo`, `1`,
    /// `5`), so a heavy group of numbered names is split ten ways at most
    /// at each step, not into a module per number.
    pub fn new(weight: usize, name: &str) -> Weighed {
        let mut words = Vec::new();
        for word in names::module_words(name) {
            if word.as_bytes()[0].is_ascii_digit() {
                words.extend(word.chars().map(String::from));
            } else {
                words.push(word);
            }
        }
        Weighed { weight, words }
    }
}

/// Each declaration's group, its words joined by `_` (`issue_comment`; at
/// most [`MAX_KEY`] bytes and a hash), or `None` when they all weigh at
/// most `bound` together (one file).
pub fn by_name(decls: &[&Weighed], bound: usize) -> Option<Vec<String>> {
    if decls.iter().map(|d| d.weight).sum::<usize>() <= bound {
        return None;
    }
    let mut group = vec![String::new(); decls.len()];
    burst(decls, bound, &mut group);
    for key in group.iter_mut().filter(|k| k.len() > MAX_KEY) {
        // Keys are ASCII: any byte is a boundary.
        *key = format!("{}_{:016x}", &key[..MAX_KEY - 17], fnv1a(key.as_bytes()));
    }
    Some(group)
}

/// Puts the declarations in groups: those sharing their first `depth` words
/// (all of them, at depth 0) in one group if they weigh at most `bound`,
/// else in a group per next word; those whose name has no more words keep
/// the prefix's own group. With a stack of its own: names of thousands of
/// words must not exhaust an emitter thread's.
fn burst(decls: &[&Weighed], bound: usize, group: &mut [String]) {
    let mut work = vec![((0..decls.len()).collect::<Vec<usize>>(), 0)];
    while let Some((members, depth)) = work.pop() {
        let heavy = members.iter().map(|&d| decls[d].weight).sum::<usize>() > bound;
        if depth > 0 && (!heavy || members.len() == 1) {
            let key = decls[members[0]].words[..depth].join("_");
            for d in members {
                group[d] = key.clone();
            }
            continue;
        }
        let mut children: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut rest = Vec::new();
        for d in members {
            match decls[d].words.get(depth) {
                Some(word) => children.entry(word.as_str()).or_default().push(d),
                None => rest.push(d),
            }
        }
        if !rest.is_empty() {
            let key = decls[rest[0]].words[..depth].join("_");
            for d in rest {
                group[d] = key.clone();
            }
        }
        work.extend(children.into_values().map(|members| (members, depth + 1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(decls: &[(usize, &str)], bound: usize) -> Option<Vec<String>> {
        let decls: Vec<Weighed> = decls.iter().map(|&(w, name)| Weighed::new(w, name)).collect();
        by_name(&decls.iter().collect::<Vec<_>>(), bound)
    }

    #[test]
    fn one_group_under_the_bound_then_by_first_word_then_the_next() {
        assert_eq!(groups(&[(5, "RepoA"), (5, "IssueB")], 10), None);
        let g = groups(&[(5, "RepoA"), (5, "IssueB"), (1, "Repo")], 10).unwrap();
        assert_eq!(g, ["repo", "issue", "repo"]);
        // `Issue*` outweighs the bound: by the next word; `Issue` itself
        // has no next word and keeps the prefix's group.
        let g = groups(&[(6, "IssueComment1"), (6, "IssueEvent"), (1, "Issue"), (1, "Repo")], 10).unwrap();
        assert_eq!(g, ["issue_comment", "issue_event", "issue", "repo"]);
        // One declaration heavier than the bound is a group of its own.
        assert_eq!(groups(&[(50, "Huge"), (1, "Tiny")], 10).unwrap(), ["huge", "tiny"]);
    }

    #[test]
    fn numbered_names_split_a_digit_at_a_time() {
        let names: Vec<String> = (0..300).map(|i| format!("Alias{i}")).collect();
        let decls: Vec<(usize, &str)> = names.iter().map(|n| (1, n.as_str())).collect();
        let g = groups(&decls, 40).unwrap();
        let distinct: std::collections::BTreeSet<&String> = g.iter().collect();
        // `alias_1` holds Alias1, Alias10-19 and Alias100-199: over 40, so
        // split again by the next digit; no module per number.
        assert_eq!(g[1], "alias_1");
        assert_eq!(g[150], "alias_1_5");
        assert_eq!(g[15], "alias_1_5");
        assert!(distinct.len() < 40, "{} groups", distinct.len());
    }

    #[test]
    fn a_long_key_is_cut_and_hashed() {
        let long = format!("Z{}", "z".repeat(244));
        let other = format!("Z{}y", "z".repeat(243));
        let g = groups(&[(9, &long), (9, &other), (9, "Repo")], 10).unwrap();
        assert_eq!(g[2], "repo");
        for key in &g[..2] {
            assert_eq!(key.len(), MAX_KEY, "{key}");
            assert!(key.starts_with(&"z".repeat(MAX_KEY - 17)), "{key}");
        }
        assert_ne!(g[0], g[1], "keys cut alike stay apart");
    }

    /// Adding a declaration moves no other unless its group crosses the
    /// bound (then only that group's).
    #[test]
    fn adding_a_declaration_moves_no_other_unless_its_group_crosses_the_bound() {
        let base = [(4, "RepoA"), (4, "RepoB"), (4, "IssueA"), (4, "IssueB"), (4, "TeamA")];
        let before = groups(&base, 10).unwrap();
        for (added, crosses) in [((1, "Repo"), false), ((1, "Gist"), false), ((4, "IssueC"), true)] {
            let mut decls = base.to_vec();
            decls.push(added);
            let after = groups(&decls, 10).unwrap();
            for (i, (_, name)) in base.iter().enumerate() {
                let moved = after[i] != before[i];
                assert_eq!(moved, crosses && name.starts_with("Issue"), "{name} after adding {}", added.1);
            }
        }
    }
}
