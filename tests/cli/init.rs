//! `mizan-generate init`: a starter config with the backend found nearby,
//! accepted as written, never over an existing file.

use super::{Run, shop};
use crate::common::TempDir;
use crate::common::bin;
use std::path::Path;
use std::process::Stdio;

fn run(dir: &Path, args: &[&str]) -> Run {
    let out = bin()
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("spawning mizan-generate");
    Run(out)
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `init` in `dir`: the config it wrote, checked to be accepted as it is
/// (with `--ir` standing in for a backend that cannot run here).
fn init(dir: &Path) -> String {
    let run = run(dir, &["init"]).expect(0);
    assert!(run.stdout().starts_with("wrote mizan.toml ("), "{}", run.stdout());
    let config = std::fs::read_to_string(dir.join("mizan.toml")).unwrap();
    std::fs::copy(shop(), dir.join("init-check.kdl")).unwrap();
    run_ok(dir, &["--ir", "init-check.kdl", "--out", "init-out", "-q"]);
    std::fs::remove_dir_all(dir.join("init-out")).unwrap();
    std::fs::remove_file(dir.join("init-check.kdl")).unwrap();
    config
}

fn run_ok(dir: &Path, args: &[&str]) {
    run(dir, args).expect(0);
}

#[test]
fn without_a_backend_nearby_the_source_is_an_ir_file() {
    let root = TempDir::new("init-empty");
    let dir = root.path().join("web");
    std::fs::create_dir_all(&dir).unwrap();
    let config = init(&dir);
    assert!(config.contains("output = \"mizan\"\n"), "{config}");
    assert!(config.contains("targets = [\"stage1\"]\n"), "{config}");
    assert!(config.contains("[source.ir]\npath = \"mizan-ir.kdl\"\n"), "{config}");
    // The IR exported into the named file: the config runs as written.
    std::fs::copy(shop(), dir.join("mizan-ir.kdl")).unwrap();
    run_ok(&dir, &[]);
    assert!(dir.join("mizan/stage1/index.ts").is_file());
}

#[test]
fn a_django_backend_beside_a_react_app() {
    let root = TempDir::new("init-django");
    write(
        root.path(),
        "backend/manage.py",
        "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"shop.settings\")\n",
    );
    let web = root.path().join("web");
    write(&web, "package.json", r#"{"dependencies": {"react": "^19.1.0"}, "devDependencies": {"zod": "^4.0.0"}}"#);
    std::fs::create_dir_all(web.join("src")).unwrap();
    let config = init(&web);
    assert!(config.contains("output = \"src/mizan\"\n"), "{config}");
    assert!(config.contains("targets = [\"stage1\", \"react\", \"zod\"]\n"), "{config}");
    assert!(config.contains("[source.django]\nmanage_path = \"../backend/manage.py\"\n"), "{config}");
}

#[test]
fn a_fastapi_app_in_the_same_repository_with_svelte_5() {
    let root = TempDir::new("init-fastapi");
    write(
        root.path(),
        "api/main.py",
        "from fastapi import FastAPI\n\napplication: FastAPI = FastAPI(title=\"shop\")\n",
    );
    write(root.path(), "package.json", r#"{"devDependencies": {"svelte": "^5.2.0"}}"#);
    let config = init(root.path());
    assert!(config.contains("targets = [\"stage1\", \"svelte\"]\n"), "{config}");
    assert!(
        config
            .contains("[target.svelte]\n# \"runes\" (Svelte 5) or \"stores\" (Svelte 4 and 5).\nflavor = \"runes\"\n"),
        "{config}"
    );
    assert!(config.contains("[source.fastapi]\nmodule = \"api.main:application\"\ncwd = \".\"\n"), "{config}");
}

#[test]
fn a_rust_backend_or_an_ir_file_nearby() {
    let root = TempDir::new("init-rust");
    write(root.path(), "server/Cargo.toml", "[package]\nname = \"server\"\n\n[dependencies]\nmizan-axum = \"0.1\"\n");
    // A Cargo project that is not a Mizan backend is not one.
    write(root.path(), "tools/Cargo.toml", "[package]\nname = \"tools\"\n");
    let web = root.path().join("web");
    std::fs::create_dir_all(&web).unwrap();
    let config = init(&web);
    assert!(config.contains("[source.rust]\nmanifest_path = \"../server/Cargo.toml\"\n"), "{config}");

    let root = TempDir::new("init-ir");
    write(root.path(), "notes.kdl", "// not an IR\nnode 1\n");
    std::fs::copy(shop(), root.path().join("schema.kdl")).unwrap();
    let config = init(root.path());
    assert!(config.contains("[source.ir]\npath = \"schema.kdl\"\n"), "{config}");
    run_ok(root.path(), &[]);
}

#[test]
fn an_existing_config_is_never_overwritten() {
    let root = TempDir::new("init-exists");
    write(root.path(), "mizan.toml", "# mine\n");
    let run = run(root.path(), &["init"]).expect(2);
    assert!(run.stderr().contains("mizan.toml already exists here; nothing was written"), "{}", run.stderr());
    assert_eq!(std::fs::read_to_string(root.path().join("mizan.toml")).unwrap(), "# mine\n");
    #[cfg(unix)]
    {
        let other = TempDir::new("init-link");
        let victim = other.path().join("victim.toml");
        std::fs::remove_file(root.path().join("mizan.toml")).unwrap();
        std::os::unix::fs::symlink(&victim, root.path().join("mizan.toml")).unwrap();
        super::Run(bin().current_dir(root.path()).arg("init").output().unwrap()).expect(2);
        assert!(!victim.exists(), "init wrote through a dangling link");
    }
}
