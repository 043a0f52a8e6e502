//! Carrying out a plan in two steps, so a failure leaves a tree that is all
//! old or says exactly what changed.
//!
//! 1. *Stage*: create the folders, then write every changed file and the
//!    record to fresh temporary files beside their destinations (created
//!    exclusively under unique names, so a planted link is never
//!    followed). This is where a full disk or a quota fails: the temporary
//!    files and created folders are removed and nothing has changed.
//! 2. *Commit*: rename the interim record (the old and the new files
//!    together, so an interrupted run leaves nothing it wrote unrecorded),
//!    then each file, delete what is stale, remove emptied folders, and
//!    rename the final record. Renames within a folder are atomic: a reader
//!    sees each file old or new, never torn.

use super::record::{self, Record};
use super::safe::{self, Found};
use super::{Plan, Planned, State, Summary};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Temporary files are `.<name>.<pid>-<n>.mizan-tmp` beside their target.
pub const TEMP_SUFFIX: &str = ".mizan-tmp";

/// A temporary file and where it goes.
struct Temp {
    temp: PathBuf,
    dest: PathBuf,
}

/// What staging put on disk, to undo.
#[derive(Default)]
struct Staged {
    created: Vec<PathBuf>,
    temps: Vec<Temp>,
}

impl Staged {
    fn roll_back(&mut self) {
        for t in self.temps.drain(..) {
            let _ = std::fs::remove_file(&t.temp);
        }
        for dir in self.created.drain(..).rev() {
            let _ = std::fs::remove_dir(&dir);
        }
    }
}

pub(super) fn run(plan: &Plan) -> Result<Summary, String> {
    let mut summary = Summary { kept: plan.kept.clone(), ..Summary::default() };
    summary.unchanged = plan.files.iter().filter(|p| p.state == State::Unchanged).count();
    let changed: Vec<&Planned> = plan.files.iter().filter(|p| p.state != State::Unchanged).collect();
    let final_json = (!plan.new.is_empty()).then(|| plan.new.to_json());
    let record_changes = plan.old_text.as_deref() != final_json.as_deref();
    let nothing = changed.is_empty()
        && plan.deletes.is_empty()
        && plan.unused_dirs.is_empty()
        && plan.temps.is_empty()
        && plan.legacy.is_empty()
        && !record_changes;
    if nothing {
        return Ok(summary);
    }
    for temp in &plan.temps {
        remove(temp)?;
        summary.swept.push(temp.clone());
    }
    let record_path = plan.home.join(record::FILE_NAME);
    let interim_json =
        Some(interim(plan).to_json()).filter(|json| !changed.is_empty() && plan.old_text.as_ref() != Some(json));

    let mut staged = Staged::default();
    if let Err(e) = stage(plan, &changed, interim_json.as_deref(), final_json.as_deref(), &mut staged) {
        staged.roll_back();
        return Err(format!("{e}; nothing was changed"));
    }
    let mut temps = staged.temps.into_iter();
    if interim_json.is_some() {
        let t = temps.next().expect("the interim record is staged first");
        if let Err(e) = std::fs::rename(&t.temp, &t.dest) {
            remove_all(std::iter::once(t).chain(temps));
            return Err(format!("cannot write {}: {e}; nothing was changed", shown(&record_path)));
        }
    }
    for p in &changed {
        let t = temps.next().expect("every changed file is staged");
        if let Err(e) = std::fs::rename(&t.temp, &t.dest) {
            let _ = std::fs::remove_file(&t.temp);
            remove_all(temps);
            return Err(partial(&format!("cannot write {}: {e}", shown(&p.path)), &summary.written));
        }
        summary.written.push(p.path.clone());
    }
    for (base, rel) in &plan.deletes {
        let path = base.join(rel);
        let result = match safe::inspect(base, rel) {
            Ok(Found::File { .. }) => {
                std::fs::remove_file(&path).map_err(|e| format!("cannot delete {}: {e}", shown(&path)))
            }
            Ok(_) => continue,
            Err(e) => Err(e),
        };
        if let Err(e) = result {
            remove_all(temps);
            return Err(partial(&e, &summary.written));
        }
        summary.deleted.push(path);
    }
    for (base, rel) in &plan.unused_dirs {
        // Only when nothing else is in it; a failure leaves an empty folder.
        if matches!(safe::inspect(base, rel), Ok(Found::Dir)) {
            let _ = std::fs::remove_dir(base.join(rel));
        }
    }
    match temps.next() {
        Some(t) => std::fs::rename(&t.temp, &t.dest).map_err(|e| {
            let _ = std::fs::remove_file(&t.temp);
            partial(&format!("cannot write {}: {e}", shown(&record_path)), &summary.written)
        })?,
        None => remove(&record_path)?,
    }
    // Only now that the record lists their files.
    for legacy in &plan.legacy {
        remove(legacy)?;
    }
    Ok(summary)
}

