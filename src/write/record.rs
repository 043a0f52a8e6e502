//! `.mizan-generated.json`: the record, kept in each output folder, of the
//! files and folders this tool wrote there. Only what it lists is ever
//! deleted, so a user's own files in an output folder are safe.

use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

/// The record's file name, in each output folder.
pub const FILE_NAME: &str = ".mizan-generated.json";

/// The files and folders (relative, `/`-separated) one output folder holds
/// from this tool.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub files: BTreeSet<String>,
    /// Folders this tool created, which it removes once empty and unused.
    pub dirs: BTreeSet<String>,
}

impl Record {
    /// Reads the record of `dir`; an absent record is an empty one. A
    /// record that does not parse, or that lists a path leaving the folder,
    /// is an error: pruning must never guess.
    pub fn read(dir: &Path) -> Result<Record, String> {
        let path = dir.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Record::default()),
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let bad = |why: &str| {
            format!(
                "{} is not a valid record of generated files ({why}); \
                 delete it to regenerate (stale files will then not be pruned)",
                path.display()
            )
        };
        let value: Value = serde_json::from_str(&text).map_err(|e| bad(&e.to_string()))?;
        let list = |key: &str| -> Result<BTreeSet<String>, String> {
            let Some(items) = value.get(key).and_then(Value::as_array) else {
                return Err(bad(&format!("no `{key}` list")));
            };
            items
                .iter()
                .map(|item| {
                    let s = item.as_str().ok_or_else(|| bad(&format!("`{key}` holds a non-string")))?;
                    super::check_relative(s).map_err(|why| bad(&format!("`{s}`: {why}")))?;
                    Ok(s.to_owned())
                })
                .collect()
        };
        Ok(Record { files: list("files")?, dirs: list("dirs")? })
    }

    /// The record's file contents.
    pub fn to_json(&self) -> String {
        let value = json!({
            "generator": "mizan-generate",
            "version": env!("CARGO_PKG_VERSION"),
            "note": "Files mizan-generate wrote in this folder; it deletes listed files it no longer generates. Do not edit.",
            "files": self.files,
            "dirs": self.dirs,
        });
        crate::emit::json::to_string(&value)
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.dirs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_escapes() {
        let dir = std::env::temp_dir().join(format!("mizan-record-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let record = Record { files: ["a/b.ts".to_owned(), "c.json".to_owned()].into(), dirs: ["a".to_owned()].into() };
        std::fs::write(dir.join(FILE_NAME), record.to_json()).unwrap();
        assert_eq!(Record::read(&dir).unwrap(), record);
        for hostile in ["../x", "/etc/passwd", "a\\..\\b", "a/./b", ""] {
            let text = json!({ "files": [hostile], "dirs": [] }).to_string();
            std::fs::write(dir.join(FILE_NAME), text).unwrap();
            assert!(Record::read(&dir).is_err(), "{hostile:?} accepted");
        }
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(Record::read(&dir).unwrap(), Record::default());
    }
}
