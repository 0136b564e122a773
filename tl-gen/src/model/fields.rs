//! The Rust field model of a definition: which parameters become plain,
//! `bool`, `Option` or grouped fields, and which bits are derived.

use std::collections::BTreeMap;

use super::ir::*;

/// Decides the Rust fields of a definition from its parameters.
pub fn build_fields(params: &[Param]) -> (Vec<Field>, Vec<DerivedBit>) {
    // Parameters sharing each flag bit, in order.
    let mut by_bit: BTreeMap<FlagBit, Vec<usize>> = BTreeMap::new();
    for (index, param) in params.iter().enumerate() {
        if let ParamKind::Value {
            flag: Some(bit), ..
        } = &param.kind
        {
            by_bit.entry(*bit).or_default().push(index);
        }
    }
    let is_true = |index: usize| {
        matches!(
            &params[index].kind,
            ParamKind::Value {
                ty: TypeRef::True,
                ..
            }
        )
    };

    let mut fields = Vec::new();
    let mut derived = Vec::new();
    // The field index each bit's stored field got.
    let mut bit_field: BTreeMap<FlagBit, usize> = BTreeMap::new();
    for (index, param) in params.iter().enumerate() {
        let ParamKind::Value { flag, .. } = &param.kind else {
            continue;
        };
        let Some(bit) = flag else {
            fields.push(Field::Required {
                param: index,
                boxed: false,
            });
            continue;
        };
        let sharing = &by_bit[bit];
        if let Some(&field) = bit_field.get(bit) {
            if is_true(index) {
                derived.push(DerivedBit {
                    param: index,
                    field,
                });
            }
            continue;
        }
        let values: Vec<usize> = sharing.iter().copied().filter(|&i| !is_true(i)).collect();
        if is_true(index) && !values.is_empty() {
            // Wait for the first value on this bit to create the field.
            continue;
        }
        let field = match values.len() {
            0 => Field::Bit { param: index },
            1 => Field::Optional {
                param: index,
                boxed: false,
            },
            _ => Field::Group {
                bit: *bit,
                members: values
                    .iter()
                    .map(|&param| GroupMember {
                        param,
                        boxed: false,
                    })
                    .collect(),
            },
        };
        bit_field.insert(*bit, fields.len());
        fields.push(field);
    }
    // `true` parameters that came before the value field they depend on.
    for (bit, sharing) in &by_bit {
        let Some(&field) = bit_field.get(bit) else {
            continue;
        };
        for &index in sharing {
            let stored = match &fields[field] {
                Field::Bit { param } | Field::Optional { param, .. } => *param == index,
                Field::Group { members, .. } => members.iter().any(|m| m.param == index),
                Field::Required { .. } => false,
            };
            if is_true(index) && !stored && !derived.iter().any(|d| d.param == index) {
                derived.push(DerivedBit {
                    param: index,
                    field,
                });
            }
        }
    }
    derived.sort_by_key(|d| d.param);
    (fields, derived)
}
