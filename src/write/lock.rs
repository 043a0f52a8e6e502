//! One run at a time per home folder (the folder holding the record).
//!
//! The lock is an advisory lock (`flock`) on the home folder itself, so it
//! leaves no file behind and dies with the process: a killed run never
//! leaves a stale lock. When the home folder does not exist yet, the
//! nearest existing ancestor is locked while the home is created (a run
//! that then fails removes the folders it created), and the lock moves to
//! the home before anything is planned: every run that plans or writes in
//! a home holds that home's lock. On platforms where a folder cannot be
//! opened as a file, the lock is a `.mizan-generate.lock` file in the home.

use super::safe;
use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct Lock {
    _file: File,
    /// Folders created to hold the lock, outermost first; removed again by
    /// `release_created` when the run wrote nothing.
    pub created: Vec<PathBuf>,
}

/// Locks `home`, waiting for another run that holds it (`waiting` is called
/// once, before the wait). With `create`, a missing home is created first;
/// without (`--check`), its nearest existing ancestor is locked instead.
pub fn acquire(home: &Path, create: bool, waiting: &dyn Fn(&Path)) -> Result<Lock, String> {
    safe::check_base(home)?;
    let existing = nearest_existing(home);
    if existing == home {
        return Ok(Lock { _file: lock(home, waiting)?, created: Vec::new() });
    }
    let ancestor = lock(&existing, waiting)?;
    if !create {
        return Ok(Lock { _file: ancestor, created: Vec::new() });
    }
    // Another run may have created the home while this one waited.
    let created = safe::missing_ancestry(home);
    std::fs::create_dir_all(home)
        .map_err(|e| format!("cannot create the output folder {}: {e}", crate::config::display_path(home)))?;
    let file = lock(home, waiting)?;
    drop(ancestor);
    Ok(Lock { _file: file, created })
}

impl Lock {
    /// Removes the folders created for the lock when they are still empty
    /// (the run failed before writing).
    pub fn release_created(&self) {
        for dir in self.created.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

fn nearest_existing(path: &Path) -> PathBuf {
    path.ancestors().find(|p| p.is_dir()).unwrap_or(path).to_path_buf()
}

fn lock(dir: &Path, waiting: &dyn Fn(&Path)) -> Result<File, String> {
    let shown = crate::config::display_path(dir);
    let file = open(dir).map_err(|e| format!("cannot lock {shown} against concurrent runs: {e}"))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(TryLockError::WouldBlock) => waiting(dir),
        Err(TryLockError::Error(e)) => return Err(format!("cannot lock {shown} against concurrent runs: {e}")),
    }
    file.lock().map_err(|e| format!("cannot lock {shown} against concurrent runs: {e}"))?;
    Ok(file)
}

#[cfg(unix)]
fn open(dir: &Path) -> std::io::Result<File> {
    File::open(dir)
}

#[cfg(not(unix))]
fn open(dir: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(".mizan-generate.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh scratch folder of this test's own.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mizan-lock-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Whether another open file description can take `dir`'s lock now
    /// (`flock` locks conflict between descriptions, even in one process).
    fn free(dir: &Path) -> bool {
        File::open(dir).unwrap().try_lock().is_ok()
    }

    #[test]
    fn a_missing_home_is_created_and_the_lock_moves_to_it() {
        let base = scratch("moves");
        let home = base.join("out/gen");
        let lock = acquire(&home, true, &|dir| panic!("waited for {}", dir.display())).unwrap();
        assert!(home.is_dir(), "the home was not created");
        assert_eq!(lock.created, vec![base.join("out"), home.clone()]);
        assert!(!free(&home), "the home is not locked");
        assert!(free(&base), "the ancestor is still locked");
        drop(lock);
        assert!(free(&home), "the lock outlives its drop");
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn without_create_the_ancestor_is_locked_and_nothing_created() {
        let base = scratch("check");
        let home = base.join("out/gen");
        let lock = acquire(&home, false, &|dir| panic!("waited for {}", dir.display())).unwrap();
        assert!(!base.join("out").exists(), "--check created a folder");
        assert!(lock.created.is_empty());
        assert!(!free(&base), "the nearest existing ancestor is not locked");
        drop(lock);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn release_created_removes_the_empty_folders_it_made_and_no_other() {
        let base = scratch("release");
        let home = base.join("out/gen");
        let lock = acquire(&home, true, &|_| {}).unwrap();
        lock.release_created();
        assert!(!base.join("out").exists(), "the created folders stay");
        assert!(base.is_dir(), "a folder that existed before was removed");
        drop(lock);

        // A folder the run has written into is not empty, and stays.
        let lock = acquire(&home, true, &|_| {}).unwrap();
        std::fs::write(home.join("a.ts"), "x").unwrap();
        lock.release_created();
        assert!(home.join("a.ts").is_file());
        drop(lock);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
