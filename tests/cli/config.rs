//! Bad configs and usage errors (exit 2, rendered diagnostics snapshotted
//! under `snapshots/cli/`), and the help text.

use super::{Project, snapshot};

const GOOD_SOURCE: &str = "\n[source.ir]\npath = \"shop.kdl\"\n";

/// Runs a project whose config is `toml`; expects exit 2 and returns stderr.
fn config_error(name: &str, toml: &str) -> String {
    let p = Project::new(name, toml);
    let run = p.run(&[]).expect(2);
    assert!(!p.path("gen").exists(), "a config error wrote files");
    run.stderr()
}

#[test]
fn unknown_keys_suggest_the_closest() {
    let toml = format!("outptu = \"gen\"\ntargets = [\"manifest\"]\n\n[target.manifest]\nouput = \"x\"\n{GOOD_SOURCE}");
    snapshot("config_unknown_key", &config_error("cfg-unknown-key", &toml));
}

#[test]
fn wrong_types_name_what_was_expected() {
    let toml = format!(
        "output = [\"gen\"]\ntargets = \"manifest\"\n\n[target.rust]\nchrono = \"yes\"\n\n[target.svelte]\nflavor = \"rune\"\n{GOOD_SOURCE}"
    );
    snapshot("config_wrong_type", &config_error("cfg-type", &toml));
}

#[test]
fn two_sources_point_at_both() {
    let toml = "output = \"gen\"\ntargets = [\"manifest\"]\n\n[source.ir]\npath = \"shop.kdl\"\n\n[source.command]\nargv = [\"cat\", \"shop.kdl\"]\n";
    snapshot("config_two_sources", &config_error("cfg-two-sources", toml));
}

#[test]
fn unknown_targets_suggest_the_closest() {
    let toml =
        format!("output = \"gen\"\ntargets = [\"manifest\", \"reakt\", \"kotlin\"]\n\n[target.pyhton]\n{GOOD_SOURCE}");
    snapshot("config_unknown_target", &config_error("cfg-unknown-target", &toml));
}

#[test]
fn missing_keys_and_bad_values() {
    let toml = "output = \"gen\"\ntargets = [\"manifest\"]\nbase_url = \"api\"\n\n[source.django]\npython = \"python3\"\ntimeout = -1\n";
    snapshot("config_missing_key", &config_error("cfg-missing", toml));
}

#[test]
fn toml_syntax_errors_point_at_the_spot() {
    snapshot("config_syntax", &config_error("cfg-syntax", "output = \"gen\"\ntargets = [\"manifest\"\n"));
}

#[test]
fn a_binding_target_without_stage1_is_an_error() {
    let toml = format!("output = \"gen\"\ntargets = [\"manifest\", \"react\"]\n{GOOD_SOURCE}");
    let err = config_error("cfg-unavailable", &toml);
    assert!(err.contains("target `react` needs target `stage1`"), "{err}");
    let p = Project::shop("cli-unavailable");
    let run = p.run(&["--target", "vue"]).expect(2);
    assert!(run.stderr().contains("error: target `vue` needs target `stage1`"), "{}", run.stderr());
}

#[test]
fn config_errors_as_json() {
    let p = Project::new("cfg-json", "outptu = \"gen\"\n");
    let run = p.run(&["--format", "json"]).expect(2);
    let out: serde_json::Value = serde_json::from_str(&run.stdout()).expect("stdout is JSON");
    let errors = &out["diagnostics"];
    assert_eq!(errors[0]["code"], "mizan::config-unknown-key");
    assert_eq!(errors[0]["line"], 1);
    assert_eq!(errors[0]["help"], "did you mean `output`?");
}

#[test]
fn usage_errors_exit_2() {
    let p = Project::shop("usage");
    let run = p.run(&["--target", "reakt"]).expect(2);
    assert!(run.stderr().contains("invalid value 'reakt' for '--target <NAME>'"), "{}", run.stderr());
    p.run(&["--config", "missing.toml"]).expect(2);
    p.run(&["--bogus"]).expect(2);
    p.run(&["validate"]).expect(2);
}

#[test]
fn help_text() {
    let p = Project::shop("help");
    snapshot("help", &p.run(&["--help"]).expect(0).stdout());
    snapshot("validate_help", &p.run(&["validate", "--help"]).expect(0).stdout());
}

#[test]
fn an_endless_config_file_is_refused_after_a_megabyte() {
    let p = super::Project::shop("config-endless");
    let run = p.run(&["--config", "/dev/zero"]).expect(2);
    assert!(run.stderr().contains("too large for a config file"), "{}", run.stderr());
}

#[test]
fn a_targets_table_typo_is_one_error_with_the_fix() {
    let toml = format!("output = \"gen\"\ntargets = [\"manifest\"]\n\n[targets.react]\noutput = \"x\"\n{GOOD_SOURCE}");
    let err = config_error("cfg-targets-table", &toml);
    assert_eq!(err.matches("mizan::config-syntax").count(), 1, "{err}");
    assert!(err.contains("go in `[target.react]` (singular)"), "{err}");
    assert!(err.contains("error: mizan.toml: 1 error"), "{err}");
}

#[test]
fn a_missing_source_path_is_reported_at_its_key() {
    let err = config_error(
        "cfg-missing-ir",
        "output = \"gen\"\ntargets = [\"manifest\"]\n[source.ir]\npath = \"nope.kdl\"\n",
    );
    assert!(err.contains("mizan::config-missing-path"), "{err}");
    assert!(err.contains("[source.ir] path `nope.kdl`: no such file"), "{err}");
    assert!(err.contains("4 │ path = \"nope.kdl\""), "the key's line is shown: {err}");

    let toml = "output = \"gen\"\ntargets = [\"manifest\"]\n[source.django]\nmanage_path = \"backend/manage.py\"\n";
    let err = config_error("cfg-missing-manage", toml);
    assert!(err.contains("[source.django] manage_path `backend/manage.py`: no such file"), "{err}");
    let toml =
        "output = \"gen\"\ntargets = [\"manifest\"]\n[source.fastapi]\nmodule = \"app:app\"\ncwd = \"shop.kdl\"\n";
    let err = config_error("cfg-cwd-file", toml);
    assert!(err.contains("[source.fastapi] cwd `shop.kdl`: not a folder"), "{err}");

    // `--ir` replaces the source: its paths are not needed then.
    let p = Project::new(
        "cfg-missing-ir-override",
        "output = \"gen\"\ntargets = [\"manifest\"]\n[source.ir]\npath = \"nope.kdl\"\n",
    );
    p.run(&["--ir", "shop.kdl"]).expect(0);
}
