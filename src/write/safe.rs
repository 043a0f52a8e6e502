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
            // Missing, or below a file (ENOTDIR): the ancestor says which.
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                at = path.parent()
            }
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

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A fresh scratch folder of this test's own.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("mizan-safe-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn lstat_tells_each_kind_apart_without_following_links() {
        let base = scratch("lstat");
        std::fs::write(base.join("file"), "12345").unwrap();
        std::fs::create_dir(base.join("dir")).unwrap();
        symlink(base.join("dir"), base.join("to-dir")).unwrap();
        symlink(base.join("file"), base.join("to-file")).unwrap();
        symlink(base.join("nowhere"), base.join("dangling")).unwrap();
        let fifo = base.join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());

        assert_eq!(lstat(&base.join("file")), Ok(Found::File { len: 5 }));
        assert_eq!(lstat(&base.join("dir")), Ok(Found::Dir));
        for link in ["to-dir", "to-file", "dangling"] {
            assert_eq!(lstat(&base.join(link)), Ok(Found::Link), "{link}");
        }
        assert_eq!(lstat(&fifo), Ok(Found::Other));
        assert_eq!(lstat(&base.join("absent")), Ok(Found::Absent));
        // Any other failure is an error, never "absent": here a name longer
        // than the file system allows (ENAMETOOLONG).
        let err = lstat(&base.join("x".repeat(300))).unwrap_err();
        assert!(err.starts_with("cannot inspect ") && err.contains("too long"), "{err}");
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn inspect_refuses_a_link_or_a_file_on_the_way() {
        let base = scratch("inspect");
        std::fs::create_dir_all(base.join("a/b")).unwrap();
        std::fs::write(base.join("a/b/c.ts"), "x").unwrap();
        std::fs::write(base.join("a/f"), "").unwrap();
        symlink(base.join("a"), base.join("l")).unwrap();

        assert_eq!(inspect(&base, "a/b/c.ts"), Ok(Found::File { len: 1 }));
        assert_eq!(inspect(&base, "a/b"), Ok(Found::Dir));
        assert_eq!(inspect(&base, "a/missing/c.ts"), Ok(Found::Absent));
        // The link itself is reported as one; nothing is reached through it.
        assert_eq!(inspect(&base, "l"), Ok(Found::Link));
        let err = inspect(&base, "l/b/c.ts").unwrap_err();
        assert!(
            err.ends_with(
                "/l is a symbolic link: mizan-generate never writes or deletes through a link inside an output folder; \
                 replace the link with a real folder, or point the output at the link's target"
            ),
            "{err}"
        );
        let err = inspect(&base, "a/f/c.ts").unwrap_err();
        assert!(err.ends_with("/a/f is a file, not a folder"), "{err}");
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn check_base_accepts_a_folder_or_one_that_can_be_created() {
        let base = scratch("base");
        std::fs::write(base.join("file"), "").unwrap();
        symlink(&base, base.join("link")).unwrap();
        symlink(base.join("loop"), base.join("loop")).unwrap();

        assert_eq!(check_base(&base), Ok(()));
        assert_eq!(check_base(&base.join("new/deeper")), Ok(()));
        // A link to a folder is followed: the user chose it.
        assert_eq!(check_base(&base.join("link")), Ok(()));

        let err = check_base(&base.join("file")).unwrap_err();
        assert!(err.starts_with("the output folder ") && err.ends_with("/file is a file, not a folder"), "{err}");
        let err = check_base(&base.join("file/gen/x")).unwrap_err();
        assert!(
            err.starts_with("cannot create the output folder ") && err.ends_with("/file is a file, not a folder"),
            "{err}"
        );
        // Any other failure is an error, not a folder to create: a link
        // that points at itself (ELOOP).
        let err = check_base(&base.join("loop")).unwrap_err();
        assert!(err.starts_with("cannot inspect ") && err.contains("symbolic links"), "{err}");
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn read_prefix_reads_at_most_the_limit_and_only_a_regular_file() {
        let base = scratch("prefix");
        let path = base.join("f");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_prefix(&path, 4).unwrap(), b"0123");
        assert_eq!(read_prefix(&path, 10).unwrap(), b"0123456789");
        assert_eq!(read_prefix(&path, 64).unwrap(), b"0123456789");
        // A folder opens as a file on Unix; it is refused, not read.
        let err = read_prefix(&base, 64).unwrap_err();
        assert_eq!(err.to_string(), "not a regular file");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
