//! [`Value`] → bytes, checked against the reflection tables.

use std::fmt;

use super::{Record, Value};
use crate::codec::{write_bool, write_bytes, MAX_BYTES_LEN, VECTOR_ID};
use crate::reflect::{self, Definition, Param, ParamKind, Ty, BOXED_TYPES, CONSTRUCTORS};

/// A [`Value`] that does not fit its type: a field of the wrong kind or
/// missing, a constructor of another type, a flag bit shared by a present
/// and an absent parameter, a value too long for TL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodeError {
    /// Where: TL names from the outer value inward, e.g.
    /// `messages.sendMessage.peer`.
    path: Vec<&'static str>,
    message: String,
}

impl EncodeError {
    fn new(message: impl Into<String>) -> Self {
        EncodeError {
            path: Vec::new(),
            message: message.into(),
        }
    }

    /// The error inside `name` (added as the path's outermost part).
    fn inside(mut self, name: &'static str) -> Self {
        self.path.insert(0, name);
        self
    }

    /// What is wrong, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, e.g. `messages.sendMessage.peer` (empty for the outermost
    /// value).
    pub fn path(&self) -> String {
        self.path.join(".")
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path(), self.message)
        }
    }
}

impl std::error::Error for EncodeError {}

/// Encodes `value` as a boxed value (ID first), as [`decode`](super::decode)
/// reads it; a `message` envelope, being bare, is written without an ID.
pub fn encode(value: &Value) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    any(&mut out, value)?;
    Ok(out)
}

/// Appends `value` as a value of type `ty` (a bare constructor without its
/// ID, a boxed one with it, …), checking that it is one.
pub fn encode_as(value: &Value, ty: &Ty, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    typed(out, value, ty)
}

/// `value` as type `ty`.
fn typed(out: &mut Vec<u8>, value: &Value, ty: &Ty) -> Result<(), EncodeError> {
    match (ty, value) {
        (Ty::Int, Value::Int(v)) => out.extend_from_slice(&v.to_le_bytes()),
        (Ty::Long, Value::Long(v)) => out.extend_from_slice(&v.to_le_bytes()),
        (Ty::Double, Value::Double(v)) => out.extend_from_slice(&v.to_le_bytes()),
        (Ty::Int128, Value::Int128(v)) => out.extend_from_slice(v),
        (Ty::Int256, Value::Int256(v)) => out.extend_from_slice(v),
        (Ty::String, Value::String(v)) => bytes(out, v.as_bytes())?,
        (Ty::Bytes, Value::Bytes(v)) => bytes(out, v)?,
        (Ty::Bool, Value::Bool(v)) => write_bool(out, *v),
        (Ty::True, Value::Bool(true)) => {}
        (Ty::Vector { bare, element }, Value::Vector(items)) => {
            vector_header(out, *bare, items.len())?;
            for item in items {
                typed(out, item, element)?;
            }
        }
        (Ty::Boxed(index), Value::Record(record)) => {
            let boxed = BOXED_TYPES.get(*index).ok_or_else(table_error)?;
            match record.definition {
                Definition::Constructor(c) if c.boxed_type == *index => {
                    out.extend_from_slice(&c.id.to_le_bytes());
                    fields(out, record)?;
                }
                other => {
                    return Err(EncodeError::new(format!(
                        "expected a constructor of `{}`, found `{}`",
                        boxed.name,
                        other.name()
                    )))
                }
            }
        }
        (Ty::Bare(index), Value::Record(record)) => {
            let ctor = CONSTRUCTORS.get(*index).ok_or_else(table_error)?;
            match record.definition {
                Definition::Constructor(c) if c.id == ctor.id && c.name == ctor.name => {
                    fields(out, record)?;
                }
                other => {
                    return Err(EncodeError::new(format!(
                        "expected `{}` (bare), found `{}`",
                        ctor.name,
                        other.name()
                    )))
                }
            }
        }
        (Ty::Generic | Ty::Object, value) => any(out, value)?,
        (ty, value) => {
            return Err(EncodeError::new(format!(
                "expected {}, found {}",
                ty_name(ty),
                kind_name(value)
            )))
        }
    }
    Ok(())
}

/// `value` as a boxed value of whatever type it is.
fn any(out: &mut Vec<u8>, value: &Value) -> Result<(), EncodeError> {
    match value {
        Value::Int(v) => out.extend_from_slice(&v.to_le_bytes()),
        Value::Long(v) => out.extend_from_slice(&v.to_le_bytes()),
        Value::Double(v) => out.extend_from_slice(&v.to_le_bytes()),
        Value::Int128(v) => out.extend_from_slice(v),
        Value::Int256(v) => out.extend_from_slice(v),
        Value::String(v) => bytes(out, v.as_bytes())?,
        Value::Bytes(v) => bytes(out, v)?,
        Value::Bool(v) => write_bool(out, *v),
        Value::Vector(items) => {
            vector_header(out, false, items.len())?;
            for item in items {
                any(out, item)?;
            }
        }
        Value::Record(record) => match record.definition {
            Definition::Constructor(c) => {
                out.extend_from_slice(&c.id.to_le_bytes());
                fields(out, record)?;
            }
            Definition::Function(f) => {
                out.extend_from_slice(&f.id.to_le_bytes());
                fields(out, record)?;
            }
            Definition::Envelope(e) => envelope(out, e, record)?,
        },
    }
    Ok(())
}

