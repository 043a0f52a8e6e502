//! `mizan-generate init`: writes a starter `mizan.toml` in the current
//! folder, with the IR source it finds nearby (a Django `manage.py`, a
//! FastAPI app, a Cargo project depending on a Mizan crate, an IR file) and
//! the targets the frontend's `package.json` suggests.
//!
//! "Nearby" is the current folder and its parent, each with its direct
//! subfolders (`../backend/manage.py`, `api/main.py`). Every file is read
//! through a small bound, hidden and dependency folders are skipped, and
//! nothing is written when `mizan.toml` exists.

use super::report::{Failure, Ui};
use crate::config;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The file `init` writes.
const FILE: &str = "mizan.toml";

/// How much of a file detection reads: a `manage.py`, an app module or a
/// `Cargo.toml` says what it is in its first lines.
const READ_LIMIT: u64 = 64 * 1024;

/// Folders never searched: dependencies, builds, environments.
const SKIPPED: &[&str] = &["node_modules", "target", "dist", "build", "venv", "env", "__pycache__", "site-packages"];

/// Subfolders looked into per folder, at most (a huge folder stays quick).
const MAX_SUBFOLDERS: usize = 200;

/// The IR source found.
#[derive(Debug, PartialEq, Eq)]
enum Found {
    Django { manage: String },
    FastApi { cwd: String, module: String },
    Rust { manifest: String },
    Ir { path: String },
}

impl Found {
    fn describe(&self) -> String {
        match self {
            Found::Django { manage } => format!("Django's {manage}"),
            Found::FastApi { cwd, module } => format!("the FastAPI app {module} (in {cwd})"),
            Found::Rust { manifest } => format!("the Rust crate {manifest}"),
            Found::Ir { path } => format!("the IR file {path}"),
        }
    }
}

pub(super) fn run(ui: &Ui) -> Result<(), Failure> {
    let here = config::normalize(Path::new("."));
    let target = here.join(FILE);
    if target.symlink_metadata().is_ok() {
        return Err(Failure::Config(config::Error::message(format!(
            "{FILE} already exists here; nothing was written (remove it first to start over)"
        ))));
    }
    let found = detect(&here);
    let frontend = Frontend::detect(&here);
    let text = starter(found.as_ref(), &frontend, here.join("src").is_dir());
    write_new(&target, &text).map_err(|e| Failure::Generate(vec![format!("cannot write {FILE}: {e}")]))?;
    let source = found.as_ref().map_or_else(
        || "no backend found nearby: [source.ir] expects the IR in mizan-ir.kdl".to_owned(),
        |f| format!("source: {}", f.describe()),
    );
    ui.info(&format!("wrote {FILE} ({source}; targets: {})", frontend.targets().join(", ")));
    Ok(())
}

/// Creates `path` with `text`; fails if anything is there (even a link).
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}

/// The start of a file, at most `READ_LIMIT` bytes, as text.
fn head(path: &Path) -> Option<String> {
    let meta = path.symlink_metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path).ok()?.take(READ_LIMIT).read_to_end(&mut bytes).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// The folders searched, nearest first: here, here's subfolders, the
/// parent, the parent's subfolders (here excluded).
fn folders(here: &Path) -> Vec<PathBuf> {
    let mut out = vec![here.to_path_buf()];
    out.extend(subfolders(here, None));
    if let Some(parent) = here.parent().filter(|p| *p != here) {
        out.push(parent.to_path_buf());
        out.extend(subfolders(parent, Some(here)));
    }
    out
}

/// The direct subfolders of `dir` worth searching, sorted (deterministic).
fn subfolders(dir: &Path, except: Option<&Path>) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .take(10 * MAX_SUBFOLDERS)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            !name.starts_with('.') && !SKIPPED.contains(&name.as_ref())
        })
        .map(|e| e.path())
        .filter(|p| Some(p.as_path()) != except)
        .collect();
    out.sort();
    out.truncate(MAX_SUBFOLDERS);
    out
}

/// The first source found, nearest folder first; in one folder, a backend
/// before an IR file.
fn detect(here: &Path) -> Option<Found> {
    let shown = |p: &Path| relative_to(here, p);
    for dir in folders(here) {
        let manage = dir.join("manage.py");
        if head(&manage).is_some_and(|t| t.contains("django") || t.contains("DJANGO")) {
            return Some(Found::Django { manage: shown(&manage) });
        }
        if let Some((module, _)) = fastapi_app(&dir) {
            return Some(Found::FastApi { cwd: shown(&dir), module });
        }
        let cargo = dir.join("Cargo.toml");
        if head(&cargo).is_some_and(|t| t.lines().any(|l| l.trim_start().starts_with("mizan"))) {
            return Some(Found::Rust { manifest: shown(&cargo) });
        }
        if let Some(ir) = ir_file(&dir) {
            return Some(Found::Ir { path: shown(&ir) });
        }
    }
    None
}

/// A module of `dir` (`main.py`, or `<package>/main.py`) that creates a
/// FastAPI app: `("app.main:app", file)`.
fn fastapi_app(dir: &Path) -> Option<(String, PathBuf)> {
    let mut candidates = Vec::new();
    for name in ["main.py", "app.py", "api.py", "server.py"] {
        candidates.push((name.trim_end_matches(".py").to_owned(), dir.join(name)));
    }
    for sub in ["app", "api", "src", "backend", "server"] {
        for name in ["main.py", "app.py", "api.py"] {
            candidates.push((format!("{sub}.{}", name.trim_end_matches(".py")), dir.join(sub).join(name)));
        }
    }
    candidates.into_iter().find_map(|(module, file)| {
        let text = head(&file)?;
        let var = text.lines().find_map(|l| {
            let (name, value) = l.split_once('=')?;
            let name = name.trim().split(':').next()?.trim();
            let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            (is_name && value.trim_start().starts_with("FastAPI(")).then(|| name.to_owned())
        })?;
        Some((format!("{module}:{var}"), file))
    })
}

