//! The options the TypeScript targets share: where the runtime (the kernel)
//! comes from, and where a framework binding finds stage1.

use crate::config::Table;
use crate::config::table::at;
use crate::target::{self, Place};

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
    /// The `kernel` key of a TypeScript target's table, when set.
    pub fn option(table: &mut Table) -> Option<Kernel> {
        let value = table.string("kernel")?;
        if value.get_ref().trim().is_empty() {
            let help = "`kernel = \"bundled\"` (the default) or a module name such as `\"@mizan/base\"`";
            table.error(at(&value), "`kernel` is empty", Some(help.to_owned()));
            return None;
        }
        Some(match value.into_inner() {
            bundled if bundled == "bundled" => Kernel::Bundled,
            module => Kernel::Module(module),
        })
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

/// A framework binding's options (React, Vue, Svelte): the kernel, which
/// defaults to stage1's, and the path to stage1's folder.
#[derive(Clone, Debug)]
pub struct Binding {
    /// The table's own `kernel`, when set.
    own_kernel: Option<Kernel>,
    pub kernel: Kernel,
    /// The relative path from the binding's folder to stage1's
    /// (`../stage1`); imports append the file (`../stage1/index.js`).
    pub stage1_import: String,
}

impl Binding {
    pub fn read(table: &mut Table) -> Binding {
        let own_kernel = Kernel::option(table);
        Binding { kernel: own_kernel.clone().unwrap_or_default(), own_kernel, stage1_import: "../stage1".to_owned() }
    }

    /// Points the binding at stage1's folder, and at stage1's kernel unless
    /// its own table names one.
    pub fn place(&mut self, place: &Place) {
        if let Some((import, stage1)) = target::required::<crate::emit::stage1::Options>(place) {
            self.stage1_import = import.to_owned();
            self.kernel = self.own_kernel.clone().unwrap_or_else(|| stage1.kernel.clone());
        }
    }

    /// The kernel's specifier in a binding's file.
    pub fn kernel_specifier(&self) -> String {
        self.kernel.specifier(&self.stage1_import)
    }

    /// The stage1 index's specifier in a binding's file.
    pub fn stage1_index(&self) -> String {
        format!("{}/index.js", self.stage1_import)
    }
}
