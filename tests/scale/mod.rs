//! The large realistic fixture (`common/large_ir.rs`, issue 20) under every
//! strict check the fixtures get, with the time each step takes.
//!
//! The fixture is generated at test time (deterministic; 2.8 MB at 1,000
//! functions, generated in about 0.1 s) rather than committed: the
//! generator is the reviewable source, and a size can be chosen per run.
//!
//! `fixture_*` tests are fast and run in the normal tier. The toolchain
//! tests (`strict_*`) are the slow tier: `#[ignore]`d in a plain `cargo
//! test`, run by `scripts/test.sh` (so by `.ci/run`) as `cargo test --test
//! main scale:: -- --ignored --test-threads 1`. `MIZAN_SCALE_FUNCTIONS` sets
//! the size of the TypeScript, Python and rustfmt checks (default 1,000);
//! `MIZAN_SCALE_RUST_FUNCTIONS` the Rust crate's cargo checks (default
//! [`RUST_FUNCTIONS`]; each rustc's peak memory is measured and must stay
//! under 2 GB);
//! `MIZAN_SCALE_PYRIGHT_FUNCTIONS` pyright's (default
//! `MIZAN_SCALE_FUNCTIONS`'s; pyright takes minutes at 1,000 functions, so
//! a smaller size is quicker to iterate with). Each step's time is printed
//! and appended to `target/tmp/scale/timings.txt`.

use crate::common::{self, TempDir, bin, copy_tree, large_ir, run_ok};
use crate::python;
use crate::rust_client;
use crate::typescript::{prettier_check, tsc, write_tsconfig};
use crate::vue_svelte::{self, Flavor};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The default size of the TypeScript and Python checks.
const FUNCTIONS: usize = 1_000;
/// The default size of the Rust crate's cargo checks: its types are spread
/// over part crates (`emit/rust/parts.rs`), and no rustc needs more than
/// about 0.8 GB at 1,000 functions (one crate of them all took 5 GB).
const RUST_FUNCTIONS: usize = 1_000;

/// Prints and records a measurement.
fn record(line: &str) {
    eprintln!("scale: {line}");
    let dir = common::root().join("target/tmp/scale");
    std::fs::create_dir_all(&dir).unwrap();
    let mut log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("timings.txt")).unwrap();
    let _ = writeln!(log, "{line}");
}

fn size(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|s| s.parse().ok()).unwrap_or(default)
}

/// Runs `f`, prints and records how long it took.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    record(&format!("{what}: {:.1} s", start.elapsed().as_secs_f64()));
    out
}

/// The fixture of `n` functions, written to `dir/large.kdl`, and its model.
fn fixture(dir: &Path, n: usize) -> (PathBuf, mizan_generate::model::Api) {
    let source = timed(&format!("generate the {n}-function IR"), || large_ir::ir(n));
    let path = dir.join("large.kdl");
    std::fs::write(&path, &source).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("the large IR is invalid: {d:#?}"));
    (path, api)
}

/// `target`'s files for `api` under `dir/<folder>/` (beside `stage1`).
fn emit(api: &mizan_generate::model::Api, target: &str, options: &str, dir: &Path) {
    for f in mizan_generate::testing::emit(api, target, options) {
        let out = dir.join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, f.contents).unwrap();
    }
}

