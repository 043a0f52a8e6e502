//! Generated output per (fixture, target): one insta snapshot per generated
//! file, and determinism (the same bytes from shuffled top-level node order
//! and from a second run).
//!
//! Layout under `snapshots/outputs/`:
//! - `{fixture}/{target}/{path}.snap`: a file that depends on the IR;
//! - `_static/{target}/{path}.snap`: a file every valid fixture gets with the
//!   same contents (runtimes, error modules, transports), snapshotted once,
//!   with the project named in its header written `{project}`.
//!
//! Which files are static is decided by the data, not by a list: a file is
//! static when every valid fixture has it with the same contents up to that
//! project name. A file the snapshots list as static that starts to differ
//! between fixtures fails the test (a per-IR change in a fixed file is never
//! accepted silently), and so does a snapshot no assertion writes any more.

use crate::common;
use mizan_generate::File;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The folder of the files every fixture shares, beside the fixtures' own.
const STATIC: &str = "_static";

/// Stands for the project's name in the header of a static file.
const PROJECT: &str = "{project}";

/// Every file of `target` for one IR, sorted by path, with `options` as the
/// body of its `[target.<name>]` table: the only call into the library's
/// compile and emit API in the tests' output checks.
pub fn emit_files(source: &str, target: &str, options: &str) -> Vec<File> {
    let api = mizan_generate::compile(source).unwrap_or_else(|d| panic!("fixture does not compile: {d:#?}"));
    mizan_generate::testing::emit(&api, target, options)
}

/// Every file of `target` for one IR, concatenated under path banners.
pub fn render_target(source: &str, target: &str, options: &str) -> String {
    render(&emit_files(source, target, options))
}

fn render(files: &[File]) -> String {
    files.iter().map(|f| format!("==> {} <==\n{}", f.path, f.contents)).collect::<Vec<_>>().join("\n")
}

/// Writes every file of `target` for every valid fixture under `dir/<fixture>/`.
pub fn write_all(dir: &Path, target: &str, options: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (name, path) in common::fixtures("valid") {
        let source = std::fs::read_to_string(&path).unwrap();
        for f in emit_files(&source, target, options) {
            let out = dir.join(&name).join(&f.path);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, &f.contents).unwrap();
        }
        names.push(name);
    }
    names
}

/// Shuffles the top-level nodes of a KDL document (which carry no order),
/// keeping the `mizan-ir` header first. Splits on lines that start a
/// top-level node; good enough for the fixtures, which are formatted.
pub fn shuffle_top_level(source: &str, seed: u64) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut depth = 0i32;
    for line in source.lines() {
        let starts =
            depth == 0 && !line.trim().is_empty() && !line.starts_with(char::is_whitespace) && !line.starts_with('}');
        if starts && !line.trim_start().starts_with("//") {
            blocks.push(String::new());
        }
        if let Some(b) = blocks.last_mut() {
            b.push_str(line);
            b.push('\n');
        }
        depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
    }
    let header = blocks.remove(0);
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    for i in (1..blocks.len()).rev() {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let j = (state >> 33) as usize % (i + 1);
        blocks.swap(i, j);
    }
    std::iter::once(header).chain(blocks).collect()
}

/// A target under one set of options, named as its snapshot folders are.
struct Variant {
    label: &'static str,
    target: &'static str,
    options: &'static str,
}

/// Every snapshotted variant: each target with default options, and the
/// runes flavor of `svelte` as `svelte-runes`.
fn variants() -> Vec<Variant> {
    let mut out: Vec<Variant> = mizan_generate::target::names()
        .into_iter()
        .map(|target| Variant { label: target, target, options: "" })
        .collect();
    out.push(Variant { label: "svelte-runes", target: "svelte", options: "flavor = \"runes\"" });
    out
}

fn variant(label: &str) -> Variant {
    variants().into_iter().find(|v| v.label == label).unwrap_or_else(|| panic!("no variant {label}"))
}

fn snapshot_root() -> PathBuf {
    common::root().join("snapshots/outputs")
}

