//! Emission: `model::Api` → the files of one target.
//!
//! Each target lives in its own module and follows one shape: build a view
//! model whose fields already hold every rendered name and annotation
//! (computed with `crate::names`), then render one askama template per
//! output file from `templates/<target>/`. Emission cannot fail: everything
//! a user can get wrong was reported by `ir::check` or `config` before.
//! This module adds the generated-file header, so no template repeats it.

pub mod json;
pub mod manifest;
pub mod python;
pub mod react;
pub mod rust;
pub mod stage1;
pub mod svelte;
pub mod ts;
pub mod vue;
pub mod zod;

use crate::ir::check::Generated;
use crate::model::Api;

/// The targets `mizan-generate` knows, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Stage1,
    React,
    Vue,
    Svelte,
    Zod,
    Python,
    Rust,
    Manifest,
}

impl Target {
    pub const ALL: [Target; 8] = [
        Target::Stage1,
        Target::React,
        Target::Vue,
        Target::Svelte,
        Target::Zod,
        Target::Python,
        Target::Rust,
        Target::Manifest,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Stage1 => "stage1",
            Target::React => "react",
            Target::Vue => "vue",
            Target::Svelte => "svelte",
            Target::Zod => "zod",
            Target::Python => "python",
            Target::Rust => "rust",
            Target::Manifest => "manifest",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Targets whose generated code imports another target's output.
    pub fn requires(self) -> Option<Target> {
        match self {
            Target::React | Target::Vue | Target::Svelte | Target::Zod => Some(Target::Stage1),
            _ => None,
        }
    }
}

/// The generated code whose names the check guards, for these targets.
pub fn checked_names(targets: impl IntoIterator<Item = Target>) -> Generated {
    let mut on = Generated::NONE;
    for target in targets {
        match target {
            Target::Stage1 | Target::Zod => on.typescript = true,
            Target::React => on.react = true,
            Target::Vue | Target::Svelte => on.vue_svelte = true,
            Target::Python => on.python = true,
            Target::Rust => on.rust = true,
            Target::Manifest => {}
        }
    }
    // The bindings need stage1 (`Target::requires`) and re-export its names.
    on.typescript |= on.react || on.vue_svelte;
    on
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One generated file: a `/`-separated path relative to the target's output
/// folder, and its full contents (header included, LF line endings).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct File {
    pub path: String,
    pub contents: String,
}

/// Which Svelte module the `svelte` target writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SvelteFlavor {
    /// A store-contract module: works in Svelte 4 and 5.
    #[default]
    Stores,
    /// A Svelte 5 runes module (`.svelte.ts`).
    Runes,
}

/// Where the TypeScript targets take the runtime (the kernel) from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Kernel {
    /// stage1 writes the runtime into its `runtime/` folder and every
    /// TypeScript target imports it relatively (`kernel = "bundled"`).
    #[default]
    Bundled,
    /// An external module meeting docs/kernel.md (`kernel = "@mizan/base"`).
    Module(String),
}

impl Kernel {
    /// The value of the `kernel` config key.
    pub fn from_config(value: &str) -> Kernel {
        if value == "bundled" { Kernel::Bundled } else { Kernel::Module(value.to_owned()) }
    }

    /// The kernel's specifier in a file whose folder reaches stage1's
    /// through `stage1` (`.` for stage1's own files).
    pub fn specifier(&self, stage1: &str) -> String {
        match self {
            Kernel::Bundled => format!("{stage1}/runtime/index.js"),
            Kernel::Module(module) => module.clone(),
        }
    }
}

