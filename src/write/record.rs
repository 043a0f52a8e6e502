//! `.mizan-generated.json`: the one record, kept in the *home* folder (the
//! root `output`, or the config file's folder when there is none), of every
//! file and folder this tool wrote, for every target.
//!
//! Entries are grouped by *base*: an output folder, named relative to the
//! home (`.` for the home itself, `../client` for a target placed outside
//! it). Each file carries the SHA-256 of the bytes written, so pruning can
//! tell a file still as generated from one a user edited. Only what the
//! record lists is ever deleted, and only while its contents still match.
//!
//! Records of version 0.1 (a `files` list and a `dirs` list, one record per
//! output folder, no hashes) are still read: their files count as the
//! tool's, but without a hash none of them is deleted.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

/// The record's file name, in the home folder.
pub const FILE_NAME: &str = ".mizan-generated.json";

/// A record larger than this is refused rather than read: a real one lists
/// a few dozen files.
const MAX_SIZE: u64 = 16 << 20;

/// The SHA-256 of a file's contents, as 64 lowercase hex digits.
pub type Hash = String;

/// What the tool wrote below one base folder (paths `/`-separated, relative
/// to the base).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Entries {
    /// Files and the hash of what was written; `None` for files recorded by
    /// version 0.1, which kept no hashes.
    pub files: BTreeMap<String, Option<Hash>>,
    /// Folders this tool created, which it removes once empty and unused.
    pub dirs: BTreeSet<String>,
}

/// The whole record: entries per base, keyed by the base's path relative to
/// the home (`.`, `client`, `../client`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub bases: BTreeMap<String, Entries>,
}

/// The hash the record stores for `bytes`.
pub fn hash(bytes: &[u8]) -> Hash {
    hex(&Sha256::digest(bytes))
}

/// The hash of a file's contents, read in chunks (a file of any size costs
/// no more memory than one chunk).
pub fn hash_file(path: &Path) -> std::io::Result<Hash> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        match file.read(&mut chunk)? {
            0 => return Ok(hex(&hasher.finalize())),
            n => hasher.update(&chunk[..n]),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

impl Record {
    /// Reads the record at `path`; an absent record is an empty one. A
    /// record that is not a regular file, is too large, does not parse, or
    /// lists a path that could leave its base, is an error: pruning must
    /// never guess.
    pub fn read(path: &Path, what: &str) -> Result<Record, String> {
        Record::read_with_text(path, what).map(|(record, _)| record)
    }

    /// `read`, also returning the file's text (`None` when absent).
    pub fn read_with_text(path: &Path, what: &str) -> Result<(Record, Option<String>), String> {
        let shown = crate::config::display_path(path);
        match std::fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Record::default(), None)),
            Err(e) => return Err(format!("cannot read {shown}: {e}")),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "{shown} is a symbolic link: {what} must be a regular file; replace the link with the file it points to, or delete it"
                ));
            }
            Ok(m) if !m.is_file() => return Err(format!("{shown} is not a regular file: delete or move it")),
            Ok(m) if m.len() > MAX_SIZE => {
                return Err(format!(
                    "{shown} is {} bytes, too large for {what} (at most {MAX_SIZE}); delete it to regenerate",
                    m.len()
                ));
            }
            Ok(_) => {}
        }
        let mut text = String::new();
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_SIZE + 1).read_to_string(&mut text))
            .map_err(|e| format!("cannot read {shown}: {e}"))?;
        let record = parse(&text).map_err(|why| {
            format!(
                "{shown} is not a valid record of generated files ({why}); \
                 delete it to regenerate (files generated earlier will then not be pruned)"
            )
        })?;
        Ok((record, Some(text)))
    }

    /// The record's file contents.
    pub fn to_json(&self) -> String {
        let bases: Map<String, Value> = self
            .bases
            .iter()
            .map(|(key, e)| {
                let files: Map<String, Value> = e
                    .files
                    .iter()
                    .map(|(rel, h)| (rel.clone(), h.as_deref().map_or(Value::Null, Value::from)))
                    .collect();
                (key.clone(), json!({ "files": files, "dirs": e.dirs }))
            })
            .collect();
        let value = json!({
            "generator": "mizan-generate",
            "version": env!("CARGO_PKG_VERSION"),
            "note": "Files mizan-generate wrote, with the SHA-256 of each; it deletes a listed file it no longer generates only while its contents are unchanged. Do not edit.",
            "bases": bases,
        });
        crate::emit::json::to_string(&value)
    }

    pub fn is_empty(&self) -> bool {
        self.bases.values().all(|e| e.files.is_empty() && e.dirs.is_empty())
    }
}

