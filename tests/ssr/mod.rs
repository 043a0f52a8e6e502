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

/// One app: its folder under `tests/ssr/`, its README heading, where its
/// generated code goes, and the binding it uses.
struct App {
    name: &'static str,
    heading: &'static str,
    generated: &'static str,
    binding: &'static str,
    /// The strict type check of the app's own code after its build, with a
    /// checker of the pinned `tests/js` toolchain (`next build` runs its own).
    typecheck: Option<(&'static str, &'static [&'static str])>,
}

const NEXT: App =
    App { name: "next", heading: "Next.js (App Router)", generated: "mizan", binding: "react", typecheck: None };
const NUXT: App = App {
    name: "nuxt",
    heading: "Nuxt",
    generated: "mizan",
    binding: "vue",
    typecheck: Some(("vue-tsc", &["--noEmit", "-p", ".nuxt/tsconfig.app.json"])),
};
const SVELTEKIT: App = App {
    name: "sveltekit",
    heading: "SvelteKit",
    generated: "src/lib/mizan",
    binding: "svelte",
    typecheck: Some(("svelte-check", &["--tsconfig", "./tsconfig.json", "--fail-on-warnings"])),
};

/// Builds `app` with `build` (its framework's own CLI), once, printing how
/// long it took, type-checks its code; then runs the end-to-end checks
/// against the built app.
fn build_and_check(app: &App, build: &mut Command) {
    let chromium = common::chromium();
    node_bin("tsx");
    let dir = ssr_dir().join(app.name);
    generate(&dir.join(app.generated), app.binding);
    let started = Instant::now();
    run_ok(build.current_dir(&dir).env("NEXT_TELEMETRY_DISABLED", "1").env("NUXT_TELEMETRY_DISABLED", "1"));
    eprintln!("ssr: {} built in {:.1} s", app.name, started.elapsed().as_secs_f64());
    if let Some((checker, args)) = app.typecheck {
        run_ok(Command::new(node_bin(checker)).args(args).current_dir(&dir));
    }
    let out = run_ok(
        Command::new("node")
            .args(["--import", "tsx", "--test", "--test-reporter=spec", "apps/ssr/ssr.test.ts"])
            .current_dir(common::root().join("tests/js"))
            .env("MIZAN_SSR_APP", app.name)
            .env("MIZAN_SSR_DIR", &dir)
            .env("MIZAN_CHROMIUM", &chromium),
    );
    assert!(out.contains("ℹ pass 4") && out.contains("ℹ fail 0"), "{out}");
}

#[test]
fn next_app_router_renders_per_request_and_hydrates_without_refetching() {
    // Webpack: Turbopack does not yet resolve TypeScript's `./x.js`
    // specifiers to `./x.ts` (next.config.ts's `extensionAlias`).
    build_and_check(&NEXT, Command::new(ssr_bin("next")).args(["build", "--webpack"]));
}

#[test]
fn nuxt_renders_per_request_and_hydrates_from_its_payload() {
    build_and_check(&NUXT, Command::new(ssr_bin("nuxi")).arg("build"));
}

#[test]
fn sveltekit_loads_per_request_and_hydrates_without_refetching() {
    build_and_check(&SVELTEKIT, Command::new(ssr_bin("vite")).arg("build"));
}

/// The apps also forward the test's tracer header; the README shows them
/// without it.
const TRACER: (&str, &str) = (
    "// The request headers passed on to the backend: its credentials\n\
     // (`x-test-user` marks the test's requests in the server's log).\n\
     const FORWARDED = [\"cookie\", \"authorization\", \"x-test-user\"];",
    "// The request headers passed on to the backend: its credentials.\n\
     const FORWARDED = [\"cookie\", \"authorization\"];",
);

/// The README's section on server rendering: every code block of each
/// framework's part is its `mizan.toml` (the output folder and targets the
/// test generates) or an excerpt of one of the app's files (first line: its
/// path, in a comment), each checked here.
#[test]
fn readme_server_rendering_quick_starts_are_the_tested_apps() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let start = readme.find("\n## Server rendering, per request").expect("README: the server rendering section");
    let section = &readme[start + 1..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    for app in [&NEXT, &NUXT, &SVELTEKIT] {
        let heading = format!("\n### {}\n", app.heading);
        let from = section.find(&heading).unwrap_or_else(|| panic!("README: no {heading:?}")) + heading.len();
        let part = &section[from..];
        let part = &part[..part.find("\n### ").unwrap_or(part.len())];
        let toml = format!(
            "# mizan.toml\noutput = \"{}\"\ntargets = [\"stage1\", \"{}\"]\n\n[source.ir]\npath = \"shop.kdl\"\n",
            app.generated, app.binding
        );
        let blocks = code_blocks(part);
        assert!(blocks.contains(&toml), "README, {}: no mizan.toml block reading\n{toml}", app.heading);
        let mut files = 0;
        for block in blocks.iter().filter(|b| **b != toml) {
            let (first, body) = block.split_once('\n').unwrap();
            let path = first
                .strip_prefix("// ")
                .or_else(|| first.strip_prefix("<!-- ").and_then(|p| p.strip_suffix(" -->")))
                .unwrap_or_else(|| panic!("README, {}: a block that names no file:\n{block}", app.heading));
            let file = ssr_dir().join(app.name).join(path);
            let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let text = text.replace(TRACER.0, TRACER.1);
            assert!(text.contains(body), "README, {}: this is not in {}:\n{body}", app.heading, file.display());
            files += 1;
        }
        assert!(files >= 2, "README, {}: fewer than two files shown", app.heading);
    }
    let nuxt_config = std::fs::read_to_string(ssr_dir().join("nuxt/nuxt.config.ts")).unwrap();
    assert!(section.contains("`runtimeConfig: { mizanApiUrl: \"\" }`"));
    assert!(nuxt_config.contains("runtimeConfig: { mizanApiUrl: \"\" }"));
}

/// The contents of every fenced code block of `text` (without the fences).
fn code_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.starts_with("```")) {
            (None, true) => current = Some(String::new()),
            (Some(_), true) => blocks.push(current.take().unwrap()),
            (Some(block), false) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, false) => {}
        }
    }
    blocks
}

/// "The runes flavor writes the same `ssr.ts`" (README, SvelteKit).
#[test]
fn both_svelte_flavors_write_the_same_ssr_module() {
    let source = std::fs::read_to_string(common::root().join("fixtures/valid/shop.kdl")).unwrap();
    let api = mizan_generate::compile(&source).unwrap();
    let ssr = |options: &str| {
        let files = mizan_generate::testing::emit(&api, "svelte", options);
        files.into_iter().find(|f| f.path == "ssr.ts").expect("svelte writes ssr.ts").contents
    };
    assert_eq!(ssr(""), ssr("flavor = \"runes\""));
}
