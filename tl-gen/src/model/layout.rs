//! Layout: an estimate of each generated type's size, deciding which
//! constructors their enum variant holds in a `Box`.

use std::collections::BTreeSet;

use super::ir::*;

/// Constructor structs larger than this many bytes (by an estimate of the
/// generated Rust layout) are held in a `Box` by their enum variant.
///
/// Without it an enum is as large as its largest constructor: `Update`
/// would be over 5 KiB, and every update, however small, would be moved
/// around at that size while decoding. With it, enums stay at most about
/// this size plus a tag, and only large constructors pay one allocation.
pub const LARGE_VARIANT_BYTES: usize = 64;

/// Decides [`Definition::boxed_variant`] for every constructor.
pub fn mark_large_variants(schema: &mut Schema) {
    let mut layout = Layout::new(schema);
    for index in 0..schema.boxed_types.len() {
        layout.boxed_size(index);
    }
    let boxed = layout.boxed_variant;
    for (ctor, boxed) in schema.constructors.iter_mut().zip(boxed) {
        ctor.boxed_variant = boxed;
    }
}

/// An estimate of the size in bytes of the generated Rust types on a 64-bit
/// target: `(size, has_niche)`, where `has_niche` says whether `Option` of
/// the type costs nothing extra. Rust reorders fields, so a struct is the
/// sum of its fields rounded up to 8. Only used to decide boxing, so being
/// off by a few bytes is harmless; the result is deterministic.
pub(super) struct Layout<'a> {
    schema: &'a Schema,
    struct_sizes: Vec<Option<usize>>,
    enum_sizes: Vec<Option<usize>>,
    boxed_variant: Vec<bool>,
    /// Guards against a cycle without a `Box` (the model never produces
    /// one, but a wrong guess must not overflow the stack).
    visiting: BTreeSet<usize>,
}

impl<'a> Layout<'a> {
    pub(super) fn new(schema: &'a Schema) -> Self {
        Self {
            schema,
            struct_sizes: vec![None; schema.constructors.len()],
            enum_sizes: vec![None; schema.boxed_types.len()],
            boxed_variant: vec![false; schema.constructors.len()],
            visiting: BTreeSet::new(),
        }
    }

    fn round8(n: usize) -> usize {
        n.div_ceil(8) * 8
    }

    /// Size of the enum of boxed type `index`, deciding which of its
    /// variants are boxed.
    pub(super) fn boxed_size(&mut self, index: usize) -> usize {
        if let Some(size) = self.enum_sizes[index] {
            return size;
        }
        let schema = self.schema;
        let mut payload = 0;
        for &ctor in &schema.boxed_types[index].constructors {
            if schema.constructors[ctor].fields.is_empty() {
                continue;
            }
            let size = self.struct_size(ctor);
            let held = if size > LARGE_VARIANT_BYTES {
                self.boxed_variant[ctor] = true;
                8
            } else {
                size
            };
            payload = payload.max(held);
        }
        // A tag, or a niche when there is no payload at all.
        let size = if payload == 0 { 1 } else { payload + 8 };
        self.enum_sizes[index] = Some(size);
        size
    }

    pub(super) fn struct_size(&mut self, ctor: usize) -> usize {
        if let Some(size) = self.struct_sizes[ctor] {
            return size;
        }
        if !self.visiting.insert(ctor) {
            return 8;
        }
        let schema = self.schema;
        let def = &schema.constructors[ctor];
        let mut total = 0;
        for field in &def.fields {
            total += match field {
                Field::Bit { .. } => 1,
                Field::Required { param, boxed } => self.value_size(def, *param, *boxed, false),
                Field::Optional { param, boxed } => self.value_size(def, *param, *boxed, true),
                Field::Group { members, .. } => {
                    let inner: usize = members
                        .iter()
                        .map(|m| self.value_size(def, m.param, m.boxed, false))
                        .sum();
                    Self::round8(inner) + 8
                }
            };
        }
        self.visiting.remove(&ctor);
        let size = Self::round8(total);
        self.struct_sizes[ctor] = Some(size);
        size
    }

    fn value_size(&mut self, def: &Definition, param: usize, boxed: bool, optional: bool) -> usize {
        if boxed {
            return 8;
        }
        let Some(ty) = def.value_type(param) else {
            return 0;
        };
        let (size, niche) = self.type_size(ty);
        if optional && !niche {
            // A separate discriminant, padded to the value's alignment.
            size + size.clamp(1, 8)
        } else {
            size
        }
    }

    fn type_size(&mut self, ty: &TypeRef) -> (usize, bool) {
        match ty {
            TypeRef::Int => (4, false),
            TypeRef::Long | TypeRef::Double => (8, false),
            TypeRef::Int128 => (16, false),
            TypeRef::Int256 => (32, false),
            TypeRef::Bool | TypeRef::True => (1, true),
            TypeRef::String | TypeRef::Bytes | TypeRef::Vector { .. } => (24, true),
            TypeRef::Boxed(name) => match self.schema.boxed_position(name) {
                Some(index) => (self.boxed_size(index), true),
                None => (8, true),
            },
            TypeRef::Bare(name) => match self.schema.constructor_position(name) {
                Some(ctor) => (self.struct_size(ctor), false),
                None => (8, false),
            },
            TypeRef::Generic(_) => (8, true),
        }
    }
}
