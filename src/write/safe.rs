//! What is on disk at a path below a base folder, found without following a
//! symbolic link: every folder between the base and the path is looked at
//! with `lstat`, component by component. The base itself may be a link (the
//! user chose that folder); a link anywhere below it is never written,
//! read or deleted through, whichever way it points.

use std::io::Read;
use std::path::{Path, PathBuf};

/// What a path holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Absent,
    File {
        len: u64,
    },
    Dir,
    Link,
    /// A FIFO, socket or device: never opened.
    Other,
}

/// Inspects `base/rel` (`rel` checked by `check_relative`). An error names
/// the link or file that stands where a folder should be.
pub fn inspect(base: &Path, rel: &str) -> Result<Found, String> {
    let mut path = base.to_path_buf();
    let mut parts = rel.split('/').peekable();
    while let Some(part) = parts.next() {
        path.push(part);
        let found = lstat(&path)?;
        if parts.peek().is_none() {
            return Ok(found);
        }
        match found {
            Found::Dir => {}
            Found::Absent => return Ok(Found::Absent),
            Found::Link => return Err(link_in_the_way(&path)),
            Found::File { .. } | Found::Other => {
                return Err(format!("{} is a file, not a folder", crate::config::display_path(&path)));
            }
        }
    }
    Ok(Found::Absent)
}

/// What `path` itself is, without following it.
pub fn lstat(path: &Path) -> Result<Found, String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Ok(Found::Link),
        Ok(m) if m.is_dir() => Ok(Found::Dir),
        Ok(m) if m.is_file() => Ok(Found::File { len: m.len() }),
        Ok(_) => Ok(Found::Other),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Found::Absent),
        Err(e) => Err(format!("cannot inspect {}: {e}", crate::config::display_path(path))),
    }
}

pub fn link_in_the_way(path: &Path) -> String {
    format!(
        "{} is a symbolic link: mizan-generate never writes or deletes through a link inside an output folder; \
         replace the link with a real folder, or point the output at the link's target",
        crate::config::display_path(path)
    )
}

/// Checks that a base folder is a folder (following a link: the user chose
/// it) or can be created: its nearest existing ancestor must be a folder.
pub fn check_base(base: &Path) -> Result<(), String> {
    let mut at: Option<&Path> = Some(base);
    while let Some(path) = at {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => return Ok(()),
            Ok(_) => {
                let shown = crate::config::display_path(path);
                return Err(if path == base {
                    format!("the output folder {shown} is a file, not a folder")
                } else {
                    format!(
                        "cannot create the output folder {}: {shown} is a file, not a folder",
                        crate::config::display_path(base)
                    )
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => at = path.parent(),
            Err(e) => return Err(format!("cannot inspect {}: {e}", crate::config::display_path(path))),
        }
    }
    Ok(())
}

/// Reads at most `limit` bytes of a regular file (checked by `inspect`
/// just before), so a huge or endless file costs bounded memory.
pub fn read_prefix(path: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    // Room for the whole prefix (and the end-of-file check) at once: read
    // in one go, not grown a doubling at a time.
    let mut bytes =
        Vec::with_capacity(usize::try_from(meta.len()).map_or(limit, |len| len.saturating_add(1).min(limit)));
    file.take(limit as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The folders created by `create_dir_all(path)`, outermost first: the
/// missing tail of its ancestry.
pub fn missing_ancestry(path: &Path) -> Vec<PathBuf> {
    let mut missing = Vec::new();
    let mut at = Some(path);
    while let Some(p) = at {
        if std::fs::symlink_metadata(p).is_ok() {
            break;
        }
        missing.push(p.to_path_buf());
        at = p.parent();
    }
    missing.reverse();
    missing
}