#[test]
fn fixture_is_valid_deterministic_and_has_every_construct() {
    let source = large_ir::ir(FUNCTIONS);
    assert_eq!(source, large_ir::ir(FUNCTIONS), "not deterministic");
    let doc = mizan_generate::testing::ir::load(&source).unwrap_or_else(|d| panic!("invalid: {d:#?}"));
    assert_eq!(doc.functions.len(), FUNCTIONS);
    let api = mizan_generate::compile(&source).unwrap();
    let count = |kw: &str| source.lines().filter(|l| l.starts_with(kw)).count();
    assert!(count("type ") >= 2_000, "{} types", count("type "));
    assert!(count("enum ") >= 2_000, "{} enums", count("enum "));
    assert!(count("union ") >= 200 && source.contains("tag=kind"), "{} unions", count("union "));
    assert!(api.contexts.len() >= 45 && api.channels.len() >= 45);
    assert!(api.functions.iter().any(|f| f.has_upload()));
    for needle in [
        "field \"+1\" int",
        "field \"-1\" int",
        "value \"+1\"",
        "value \"*/\"",
        "field \"<=\"",
        "    param ref ",
        "    param key ",
        "    param children ",
        "    param params ",
        "\\t",
        "> [!NOTE]",
        "\"list<list<",
        "deprecated=#true",
        "deprecated=\"use ",
        "transport=websocket",
        "role=submit",
        "channel ",
        "view=#true",
        "merge ",
        "kind=function",
        "context=ctx2 ",
        "context=repo-1 ",
        "context=ctx10 ",
        "type AgentTasks0 ",
        "type Agents0 ",
        // OpenAPI-style discriminators: variants declaring the tag field.
        "    field kind string",
        "    field kind AgentEventKind0\n",
    ] {
        assert!(source.contains(needle), "the large IR lacks {needle:?}");
    }
    // The CLI's own check (every target's name rules, which `compile` does
    // not apply) accepts it.
    let tmp = TempDir::new("scale-validate");
    let path = tmp.path().join("large.kdl");
    std::fs::write(&path, &source).unwrap();
    let out = run_ok(bin().arg("validate").arg(&path));
    assert!(out.contains("valid Mizan IR"), "{out}");
    // `MIZAN_SCALE_WRITE=large.kdl` keeps a copy (of `MIZAN_SCALE_FUNCTIONS`
    // functions) to look at or to time the generator on.
    if let Some(keep) = std::env::var_os("MIZAN_SCALE_WRITE") {
        std::fs::write(keep, large_ir::ir(size("MIZAN_SCALE_FUNCTIONS", FUNCTIONS))).unwrap();
    }
}

/// The Rust types of the large fixture are spread over part crates: each
/// type declared in exactly one, a part depending only on parts before it,
/// the client crate depending on every part and re-exporting it. (The slow
/// tier builds them and bounds each rustc's memory.)
#[test]
fn fixture_rust_types_are_split_into_part_crates() {
    let api = mizan_generate::compile(&large_ir::ir(250)).unwrap();
    let files = mizan_generate::testing::emit(&api, "rust", "");
    let file = |path: &str| &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}")).contents;
    let parts: Vec<&str> =
        files.iter().filter_map(|f| f.path.strip_prefix("types/")?.strip_suffix("/src/lib.rs")).collect();
    assert!(parts.len() >= 2, "{parts:?}");
    let (manifest, types) = (file("Cargo.toml"), file("src/types.rs"));
    let mut declared = 0;
    for (i, part) in parts.iter().enumerate() {
        assert_eq!(*part, (i + 1).to_string());
        let package = format!("large-client-types-{part}");
        assert!(manifest.contains(&format!("\n{package} = {{ path = \"types/{part}\" }}")), "{manifest}");
        assert!(types.contains(&format!("\npub use large_client_types_{part}::*;")), "{types}");
        let own = file(&format!("types/{part}/Cargo.toml"));
        assert!(own.contains(&format!("\nname = \"{package}\"\n")), "{own}");
        for dep in own.lines().filter_map(|l| l.strip_prefix("large-client-types-")) {
            let (n, path) = dep.split_once(' ').unwrap();
            assert!(n.parse::<usize>().unwrap() <= i, "part {part} depends on a later part: {dep}");
            assert_eq!(path, format!("= {{ path = \"../{n}\" }}"));
        }
        let lib = file(&format!("types/{part}/src/lib.rs"));
        declared +=
            lib.lines().filter(|l| ["pub struct ", "pub enum ", "pub type "].iter().any(|k| l.starts_with(k))).count();
    }
    assert_eq!(declared, api.types.len(), "every type declared once");
    assert!(!types.contains("pub struct ") && !types.contains("pub enum "), "src/types.rs only re-exports");
}

