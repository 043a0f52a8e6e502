//! Server rendering in each framework's own way, per request: three minimal
//! real apps (`next/`: Next.js App Router, `nuxt/`: Nuxt 4, `sveltekit/`:
//! SvelteKit with adapter-node), each built once by its framework's own
//! build from the shop fixture's generated code, then run in production
//! mode against the live test server by `tests/js/apps/ssr/ssr.test.ts`:
//! the server-rendered HTML carries the user's data, two concurrent
//! requests for two users get each their own data (and their own fetches,
//! with their own credentials), and in headless Chromium the page hydrates
//! without a single request to the API.
//!
//! The apps' toolchains are pinned by `tests/ssr/package-lock.json`
//! (`scripts/test.sh` runs `npm ci` there). The generated code is written
//! into each app (`mizan/`, or SvelteKit's `src/lib/mizan/`) and, like the
//! builds' output, is ignored by git.

use crate::common::{self, node_bin, run_ok};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Debian's chromium, which `scripts/test.sh` installs.
const CHROMIUM: &str = "/usr/bin/chromium";

fn ssr_dir() -> PathBuf {
    common::root().join("tests/ssr")
}

/// A binary of the SSR apps' toolchain; panics (never skips) when missing.
fn ssr_bin(name: &str) -> PathBuf {
    let p = ssr_dir().join("node_modules/.bin").join(name);
    assert!(p.exists(), "{} is missing: run `bash scripts/test.sh` (it runs `npm ci` in tests/ssr)", p.display());
    p
}

/// Writes stage1 and `binding` for the shop fixture into `dir` (replacing
/// what a previous run wrote).
fn generate(dir: &Path, binding: &str) {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap_or_else(|d| panic!("shop does not compile: {d:#?}"));
    let _ = std::fs::remove_dir_all(dir);
    for target in ["stage1", binding] {
        for f in mizan_generate::testing::emit(&api, target, "") {
            let out = dir.join(target).join(&f.path);
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, &f.contents).unwrap();
        }
    }
}

/// Builds `app` with `build` (its framework's own CLI), once, printing how
/// long it took; then runs the end-to-end checks against the built app.
fn build_and_check(app: &str, generated: &str, binding: &str, build: &mut Command) {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: run `bash scripts/test.sh` (it runs `apt-get install -y chromium`)"
    );
    node_bin("tsx");
    let dir = ssr_dir().join(app);
    generate(&dir.join(generated), binding);
    let started = Instant::now();
    run_ok(build.current_dir(&dir).env("NEXT_TELEMETRY_DISABLED", "1").env("NUXT_TELEMETRY_DISABLED", "1"));
    eprintln!("ssr: {app} built in {:.1} s", started.elapsed().as_secs_f64());
    let out = run_ok(
        Command::new("node")
            .args(["--import", "tsx", "--test", "--test-reporter=spec", "apps/ssr/ssr.test.ts"])
            .current_dir(common::root().join("tests/js"))
            .env("MIZAN_SSR_APP", app)
            .env("MIZAN_SSR_DIR", &dir)
            .env("MIZAN_CHROMIUM", CHROMIUM),
    );
    assert!(out.contains("ℹ pass 3") && out.contains("ℹ fail 0"), "{out}");
}

#[test]
fn next_app_router_renders_per_request_and_hydrates_without_refetching() {
    // Webpack: Turbopack does not yet resolve TypeScript's `./x.js`
    // specifiers to `./x.ts` (next.config.ts's `extensionAlias`).
    build_and_check("next", "mizan", "react", Command::new(ssr_bin("next")).args(["build", "--webpack"]));
}

#[test]
fn nuxt_renders_per_request_and_hydrates_from_its_payload() {
    build_and_check("nuxt", "mizan", "vue", Command::new(ssr_bin("nuxi")).arg("build"));
}

#[test]
fn sveltekit_loads_per_request_and_hydrates_without_refetching() {
    build_and_check("sveltekit", "src/lib/mizan", "svelte", Command::new(ssr_bin("vite")).arg("build"));
}
