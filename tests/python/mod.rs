//! The `python` target's output under the real toolchain (pinned in
//! `tests/python/requirements.txt`, installed into `.venv` by
//! `scripts/test.sh`, and pyright from `tests/js/package.json`): `mypy
//! --strict`, pyright in strict mode, `ruff check` (with isort, pyupgrade,
//! bugbear and ruff's own rules) and `ruff format --check` over every valid
//! fixture's package and over random IRs' (numbered, Unicode and keyword
//! names), each of which must also import; a hand-written consumer that must
//! type-check under both checkers and a misuse that must fail with one error
//! per marked line under each; and the generated sync and async clients end
//! to end against the live test server (`tests/js/server/`): retries,
//! timeouts, raw responses, unknown enum values, refused connections,
//! channels (typed messages, send, reconnect after the server drops the
//! socket, refusals) and calls over the WebSocket.

use crate::common::{self, TempDir, node_bin, python, run_ok};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Writes the package of one fixture into `dir/<package>/`.
fn write_package(dir: &Path, fixture: &Path, package: &str) {
    let source = std::fs::read_to_string(fixture).unwrap();
    write_source(dir, &source, package, &fixture.display().to_string());
}

/// Writes the package of an IR document into `dir/<package>/`.
fn write_source(dir: &Path, source: &str, package: &str, what: &str) {
    let api = mizan_generate::compile(source).unwrap_or_else(|d| panic!("{what} does not compile: {d:#?}\n{source}"));
    for f in mizan_generate::testing::emit(&api, "python", &format!("package = \"{package}\"")) {
        let out = dir.join(package).join(&f.path);
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(&out, &f.contents).unwrap();
    }
}

/// `shop.kdl`'s package as `mizan_client`, with the consumers beside it.
fn shop_project(name: &str) -> TempDir {
    let tmp = TempDir::new(name);
    write_package(tmp.path(), &common::root().join("fixtures/valid/shop.kdl"), "mizan_client");
    for file in ["use_shop.py", "misuse_shop.py"] {
        std::fs::copy(common::root().join("tests/consumers/python").join(file), tmp.path().join(file)).unwrap();
    }
    tmp
}

fn tool(dir: &Path, module: &str) -> Command {
    let mut cmd = Command::new(python());
    cmd.arg("-m").arg(module).current_dir(dir).env("PYTHONPATH", dir);
    cmd
}

pub(crate) fn mypy(dir: &Path) -> Command {
    let mut cmd = tool(dir, "mypy");
    cmd.args(["--strict", "--no-error-summary", "--cache-dir"]).arg(dir.join(".mypy_cache"));
    cmd
}

/// ruff with its defaults plus isort (`I`), pyupgrade (`UP`), bugbear (`B`)
/// and ruff's own rules (`RUF`, `__all__` order included), whatever
/// configuration surrounds the folder: what a project that lints its
/// dependencies' style would run.
pub(crate) fn ruff(dir: &Path, args: &[&str]) {
    let mut cmd = tool(dir, "ruff");
    cmd.args(args).args(["--isolated", "--no-cache", "--target-version", "py311"]);
    if args[0] == "check" {
        cmd.args(["--extend-select", "I,UP,B,RUF"]);
    }
    run_ok(cmd.arg("."));
}

/// pyright in strict mode, with the virtualenv's packages.
pub(crate) fn pyright(dir: &Path) -> Command {
    std::fs::write(
        dir.join("pyrightconfig.json"),
        "{ \"typeCheckingMode\": \"strict\", \"pythonVersion\": \"3.11\" }\n",
    )
    .unwrap();
    let mut cmd = Command::new(node_bin("pyright"));
    cmd.arg("--pythonpath").arg(python()).current_dir(dir);
    cmd
}

/// Every check of a folder of packages: mypy and pyright strict, ruff check
/// and format, and importing both clients of each.
pub(crate) fn check_packages(dir: &Path, packages: &[String]) {
    run_ok(mypy(dir).args(packages));
    run_ok(pyright(dir).args(packages));
    ruff(dir, &["check"]);
    ruff(dir, &["format", "--check"]);
    let imports: String = packages.iter().map(|p| format!("import {p}.client, {p}.async_client\n")).collect();
    run_ok(Command::new(python()).args(["-c", &imports]).current_dir(dir).env("PYTHONPATH", dir));
}

