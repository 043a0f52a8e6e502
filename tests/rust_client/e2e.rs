//! The generated `shop` crate end to end: writes it where
//! `tests/rust_e2e/Cargo.toml` expects it, starts the live protocol server
//! (`tests/js/server`, installed by `scripts/test.sh`) and runs the
//! `rust-e2e` binary against it, which asserts typed round trips, context
//! bundles, typed protocol errors and multipart uploads, whole responses,
//! per-call headers, enum values the client does not know, and the HTTP
//! transport's retries, timeouts, refused connections and TLS (the faults
//! come from `tests/js/server/rust-faults.ts`), and the generated
//! invalidation graph and edge manifest against the server's answers.

use super::cargo;
use crate::common::{self, node_bin};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// The test server, stopped (by its own pid) when dropped.
struct Server {
    child: Child,
    origin: String,
}

impl Server {
    fn start() -> Server {
        // tsx comes from the pinned JS toolchain; missing means not installed.
        node_bin("tsx");
        let mut child = Command::new("node")
            .args(["--import", "tsx", "server/main.ts"])
            .current_dir(common::root().join("tests/js"))
            .env("PORT", "0")
            .env("MIZAN_BASE", "/api/mizan")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("starting the test server with node: {e}"));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("listening ").unwrap_or_else(|| {
            let _ = child.kill();
            panic!("unexpected first line from the test server: {line:?}")
        });
        let origin = format!("http://127.0.0.1:{port}");
        Server { child, origin }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn shop_client_against_the_live_server() {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("shop does not compile: {d:#?}"));
    let out = common::root().join("target/tmp/rust-e2e/shop");
    let _ = std::fs::remove_dir_all(&out);
    for f in mizan_generate::testing::emit(&api, "rust", "") {
        let path = out.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, f.contents).unwrap();
    }
    // The edge manifest, which the binary checks against the server's answers.
    let manifest = common::root().join("target/tmp/rust-e2e/edge-manifest.json");
    let files = mizan_generate::testing::emit(&api, "manifest", "");
    assert_eq!(files.len(), 1, "the manifest target writes one file");
    std::fs::write(&manifest, &files[0].contents).unwrap();
    let e2e = common::root().join("tests/rust_e2e");
    // Build before the server starts, so its lifetime is only the run.
    cargo(&e2e, &["build", "--quiet"]);
    let server = Server::start();
    let stdout = cargo(&e2e, &["run", "--quiet", "--", &server.origin, manifest.to_str().unwrap()]);
    assert!(stdout.contains("rust-e2e: ok"), "{stdout}");
}
