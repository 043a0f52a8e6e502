//! The shop app built on the generated React bindings, driven in headless
//! Chromium against the live protocol server: `tests/js/apps/react/e2e.test.ts`
//! (node's test runner) does the work; this test generates the code it
//! builds and fails when the toolchain or Chromium is missing.

use crate::common::{self, TempDir, node_bin, run_ok};
use mizan_generate::emit::{self, Options, Target};
use std::path::Path;
use std::process::Command;

/// Debian's chromium, which `scripts/test.sh` installs.
const CHROMIUM: &str = "/usr/bin/chromium";

fn generate_shop(dir: &Path) {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("shop does not compile: {d:#?}"));
    for target in [Target::Stage1, Target::React] {
        for f in emit::emit(&api, target, &Options::default()) {
            let out = dir.join(target.name()).join(&f.path);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, &f.contents).unwrap();
        }
    }
}

#[test]
fn shop_app_in_headless_chromium() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: run `bash scripts/test.sh` (it runs `apt-get install -y chromium`)"
    );
    node_bin("tsx");
    let tmp = TempDir::new("react-e2e");
    let gen_dir = tmp.path().join("gen");
    generate_shop(&gen_dir);
    // ES modules, as in an app: node (tsx) loads the runtime once, not once per module format.
    std::fs::write(gen_dir.join("package.json"), "{ \"type\": \"module\" }\n").unwrap();
    // The generated code resolves `react` from the pinned toolchain.
    let js = common::root().join("tests/js");
    std::os::unix::fs::symlink(js.join("node_modules"), tmp.path().join("node_modules")).unwrap();
    run_ok(
        Command::new("node")
            .args(["--import", "tsx", "--test", "--test-reporter=spec", "apps/react/e2e.test.ts"])
            .current_dir(&js)
            .env("MIZAN_GEN_DIR", &gen_dir)
            .env("MIZAN_CHROMIUM", CHROMIUM),
    );
}
