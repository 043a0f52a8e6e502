//! What the tests and benchmarks drive the library with: a target's files
//! for an IR, with the options a config's `[target.<name>]` table would
//! give, through the same registry, option reading and placement a run
//! uses.

use crate::config;
use crate::emit::File;
use crate::model::Api;
use crate::target::{self, Configured, Place};
use std::path::{Path, PathBuf};

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