/// The old record with every new file added (new hashes win): true of the
/// tree at every moment of the commit.
fn interim(plan: &Plan) -> Record {
    let mut interim = plan.old.clone();
    for (key, entries) in &plan.new.bases {
        let into = interim.bases.entry(key.clone()).or_default();
        into.files.extend(entries.files.iter().map(|(k, v)| (k.clone(), v.clone())));
        into.dirs.extend(entries.dirs.iter().cloned());
    }
    interim
}

/// Creates the folders and writes every temporary file: the interim record
/// (if any), each changed file in order, the final record (if any).
fn stage(
    plan: &Plan,
    changed: &[&Planned],
    interim: Option<&str>,
    final_json: Option<&str>,
    staged: &mut Staged,
) -> Result<(), String> {
    let record_path = plan.home.join(record::FILE_NAME);
    create_base(&plan.home, staged)?;
    if let Some(json) = interim {
        staged.temps.push(write_temp(&record_path, json)?);
    }
    for p in changed {
        create_base(&p.base, staged)?;
        create_parents(&p.base, &p.rel, staged)?;
    }
    let mut first_error = None;
    for t in crate::par::map(changed, |p| p.contents.len(), |p| write_checked(p)) {
        match t {
            Ok(t) => staged.temps.push(t),
            Err(e) => first_error = first_error.or(Some(e)),
        }
    }
    if let Some(e) = first_error {
        return Err(e);
    }
    if let Some(json) = final_json {
        staged.temps.push(write_temp(&record_path, json)?);
    }
    Ok(())
}

/// A base folder is the user's choice and may be (or lie behind) a link.
fn create_base(base: &Path, staged: &mut Staged) -> Result<(), String> {
    let missing = safe::missing_ancestry(base);
    if missing.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(base).map_err(|e| format!("cannot create folder {}: {e}", shown(base)))?;
    staged.created.extend(missing);
    Ok(())
}

/// Creates the folders of `rel` below `base` one at a time, refusing a
/// link or a file on the way (`create_dir` never follows one).
fn create_parents(base: &Path, rel: &str, staged: &mut Staged) -> Result<(), String> {
    let mut path = base.to_path_buf();
    for part in super::ancestors(rel).iter().filter_map(|a| a.rsplit('/').next()) {
        path.push(part);
        match safe::lstat(&path)? {
            Found::Dir => {}
            Found::Absent => {
                std::fs::create_dir(&path).map_err(|e| format!("cannot create folder {}: {e}", shown(&path)))?;
                staged.created.push(path.clone());
            }
            Found::Link => return Err(safe::link_in_the_way(&path)),
            _ => return Err(format!("cannot create folder {}: a file is in the way", shown(&path))),
        }
    }
    Ok(())
}

/// Checks the path again (nothing became a link since the plan), then
/// writes the temporary file.
fn write_checked(p: &Planned) -> Result<Temp, String> {
    match safe::inspect(&p.base, &p.rel)? {
        Found::Absent | Found::File { .. } => write_temp(&p.path, &p.contents),
        Found::Link => Err(safe::link_in_the_way(&p.path)),
        _ => Err(format!("cannot write {}: something else is in the way", shown(&p.path))),
    }
}

/// Writes `contents` to a new temporary file beside `dest`, created
/// exclusively (`O_CREAT | O_EXCL`: an existing file or link at that name
/// fails, and the next name is tried).
fn write_temp(dest: &Path, contents: &str) -> Result<Temp, String> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut attempts = 0;
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dest.with_file_name(format!(".{name}.{}-{n}{TEMP_SUFFIX}", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(mut file) => {
                return match file.write_all(contents.as_bytes()) {
                    Ok(()) => Ok(Temp { temp, dest: dest.to_path_buf() }),
                    Err(e) => {
                        drop(file);
                        let _ = std::fs::remove_file(&temp);
                        Err(format!("cannot write {}: {e}", shown(dest)))
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempts < 64 => attempts += 1,
            Err(e) => return Err(format!("cannot write {}: {e}", shown(dest))),
        }
    }
}

fn remove_all(temps: impl Iterator<Item = Temp>) {
    for t in temps {
        let _ = std::fs::remove_file(&t.temp);
    }
}

fn remove(path: &Path) -> Result<(), String> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("cannot delete {}: {e}", shown(path))),
        _ => Ok(()),
    }
}

/// A failure after the commit began: exactly which files changed.
fn partial(error: &str, written: &[PathBuf]) -> String {
    let mut out = format!("{error}\n");
    if written.is_empty() {
        out.push_str("no generated file was replaced before the failure");
    } else {
        out.push_str(&format!(
            "these {} files were replaced before the failure; the others are unchanged:",
            written.len()
        ));
        for p in written {
            out.push_str(&format!("\n  {}", shown(p)));
        }
    }
    out.push_str("\nthe record lists both versions: run mizan-generate again once the cause is fixed");
    out
}

fn shown(path: &Path) -> String {
    crate::config::display_path(path)
}