/// The large fixture's stage1 types outweigh one `types.ts`: they are
/// declared in `types/<group>.ts` modules (by name: `types/repo.ts`), each
/// declaring its types once and importing exactly the other modules' types
/// it names, and `types.ts` only re-exports them (tsc and prettier check
/// them in the slow tier).
#[test]
fn fixture_stage1_types_are_split_into_modules() {
    // The README's "about 95 functions".
    for (n, split) in [(85, false), (100, true)] {
        let files = mizan_generate::testing::emit(&mizan_generate::compile(&large_ir::ir(n)).unwrap(), "stage1", "");
        assert_eq!(files.iter().any(|f| f.path.starts_with("types/")), split, "{n} functions");
    }
    let api = mizan_generate::compile(&large_ir::ir(250)).unwrap();
    let files = mizan_generate::testing::emit(&api, "stage1", "");
    let index = &files.iter().find(|f| f.path == "types.ts").expect("types.ts").contents;
    let modules: Vec<_> = files.iter().filter(|f| f.path.starts_with("types/")).collect();
    assert!(modules.len() >= 4 && modules.iter().any(|m| m.path == "types/repo.ts"), "{:?}", modules.len());
    let declared = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("export interface ").or_else(|| l.strip_prefix("export type ")))
            .map(|l| l.split([' ', '<']).next().unwrap().to_owned())
            .collect()
    };
    let mut owner = std::collections::BTreeMap::new();
    for m in &modules {
        let stem = m.path.strip_prefix("types/").unwrap().strip_suffix(".ts").unwrap();
        assert!(index.contains(&format!("\nexport * from \"./types/{stem}.js\";")), "{index}");
        for name in declared(&m.contents) {
            assert!(owner.insert(name.clone(), stem).is_none(), "{name} declared twice");
        }
    }
    assert_eq!(owner.len(), api.types.len(), "every type declared once");
    assert!(declared(index).is_empty(), "types.ts only re-exports");
    for m in &modules {
        let stem = m.path.strip_prefix("types/").unwrap().strip_suffix(".ts").unwrap();
        // `import type { A, B } from "./x.js";`, one name a line when broken.
        let mut imports = Vec::new();
        for statement in m.contents.split("import type {").skip(1) {
            let (names, rest) = statement.split_once('}').unwrap();
            let from = rest.split('"').nth(1).unwrap().strip_prefix("./").unwrap().strip_suffix(".js").unwrap();
            assert_ne!(from, stem, "{} imports from itself", m.path);
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                assert_eq!(owner.get(name), Some(&from), "{} imports {name} from {from}", m.path);
                imports.push(name.to_owned());
            }
        }
        // Every imported name is used; every name used from elsewhere is
        // imported. The words outside the import statements:
        let mut in_import = false;
        let mut words = std::collections::HashSet::new();
        for line in m.contents.lines() {
            in_import |= line.starts_with("import type {");
            if !in_import {
                words.extend(line.split(|c: char| !c.is_alphanumeric() && c != '_'));
            }
            in_import &= !line.ends_with(".js\";");
        }
        let own = declared(&m.contents);
        for (name, from) in &owner {
            let used = words.contains(name.as_str());
            let local = own.contains(name);
            assert_eq!(
                used && !local,
                imports.contains(name),
                "{}: {name} (from {from}) used: {used}, imported: {}",
                m.path,
                imports.contains(name)
            );
        }
    }
}

/// Every target through the CLI, timed: what a user with a big backend runs.
#[test]
#[ignore = "slow tier: scripts/test.sh runs it"]
fn strict_generation_of_every_target() {
    let n = size("MIZAN_SCALE_FUNCTIONS", FUNCTIONS);
    let tmp = TempDir::new("scale-cli");
    let (ir, _) = fixture(tmp.path(), n);
    std::fs::write(
        tmp.path().join("mizan.toml"),
        format!(
            "output = \"out\"\ntargets = [\"stage1\", \"react\", \"vue\", \"svelte\", \"zod\", \"python\", \"rust\", \"manifest\"]\n\
             [target.python]\npackage = \"large_client\"\n[source.ir]\npath = {:?}\n",
            ir.display().to_string()
        ),
    )
    .unwrap();
    timed(&format!("mizan-generate, 8 targets, {n} functions (debug build)"), || {
        run_ok(bin().arg("-q").current_dir(tmp.path()))
    });
    // A second run rewrites nothing.
    let again = run_ok(bin().current_dir(tmp.path()));
    assert!(again.contains("0 files written"), "{again}");
}

