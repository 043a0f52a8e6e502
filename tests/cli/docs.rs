//! The configs docs/getting-started.md shows are accepted as written and
//! generate every target they list.

use super::Project;

/// The ```toml blocks of a Markdown text.
fn toml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```toml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), text) => {
                block.push_str(text);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn every_getting_started_config_is_accepted_and_generates_its_targets() {
    let doc = std::fs::read_to_string(crate::common::root().join("docs/getting-started.md")).unwrap();
    let blocks = toml_blocks(&doc);
    assert_eq!(blocks.len(), 4, "Django, FastAPI, Rust, a committed IR");
    for (i, toml) in blocks.iter().enumerate() {
        let p = Project::new(&format!("getting-started-{i}"), toml);
        let table: toml::Table = toml.parse().unwrap();
        // The backends do not exist here: `--ir` stands in for each source.
        p.run(&["--ir", "shop.kdl", "-q"]).expect(0);
        let targets = table["targets"].as_array().unwrap();
        let output = table["output"].as_str().unwrap();
        for t in targets {
            let t = t.as_str().unwrap();
            let own = table.get("target").and_then(|x| x.get(t)).and_then(|x| x.get("output")).and_then(|o| o.as_str());
            let dir = own.map_or_else(|| p.path(&format!("{output}/{t}")), |o| p.path(o));
            let dir = if t == "python" && own.is_none() { p.path(&format!("{output}/mizan_client")) } else { dir };
            assert!(
                std::fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some()),
                "block {i}: {t} wrote nothing in {dir:?}"
            );
        }
    }
}