#[test]
fn every_fixture_passes_mypy_pyright_strict_ruff_and_imports() {
    let tmp = TempDir::new("python-fixtures");
    let mut packages = Vec::new();
    for (name, path) in common::fixtures("valid") {
        let package = format!("{name}_client");
        write_package(tmp.path(), &path, &package);
        packages.push(package);
    }
    assert!(packages.contains(&"shop_client".to_owned()));
    check_packages(tmp.path(), &packages);
}

/// Wire names the attribute cannot be (`+1`, `-1`: GitHub's reaction
/// counts, rendered `plus_1`/`minus_1`) round-trip exactly through the
/// generated models, both ways, and an enum value `+1` is kept verbatim.
#[test]
fn renamed_wire_names_round_trip() {
    let tmp = TempDir::new("python-renamed");
    write_package(tmp.path(), &common::root().join("fixtures/valid/realworld.kdl"), "realworld_client");
    let script = r#"
import json
from typing import get_args
from realworld_client.models import Reactions, ReactionContent

wire = {"+1": 2, "-1": 1, "laugh": 0, "total_count": 3}
r = Reactions.model_validate_json(json.dumps(wire))
assert (r.plus_1, r.minus_1, r.total_count) == (2, 1, 3), r
assert r.model_dump(mode="json", by_alias=True) == wire, r.model_dump(by_alias=True)
assert json.loads(r.model_dump_json()) == wire
built = Reactions(plus_1=5, minus_1=0, laugh=1, total_count=6)
assert built.model_dump(mode="json", by_alias=True) == {"+1": 5, "-1": 0, "laugh": 1, "total_count": 6}
assert set(get_args(get_args(ReactionContent)[0])) == {"+1", "-1", "laugh", "*/"}
print("ok")
"#;
    let out = run_ok(Command::new(python()).args(["-c", script]).current_dir(tmp.path()).env("PYTHONPATH", tmp.path()));
    assert_eq!(out.trim(), "ok");
}

/// A single `models.py` keeps its field docstrings as the fields'
/// descriptions, in `model_fields` and the JSON schema (the split package
/// does not: README, Python client).
#[test]
fn field_docs_are_descriptions_in_one_module() {
    let tmp = shop_project("python-descriptions");
    let script = r#"
from mizan_client.models import UserProfile
assert UserProfile.model_fields["name"].description == "Display name", UserProfile.model_fields["name"]
schema = UserProfile.model_json_schema()
assert schema["properties"]["name"]["description"] == "Display name", schema
print("ok")
"#;
    let out = run_ok(Command::new(python()).args(["-c", script]).current_dir(tmp.path()).env("PYTHONPATH", tmp.path()));
    assert_eq!(out.trim(), "ok");
}

/// An IR whose models outweigh one module, so `models` is a package
/// (`src/emit/python/split.rs`): three groups of 70 types of 20 optional
/// fields (`AlphaPart0`, `BetaPart0`, `GammaPart0`, ...) referring to the
/// next group's first three, a tagged union per group over the next group's objects
/// (so needing another module at import: a layer-1 module), an alias per
/// group over the next group's union (layer 2), enums and a context.
fn split_ir() -> String {
    let groups = ["Alpha", "Beta", "Gamma"];
    let mut ir = String::from("mizan-ir 1 project=split\ncontext alpha\n");
    for (g, group) in groups.iter().enumerate() {
        let next = groups[(g + 1) % groups.len()];
        for i in 0..70 {
            ir.push_str(&format!("type {group}Part{i} {{\n    field state {group}State optional=#true\n"));
            for f in 1..20 {
                // A few classes each: pydantic builds a model's schema through
                // every model it reaches that is not built yet, recursively,
                // so one long chain of references would outgrow Python's
                // recursion limit (with one `models.py` as well).
                ir.push_str(&format!("    field f{f} \"{next}Part{}\" optional=#true\n", f % 3));
            }
            ir.push_str("}\n");
        }
        ir.push_str(&format!("enum {group}State {{\n    value open\n    value closed\n}}\n"));
        ir.push_str(&format!(
            "union {group}Event tag=kind {{\n    variant {next}Part0\n    variant {group}Part1\n}}\n"
        ));
        ir.push_str(&format!("alias {group}List \"list<{next}Event>\"\n"));
    }
    ir.push_str("function alpha_events context=alpha {\n    returns AlphaList\n}\n");
    ir
}

