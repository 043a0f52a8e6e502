//! Writing generated files: compare with disk, write atomically, prune.
//!
//! `plan` does every check and every read first — path safety, collisions,
//! the records of earlier runs, the current contents — so a failing run
//! writes nothing. `Plan::apply` then writes only files whose bytes change
//! (a temp file in the same folder, then a rename), deletes files an earlier
//! run generated that are no longer produced, and removes folders it created
//! once they are empty. `Plan::differences` is `--check`.
//!
//! Each *output folder* keeps a record (`record::FILE_NAME`) of what the tool
//! wrote in it. Targets placed under the root `output` share the root's
//! record, so removing a target from the config prunes its files; a target
//! with its own folder elsewhere keeps its own record.

mod apply;
pub mod record;

use crate::diff;
use crate::emit::{File, Target};
use record::Record;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The files one target produced, for its output folder.
#[derive(Clone, Debug)]
pub struct Output {
    pub target: Target,
    pub dir: PathBuf,
    pub files: Vec<File>,
}

/// How a generated file compares with what is on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    Unchanged,
    Missing,
    /// Differs; holds the current contents (lossily decoded) for the diff.
    Stale(String),
}

/// One file to be written, relative to its output folder.
#[derive(Clone, Debug)]
struct Planned {
    rel: String,
    contents: String,
    state: State,
}

/// One output folder: what it will hold and what goes away.
#[derive(Clone, Debug)]
struct Folder {
    dir: PathBuf,
    files: Vec<Planned>,
    /// Files an earlier run wrote that are no longer produced (and exist).
    stale: Vec<String>,
    old: Record,
    new: Record,
}

/// Everything a run will do, computed before the first write.
#[derive(Clone, Debug)]
pub struct Plan {
    folders: Vec<Folder>,
}

/// A difference `--check` reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Would be written; not on disk.
    Missing(PathBuf),
    /// Would be rewritten: the unified diff from disk to generated.
    Stale(PathBuf, String),
    /// Generated earlier, no longer produced: would be deleted.
    Extra(PathBuf),
}