fn parse(text: &str) -> Result<Record, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if value.get("bases").is_none() && value.get("files").is_some() {
        // Version 0.1: one record per folder, this one for the folder itself.
        return Ok(Record { bases: [(".".to_owned(), legacy(&value)?)].into() });
    }
    let Some(bases) = value.get("bases").and_then(Value::as_object) else {
        return Err("no `bases` object".to_owned());
    };
    let mut out = BTreeMap::new();
    for (key, entries) in bases {
        check_base_key(key).map_err(|why| format!("base `{key}`: {why}"))?;
        out.insert(key.clone(), entries_of(entries).map_err(|why| format!("base `{key}`: {why}"))?);
    }
    Ok(Record { bases: out })
}

fn entries_of(value: &Value) -> Result<Entries, String> {
    let Some(files) = value.get("files").and_then(Value::as_object) else {
        return Err("no `files` object".to_owned());
    };
    let mut out = Entries { dirs: paths(value, "dirs")?, ..Entries::default() };
    for (rel, hash) in files {
        super::check_relative(rel).map_err(|why| format!("`{rel}`: {why}"))?;
        let hash = match hash {
            Value::String(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                Some(h.to_ascii_lowercase())
            }
            Value::Null => None,
            _ => return Err(format!("`{rel}` has no valid SHA-256")),
        };
        out.files.insert(rel.clone(), hash);
    }
    Ok(out)
}

fn legacy(value: &Value) -> Result<Entries, String> {
    let files = paths(value, "files")?.into_iter().map(|f| (f, None)).collect();
    Ok(Entries { files, dirs: paths(value, "dirs")? })
}

fn paths(value: &Value, key: &str) -> Result<BTreeSet<String>, String> {
    let Some(items) = value.get(key).and_then(Value::as_array) else {
        return Err(format!("no `{key}` list"));
    };
    items
        .iter()
        .map(|item| {
            let s = item.as_str().ok_or_else(|| format!("`{key}` holds a non-string"))?;
            super::check_relative(s).map_err(|why| format!("`{s}`: {why}"))?;
            Ok(s.to_owned())
        })
        .collect()
}