/// Every valid fixture's files of `v`, by fixture, after checking each run:
/// no CR, exactly one final newline (which the snapshots, trimmed at the end
/// by insta, then keep), and the same bytes from shuffled node order.
fn outputs(v: &Variant) -> BTreeMap<String, Vec<File>> {
    let mut out = BTreeMap::new();
    for (name, path) in common::fixtures("valid") {
        assert_ne!(name, STATIC, "a fixture named {STATIC} would share the static snapshots' folder");
        let source = std::fs::read_to_string(&path).unwrap();
        let files = emit_files(&source, v.target, v.options);
        let rendered = render(&files);
        for f in &files {
            let label = v.label;
            assert!(!f.contents.contains('\r'), "{name}/{label}/{}: CR in output", f.path);
            assert!(
                f.contents.ends_with('\n') && !f.contents.ends_with("\n\n"),
                "{name}/{label}/{}: not exactly one final newline",
                f.path
            );
        }
        for seed in 1..=3 {
            let shuffled = shuffle_top_level(&source, seed);
            assert_eq!(
                render_target(&shuffled, v.target, v.options),
                rendered,
                "{name}/{}: node order changed the output",
                v.label
            );
        }
        out.insert(name, files);
    }
    out
}

/// `contents` with the project named in its header (on the first line, or
/// the second after a block comment's opener) written `{project}`.
fn mask_project(contents: &str) -> String {
    const MARK: &str = " from the IR of project \"";
    let mut out = String::with_capacity(contents.len());
    let mut masked = false;
    for (i, line) in contents.split_inclusive('\n').enumerate() {
        if !masked
            && i < 2
            && line.contains("Generated by mizan-generate ")
            && let (Some(at), Some(end)) = (line.find(MARK), line.rfind("\"."))
            && at + MARK.len() <= end
        {
            out.push_str(&line[..at + MARK.len()]);
            out.push_str(PROJECT);
            out.push_str(&line[end..]);
            masked = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The static files of `outputs`, by path, with the project masked: those
/// every fixture has, with the same masked contents.
fn static_files(outputs: &BTreeMap<String, Vec<File>>) -> BTreeMap<String, String> {
    let by_path = by_path(outputs);
    by_path
        .into_iter()
        .filter(|(_, versions)| versions.len() == outputs.len())
        .filter_map(|(path, versions)| {
            let mut contents = versions.into_values();
            let first = contents.next()?;
            contents.all(|c| c == first).then_some((path, first))
        })
        .collect()
}

/// Every path of `outputs` with its masked contents by fixture.
fn by_path(outputs: &BTreeMap<String, Vec<File>>) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (fixture, files) in outputs {
        for f in files {
            out.entry(f.path.clone()).or_default().insert(fixture.clone(), mask_project(&f.contents));
        }
    }
    out
}

/// The generated paths whose snapshots are under `dir`: every `*.snap` below
/// it, relative, without the extension (pending `.snap.new` files aside).
fn snapshotted(dir: &Path) -> BTreeSet<String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path(), &format!("{prefix}{name}/"), out);
            } else if let Some(stem) = name.strip_suffix(".snap") {
                out.insert(format!("{prefix}{stem}"));
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(dir, "", &mut out);
    out
}

/// Asserts the snapshot `dir/{path}.snap` of one generated file.
fn assert_file(dir: &Path, path: &str, contents: &str, input_file: bool) {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(dir.join(folder));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    // glob! names snapshots `{name}@{fixture}.kdl`; the folder says it.
    settings.remove_snapshot_suffix();
    if !input_file {
        settings.remove_input_file();
    }
    settings.bind(|| insta::assert_snapshot!(name, contents));
}