/// Per-target options from `mizan.toml`, already validated and defaulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    pub kernel: Kernel,
    /// The relative path from a React/Vue/Svelte output folder to stage1's
    /// (`../stage1`); imports append the file (`../stage1/index.js`).
    pub stage1_import: String,
    pub svelte: SvelteFlavor,
    /// The Python package name (the output folder's last component).
    pub python_package: String,
    /// Rust: map `datetime`/`date`/`time` to `chrono` types.
    pub rust_chrono: bool,
    /// Rust: map `uuid` to `uuid::Uuid`.
    pub rust_uuid: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            kernel: Kernel::Bundled,
            stage1_import: "../stage1".to_owned(),
            svelte: SvelteFlavor::default(),
            python_package: "mizan_client".to_owned(),
            rust_chrono: false,
            rust_uuid: false,
        }
    }
}

impl Options {
    /// The kernel's specifier in a React/Vue/Svelte file.
    pub fn binding_kernel(&self) -> String {
        self.kernel.specifier(&self.stage1_import)
    }

    /// The stage1 index's specifier in a React/Vue/Svelte file.
    pub fn stage1_index(&self) -> String {
        format!("{}/index.js", self.stage1_import)
    }
}

/// Every file of one target, headers included, sorted by path.
pub fn emit(api: &Api, target: Target, options: &Options) -> Vec<File> {
    let mut files = match target {
        Target::Stage1 => stage1::emit(api, &options.kernel),
        Target::Manifest => manifest::emit(api),
        Target::Python => python::emit(api, &options.python_package),
        Target::Rust => rust::emit(api, options),
        Target::React => react::emit(api, &options.binding_kernel(), &options.stage1_index()),
        Target::Vue => vue::emit(api, &options.binding_kernel(), &options.stage1_index()),
        Target::Svelte => svelte::emit(api, options),
        Target::Zod => zod::emit(api, &options.stage1_import),
    };
    for file in &mut files {
        finish(file, &api.project);
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Exactly one final newline, no leading blank lines, and the header.
fn finish(file: &mut File, project: &str) {
    let body = file.contents.trim_start_matches('\n').trim_end();
    let header = header(&file.path, project);
    let mut out = String::with_capacity(header.as_ref().map_or(0, |h| h.len() + 1) + body.len() + 1);
    if let Some(header) = header {
        out.push_str(&header);
        out.push('\n');
    }
    out.push_str(body);
    out.push('\n');
    file.contents = out;
}

/// The do-not-edit header in the file's comment syntax; `None` for formats
/// without comments (JSON) and for marker files.
pub fn header(path: &str, project: &str) -> Option<String> {
    let project = comment_text(project);
    let version = env!("CARGO_PKG_VERSION");
    let lines = [
        format!("Generated by mizan-generate {version} from the IR of project \"{project}\"."),
        "Do not edit: changes are overwritten. Regenerate with `mizan-generate`.".to_owned(),
    ];
    let ext = path.rsplit('.').next().unwrap_or("");
    let (open, prefix, close) = match ext {
        "ts" | "tsx" | "js" | "mjs" | "rs" => ("", "// ", ""),
        "py" | "toml" => ("", "# ", ""),
        "vue" | "svelte" | "html" => ("<!--\n", "  ", "-->\n"),
        _ => return None,
    };
    let mut out = String::from(open);
    for line in lines {
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str(close);
    Some(out)
}

/// Text safe inside any line or block comment: no line terminators, no
/// comment closers.
pub fn comment_text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c })
        .collect::<String>()
        .replace("*/", "* /")
        .replace("--", "- -")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_extension() {
        assert!(header("index.ts", "shop").unwrap().starts_with("// Generated by mizan-generate"));
        assert!(header("client.py", "shop").unwrap().starts_with("# Generated"));
        assert!(header("Provider.vue", "shop").unwrap().starts_with("<!--\n  Generated"));
        assert_eq!(header("edge-manifest.json", "shop"), None);
        assert_eq!(header("py.typed", "shop"), None);
    }

    #[test]
    fn hostile_project_stays_in_the_comment() {
        let h = header("a.ts", "x\n*/ alert(1) -->\u{2028}").unwrap();
        assert_eq!(h.lines().count(), 2);
        assert!(!h.contains("*/") && !h.contains("-->"));
    }
}