/// The split package passes every checker; importing it builds no model
/// (`defer_build`); a model first used builds with the classes of other
/// modules its annotations name (resolved in its own module, even when the
/// caller has a name of its own like one of them), validates and
/// serializes across modules; and every model builds.
#[test]
fn split_models_package_passes_every_checker_and_validates_across_modules() {
    let tmp = TempDir::new("python-split");
    write_source(tmp.path(), &split_ir(), "split_client", "the split IR");
    let models = tmp.path().join("split_client/models");
    assert!(models.join("__init__.py").is_file() && !tmp.path().join("split_client/models.py").exists());
    // A group, its layer-1 module (the union's tag subclasses derive from
    // the next group's class) and its layer-2 module (the alias is over
    // the next group's union).
    for stem in ["_alpha", "_alpha__1", "_alpha__2", "_base"] {
        assert!(models.join(format!("{stem}.py")).is_file(), "no {stem}.py");
    }
    check_packages(tmp.path(), &["split_client".to_owned()]);
    let script = r#"
import json

from pydantic import BaseModel, TypeAdapter

import split_client.client
from split_client import AlphaBundle, AlphaList, AlphaPart0, BetaPart1, GammaPart0, models
from split_client.models import BetaEventBetaPart1, GammaPart1, GammaPart2, UnknownBetaEvent

classes = [getattr(models, n) for n in models.__all__]
built = [c for c in classes if isinstance(c, type) and issubclass(c, models.MizanModel) and c.__pydantic_complete__]
assert built == [], built

# A name of the caller's like one the model's annotations name (`BetaPart1`
# in `_alpha`, `GammaPart2` in `_beta`): the model's own module wins.
BetaPart1_ = BetaPart1
BetaPart1 = int
wire = {"state": "open", "f1": {"f2": {"state": "closed"}, "f4": None}}
a = AlphaPart0.model_validate(wire)
BetaPart1 = BetaPart1_
assert isinstance(a.f1, BetaPart1) and isinstance(a.f1.f2, GammaPart2), a
assert a.model_dump(mode="json", exclude_none=True) == {"state": "open", "f1": {"f2": {"state": "closed"}}}
assert AlphaPart0.model_validate_json(a.model_dump_json()) == a
events = TypeAdapter(AlphaList).validate_python(
    [{"kind": "GammaPart0"}, {"kind": "BetaPart1", "f1": {}}, {"kind": "new"}]
)
assert isinstance(events[0], GammaPart0) and isinstance(events[1], BetaEventBetaPart1), events
assert isinstance(events[1].f1, GammaPart1) and isinstance(events[2], UnknownBetaEvent), events
dumped = json.loads(TypeAdapter(AlphaList).dump_json(events))
assert dumped == [{"kind": "GammaPart0"}, {"kind": "BetaPart1", "f1": {}}, {"kind": "new"}], dumped
assert AlphaBundle.model_validate({"alpha_events": []}).alpha_events == []
"#
    .to_owned()
        + &models_built("split_client")
        + "print(\"ok\")\n";
    let out =
        run_ok(Command::new(python()).args(["-c", &script]).current_dir(tmp.path()).env("PYTHONPATH", tmp.path()));
    assert_eq!(out.trim(), "ok");
}

/// A script checking that every model of `package.models` builds (each
/// forward reference resolved, in the namespace a first use resolves it
/// in) and that every alias and union makes a `TypeAdapter`.
pub(crate) fn models_built(package: &str) -> String {
    format!(
        r#"
import importlib

from pydantic import BaseModel, TypeAdapter

models = importlib.import_module("{package}.models")
for name in models.__all__:
    obj = getattr(models, name)
    if isinstance(obj, type) and issubclass(obj, BaseModel):
        obj.model_rebuild()
        assert obj.__pydantic_complete__, name
    else:
        TypeAdapter(obj)
"#
    )
}

/// How many random IRs the Python property test checks.
const RANDOM_IRS: u64 = 40;

/// The property behind the layout and naming code: whatever the IR (random
/// IRs from `common::random_ir`, with numbered, Unicode and keyword names,
/// long names and many params), the package passes every checker and
/// imports.
#[test]
fn random_irs_pass_mypy_pyright_strict_ruff_and_import() {
    let tmp = TempDir::new("python-random");
    let mut packages = Vec::new();
    for seed in 0..RANDOM_IRS {
        let package = format!("random{seed}");
        write_source(tmp.path(), &common::random_ir::ir(seed), &package, &format!("random IR {seed}"));
        packages.push(package);
    }
    check_packages(tmp.path(), &packages);
}