/// stage1, React and zod (with the schema/stage1 agreement module) under
/// strict `tsc`; Vue under `vue-tsc`; both Svelte flavors under
/// `svelte-check --fail-on-warnings`; every TypeScript target under
/// `prettier --check`.
#[test]
#[ignore = "slow tier: scripts/test.sh runs it"]
fn strict_typescript_targets() {
    let n = size("MIZAN_SCALE_FUNCTIONS", FUNCTIONS);
    let tmp = TempDir::new("scale-ts");
    let (_, api) = fixture(tmp.path(), n);
    let gen_dir = tmp.path().join("gen");
    let flavors = [vue_svelte::vue(), vue_svelte::svelte(false), vue_svelte::svelte(true)];
    timed(&format!("emit the TypeScript targets, {n} functions"), || {
        emit(&api, "stage1", "", &gen_dir.join("stage1"));
        emit(&api, "react", "", &gen_dir.join("react"));
        emit(&api, "zod", "", &gen_dir.join("zod"));
        for f in &flavors {
            emit(&api, f.target, f.options, &gen_dir.join(f.folder));
        }
    });
    timed("prettier --check (stage1, react, vue, svelte, svelte-runes, zod)", || prettier_check(&gen_dir));
    // The test's own module (not generated, not formatted).
    std::fs::write(gen_dir.join("agree.ts"), crate::zod::agreement(&api)).unwrap();

    // tsc: stage1, react and zod.
    let project = tmp.path().join("tsc");
    std::fs::create_dir_all(&project).unwrap();
    for folder in ["stage1", "react", "zod"] {
        std::fs::rename(gen_dir.join(folder), project.join(folder)).unwrap();
    }
    std::fs::rename(gen_dir.join("agree.ts"), project.join("agree.ts")).unwrap();
    vue_svelte::link_node_modules(&project);
    write_tsconfig(&project, ",\n    \"jsx\": \"react-jsx\"");
    timed("tsc --strict (stage1, react, zod and its agreement)", || tsc(&project));

    // vue-tsc and svelte-check, each beside its own copy of stage1.
    for flavor in &flavors {
        let dir = tmp.path().join(format!("check-{}", flavor.folder));
        std::fs::create_dir_all(&dir).unwrap();
        copy_tree(&project.join("stage1"), &dir.join("stage1"));
        std::fs::rename(gen_dir.join(flavor.folder), dir.join(flavor.folder)).unwrap();
        write_flavor_tsconfig(flavor, &dir);
        if flavor.target == "svelte" {
            // svelte-check wants a component: one that imports the bindings.
            let probe = format!(
                "<script lang=\"ts\">\n  import * as api from \"./{}/index\";\n\n  const names = Object.keys(api);\n</script>\n\n<p>{{names.length}}</p>\n",
                flavor.folder
            );
            std::fs::write(dir.join("Probe.svelte"), probe).unwrap();
        }
        vue_svelte::link_node_modules(&dir);
        let checker = if flavor.target == "vue" { "vue-tsc" } else { "svelte-check" };
        let (ok, text) = timed(&format!("{checker} ({})", flavor.folder), || vue_svelte::check(flavor, &dir));
        assert!(ok, "{} does not type-check:\n{text}", flavor.folder);
    }
}

fn write_flavor_tsconfig(flavor: &Flavor, dir: &Path) {
    write_tsconfig(dir, "");
    let config = dir.join("tsconfig.json");
    let text = std::fs::read_to_string(&config).unwrap();
    let component = if flavor.target == "vue" { "**/*.vue" } else { "**/*.svelte" };
    std::fs::write(&config, text.replace("\"**/*.tsx\"]", &format!("\"**/*.tsx\", \"{component}\"]"))).unwrap();
}

