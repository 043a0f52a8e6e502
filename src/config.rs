//! `mizan.toml` and the command line's overrides → one resolved `Config`.
//!
//! `file` reads the TOML (every unknown key, wrong type and bad value is a
//! diagnostic with a span); `resolve` merges the command line in (`--ir`,
//! `--out`, `--target`), places each target's output folder, checks the
//! target list, and builds each target's `emit::Options`. Paths in the file
//! resolve against the file's folder; paths on the command line against the
//! current folder.

mod file;
mod reader;
mod resolve;
pub mod table;

pub use table::Table;

use crate::diag::Diagnostic;
use crate::ir::ast::Span;
use crate::source::Source;
use crate::target::{Backend, Configured};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// The config file read when `--config` is not given.
pub const DEFAULT_FILE: &str = "mizan.toml";

/// What the command line says about configuration.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `--config`; `None` means `./mizan.toml`, which may then be absent
    /// when `--ir` is given.
    pub config: Option<PathBuf>,
    /// `--ir`: a file, or stdin for `-`.
    pub ir: Option<Source>,
    pub out: Option<PathBuf>,
    /// `--target`, repeated (registered names); replaces the file's
    /// `targets` when non-empty.
    pub targets: Vec<String>,
}

/// Everything a run needs, resolved and validated.
#[derive(Debug)]
pub struct Config {
    /// The root output folder (absolute), when there is one.
    pub root: Option<PathBuf>,
    /// The project folder (absolute): the config file's folder, or the
    /// current folder without one. The record of generated files lives in
    /// `root`, or here when there is no root.
    pub project: PathBuf,
    /// The enabled targets in registry order (`target::ALL`).
    pub targets: Vec<TargetSpec>,
    /// Replaces the IR's `base-url` before emission.
    pub base_url: Option<String>,
    pub source: Source,
    /// What `--watch` watches besides the config and an IR file: the
    /// exporter source's `watch` paths (absolute).
    pub watch: Vec<PathBuf>,
}

/// One enabled target with its options, and where it writes.
#[derive(Debug)]
pub struct TargetSpec {
    pub target: Configured,
    pub dir: PathBuf,
}

/// Why the configuration is unusable (exit status 2): diagnostics pointing
/// into the file, and messages about the command line.
#[derive(Clone, Debug, Default)]
pub struct Error {
    pub diags: Vec<Diagnostic>,
    /// The file's display name and text, for rendering `diags`.
    pub file: Option<(String, String)>,
    pub messages: Vec<String>,
}

impl Error {
    /// A config error without a place in a file.
    pub(crate) fn message(message: impl Into<String>) -> Error {
        Error { messages: vec![message.into()], ..Error::default() }
    }
}

/// `mizan.toml` as written, after validation.
#[derive(Default)]
struct FileConfig {
    output: Option<Spanned<PathBuf>>,
    targets: Option<Vec<(&'static dyn Backend, Span)>>,
    base_url: Option<String>,
    /// The `[target.<name>]` tables, by name.
    tables: BTreeMap<&'static str, TargetTable>,
    source: Option<Source>,
    /// The files and folders the source names, with where: checked to
    /// exist unless `--ir` replaces the source.
    source_paths: Vec<SourcePath>,
    /// An exporter source's `watch` paths.
    watch: Vec<PathBuf>,
}

/// A path a `[source.*]` table names (`path`, `manage_path`, `cwd`, ...).
struct SourcePath {
    path: PathBuf,
    span: Span,
    /// `[source.ir] path`.
    key: String,
    folder: bool,
}

/// One `[target.<name>]` table: the `output` every target takes, and the
/// target's own options.
struct TargetTable {
    output: Option<Spanned<PathBuf>>,
    options: Configured,
}

/// Reads the config file (if any) and applies the command line.
pub fn load(request: &Request) -> Result<Config, Error> {
    let path = request.config.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_FILE));
    let text = match read_bounded(&path) {
        Ok(text) => Some(text),
        Err(e) if request.config.is_none() && e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::message(format!("cannot read the config file {}: {e}", path.display()))),
    };
    let Some(text) = text else {
        if request.ir.is_none() {
            return Err(Error::message(format!(
                "no {DEFAULT_FILE} in the current folder: pass --config PATH, or --ir FILE with --out DIR and --target NAME"
            )));
        }
        return resolve::resolve(FileConfig::default(), request, None, normalize(Path::new(".")));
    };
    let name = display_path(&path);
    let base = normalize(path.parent().unwrap_or(Path::new("")));
    match file::read(&text, &base) {
        Ok(config) => resolve::resolve(config, request, Some((name, text)), base),
        Err(diags) => Err(Error { diags, file: Some((name, text)), messages: Vec::new() }),
    }
}