#[test]
fn shop_consumer_type_checks() {
    let tmp = shop_project("python-consumer");
    run_ok(mypy(tmp.path()).arg("use_shop.py"));
    run_ok(pyright(tmp.path()).arg("use_shop.py"));
}

/// The lines of `misuse_shop.py` marked `# error`, and those a checker
/// reported an error on (one entry per error).
fn misuse_lines(source: &str, errors: Vec<usize>, checker: &str, output: &str) {
    let marked: Vec<usize> =
        source.lines().enumerate().filter(|(_, l)| l.ends_with("# error")).map(|(i, _)| i + 1).collect();
    assert_eq!(marked.len(), 20, "the misuse file changed: update this count");
    assert_eq!(errors, marked, "{checker}: each misuse is exactly one error:\n{output}");
}

#[test]
fn misuse_is_one_error_per_marked_line() {
    let tmp = shop_project("python-misuse");
    let source = std::fs::read_to_string(tmp.path().join("misuse_shop.py")).unwrap();
    let out = mypy(tmp.path()).arg("misuse_shop.py").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "misuse type-checked:\n{stdout}");
    let reported: Vec<usize> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("misuse_shop.py:"))
        .filter(|l| l.contains(": error:"))
        .filter_map(|l| l.split(':').next()?.parse().ok())
        .collect();
    misuse_lines(&source, reported, "mypy", &stdout);
    let out = pyright(tmp.path()).args(["--outputjson", "misuse_shop.py"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let mut reported: Vec<usize> = json["generalDiagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["range"]["start"]["line"].as_u64().unwrap() as usize + 1)
        .collect();
    reported.sort_unstable();
    misuse_lines(&source, reported, "pyright", &stdout);
}

/// The live test server, stopped on drop.
struct Server {
    child: Child,
    origin: String,
}

impl Server {
    fn start() -> Server {
        let dir = common::root().join("tests/js");
        let main = dir.join("server/main.ts");
        assert!(main.exists(), "{} is missing: the test server is part of the repository", main.display());
        // Installed by scripts/test.sh; panics with a clear message if not.
        node_bin("tsx");
        // One process (node with tsx's loader), so killing it stops the server.
        let mut child = Command::new("node")
            .args(["--import", "tsx"])
            .arg(main)
            .current_dir(&dir)
            .env("PORT", "0")
            .env("MIZAN_BASE", "/api/mizan")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawning the test server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("listening ").unwrap_or_else(|| {
            let _ = child.kill();
            panic!("the server's first line is not `listening <port>`: {line:?}")
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
fn sync_and_async_clients_against_the_live_server() {
    let tmp = shop_project("python-e2e");
    let script = common::root().join("tests/python/e2e_shop.py");
    std::fs::copy(&script, tmp.path().join("e2e_shop.py")).unwrap();
    // The script itself is typed against the generated package.
    run_ok(mypy(tmp.path()).arg("e2e_shop.py"));
    run_ok(pyright(tmp.path()).arg("e2e_shop.py"));
    let server = Server::start();
    let stdout = run_ok(
        Command::new(python())
            .arg("e2e_shop.py")
            .arg(&server.origin)
            .current_dir(tmp.path())
            .env("PYTHONPATH", tmp.path()),
    );
    assert!(stdout.contains("e2e_shop: ok"), "{stdout}");
}

/// Wire names and falsy query values, judged by the server: `wire.kdl`'s
/// package against the test server's `/api/wire` backend (`js/server/wire.ts`).
/// A field renamed in Python (`class_`, `sent_at`) must be sent under its wire
/// name (the server refuses any other key with a 422) and read back from it,
/// and optional query params `0`, `False` and `""` must arrive (the server
/// echoes what it parsed, `null` for a param not sent).
#[test]
fn wire_names_and_falsy_query_values_reach_the_server() {
    let tmp = TempDir::new("python-wire");
    write_package(tmp.path(), &common::root().join("tests/python/wire.kdl"), "wire_client");
    std::fs::copy(common::root().join("tests/python/e2e_wire.py"), tmp.path().join("e2e_wire.py")).unwrap();
    run_ok(mypy(tmp.path()).arg("e2e_wire.py"));
    run_ok(pyright(tmp.path()).arg("e2e_wire.py"));
    let server = Server::start();
    let stdout = run_ok(
        Command::new(python())
            .arg("e2e_wire.py")
            .arg(&server.origin)
            .current_dir(tmp.path())
            .env("PYTHONPATH", tmp.path()),
    );
    assert!(stdout.contains("e2e_wire: ok"), "{stdout}");
}