/// A `*.kdl` file of `dir` that starts like an IR (`mizan-ir 1`).
fn ir_file(dir: &Path) -> Option<PathBuf> {
    let entries = std::fs::read_dir(dir).ok()?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .take(10 * MAX_SUBFOLDERS)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "kdl"))
        .collect();
    files.sort();
    files.into_iter().find(|f| {
        head(f).is_some_and(|t| {
            t.lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("//"))
                .is_some_and(|l| l.starts_with("mizan-ir"))
        })
    })
}

/// `path` relative to `here`, `/`-separated (`../backend/manage.py`,
/// `api`, `.`).
fn relative_to(here: &Path, path: &Path) -> String {
    let strip = |r: String| r.strip_prefix("./").map(str::to_owned).unwrap_or(r);
    if path.is_dir() {
        return strip(config::relative(here, path));
    }
    let rel = strip(config::relative(here, path.parent().unwrap_or(path)));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if rel == "." { name } else { format!("{rel}/{name}") }
}

/// What the frontend's `package.json` says about it.
#[derive(Debug, Default)]
struct Frontend {
    react: bool,
    vue: bool,
    svelte: Option<&'static str>,
    zod: bool,
}

impl Frontend {
    fn detect(here: &Path) -> Frontend {
        let Some(text) = head(&here.join("package.json")) else { return Frontend::default() };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { return Frontend::default() };
        let dep = |name: &str| {
            ["dependencies", "devDependencies", "peerDependencies"]
                .iter()
                .find_map(|k| json.get(k).and_then(|d| d.get(name)).and_then(|v| v.as_str()))
        };
        let svelte = dep("svelte").map(|v| {
            let major = v.trim_start_matches(['^', '~', '=', '>', ' ']).split('.').next().unwrap_or("");
            if major.parse::<u32>().is_ok_and(|m| m >= 5) { "runes" } else { "stores" }
        });
        Frontend { react: dep("react").is_some(), vue: dep("vue").is_some(), svelte, zod: dep("zod").is_some() }
    }

    fn targets(&self) -> Vec<&'static str> {
        let mut out = vec!["stage1"];
        if self.react {
            out.push("react");
        }
        if self.vue {
            out.push("vue");
        }
        if self.svelte.is_some() {
            out.push("svelte");
        }
        if self.zod {
            out.push("zod");
        }
        out
    }
}

/// The starter config.
fn starter(found: Option<&Found>, frontend: &Frontend, has_src: bool) -> String {
    let targets: Vec<String> = frontend.targets().iter().map(|t| format!("\"{t}\"")).collect();
    let mut out = String::new();
    out.push_str(
        "# mizan.toml — written by `mizan-generate init`. Every key is documented in\n\
         # mizan-generate's mizan.toml.example. Relative paths start at this file's\n\
         # folder.\n\n",
    );
    let output = if has_src { "src/mizan" } else { "mizan" };
    let _ = writeln!(out, "# Each target writes into <output>/<target>.\noutput = \"{output}\"\n");
    let _ = writeln!(
        out,
        "# stage1 (TypeScript calls and their runtime), react, vue, svelte, zod,\n\
         # python, rust, manifest (the CDN purge map).\ntargets = [{}]\n",
        targets.join(", ")
    );
    if let Some(flavor) = frontend.svelte {
        let _ = writeln!(
            out,
            "[target.svelte]\n# \"runes\" (Svelte 5) or \"stores\" (Svelte 4 and 5).\nflavor = \"{flavor}\"\n"
        );
    }
    out.push_str("# Where the IR comes from: exactly one [source.*] table (`--ir FILE` replaces it\n# for one run).\n");
    match found {
        Some(Found::Django { manage }) => {
            let _ = writeln!(
                out,
                "[source.django]\nmanage_path = \"{}\"\n# python = \"python3\"               # e.g. the backend's .venv/bin/python\n\
                 # env = {{ DJANGO_SETTINGS_MODULE = \"project.settings\" }}",
                escape(manage)
            );
        }
        Some(Found::FastApi { cwd, module }) => {
            let _ = writeln!(out, "[source.fastapi]\nmodule = \"{}\"\ncwd = \"{}\"", escape(module), escape(cwd));
        }
        Some(Found::Rust { manifest }) => {
            let _ = writeln!(
                out,
                "[source.rust]\nmanifest_path = \"{}\"\n# bin = \"export-ir\"                 # the binary that prints the IR",
                escape(manifest)
            );
        }
        Some(Found::Ir { path }) => {
            let _ = writeln!(out, "[source.ir]\npath = \"{}\"", escape(path));
        }
        None => {
            out.push_str(
                "# No backend was found nearby: export the IR into mizan-ir.kdl (Django:\n\
                 # `python manage.py export_mizan_ir > mizan-ir.kdl`), or replace this table\n\
                 # with [source.django], [source.fastapi] or [source.rust] (see\n\
                 # mizan.toml.example).\n[source.ir]\npath = \"mizan-ir.kdl\"\n",
            );
        }
    }
    out
}

/// A TOML basic string's contents.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}
