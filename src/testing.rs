//! What the tests and benchmarks drive the library with: a target's files
//! for an IR, with the options a config's `[target.<name>]` table would
//! give, through the same registry, option reading and placement a run
//! uses.

use crate::config;
use crate::emit::File;
use crate::model::Api;
use crate::target::{self, Configured, Place};
use std::path::{Path, PathBuf};

/// The IR front end, for the tests of parsing and checking.
pub mod ir {
    pub use crate::ir::parse::parse_with_kdl;
    pub use crate::ir::scan::MAX_SIZE;
    pub use crate::ir::{Document, ast, load, load_bytes};
}

/// Names the tests need to refer to generated code by.
pub mod names {
    pub use crate::emit::zod::names::schema_names;
    pub use crate::names::ts::{call_fn, string_literal};
}

/// Every file of target `name` (headers included, sorted by path), with
/// `options` read as the body of its `[target.<name>]` table (`""` for the
/// defaults), its folder placed under `/gen/` beside the target it
/// requires. Panics on an unknown target or invalid options.
pub fn emit(api: &Api, name: &str, options: &str) -> Vec<File> {
    let (target, _) = configure(name, options);
    crate::emit::emit(api, &target).unwrap_or_else(|e| panic!("the {name} target failed: {e}"))
}

/// The target `name` configured by `options` and placed under `/gen/`, and
/// its folder.
fn configure(name: &str, options: &str) -> (Configured, PathBuf) {
    let backend = target::by_name(name).unwrap_or_else(|| panic!("no target `{name}`"));
    let mut target = config::read_table(backend, options, Path::new("/gen"))
        .unwrap_or_else(|d| panic!("invalid options for {name}: {d:#?}"));
    let dir = Path::new("/gen").join(backend.folder(&target));
    let required = backend.requires().map(|needed| configure(needed, ""));
    let place = Place {
        dir: &dir,
        own: None,
        required: required.as_ref().map(|(t, d)| (config::relative(&dir, d), t.options())),
    };
    backend.place(&mut target, &place).unwrap_or_else(|d| panic!("cannot place {name}: {d:#?}"));
    (target, dir)
}

/// The front end's steps on `src`, in process, each the median of `runs`
/// runs in milliseconds (`benches/pipeline.rs front`): scan, the fast KDL
/// parse into a tree, tree → AST, the streaming parse a run uses, check,
/// lower. `None` when the fast path hands `src` over to the kdl crate.
pub fn front_phases(src: &str, runs: usize) -> Option<Vec<(&'static str, f64)>> {
    use crate::ir::{check, fastkdl, parse, scan};
    use std::time::Instant;
    let median = |f: &mut dyn FnMut()| {
        let mut ms: Vec<f64> = (0..runs.max(1))
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        ms[ms.len() / 2]
    };
    let tree = fastkdl::parse(src)?;
    let doc = parse::document(&tree, src, &mut Vec::new());
    Some(vec![
        ("scan", median(&mut || assert!(scan::scan(src).is_empty()))),
        ("fastkdl", median(&mut || drop(fastkdl::parse(src)))),
        ("document", median(&mut || drop(parse::document(&tree, src, &mut Vec::new())))),
        ("parse", median(&mut || drop(parse::parse(src)))),
        ("check", median(&mut || drop(check::check(&doc)))),
        ("lower", median(&mut || drop(crate::lower::lower(&doc)))),
    ])
}
