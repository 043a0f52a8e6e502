//! The `mizan-generate` binary end to end, in temporary project folders:
//! generation, idempotence, `--check`, pruning, IR sources, config errors,
//! and the help text. Every test uses `fixtures/valid/shop.kdl` as the IR and
//! the `manifest` target.

mod config;
mod diagnostics;
mod diff;
mod docs;
mod generate;
mod init;
mod interrupted;
mod output;
mod safety;
mod sources;
mod watch;

use crate::common::{TempDir, bin, root};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// A temporary project: a folder holding `mizan.toml` and `shop.kdl`.
pub struct Project {
    dir: TempDir,
}

impl Project {
    /// A project whose `mizan.toml` is `toml`.
    pub fn new(name: &str, toml: &str) -> Project {
        let dir = TempDir::new(name);
        std::fs::copy(shop(), dir.path().join("shop.kdl")).unwrap();
        std::fs::write(dir.path().join("mizan.toml"), toml).unwrap();
        Project { dir }
    }

    /// The usual project: IR from `shop.kdl`, manifest target, output `gen`.
    pub fn shop(name: &str) -> Project {
        Project::new(name, "output = \"gen\"\ntargets = [\"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    /// Runs the binary in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_stdin(args, "")
    }

    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut cmd = bin();
        cmd.current_dir(self.dir.path()).args(args).env("NO_COLOR", "1").env("COLUMNS", "100");
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawning mizan-generate");
        {
            use std::io::Write;
            let mut pipe = child.stdin.take().unwrap();
            // The binary may stop reading early (an oversized IR): a broken
            // pipe is its business, and its output says what happened.
            let _ = pipe.write_all(stdin.as_bytes());
        }
        Run(child.wait_with_output().unwrap())
    }

    /// Every file under the project's `gen` folder, relative, sorted.
    pub fn generated(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.path("gen"), &self.path("gen"), &mut out);
        out.sort();
        out
    }
}

fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.map(|e| e.unwrap().path()) {
        if entry.is_dir() {
            walk(base, &entry, out);
        } else {
            out.push(entry.strip_prefix(base).unwrap().to_string_lossy().into_owned());
        }
    }
}

/// A finished run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().expect("mizan-generate was killed by a signal")
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Asserts the exit status, showing the output when it differs.
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(self.code(), code, "stdout:\n{}\nstderr:\n{}", self.stdout(), self.stderr());
        assert!(!self.stderr().contains("panicked"), "{}", self.stderr());
        self
    }
}

pub fn shop() -> PathBuf {
    root().join("fixtures/valid/shop.kdl")
}

/// The manifest the binary must write for `shop.kdl`: a committed file
/// (not the library's output, which is what is under test), whose values
/// `the_shop_manifest_follows_the_spec_value_by_value` derives one by one.
pub fn expected_manifest() -> String {
    std::fs::read_to_string(crate::common::root().join("tests/cli/shop-edge-manifest.json")).unwrap()
}

/// The shop manifest, value by value, each from the rule of docs/ir.md §7
/// that makes it.
#[test]
fn the_shop_manifest_follows_the_spec_value_by_value() {
    use serde_json::json;
    let manifest: serde_json::Value = serde_json::from_str(&expected_manifest()).unwrap();
    // Context endpoints: `<base-url>/ctx/<name>/`, base-url defaulting to /api/mizan.
    let endpoint = |c: &str| json!([format!("/api/mizan/ctx/{c}/")]);
    let expected = json!({
        "contexts": {
            "catalog": {
                "endpoints": endpoint("catalog"),
                // Member functions by name; `cache` only when set; no `rev` when 0.
                "functions": [
                    { "name": "product_detail", "path": "rpc" },
                    { "cache": 120, "name": "product_list", "path": "rpc" },
                ],
                // No function has a route: no `page_routes` key.
                // The sorted union of the members' params.
                "params": ["category", "slug"],
                // No user-scoping param: public, prerendered.
                "render_strategy": "psr",
                "user_scoped": false,
            },
            "global": {
                "endpoints": endpoint("global"),
                // `cache=#false` is `false`, `cache=300` is 300.
                "functions": [
                    { "cache": false, "name": "current_user", "path": "rpc" },
                    { "cache": 300, "name": "site_config", "path": "rpc" },
                ],
                "params": [],
                "render_strategy": "psr",
                "user_scoped": false,
            },
            "user": {
                "endpoints": endpoint("user"),
                "functions": [
                    // A view with a route lists its methods (default GET) and route.
                    { "methods": ["GET"], "name": "profile_page", "path": "view", "route": "/profile/<user_id>/" },
                    // `rev=2` is kept (non-zero).
                    { "cache": 60, "name": "user_orders", "path": "rpc", "rev": 2 },
                    { "name": "user_profile", "path": "rpc" },
                ],
                "page_routes": ["/profile/<user_id>/"],
                "params": ["page", "status", "user_id"],
                // `user_id` is a user-scoping param: per user, dynamic but cached.
                "render_strategy": "dynamic_cached",
                "user_scoped": true,
            },
        },
        // Every function with `affects` (set_nickname only merges: not here).
        "mutations": {
            // `affects catalog` (catalog has no param the function takes) and
            // `affects user_orders kind=function` (its context, unscoped):
            // nothing scopes, so no `auto_scoped_params`.
            "place_order": { "affects": ["catalog", "user"] },
            // private, with its route and methods.
            "stripe_webhook": {
                "affects": ["user"],
                "auto_scoped_params": ["user_id"],
                "methods": ["POST"],
                "private": true,
                "route": "/webhooks/stripe/",
            },
            // `affects user` is scoped by `user_id` (a param of both); the
            // `kind=function` edge adds nothing.
            "update_profile": { "affects": ["user"], "auto_scoped_params": ["user_id"] },
            "upload_avatar": { "affects": ["user"], "auto_scoped_params": ["user_id"] },
        },
        "version": 1,
    });
    assert_eq!(manifest, expected);
}

pub fn sha256(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn snapshot(name: &str, text: &str) {
    crate::common::snapshot_settings("cli").bind(|| insta::assert_snapshot!(name, text));
}