/// A base key is `.`, or `..` components followed by plain names, or plain
/// names: `client`, `../../web/gen`.
fn check_base_key(key: &str) -> Result<(), &'static str> {
    if key == "." {
        return Ok(());
    }
    let rest = key.trim_start_matches("../");
    if rest == ".." {
        return Ok(());
    }
    super::check_relative(rest).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Record {
        let mut home = Entries::default();
        home.files.insert("a/b.ts".to_owned(), Some(hash(b"b")));
        home.files.insert("c.json".to_owned(), Some(hash(b"c")));
        home.dirs.insert("a".to_owned());
        let mut outside = Entries::default();
        outside.files.insert("lib.rs".to_owned(), Some(hash(b"lib")));
        Record { bases: [(".".to_owned(), home), ("../crate".to_owned(), outside)].into() }
    }

    #[test]
    fn round_trips() {
        let mut record = sample();
        assert_eq!(parse(&record.to_json()).unwrap(), record);
        // A file recorded without a hash (merged from a version 0.1 record
        // and kept) is written as `null` and read back as such.
        record.bases.get_mut(".").unwrap().files.insert("old.ts".to_owned(), None);
        assert!(record.to_json().contains("\"old.ts\": null"), "{}", record.to_json());
        assert_eq!(parse(&record.to_json()).unwrap(), record);
    }

    #[test]
    fn version_0_1_only_without_bases() {
        assert_eq!(parse("{}").unwrap_err(), "no `bases` object");
        assert_eq!(parse(r#"{"dirs": []}"#).unwrap_err(), "no `bases` object");
        // A stray `files` list beside `bases` does not make it version 0.1.
        let mut value: Value = serde_json::from_str(&sample().to_json()).unwrap();
        value["files"] = json!(["stray.ts"]);
        value["dirs"] = json!([]);
        assert_eq!(parse(&value.to_string()).unwrap(), sample());
    }

    #[test]
    fn hashes_are_sha256() {
        assert_eq!(hash(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn rejects_escapes_and_bad_hashes() {
        for hostile in ["../x", "/etc/passwd", "a\\..\\b", "a/./b", ""] {
            let text = json!({ "bases": { ".": { "files": { hostile: hash(b"") }, "dirs": [] } } }).to_string();
            assert!(parse(&text).is_err(), "{hostile:?} accepted");
            let text = json!({ "files": [hostile], "dirs": [] }).to_string();
            assert!(parse(&text).is_err(), "legacy {hostile:?} accepted");
        }
        for key in ["/etc", "a/../..", "./a", "..x/..", "a/..", ""] {
            let text = json!({ "bases": { key: { "files": {}, "dirs": [] } } }).to_string();
            assert!(parse(&text).is_err(), "base {key:?} accepted");
        }
        // A hash is 64 hex digits: not fewer, and not any 64 characters.
        for bad in ["md5:1", "abc", &"g".repeat(64), &"a".repeat(63)] {
            let text = json!({ "bases": { ".": { "files": { "a.ts": bad }, "dirs": [] } } }).to_string();
            assert_eq!(parse(&text).unwrap_err(), "base `.`: `a.ts` has no valid SHA-256", "{bad:?}");
        }
        // Upper case is read, and stored in lower case.
        let text = json!({ "bases": { ".": { "files": { "a.ts": "AB".repeat(32) }, "dirs": [] } } }).to_string();
        assert_eq!(parse(&text).unwrap().bases["."].files["a.ts"], Some("ab".repeat(32)));
    }

    #[test]
    fn a_file_is_hashed_across_its_read_chunks() {
        let path = std::env::temp_dir().join(format!("mizan-record-hash-{}", std::process::id()));
        // Longer than two 64 KiB chunks, and not a multiple of one.
        let bytes: Vec<u8> = (0..150_001u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(hash_file(&path).unwrap(), hash(&bytes));
        std::fs::write(&path, b"").unwrap();
        assert_eq!(hash_file(&path).unwrap(), hash(b""));
        std::fs::remove_file(&path).unwrap();
        assert!(hash_file(&path).is_err(), "a missing file hashed");
    }

    #[test]
    fn reads_version_0_1() {
        let text = json!({ "files": ["a.ts"], "dirs": ["d"] }).to_string();
        let record = parse(&text).unwrap();
        assert_eq!(record.bases["."].files["a.ts"], None);
        assert!(record.bases["."].dirs.contains("d"));
    }

    #[test]
    #[cfg(unix)]
    fn read_refuses_what_is_not_a_readable_regular_file() {
        let base = std::env::temp_dir().join(format!("mizan-record-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).unwrap();
        let what = "the record";
        let err = |path: &Path| Record::read(path, what).unwrap_err();

        // Absent: an empty record, and no text.
        assert_eq!(Record::read_with_text(&base.join("absent.json"), what).unwrap(), (Record::default(), None));

        // A regular file: read and parsed.
        let good = base.join("good.json");
        std::fs::write(&good, sample().to_json()).unwrap();
        assert_eq!(Record::read_with_text(&good, what).unwrap(), (sample(), Some(sample().to_json())));

        // Any other failure to look at the path is an error, not "no record":
        // a file where a folder should be (ENOTDIR).
        let under_a_file = good.join("record.json");
        assert!(err(&under_a_file).starts_with("cannot read "), "{}", err(&under_a_file));

        // A link, even to a good record, is refused with the advice for links.
        let link = base.join("link.json");
        std::os::unix::fs::symlink(&good, &link).unwrap();
        let message = err(&link);
        assert!(
            message.contains("is a symbolic link: the record must be a regular file; replace the link"),
            "{message}"
        );

        // A folder; a file past the size bound (sparse, so cheap).
        assert!(err(&base).contains("is not a regular file"), "{}", err(&base));
        let big = base.join("big.json");
        std::fs::File::create(&big).unwrap().set_len(MAX_SIZE + 1).unwrap();
        assert!(err(&big).contains("too large for the record"), "{}", err(&big));
        let edge = base.join("edge.json");
        std::fs::File::create(&edge).unwrap().set_len(MAX_SIZE).unwrap();
        assert!(err(&edge).contains("is not a valid record"), "{}", err(&edge));
        // A valid record of exactly the bound is read whole (to its last
        // byte, the closing brace).
        let json = sample().to_json();
        let mut text = vec![b' '; usize::try_from(MAX_SIZE).unwrap() - json.trim_end().len()];
        text.extend_from_slice(json.trim_end().as_bytes());
        assert_eq!(text.len() as u64, MAX_SIZE);
        std::fs::write(&edge, &text).unwrap();
        assert_eq!(Record::read(&edge, what).unwrap(), sample());

        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn empty_means_no_file_and_no_folder_in_any_base() {
        assert!(Record::default().is_empty());
        let mut record = sample();
        assert!(!record.is_empty());
        for entries in record.bases.values_mut() {
            entries.files.clear();
        }
        assert!(!record.is_empty(), "a recorded folder alone is not empty");
        for entries in record.bases.values_mut() {
            entries.dirs.clear();
        }
        assert!(record.is_empty(), "bases without entries are empty");
        record.bases.get_mut("../crate").unwrap().files.insert("lib.rs".to_owned(), None);
        assert!(!record.is_empty(), "a file in one base is not empty");
    }
}
