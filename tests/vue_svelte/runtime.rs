//! The Vue and Svelte bindings at run time: generates the shop fixture's
//! stage1 and binding output into `tests/js/apps/<app>/gen/` (ignored by
//! git), then runs that app's vitest suite (happy-dom), which starts the
//! live protocol server (`tests/js/server`) and mounts components over the
//! generated code: data loads, a mutation refetches exactly the affected
//! context entry (server request log), a form field error shows before
//! submit and a form submits values `set` just before, errors surface as
//! `MizanError`, statuses are TanStack Query's (queries never `idle`),
//! concurrent calls of a mutation stay pending while any flies and show the
//! newest call's result, channels queue early sends and keep the newest 100
//! messages by default, and Vue's plugin starts the session that calls wait
//! for.

use super::{Flavor, svelte, vue};
use crate::common::{self, node_bin, run_ok};
use std::process::Command;

fn run_app(app: &str, flavors: &[Flavor]) {
    let dir = common::root().join("tests/js/apps").join(app);
    let gen_dir = dir.join("gen");
    let _ = std::fs::remove_dir_all(&gen_dir);
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("shop does not compile: {d:#?}"));
    for flavor in flavors {
        for (target, options, folder) in [("stage1", "", "stage1"), (flavor.target, flavor.options, flavor.folder)] {
            for f in mizan_generate::testing::emit(&api, target, options) {
                let out = gen_dir.join(folder).join(&f.path);
                std::fs::create_dir_all(out.parent().unwrap()).unwrap();
                std::fs::write(&out, &f.contents).unwrap();
            }
        }
    }
    let out = run_ok(Command::new(node_bin("vitest")).args(["run", "--config", "vitest.config.ts"]).current_dir(&dir));
    assert_every_test_passed(&out);
}

/// vitest's summary line (`Tests  24 passed (24)`, colors stripped) says
/// that every test it found ran and passed: none failed, skipped or todo,
/// and not zero.
fn assert_every_test_passed(out: &str) {
    let mut plain = String::with_capacity(out.len());
    let mut chars = out.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters, ended by a letter.
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    let summary = plain
        .lines()
        .map(str::trim)
        .rfind(|l| l.starts_with("Tests "))
        .unwrap_or_else(|| panic!("no vitest summary:\n{out}"));
    let words: Vec<&str> = summary.split_whitespace().collect();
    let ran = words.get(1).and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
    assert!(
        ran > 0 && words.len() == 4 && words[2] == "passed" && words[3] == format!("({ran})"),
        "vitest: not every test ran and passed: {summary:?}\n{out}"
    );
}

#[test]
fn vue_app_against_the_live_server() {
    run_app("vue", &[vue()]);
}

#[test]
fn svelte_apps_against_the_live_server() {
    run_app("svelte", &[svelte(false), svelte(true)]);
}