/// Plans writing `outputs`; targets whose folder lies under `root` share the
/// root's record. Every path is checked here; errors are complete sentences.
pub fn plan(root: Option<&Path>, outputs: Vec<Output>) -> Result<Plan, Vec<String>> {
    let mut errors = Vec::new();
    let mut groups: BTreeMap<PathBuf, Vec<(String, File, Target)>> = BTreeMap::new();
    if let Some(root) = root {
        groups.entry(root.to_path_buf()).or_default();
    }
    for output in outputs {
        let (dir, prefix) = match root.and_then(|r| output.dir.strip_prefix(r).ok().map(|p| (r, p))) {
            Some((root, sub)) => (root.to_path_buf(), slash_path(sub)),
            None => (output.dir.clone(), String::new()),
        };
        let entry = groups.entry(dir).or_default();
        for file in output.files {
            match check_relative(&file.path) {
                Ok(()) => entry.push((join(&prefix, &file.path), file, output.target)),
                Err(why) => {
                    errors.push(format!("target {} produced an unsafe path {:?}: {why}", output.target, file.path))
                }
            }
        }
    }
    let mut folders = Vec::new();
    for (dir, files) in groups {
        match folder(&dir, files) {
            Ok(f) => folders.push(f),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() { Ok(Plan { folders }) } else { Err(errors) }
}

fn folder(dir: &Path, files: Vec<(String, File, Target)>) -> Result<Folder, Vec<String>> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<&str, Target> = BTreeMap::new();
    for (rel, _, target) in &files {
        if let Some(first) = seen.insert(rel, *target) {
            errors.push(format!("targets {first} and {target} both write {}", dir.join(rel).display()));
        }
    }
    // Reading what is on disk is most of the cost of an unchanged run.
    let states =
        crate::par::map(&files, |(_, file, _)| file.contents.len(), |(rel, file, _)| state(dir, rel, &file.contents));
    let mut planned = Vec::with_capacity(files.len());
    for ((rel, file, _), state) in files.into_iter().zip(states) {
        match state {
            Ok(state) => planned.push(Planned { rel, contents: file.contents, state }),
            Err(e) => errors.push(e),
        }
    }
    let old = Record::read(dir).map_err(|e| vec![e])?;
    let produced: BTreeSet<String> = planned.iter().map(|p| p.rel.clone()).collect();
    let stale: Vec<String> =
        old.files.difference(&produced).filter(|rel| dir.join(rel).symlink_metadata().is_ok()).cloned().collect();
    let needed: BTreeSet<String> = produced.iter().flat_map(|rel| ancestors(rel)).collect();
    let created: BTreeSet<String> = needed.iter().filter(|d| !dir.join(d).exists()).cloned().collect();
    let dirs = old.dirs.intersection(&needed).cloned().chain(created).collect();
    let new = Record { files: produced, dirs };
    if errors.is_empty() { Ok(Folder { dir: dir.to_path_buf(), files: planned, stale, old, new }) } else { Err(errors) }
}

/// Compares one file with disk; refuses to overwrite a folder or to write
/// below something that is not a folder.
fn state(dir: &Path, rel: &str, contents: &str) -> Result<State, String> {
    for ancestor in ancestors(rel) {
        let p = dir.join(&ancestor);
        if p.exists() && !p.is_dir() {
            return Err(format!("cannot write {}: {} is not a folder", dir.join(rel).display(), p.display()));
        }
    }
    let path = dir.join(rel);
    if path.is_dir() {
        return Err(format!("cannot write {}: a folder is in the way", path.display()));
    }
    match std::fs::read(&path) {
        Ok(bytes) if bytes == contents.as_bytes() => Ok(State::Unchanged),
        Ok(bytes) => Ok(State::Stale(String::from_utf8_lossy(&bytes).into_owned())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::Missing),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

impl Plan {
    /// What `--check` reports, in path order.
    pub fn differences(&self) -> Vec<Difference> {
        let mut out = Vec::new();
        for f in &self.folders {
            for p in &f.files {
                let path = f.dir.join(&p.rel);
                match &p.state {
                    State::Unchanged => {}
                    State::Missing => out.push(Difference::Missing(path)),
                    State::Stale(old) => {
                        let label = crate::config::display_path(&path);
                        out.push(Difference::Stale(path, diff::unified(&label, old, &p.contents)))
                    }
                }
            }
            out.extend(f.stale.iter().map(|rel| Difference::Extra(f.dir.join(rel))));
            if f.record_state() != State::Unchanged {
                let path = f.dir.join(record::FILE_NAME);
                match f.record_state() {
                    State::Missing => out.push(Difference::Missing(path)),
                    State::Stale(old) => {
                        out.push(Difference::Stale(path, diff::unified(record::FILE_NAME, &old, &f.new.to_json())))
                    }
                    State::Unchanged => {}
                }
            }
        }
        out
    }

    /// Writes the plan; see `apply.rs`.
    pub fn apply(&self) -> Result<Summary, String> {
        let mut summary = Summary::default();
        for f in &self.folders {
            apply::folder(f, &mut summary)?;
        }
        Ok(summary)
    }
}

impl Folder {
    /// How the record on disk compares with the one this run leaves; an
    /// empty record is not kept on disk.
    fn record_state(&self) -> State {
        let path = self.dir.join(record::FILE_NAME);
        let disk = std::fs::read_to_string(&path).ok();
        match (disk, self.new.is_empty()) {
            (None, true) => State::Unchanged,
            (None, false) => State::Missing,
            (Some(old), true) => State::Stale(old),
            (Some(old), false) if old == self.new.to_json() => State::Unchanged,
            (Some(old), false) => State::Stale(old),
        }
    }
}

/// What `apply` did, as paths for `-v` and counts for the summary line.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub written: Vec<PathBuf>,
    pub unchanged: usize,
    pub deleted: Vec<PathBuf>,
}

/// Accepts only a plain relative path: `/`-separated, non-empty components,
/// no `.`/`..`, no backslash, colon or control characters (which could
/// escape the folder or mean something else on another OS), and never the
/// record's own name.
pub fn check_relative(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("it is empty");
    }
    if path.starts_with('/') {
        return Err("it is absolute");
    }
    if path.chars().any(|c| c == '\\' || c == ':' || c.is_control()) {
        return Err("it holds a backslash, colon or control character");
    }
    for part in path.split('/') {
        match part {
            "" => return Err("it has an empty component"),
            "." | ".." => return Err("it has a `.` or `..` component"),
            record::FILE_NAME => return Err("it is the name of the generated-files record"),
            _ if part.ends_with(apply::TEMP_SUFFIX) => return Err("it ends like a temporary file"),
            _ => {}
        }
    }
    Ok(())
}

/// The folders above a relative path, outermost first: `a/b/c` → `a`, `a/b`.
fn ancestors(rel: &str) -> Vec<String> {
    rel.match_indices('/').map(|(i, _)| rel[..i].to_owned()).collect()
}

fn join(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() { rel.to_owned() } else { format!("{prefix}/{rel}") }
}

fn slash_path(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        for ok in ["a.ts", "a/b/c.py", "x..y", ".hidden"] {
            assert_eq!(check_relative(ok), Ok(()), "{ok}");
        }
        for bad in
            ["", "/etc/passwd", "../x", "a/../../b", "a//b", "./a", "a\\..\\b", "C:x", "a\0b", ".mizan-generated.json"]
        {
            assert!(check_relative(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ancestors_outermost_first() {
        assert_eq!(ancestors("a/b/c.ts"), ["a", "a/b"]);
        assert!(ancestors("c.ts").is_empty());
    }
}
