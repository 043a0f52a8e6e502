//! The runtime's response validation with the zod target's
//! `validateResponse`, against the live protocol server
//! (`tests/js/e2e/zod.test.ts`): valid replies pass (a union whose variants
//! declare their tag, both ways); a newer server's variant rejects; a
//! malformed call result or bundle rejects with `INVALID_RESPONSE`, merges
//! nothing and is not retried; without `validate` nothing is checked.

use crate::common::{self, node_bin, run_ok};
use std::process::Command;

#[test]
fn a_malformed_reply_is_rejected_by_a_live_client() {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap();
    // Its own folder: the stage1 end-to-end test rewrites `.gen/stage1/shop` concurrently.
    let dir = common::root().join("tests/js/.gen/zod-e2e/shop");
    let _ = std::fs::remove_dir_all(&dir);
    for target in ["stage1", "zod"] {
        for f in mizan_generate::testing::emit(&api, target, "") {
            let path = dir.join(target).join(&f.path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, f.contents).unwrap();
        }
    }
    let js = common::root().join("tests/js");
    let out = run_ok(Command::new(node_bin("tsx")).args(["--test", "e2e/zod.test.ts"]).current_dir(&js));
    common::assert_node_tests(&out, 5);
}