/// The fields of `record` in schema order, flags words computed.
fn fields(out: &mut Vec<u8>, record: &Record) -> Result<(), EncodeError> {
    let name = record.definition.name();
    let params = record.definition.params();
    let matched = match_fields(record).map_err(|e| e.inside(name))?;
    let present = |index: usize| -> bool {
        match (&params[index].kind, matched[index]) {
            (ParamKind::Value { ty: Ty::True, .. }, Some(value)) => *value == Value::Bool(true),
            (_, value) => value.is_some(),
        }
    };
    for (index, param) in params.iter().enumerate() {
        match &param.kind {
            ParamKind::FlagsWord => {
                let mut word = 0u32;
                for (other, p) in params.iter().enumerate() {
                    if let ParamKind::Value { flag: Some(f), .. } = &p.kind {
                        if f.word == index && present(other) {
                            word |= 1u32 << (f.bit & 31);
                        }
                    }
                }
                // A value parameter whose bit another present parameter
                // sets must be there too.
                for (other, p) in params.iter().enumerate() {
                    if let ParamKind::Value { ty, flag: Some(f) } = &p.kind {
                        let set = word & (1u32 << (f.bit & 31)) != 0;
                        if f.word == index && set && *ty != Ty::True && !present(other) {
                            return Err(EncodeError::new(format!(
                                "`{}` is absent, but `{}.{}` is set by another parameter that \
                                 shares it: give all of them or none",
                                p.name, param.name, f.bit
                            ))
                            .inside(name));
                        }
                    }
                }
                out.extend_from_slice(&word.to_le_bytes());
            }
            ParamKind::Value { ty, flag } => match (flag, matched[index]) {
                (_, _) if *ty == Ty::True && flag.is_some() => {}
                (Some(_), None) => {}
                (None, None) => {
                    return Err(EncodeError::new(format!(
                        "the required parameter `{}` is missing",
                        param.name
                    ))
                    .inside(name))
                }
                (_, Some(value)) => {
                    typed(out, value, ty).map_err(|e| e.inside(param.name).inside(name))?
                }
            },
        }
    }
    Ok(())
}

/// For each parameter of the record's definition, its field's value
/// (`None` for flags words and absent fields). Fields are matched by name,
/// usually in schema order; a field no parameter has is an error.
pub(crate) fn match_fields(record: &Record) -> Result<Vec<Option<&Value>>, EncodeError> {
    let params: &[Param] = record.definition.params();
    let mut matched = vec![None; params.len()];
    let mut used = 0;
    let mut next = 0;
    for (index, param) in params.iter().enumerate() {
        if matches!(param.kind, ParamKind::FlagsWord) {
            continue;
        }
        let field = match record.fields.get(next) {
            Some(f) if f.name == param.name => Some(f),
            _ => record.fields.iter().find(|f| f.name == param.name),
        };
        if let Some(field) = field {
            used += 1;
            matched[index] = field.value.as_ref();
        }
        next += 1;
    }
    if used != record.fields.len() {
        let unknown = record
            .fields
            .iter()
            .find(|f| !params.iter().any(|p| p.name == f.name));
        let message = match unknown {
            Some(f) => format!("no parameter is named `{}`", f.name),
            None => "a parameter has two fields".to_owned(),
        };
        return Err(EncodeError::new(message));
    }
    Ok(matched)
}