/// The Python package under `mypy --strict`, pyright strict, `ruff check`
/// (isort, pyupgrade, bugbear, ruff's rules), `ruff format --check`, and
/// importing both clients.
#[test]
#[ignore = "slow tier: scripts/test.sh runs it"]
fn strict_python_package() {
    let n = size("MIZAN_SCALE_FUNCTIONS", FUNCTIONS);
    let tmp = TempDir::new("scale-python");
    let (_, api) = fixture(tmp.path(), n);
    let dir = tmp.path().join("py");
    timed(&format!("emit the Python package, {n} functions"), || {
        emit(&api, "python", "package = \"large_client\"", &dir.join("large_client"))
    });
    let packages = ["large_client".to_owned()];
    models_split(&dir.join("large_client/models"), n);
    timed("ruff check", || python::ruff(&dir, &["check"]));
    timed("ruff format --check", || python::ruff(&dir, &["format", "--check"]));
    timed("mypy --strict", || run_ok(python::mypy(&dir).args(&packages)));
    // Each model builds on first use (`defer_build`): importing builds
    // none (146 s under load when it built them all).
    let run = |script: &str| {
        run_ok(Command::new(common::python()).args(["-c", script]).current_dir(&dir).env("PYTHONPATH", &dir))
    };
    let started = Instant::now();
    timed("import both clients", || run("import large_client.client, large_client.async_client"));
    let import = started.elapsed().as_secs_f64();
    assert!(import < 30.0, "importing took {import:.1} s");
    timed("every model built, in name order", || run(&python::models_built("large_client")));
    let pyright_n = size("MIZAN_SCALE_PYRIGHT_FUNCTIONS", n);
    let dir = if pyright_n == n {
        dir
    } else {
        let (_, api) = fixture(tmp.path(), pyright_n);
        let dir = tmp.path().join("pyright");
        emit(&api, "python", "package = \"large_client\"", &dir.join("large_client"));
        dir
    };
    timed(&format!("pyright (strict), {pyright_n} functions"), || run_ok(python::pyright(&dir).args(&packages)));
}

/// Records how the models were split (`src/emit/python/split.rs`): the
/// number of modules and the largest, which must stay far below the size
/// of the one `models.py` pyright gave up on (67,408 lines at 500
/// functions). From 200 functions the models are past one module's bound.
fn models_split(models: &Path, n: usize) {
    if !models.is_dir() {
        assert!(n < 200, "one models.py at {n} functions");
        return record("models: one models.py");
    }
    let mut modules: Vec<(usize, String)> = std::fs::read_dir(models)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "__init__.py")
        .map(|p| {
            (std::fs::read_to_string(&p).unwrap().lines().count(), p.file_name().unwrap().to_string_lossy().into())
        })
        .collect();
    modules.sort();
    let (lines, name) = modules.last().unwrap();
    let init = std::fs::read_to_string(models.join("__init__.py")).unwrap().lines().count();
    record(&format!(
        "models: {} modules and __init__.py ({init} lines); the largest {name}, {lines} lines",
        modules.len()
    ));
    assert!(*lines < 30_000, "{name} has {lines} lines");
}

