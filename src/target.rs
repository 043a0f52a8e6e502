//! The seam between the pipeline and the targets (docs/architecture.md).
//!
//! A target is one type implementing [`Target`]: its name, the target it
//! requires, its typed options (read from its own `[target.<name>]` table),
//! the names it generates ([`Symbols`], for the collision check) and its
//! emission. [`ALL`] registers every target, one line each; the config,
//! the command line, the checks and the writer iterate it and never name a
//! target.

pub mod symbols;

pub use crate::config::Table;
pub use symbols::Symbols;

use crate::diag::Diagnostic;
use crate::emit::File;
use crate::ir::ast::Span;
use crate::ir::check::Index;
use crate::model::Api;
use std::any::Any;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

/// One kind of generated output.
pub trait Target: Sync + 'static {
    /// The options of `[target.<NAME>]`, validated.
    type Options: fmt::Debug + Send + Sync + 'static;

    /// The name in `targets = [...]`, `[target.<NAME>]` and `--target`.
    const NAME: &'static str;
    /// The target whose output this one's code imports; it must come earlier
    /// in [`ALL`].
    const REQUIRES: Option<&'static str> = None;
    /// The keys `[target.<NAME>]` takes besides `output`.
    const KEYS: &'static [&'static str] = &[];
    /// Roughly how long emission takes relative to the other targets, so
    /// the longest start first on a busy machine.
    const COST: usize = 2;

    /// Reads the target's keys from its table (empty when the file has none),
    /// reporting every problem to the table.
    fn options(table: &mut Table) -> Self::Options;

    /// The folder's name under the root output, when the table sets no `output`.
    fn folder(_options: &Self::Options) -> String {
        Self::NAME.to_owned()
    }

    /// Completes the options once every folder is known.
    fn place(_options: &mut Self::Options, _place: &Place) -> Result<(), Box<Diagnostic>> {
        Ok(())
    }

    /// Every name the target generates from the IR, with what it is
    /// generated for. Independent of the options, so `validate` can check
    /// every target's names.
    fn symbols<'a>(ix: &Index<'a>, out: &mut Symbols<'a>);

    /// Every file of the target, without the generated-file header (added by
    /// `emit::emit`), in any order.
    fn emit(api: &Api, options: &Self::Options) -> Result<Vec<File>, askama::Error>;
}

/// Where a target's output goes, given to [`Target::place`].
pub struct Place<'a> {
    /// The target's folder (absolute).
    pub dir: &'a Path,
    /// Where the table's `output` is written, when it is in effect (not
    /// overridden by `--out`).
    pub own: Option<Span>,
    /// The required target: the import path from this folder to its folder
    /// (`../stage1`), and its options.
    pub required: Option<(String, &'a (dyn Any + Send + Sync))>,
}

/// A [`Target`] seen through the registry.
pub trait Backend: Sync {
    fn name(&self) -> &'static str;
    fn requires(&self) -> Option<&'static str>;
    fn keys(&self) -> &'static [&'static str];
    fn cost(&self) -> usize;
    fn symbols<'a>(&self, ix: &Index<'a>, out: &mut Symbols<'a>);
    /// Reads `[target.<name>]` into its typed options.
    fn configure(&'static self, table: &mut Table) -> Configured;
    fn folder(&self, options: &Configured) -> String;
    fn place(&self, options: &mut Configured, place: &Place) -> Result<(), Box<Diagnostic>>;
    fn emit(&self, api: &Api, options: &Configured) -> Result<Vec<File>, askama::Error>;
}

/// A target with its options.
pub struct Configured {
    backend: &'static dyn Backend,
    options: Box<dyn Any + Send + Sync>,
}

impl Configured {
    pub fn backend(&self) -> &'static dyn Backend {
        self.backend
    }

    pub fn name(&self) -> &'static str {
        self.backend.name()
    }

    /// The options, for the target that requires this one.
    pub fn options(&self) -> &(dyn Any + Send + Sync) {
        &*self.options
    }

    pub fn emit(&self, api: &Api) -> Result<Vec<File>, askama::Error> {
        self.backend.emit(api, self)
    }
}

impl fmt::Debug for Configured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {:?}", self.name(), self.options)
    }
}

struct Registered<T>(PhantomData<fn() -> T>);

impl<T: Target> Registered<T> {
    /// The options of `configured`, which this backend made.
    fn of(configured: &Configured) -> &T::Options {
        configured.options.downcast_ref().expect("options made by this target")
    }
}

impl<T: Target> Backend for Registered<T> {
    fn name(&self) -> &'static str {
        T::NAME
    }
    fn requires(&self) -> Option<&'static str> {
        T::REQUIRES
    }
    fn keys(&self) -> &'static [&'static str] {
        T::KEYS
    }
    fn cost(&self) -> usize {
        T::COST
    }
    fn symbols<'a>(&self, ix: &Index<'a>, out: &mut Symbols<'a>) {
        T::symbols(ix, out);
    }
    fn configure(&'static self, table: &mut Table) -> Configured {
        Configured { backend: self, options: Box::new(T::options(table)) }
    }
    fn folder(&self, options: &Configured) -> String {
        T::folder(Self::of(options))
    }
    fn place(&self, options: &mut Configured, place: &Place) -> Result<(), Box<Diagnostic>> {
        T::place(options.options.downcast_mut().expect("options made by this target"), place)
    }
    fn emit(&self, api: &Api, options: &Configured) -> Result<Vec<File>, askama::Error> {
        T::emit(api, Self::of(options))
    }
}

/// The registry entry of `T`.
const fn register<T: Target>() -> &'static dyn Backend {
    &Registered::<T>(PhantomData)
}

/// Every target, in the order they are listed, emitted and checked.
pub static ALL: &[&dyn Backend] = &[
    register::<crate::emit::stage1::Stage1>(),
    register::<crate::emit::react::React>(),
    register::<crate::emit::vue::Vue>(),
    register::<crate::emit::svelte::Svelte>(),
    register::<crate::emit::zod::Zod>(),
    register::<crate::emit::python::Python>(),
    register::<crate::emit::rust::Rust>(),
    register::<crate::emit::manifest::Manifest>(),
];

/// The target named `name`.
pub fn by_name(name: &str) -> Option<&'static dyn Backend> {
    ALL.iter().copied().find(|t| t.name() == name)
}

/// Every target's name, in registry order.
pub fn names() -> Vec<&'static str> {
    ALL.iter().map(|t| t.name()).collect()
}

/// The options of the required target, as the type that target declared.
pub fn required<'a, O: 'static>(place: &'a Place) -> Option<(&'a str, &'a O)> {
    let (import, options) = place.required.as_ref()?;
    Some((import, options.downcast_ref()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_requirements_come_first() {
        let names = names();
        for (i, target) in ALL.iter().enumerate() {
            assert!(!names[..i].contains(&target.name()), "{} is registered twice", target.name());
            if let Some(needed) = target.requires() {
                assert!(names[..i].contains(&needed), "{} requires {needed}, registered later", target.name());
            }
        }
    }
}
