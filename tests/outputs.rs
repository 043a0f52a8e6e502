//! Generated output per (fixture, target): insta snapshots under
//! `snapshots/outputs/` named `{fixture}__{target}`, and determinism (the
//! same bytes from shuffled top-level node order and from a second run).

use crate::common;
use mizan_generate::emit::{self, Options, Target};

/// Every file of `target` for one fixture, concatenated under path banners;
/// the bundled runtime (the same for every IR) is snapshotted once, by
/// `the_bundled_runtime`.
pub fn render_target(source: &str, target: Target, options: &Options) -> String {
    let api = mizan_generate::compile(source).unwrap_or_else(|d| panic!("fixture does not compile: {d:#?}"));
    emit::emit(&api, target, options)
        .into_iter()
        .filter(|f| !f.path.starts_with("runtime/") || target != Target::Stage1)
        .map(|f| format!("==> {} <==\n{}", f.path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes every file of `target` for every valid fixture under `dir/<fixture>/`.
pub fn write_all(dir: &std::path::Path, target: Target, options: &Options) -> Vec<String> {
    let mut names = Vec::new();
    for (name, path) in common::fixtures("valid") {
        let source = std::fs::read_to_string(&path).unwrap();
        let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("{name} does not compile: {d:#?}"));
        for f in emit::emit(&api, target, options) {
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

fn check_target(target: Target) {
    check_target_with(target, &Options::default(), target.name());
}

/// Snapshots `{fixture}__{label}` of `target` under `options` (e.g. the
/// `svelte-runes` variant of the `svelte` target), and determinism.
pub fn check_target_with(target: Target, options: &Options, label: &str) {
    let options = options.clone();
    for (name, path) in common::fixtures("valid") {
        let source = std::fs::read_to_string(&path).unwrap();
        let rendered = render_target(&source, target, &options);
        assert!(!rendered.contains('\r'), "{name}/{target}: CR in output");
        for seed in 1..=3 {
            let shuffled = shuffle_top_level(&source, seed);
            assert_eq!(
                render_target(&shuffled, target, &options),
                rendered,
                "{name}/{target}: node order changed the output"
            );
        }
        common::snapshot_settings("outputs").bind(|| {
            insta::assert_snapshot!(format!("{name}__{label}"), rendered);
        });
    }
}

#[test]
fn stage1() {
    check_target(Target::Stage1);
}

/// stage1's `runtime/` (the bundled kernel): one snapshot, and the same
/// bytes whatever the IR, except for the project named in the header.
#[test]
fn the_bundled_runtime() {
    let runtime = |fixture: &str| -> String {
        let source = std::fs::read_to_string(common::root().join("fixtures/valid").join(fixture)).unwrap();
        let api = mizan_generate::compile(&source).unwrap();
        emit::emit(&api, Target::Stage1, &Options::default())
            .into_iter()
            .filter(|f| f.path.starts_with("runtime/"))
            .map(|f| {
                let body = f.contents.split_once('\n').map_or("", |(_, rest)| rest);
                format!("==> {} <==\n{body}", f.path)
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let shop = runtime("shop.kdl");
    for (name, _) in common::fixtures("valid") {
        assert_eq!(runtime(&format!("{name}.kdl")), shop, "{name}: the runtime differs");
    }
    let external = Options { kernel: emit::Kernel::Module("@mizan/base".to_owned()), ..Options::default() };
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap();
    assert!(emit::emit(&api, Target::Stage1, &external).iter().all(|f| !f.path.starts_with("runtime/")));
    common::snapshot_settings("outputs").bind(|| insta::assert_snapshot!("runtime__stage1", shop));
}

#[test]
fn python() {
    check_target(Target::Python);
}

#[test]
fn react() {
    check_target(Target::React);
}

#[test]
fn manifest() {
    check_target(Target::Manifest);
}

#[test]
fn rust() {
    check_target(Target::Rust);
}

#[test]
fn vue() {
    check_target(Target::Vue);
}

#[test]
fn svelte() {
    check_target(Target::Svelte);
}

#[test]
fn zod() {
    check_target(Target::Zod);
}

#[test]
fn svelte_runes() {
    let options = Options { svelte: mizan_generate::emit::SvelteFlavor::Runes, ..Options::default() };
    check_target_with(Target::Svelte, &options, "svelte-runes");
}