/// An envelope, boxed (`message`, which is bare, without an ID).
fn envelope(
    out: &mut Vec<u8>,
    envelope: &'static reflect::Envelope,
    record: &Record,
) -> Result<(), EncodeError> {
    let matched = match_fields(record).map_err(|e| e.inside(envelope.name))?;
    let get = |index: usize| -> Result<&Value, EncodeError> {
        matched.get(index).copied().flatten().ok_or_else(|| {
            let name = envelope.params.get(index).map_or("?", |p| p.name);
            EncodeError::new(format!("the required parameter `{name}` is missing"))
                .inside(envelope.name)
        })
    };
    if envelope.id != reflect::MESSAGE.id {
        out.extend_from_slice(&envelope.id.to_le_bytes());
    }
    let inside = |e: EncodeError, param: usize| {
        let name = envelope.params.get(param).map_or("?", |p| p.name);
        e.inside(name).inside(envelope.name)
    };
    if std::ptr::eq(envelope, &reflect::RPC_RESULT) {
        typed(out, get(0)?, &Ty::Long).map_err(|e| inside(e, 0))?;
        any(out, get(1)?).map_err(|e| inside(e, 1))?;
    } else if std::ptr::eq(envelope, &reflect::GZIP_PACKED) {
        typed(out, get(0)?, &Ty::Bytes).map_err(|e| inside(e, 0))?;
    } else if std::ptr::eq(envelope, &reflect::MSG_CONTAINER) {
        let Value::Vector(messages) = get(0)? else {
            return Err(inside(
                EncodeError::new("expected a vector of `message`"),
                0,
            ));
        };
        vector_header(out, true, messages.len())?;
        for message in messages {
            match message {
                Value::Record(m) if m.definition == Definition::Envelope(&reflect::MESSAGE) => {
                    let body = m.get("body");
                    if body.and_then(Value::name) == Some(reflect::MSG_CONTAINER.name) {
                        let e = EncodeError::new("a msg_container inside a msg_container");
                        return Err(inside(e, 0));
                    }
                    self::envelope(out, &reflect::MESSAGE, m).map_err(|e| inside(e, 0))?;
                }
                other => {
                    let e = EncodeError::new(format!(
                        "expected a `message`, found {}",
                        kind_name(other)
                    ));
                    return Err(inside(e, 0));
                }
            }
        }
    } else {
        // `message`: msg_id, seqno, the body's length, the body.
        typed(out, get(0)?, &Ty::Long).map_err(|e| inside(e, 0))?;
        typed(out, get(1)?, &Ty::Int).map_err(|e| inside(e, 1))?;
        let len_at = out.len();
        out.extend_from_slice(&[0; 4]);
        any(out, get(2)?).map_err(|e| inside(e, 2))?;
        let len = i32::try_from(out.len() - len_at - 4)
            .map_err(|_| inside(EncodeError::new("longer than i32::MAX bytes"), 2))?;
        out[len_at..len_at + 4].copy_from_slice(&len.to_le_bytes());
    }
    Ok(())
}

fn bytes(out: &mut Vec<u8>, data: &[u8]) -> Result<(), EncodeError> {
    if data.len() > MAX_BYTES_LEN {
        return Err(EncodeError::new(format!(
            "{} bytes: longer than TL's limit of {MAX_BYTES_LEN}",
            data.len()
        )));
    }
    write_bytes(out, data);
    Ok(())
}

fn vector_header(out: &mut Vec<u8>, bare: bool, len: usize) -> Result<(), EncodeError> {
    let len = i32::try_from(len)
        .map_err(|_| EncodeError::new("a vector of more than i32::MAX elements"))?;
    if !bare {
        out.extend_from_slice(&VECTOR_ID.to_le_bytes());
    }
    out.extend_from_slice(&len.to_le_bytes());
    Ok(())
}

fn table_error() -> EncodeError {
    EncodeError::new("internal error: a reflection table index out of range")
}

/// The TL name of a type, for messages.
pub(crate) fn ty_name(ty: &Ty) -> String {
    match ty {
        Ty::Int => "int".to_owned(),
        Ty::Long => "long".to_owned(),
        Ty::Double => "double".to_owned(),
        Ty::String => "string".to_owned(),
        Ty::Bytes => "bytes".to_owned(),
        Ty::Int128 => "int128".to_owned(),
        Ty::Int256 => "int256".to_owned(),
        Ty::Bool => "Bool".to_owned(),
        Ty::True => "true".to_owned(),
        Ty::Vector {
            bare: false,
            element,
        } => format!("Vector<{}>", ty_name(element)),
        Ty::Vector {
            bare: true,
            element,
        } => format!("vector<{}>", ty_name(element)),
        Ty::Boxed(index) => BOXED_TYPES.get(*index).map_or("?", |b| b.name).to_owned(),
        Ty::Bare(index) => format!("%{}", CONSTRUCTORS.get(*index).map_or("?", |c| c.name)),
        Ty::Generic => "!X".to_owned(),
        Ty::Object => "Object".to_owned(),
    }
}

/// What kind of value this is, for messages.
pub(crate) fn kind_name(value: &Value) -> String {
    match value {
        Value::Int(_) => "an int".to_owned(),
        Value::Long(_) => "a long".to_owned(),
        Value::Double(_) => "a double".to_owned(),
        Value::Bool(_) => "a Bool".to_owned(),
        Value::Int128(_) => "an int128".to_owned(),
        Value::Int256(_) => "an int256".to_owned(),
        Value::String(_) => "a string".to_owned(),
        Value::Bytes(_) => "bytes".to_owned(),
        Value::Vector(_) => "a vector".to_owned(),
        Value::Record(record) => format!("`{}`", record.name()),
    }
}
