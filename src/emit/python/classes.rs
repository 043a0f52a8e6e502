//! The class name of every IR type, rendered once per run: annotations,
//! imports and `__all__` name the same types over and over, and rendering
//! a name (case conversion, reserved-word check, a new `String`) costs more
//! than looking it up.

use crate::model::{Api, TypeDefKind};
use crate::names::python as names;
use rustc_hash::FxHashMap;

/// Every class `models.py` declares: `names::python::class_name` of every
/// type (by wire name), the tag subclasses of tagged unions' variants and
/// their unknown-variant classes, and the contexts' bundles.
pub struct Classes<'a> {
    index: FxHashMap<&'a str, usize>,
    names: Vec<String>,
    /// By type index: a class per variant of a tagged union, else none.
    variants: Vec<Vec<String>>,
    /// By type index: the class keeping a tagged union's unknown variant.
    unknown: Vec<Option<String>>,
    /// By index in `Api::contexts`.
    bundles: Vec<String>,
}

impl<'a> Classes<'a> {
    pub fn new(api: &'a Api) -> Classes<'a> {
        let mut index = FxHashMap::default();
        let mut names = Vec::with_capacity(api.types.len());
        let mut variants = Vec::with_capacity(api.types.len());
        let mut unknown = Vec::with_capacity(api.types.len());
        for (i, t) in api.types.iter().enumerate() {
            index.insert(t.name.as_str(), i);
            names.push(names::class_name(&t.name));
            variants.push(match &t.kind {
                TypeDefKind::Union { tag: Some(_), variants } => {
                    variants.iter().map(|v| names::variant_class(&t.name, &v.ty)).collect()
                }
                _ => Vec::new(),
            });
            let tagged = matches!(t.kind, TypeDefKind::Union { tag: Some(_), .. });
            unknown.push(tagged.then(|| names::unknown_variant_class(&t.name)));
        }
        let bundles = api.contexts.iter().map(|c| names::bundle_class(&c.name)).collect();
        Classes { index, names, variants, unknown, bundles }
    }

    /// The tag subclasses of the type at `index`, one per variant if it is
    /// a tagged union.
    pub fn variants(&self, index: usize) -> &[String] {
        &self.variants[index]
    }

    /// The class keeping an unknown variant of the type at `index`, if it
    /// is a tagged union.
    pub fn unknown(&self, index: usize) -> Option<&str> {
        self.unknown[index].as_deref()
    }

    /// The bundle class of the context at `index` in `Api::contexts`.
    pub fn bundle(&self, index: usize) -> &str {
        &self.bundles[index]
    }

    /// The index of the type named `wire`.
    pub fn index(&self, wire: &str) -> Option<usize> {
        self.index.get(wire).copied()
    }

    /// The class name of the type at `index` (in `Api::types` order).
    pub fn name(&self, index: usize) -> &str {
        &self.names[index]
    }

    /// Every class name, in `Api::types` order.
    pub fn all(&self) -> &[String] {
        &self.names
    }
}