/// The Rust crate under `cargo check`, `cargo clippy -D warnings` (with
/// and without `--all-features`) and rustfmt, whose output is compared
/// with the files, not only its status (rustfmt can give up on a file and
/// still exit 0): formatting a copy must succeed without a word on stderr
/// and change nothing.
#[test]
#[ignore = "slow tier: scripts/test.sh runs it"]
fn strict_rust_crate() {
    // rustfmt at full size (it took 55 GB on such a crate before its long
    // heads and fields were laid out as it lays them out).
    let n = size("MIZAN_SCALE_FUNCTIONS", FUNCTIONS);
    let dir = rust_workspace(n);
    let mut files = Vec::new();
    rust_client::rust_files(&dir, &mut files);
    files.sort();
    timed(&format!("rustfmt --check and its output, {n} functions"), || rustfmt_clean(&dir, &files));
    let n = size("MIZAN_SCALE_RUST_FUNCTIONS", RUST_FUNCTIONS);
    let dir = rust_workspace(n);
    let parts = std::fs::read_dir(dir.join(format!("large{n}/types"))).map_or(0, |d| d.count());
    record(&format!("the Rust types of {n} functions: {parts} part crates"));
    let peaks = timed(&format!("cargo check, {n} functions"), || rustc_peaks(&dir));
    let (name, peak) = peaks.iter().max_by_key(|p| p.1).unwrap();
    record(&format!("peak memory of one rustc: {:.2} GB ({name}; {} crates of the API)", gb(*peak), peaks.len()));
    for (name, peak) in &peaks {
        assert!(*peak < 2 << 30, "rustc took {:.2} GB for {name}: {peaks:?}", gb(*peak));
    }
    timed("cargo clippy -D warnings", || {
        rust_client::cargo(&dir, &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
    });
    timed("cargo clippy --all-features -D warnings", || {
        rust_client::cargo(&dir, &["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"])
    });
    // rustdoc proves each type's auto traits through its fields, deeper than
    // rustc's default recursion limit on this API (the crates raise it).
    timed("cargo doc -D warnings", || {
        run_ok(
            rust_client::cargo_command(&dir, &["doc", "--workspace", "--no-deps"]).env("RUSTDOCFLAGS", "-D warnings"),
        )
    });
}

/// `cargo check` of the workspace in `dir`, each rustc run through
/// `rustc_rss.py`: the peak memory (bytes) of each rustc that checked a
/// crate of the API (a fresh run: the crates were just written).
fn rustc_peaks(dir: &Path) -> Vec<(String, u64)> {
    let log = dir.join("rustc-rss.log");
    let _ = std::fs::remove_file(&log);
    let wrapper = common::root().join("tests/scale/rustc_rss.py");
    run_ok(
        rust_client::cargo_command(dir, &["check", "--workspace"])
            .env("RUSTC_WRAPPER", wrapper)
            .env("MIZAN_RSS_LOG", &log),
    );
    let text = std::fs::read_to_string(&log).unwrap();
    let peaks: Vec<(String, u64)> = text
        .lines()
        .filter_map(|l| l.split_once(' '))
        .filter(|(name, _)| name.starts_with("large"))
        .map(|(name, kib)| (name.to_owned(), kib.trim().parse::<u64>().unwrap() << 10))
        .collect();
    assert!(!peaks.is_empty(), "no crate of the API was checked:\n{text}");
    peaks
}

fn gb(bytes: u64) -> f64 {
    bytes as f64 / f64::from(1 << 30)
}

/// A workspace (a fixed folder per size, so its lock file and fingerprints
/// survive) holding the crate of the `n`-function fixture, with default
/// rustfmt settings.
fn rust_workspace(n: usize) -> PathBuf {
    let dir = common::root().join(format!("target/tmp/scale-rust-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let source = timed(&format!("generate the {n}-function IR"), || large_ir::ir(n));
    // The package name carries the size: crates of one name share
    // fingerprints in the shared target dir.
    let name = format!("large{n}");
    timed(&format!("emit the Rust crate, {n} functions"), || rust_client::write_crate(&dir, &name, &source, ""));
    std::fs::write(dir.join("Cargo.toml"), format!("[workspace]\nresolver = \"2\"\nmembers = [{name:?}]\n")).unwrap();
    std::fs::write(dir.join("rustfmt.toml"), "").unwrap();
    dir
}

fn rustfmt_clean(dir: &Path, files: &[PathBuf]) {
    run_ok(Command::new("rustfmt").args(["--check", "--edition", "2021"]).args(files).current_dir(dir));
    // A copy of the tree (rustfmt follows `mod` items to their files).
    let copy = TempDir::new("scale-rustfmt");
    copy_tree(dir, copy.path());
    let copies: Vec<PathBuf> = files.iter().map(|f| copy.path().join(f.strip_prefix(dir).unwrap())).collect();
    let out =
        Command::new("rustfmt").args(["--edition", "2021"]).args(&copies).current_dir(copy.path()).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.trim().is_empty(), "rustfmt ({}) reported:\n{stderr}", out.status);
    for (f, c) in files.iter().zip(&copies) {
        let (before, after) = (std::fs::read_to_string(f).unwrap(), std::fs::read_to_string(c).unwrap());
        assert!(before == after, "rustfmt changed {} though --check passed", f.display());
    }
}
