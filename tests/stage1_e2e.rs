//! The generated stage1 client against the live protocol server: a Node
//! test (`tests/js/e2e/stage1.test.ts`) calls the generated `callXxx` /
//! `fetchXxx` / `subscribeXxx` through the bundled runtime it generates.

use crate::common::{self, node_bin, run_ok};
use std::process::Command;

/// Generates `target` for `fixture` into `tests/js/.gen/<target>/<fixture>/`,
/// where the pinned toolchain (tsx, ws) resolves.
pub fn generate_into_js(fixture: &str, target: &str, options: &str) {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid").join(format!("{fixture}.kdl"))).unwrap();
    let api = mizan_generate::compile(&source).unwrap();
    let dir = common::root().join("tests/js/.gen").join(target).join(fixture);
    let _ = std::fs::remove_dir_all(&dir);
    for f in mizan_generate::testing::emit(&api, target, options) {
        let path = dir.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.contents).unwrap();
    }
}

#[test]
fn stage1_talks_to_a_live_server() {
    generate_into_js("shop", "stage1", "");
    // Its IR's base-url is not the runtime's default: `createClient` must use it.
    generate_into_js("channels", "stage1", "");
    let js = common::root().join("tests/js");
    let node = node_bin("tsx");
    let out = run_ok(Command::new(node).args(["--test", "e2e/stage1.test.ts"]).current_dir(&js));
    common::assert_node_tests(&out, 13);
}
