//! The shop app built on the generated React bindings, driven in headless
//! Chromium against the live protocol server: `tests/js/apps/react/e2e.test.ts`
//! (node's test runner) does the work; this test lays out the app it builds
//! and fails when the toolchain or Chromium is missing.
//!
//! The app is what a new user has: a fresh folder holding `index.html`, its
//! `main.tsx`, the generated `gen/stage1` and `gen/react`, and a
//! `node_modules` with react and react-dom only (and react-dom's own
//! dependency, scheduler). No alias, no path mapping, no kernel package:
//! `main.tsx` imports `./gen/react/index.js`, which brings its runtime.

use crate::common::{self, TempDir, node_bin, run_ok};
use std::path::Path;
use std::process::Command;

fn generate_shop(dir: &Path) {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("shop does not compile: {d:#?}"));
    for target in ["stage1", "react"] {
        for f in mizan_generate::testing::emit(&api, target, "") {
            let out = dir.join(target).join(&f.path);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, &f.contents).unwrap();
        }
    }
}

#[test]
fn shop_app_in_headless_chromium() {
    let chromium = common::chromium();
    node_bin("tsx");
    let tmp = TempDir::new("react-e2e");
    let app = tmp.path().join("app");
    let gen_dir = app.join("gen");
    generate_shop(&gen_dir);
    let js = common::root().join("tests/js");
    for file in ["index.html", "main.tsx"] {
        std::fs::copy(js.join("apps/react").join(file), app.join(file)).unwrap();
    }
    // ES modules, as in an app: node (tsx) loads the runtime once, not once per module format.
    let package = r#"{ "type": "module", "dependencies": { "react": "19.3.1", "react-dom": "19.3.1" } }"#;
    std::fs::write(app.join("package.json"), format!("{package}\n")).unwrap();
    std::fs::create_dir(app.join("node_modules")).unwrap();
    for dependency in ["react", "react-dom", "scheduler"] {
        std::os::unix::fs::symlink(js.join("node_modules").join(dependency), app.join("node_modules").join(dependency))
            .unwrap();
    }
    let out = run_ok(
        Command::new("node")
            .args(["--import", "tsx", "--test", "--test-reporter=spec", "apps/react/e2e.test.ts"])
            .current_dir(&js)
            .env("MIZAN_APP_DIR", &app)
            .env("MIZAN_CHROMIUM", &chromium),
    );
    // Every test ran and passed: a run of zero tests is not a pass.
    common::assert_node_tests(&out, 20);
}