/// The snapshots of one variant: its static files once, the others per
/// fixture. insta's `glob!` runs every fixture and reports every failing
/// snapshot before failing the test.
fn check(label: &str) {
    let v = variant(label);
    let outputs = outputs(&v);
    let fixed = static_files(&outputs);
    let root = snapshot_root();
    let static_dir = root.join(STATIC).join(label);

    // A file the snapshots list as static must still be the same for every
    // fixture: accepting a per-fixture snapshot instead takes deleting the
    // static one, on purpose.
    let by_path = by_path(&outputs);
    let drifted: Vec<String> = snapshotted(&static_dir)
        .into_iter()
        .filter(|p| !fixed.contains_key(p))
        .map(|p| {
            let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
            let versions = by_path.get(&p);
            for fixture in outputs.keys() {
                let contents = versions.and_then(|v| v.get(fixture)).map_or("(no such file)", String::as_str);
                groups.entry(contents).or_default().push(fixture);
            }
            let groups: Vec<String> = groups.into_values().map(|g| g.join(", ")).collect();
            format!("  {p}: {} different versions: [{}]", groups.len(), groups.join("] ["))
        })
        .collect();
    assert!(
        drifted.is_empty(),
        "files snapshotted once under {} as the same for every fixture now differ between fixtures \
         (a per-IR change in a fixed file); if that is intended, delete their static snapshots and \
         accept the per-fixture ones:\n{}",
        static_dir.display(),
        drifted.join("\n")
    );

    // The static files go with the first fixture the glob runs (which
    // `INSTA_GLOB_FILTER` may narrow).
    let mut statics_pending = true;
    insta::glob!("../fixtures/valid", "*.kdl", |path| {
        let fixture = path.file_stem().unwrap().to_string_lossy().into_owned();
        if std::mem::take(&mut statics_pending) {
            for (file, contents) in &fixed {
                assert_file(&static_dir, file, contents, false);
            }
        }
        for f in outputs[&fixture].iter().filter(|f| !fixed.contains_key(&f.path)) {
            assert_file(&root.join(&fixture).join(label), &f.path, &f.contents, true);
        }
    });

    // No snapshot of this variant outlives its assertion (a file no longer
    // generated, or one that became static or stopped being so).
    let mut stale: Vec<String> = Vec::new();
    let mut folders = vec![(static_dir.clone(), fixed.keys().cloned().collect::<BTreeSet<_>>())];
    for (fixture, files) in &outputs {
        let own = files.iter().map(|f| f.path.clone()).filter(|p| !fixed.contains_key(p)).collect();
        folders.push((root.join(fixture).join(label), own));
    }
    for (dir, expected) in folders {
        for p in snapshotted(&dir).difference(&expected) {
            stale.push(format!("  {}", dir.join(format!("{p}.snap")).display()));
        }
    }
    assert!(stale.is_empty(), "snapshots no test asserts any more; delete them:\n{}", stale.join("\n"));
}

#[test]
fn stage1() {
    check("stage1");
}

#[test]
fn python() {
    check("python");
}

#[test]
fn react() {
    check("react");
}

#[test]
fn manifest() {
    check("manifest");
}

#[test]
fn rust() {
    check("rust");
}

#[test]
fn vue() {
    check("vue");
}

#[test]
fn svelte() {
    check("svelte");
}

#[test]
fn zod() {
    check("zod");
}

#[test]
fn svelte_runes() {
    check("svelte-runes");
}

/// stage1's `runtime/` (the bundled kernel) is static: snapshotted once,
/// the same whatever the IR but for the project named in the header; with
/// an external kernel stage1 writes none of it.
#[test]
fn the_bundled_runtime() {
    let v = variant("stage1");
    let outputs = outputs(&v);
    let fixed = static_files(&outputs);
    let runtime: Vec<&File> = outputs.values().flatten().filter(|f| f.path.starts_with("runtime/")).collect();
    assert!(!runtime.is_empty(), "stage1 writes no runtime/");
    for f in runtime {
        assert!(fixed.contains_key(&f.path), "{}: the runtime differs between fixtures", f.path);
    }
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let external = emit_files(&source, "stage1", "kernel = \"@mizan/base\"");
    assert!(external.iter().all(|f| !f.path.starts_with("runtime/")));
}

/// Everything under `snapshots/outputs/` belongs to a variant's folders:
/// `_static/` or a valid fixture, then a variant's label (a removed fixture's
/// or target's snapshots, or a file of another layout, fail here).
#[test]
fn no_foreign_snapshots() {
    let fixtures: BTreeSet<String> = common::fixtures("valid").into_iter().map(|(name, _)| name).collect();
    let labels: BTreeSet<&str> = variants().iter().map(|v| v.label).collect();
    let mut foreign = Vec::new();
    for entry in std::fs::read_dir(snapshot_root()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type().unwrap().is_dir() || (name != STATIC && !fixtures.contains(&name)) {
            foreign.push(entry.path());
            continue;
        }
        for inner in std::fs::read_dir(entry.path()).unwrap() {
            let inner = inner.unwrap();
            let label = inner.file_name().to_string_lossy().into_owned();
            if !inner.file_type().unwrap().is_dir() || !labels.contains(label.as_str()) {
                foreign.push(inner.path());
            }
        }
    }
    assert!(
        foreign.is_empty(),
        "not a snapshot of any fixture and target (delete, or add the fixture):\n{}",
        foreign.iter().map(|p| format!("  {}", p.display())).collect::<Vec<_>>().join("\n")
    );
}
