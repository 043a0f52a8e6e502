//! Carrying out one folder's plan on disk.

use super::record::{self, Record};
use super::{Folder, Planned, State, Summary};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

/// Temporary files are `.<name>.mizan-tmp` beside their target.
pub const TEMP_SUFFIX: &str = ".mizan-tmp";

/// Writes changed files, deletes stale ones, removes emptied folders it
/// created, and updates the record. A folder with nothing to do is not
/// touched at all.
pub(super) fn folder(f: &Folder, summary: &mut Summary) -> Result<(), String> {
    let unused_dirs: Vec<&String> = f.old.dirs.difference(&f.new.dirs).collect();
    let changed = f.files.iter().any(|p| p.state != State::Unchanged)
        || !f.stale.is_empty()
        || !unused_dirs.is_empty()
        || f.record_state() != State::Unchanged;
    summary.unchanged += f.files.iter().filter(|p| p.state == State::Unchanged).count();
    if !changed {
        return Ok(());
    }
    create_dirs(&f.dir)?;
    // Until this run finishes, the record lists both runs' files, so an
    // interrupted run leaves nothing it wrote unrecorded.
    let interim = Record {
        files: f.old.files.union(&f.new.files).cloned().collect(),
        dirs: f.old.dirs.union(&f.new.dirs).cloned().collect(),
    };
    let record_path = f.dir.join(record::FILE_NAME);
    if interim != f.old {
        write_atomic(&record_path, &interim.to_json())?;
    }
    let changed: Vec<&Planned> = f.files.iter().filter(|p| p.state != State::Unchanged).collect();
    let parents: BTreeSet<&str> = changed.iter().filter_map(|p| p.rel.rsplit_once('/')).map(|(dir, _)| dir).collect();
    for parent in parents {
        create_dirs(&f.dir.join(parent))?;
    }
    let written = crate::par::map(
        &changed,
        |p| p.contents.len(),
        |p| {
            let path = f.dir.join(&p.rel);
            write_atomic(&path, &p.contents).map(|()| path)
        },
    );
    for path in written {
        summary.written.push(path?);
    }
    for rel in &f.stale {
        let path = f.dir.join(rel);
        std::fs::remove_file(&path).map_err(|e| format!("cannot delete {}: {e}", path.display()))?;
        summary.deleted.push(path);
    }
    remove_empty_dirs(&f.dir, unused_dirs);
    if f.new.is_empty() { remove_if_present(&record_path) } else { write_atomic(&record_path, &f.new.to_json()) }
}

/// Removes folders this tool created and no longer uses, deepest first, but
/// only when nothing else is in them.
fn remove_empty_dirs(dir: &Path, mut rels: Vec<&String>) {
    rels.sort_by_key(|rel| std::cmp::Reverse(rel.matches('/').count()));
    for rel in rels {
        let path = dir.join(rel);
        let empty = std::fs::read_dir(&path).is_ok_and(|mut entries| entries.next().is_none());
        if empty {
            // A failure leaves an empty folder behind, which is harmless.
            let _ = std::fs::remove_dir(&path);
        }
    }
}

fn create_dirs(path: &Path) -> Result<(), String> {
    std::fs::create_dir_all(path).map_err(|e| format!("cannot create folder {}: {e}", path.display()))
}

fn remove_if_present(path: &Path) -> Result<(), String> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(format!("cannot delete {}: {e}", path.display())),
        _ => Ok(()),
    }
}

/// Writes to a temporary file in the same folder, then renames it over the
/// target, so a reader never sees a half-written file.
fn write_atomic(path: &Path, contents: &str) -> Result<(), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}{TEMP_SUFFIX}"));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(contents.as_bytes())?;
        std::fs::rename(&temp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        format!("cannot write {}: {e}", path.display())
    })
}