/// A target configured from the body of a `[target.<name>]` table (for
/// `crate::testing`), or the table's diagnostics.
pub fn read_table(backend: &'static dyn Backend, body: &str, base: &Path) -> Result<Configured, Vec<Diagnostic>> {
    let (doc, errors) = toml::de::DeTable::parse_recoverable(body);
    if let Some(e) = errors.first() {
        return Err(vec![Diagnostic::error("mizan::config-syntax", e.message().trim().to_owned(), Span::new(0, 0))]);
    }
    let mut r = reader::Reader { base, diags: Vec::new() };
    let keys: Vec<&str> = backend.keys().to_vec();
    r.known_keys(doc.get_ref(), &keys, &format!("[target.{}]", backend.name()));
    let target = backend.configure(&mut Table::new(&mut r, doc.get_ref()));
    if r.diags.is_empty() { Ok(target) } else { Err(r.diags) }
}

/// A config file larger than this is refused: a real one is a few hundred
/// bytes, and `--config /dev/zero` must not read forever.
const MAX_SIZE: u64 = 1 << 20;

/// The config file's text, read no further than `MAX_SIZE` (a FIFO, as
/// from `--config <(...)`, is fine).
fn read_bounded(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_SIZE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_SIZE {
        return Err(std::io::Error::other(format!("it is larger than {MAX_SIZE} bytes, too large for a config file")));
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// The closest candidate within a small edit distance, for "did you mean"
/// (the IR's rule: [`crate::ir::check::suggest::did_you_mean`]).
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    crate::ir::check::suggest::did_you_mean(word, candidates.iter().copied())
}

/// An absolute path with `.` and `..` resolved lexically (no symlinks
/// followed, so it works for folders that do not exist yet).
pub fn normalize(path: &Path) -> PathBuf {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A path as messages show it: relative to the current folder when inside it.
pub fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().map(|d| normalize(&d)).unwrap_or_default();
    match normalize(path).strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_owned(),
        Ok(rel) => rel.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The `/`-separated relative path from folder `from` to folder `to` (both
/// normalized), as an import specifier: `../stage1`, `./stage1`, `.`.
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    match parts.first().map(String::as_str) {
        None => ".".to_owned(),
        Some("..") => parts.join("/"),
        Some(_) => format!("./{}", parts.join("/")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(did_you_mean("outptu", &["output", "targets"]), Some("output"));
        assert_eq!(did_you_mean("Targets", &["output", "targets"]), Some("targets"));
        assert_eq!(did_you_mean("zzz", &["output", "targets"]), None);
    }

    #[test]
    fn relative_specifiers() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(relative(&p("/a/gen/react"), &p("/a/gen/stage1")), "../stage1");
        assert_eq!(relative(&p("/a/web/src/hooks"), &p("/a/gen/stage1")), "../../../gen/stage1");
        assert_eq!(relative(&p("/a/gen"), &p("/a/gen/stage1")), "./stage1");
        assert_eq!(relative(&p("/a/gen"), &p("/a/gen")), ".");
    }

    #[test]
    fn normalize_is_lexical() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(normalize(Path::new("")), normalize(Path::new(".")));
    }
}
