//! Bytes → [`Value`], walking the reflection tables.

use super::{Field, Record, Value};
use crate::codec::{DecodeError, Reader, BOOL_FALSE_ID, BOOL_TRUE_ID, VECTOR_ID};
use crate::envelope::{GZIP_PACKED_ID, MIN_MESSAGE_SIZE, MSG_CONTAINER_ID, RPC_RESULT_ID};
use crate::reflect::{self, Definition, ParamKind, Ty, BOXED_TYPES, CONSTRUCTORS};

/// Decodes one boxed value of any type of the layer (a constructor, a
/// method call, `Bool`, a `Vector`, or an envelope) from all of `bytes`;
/// trailing bytes are an error.
///
/// See the [module documentation](super) for vectors and limits.
pub fn decode(bytes: &[u8]) -> Result<Value, DecodeError> {
    let mut reader = Reader::new(bytes);
    let value = decode_with(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

/// Decodes one boxed value of any type from `reader`, with its limits and
/// UTF-8 policy, and leaves the reader after it. A top-level `Vector` of
/// unknown type is taken to run to the end of the input (see the [module
/// documentation](super)).
pub fn decode_with(reader: &mut Reader<'_>) -> Result<Value, DecodeError> {
    any(reader, true)
}

/// Decodes a value of type `ty` (e.g. `Ty::Boxed(i)` for the boxed type
/// `reflect::BOXED_TYPES[i]`, or `Ty::vector(&Ty::Long)`) from all of
/// `bytes`; trailing bytes are an error.
pub fn decode_as(bytes: &[u8], ty: &Ty) -> Result<Value, DecodeError> {
    let mut reader = Reader::new(bytes);
    let value = value(&mut reader, ty)?;
    reader.finish()?;
    Ok(value)
}

/// A value of type `ty`.
pub(crate) fn value(r: &mut Reader<'_>, ty: &Ty) -> Result<Value, DecodeError> {
    Ok(match ty {
        Ty::Int => Value::Int(r.read_i32()?),
        Ty::Long => Value::Long(r.read_i64()?),
        Ty::Double => Value::Double(r.read_f64()?),
        Ty::String => Value::String(r.read_string()?),
        Ty::Bytes => Value::Bytes(r.read_bytes()?),
        Ty::Int128 => Value::Int128(r.read_int128()?),
        Ty::Int256 => Value::Int256(r.read_int256()?),
        Ty::Bool => Value::Bool(r.read_bool()?),
        // A `true` outside a flag takes no bytes.
        Ty::True => Value::Bool(true),
        Ty::Vector { bare, element } => {
            let min = element.min_size();
            let items = if *bare {
                r.read_bare_vector(min, |r| value(r, element))?
            } else {
                r.read_vector(min, |r| value(r, element))?
            };
            Value::Vector(items)
        }
        Ty::Boxed(index) => {
            let Some(boxed) = BOXED_TYPES.get(*index) else {
                return Err(table_error(r));
            };
            let id = r.read_u32()?;
            let Some(ctor) = boxed.constructor_by_id(id) else {
                return Err(r.unknown_constructor(id, boxed.name));
            };
            r.enter()?;
            let value = record(r, Definition::Constructor(ctor));
            r.leave();
            Value::Record(value?)
        }
        Ty::Bare(index) => {
            let Some(ctor) = CONSTRUCTORS.get(*index) else {
                return Err(table_error(r));
            };
            Value::Record(record(r, Definition::Constructor(ctor))?)
        }
        Ty::Generic | Ty::Object => any(r, false)?,
    })
}

/// A function's call (its ID first), checked to be `function`.
#[cfg(feature = "serde")]
pub(crate) fn function_call(
    r: &mut Reader<'_>,
    function: &'static reflect::Function,
) -> Result<Value, DecodeError> {
    let id = r.read_u32()?;
    if id != function.id {
        return Err(r.unknown_constructor(id, function.name));
    }
    Ok(Value::Record(record(r, Definition::Function(function))?))
}

/// `count` values read by `read`, allocating no more up front than a
/// bounded amount.
fn elements(
    r: &mut Reader<'_>,
    count: usize,
    mut read: impl FnMut(&mut Reader<'_>) -> Result<Value, DecodeError>,
) -> Result<Vec<Value>, DecodeError> {
    const MAX_PREALLOC: usize = 1024;
    let mut items = Vec::with_capacity(count.min(MAX_PREALLOC));
    for _ in 0..count {
        items.push(read(r)?);
    }
    Ok(items)
}

/// A boxed value of any type. `to_end`: the value runs to the end of the
/// input (a top-level value, an `rpc_result`'s `result`), which lets a
/// vector of unknown type be read as numbers.
fn any(r: &mut Reader<'_>, to_end: bool) -> Result<Value, DecodeError> {
    let id = r.read_u32()?;
    match id {
        BOOL_TRUE_ID => return Ok(Value::Bool(true)),
        BOOL_FALSE_ID => return Ok(Value::Bool(false)),
        VECTOR_ID => return unknown_vector(r, to_end),
        _ => {}
    }
    r.enter()?;
    let value = match id {
        RPC_RESULT_ID => rpc_result(r),
        MSG_CONTAINER_ID => msg_container(r),
        GZIP_PACKED_ID => gzip_packed(r),
        _ => match reflect::TABLES.definition_by_id(id) {
            Some(definition) => record(r, definition),
            None => Err(r.unknown_constructor(id, "Object")),
        },
    };
    r.leave();
    value.map(Value::Record)
}

/// The elements of a `Vector` whose type is not known (its ID is read).
fn unknown_vector(r: &mut Reader<'_>, to_end: bool) -> Result<Value, DecodeError> {
    let count = r.read_bare_vector_len(4)?;
    let mut objects = r.clone();
    let as_objects = elements(&mut objects, count, |r| any(r, false));
    match as_objects {
        Ok(items) if !to_end || objects.is_empty() => {
            *r = objects;
            return Ok(Value::Vector(items));
        }
        Err(err) if !to_end => return Err(err),
        _ => {}
    }
    let remaining = r.remaining();
    if remaining == count * 4 {
        Ok(Value::Vector(elements(r, count, |r| {
            r.read_i32().map(Value::Int)
        })?))
    } else if remaining == count * 8 {
        Ok(Value::Vector(elements(r, count, |r| {
            r.read_i64().map(Value::Long)
        })?))
    } else {
        // Neither fits: report what reading boxed values found.
        let mut again = r.clone();
        elements(&mut again, count, |r| any(r, false))?;
        Err(DecodeError::TrailingBytes {
            offset: again.position(),
            remaining: again.remaining(),
        })
    }
}

/// The fields of `definition` (its ID already read, or none for a bare
/// constructor).
pub(crate) fn record(r: &mut Reader<'_>, definition: Definition) -> Result<Record, DecodeError> {
    let params = definition.params();
    let mut words: Vec<(usize, u32)> = Vec::new();
    let mut fields = Vec::with_capacity(params.len());
    for (index, param) in params.iter().enumerate() {
        match &param.kind {
            ParamKind::FlagsWord => words.push((index, r.read_u32()?)),
            ParamKind::Value { ty, flag } => {
                let present = match flag {
                    None => true,
                    Some(flag) => {
                        let word = words.iter().find(|(at, _)| *at == flag.word);
                        word.is_some_and(|(_, bits)| bits & (1u32 << (flag.bit & 31)) != 0)
                    }
                };
                let value = match (present, ty, flag) {
                    (false, _, _) => None,
                    (true, Ty::True, Some(_)) => Some(Value::Bool(true)),
                    (true, ty, _) => Some(value(r, ty)?),
                };
                fields.push(Field {
                    name: param.name,
                    value,
                });
            }
        }
    }
    Ok(Record { definition, fields })
}

/// `rpc_result` after its ID: `req_msg_id`, then `result` to the end.
fn rpc_result(r: &mut Reader<'_>) -> Result<Record, DecodeError> {
    let req_msg_id = r.read_i64()?;
    let result = any(r, true)?;
    Ok(Record {
        definition: Definition::Envelope(&reflect::RPC_RESULT),
        fields: vec![
            field("req_msg_id", Value::Long(req_msg_id)),
            field("result", result),
        ],
    })
}

/// `msg_container` after its ID, with the checks of
/// [`MsgContainer`](crate::mtproto::types::MsgContainer).
fn msg_container(r: &mut Reader<'_>) -> Result<Record, DecodeError> {
    let count = r.read_bare_vector_len(MIN_MESSAGE_SIZE)?;
    let messages = elements(r, count, |r| {
        let msg_id = r.read_i64()?;
        let seqno = r.read_i32()?;
        let len_at = r.position();
        let len = match usize::try_from(r.read_i32()?) {
            Ok(len) if len >= 4 && len % 4 == 0 && len <= r.remaining() => len,
            _ => {
                return Err(DecodeError::Malformed {
                    offset: len_at,
                    reason: "message length is not a positive multiple of 4 within the input",
                })
            }
        };
        let body_at = r.position();
        if r.peek_u32()? == MSG_CONTAINER_ID {
            return Err(DecodeError::Malformed {
                offset: body_at,
                reason: "msg_container inside msg_container",
            });
        }
        let body = r.read_raw(len)?;
        let value = within(r, body, body_at)?;
        Ok(Value::Record(Record {
            definition: Definition::Envelope(&reflect::MESSAGE),
            fields: vec![
                field("msg_id", Value::Long(msg_id)),
                field("seqno", Value::Int(seqno)),
                field("body", value),
            ],
        }))
    });
    Ok(Record {
        definition: Definition::Envelope(&reflect::MSG_CONTAINER),
        fields: vec![field("messages", Value::Vector(messages?))],
    })
}

/// The one boxed value that fills `body` (which starts at `offset` of
/// `outer`'s input), read with `outer`'s limits and policy; errors carry
/// offsets in the outer input.
fn within(outer: &mut Reader<'_>, body: &[u8], offset: usize) -> Result<Value, DecodeError> {
    let mut inner = Reader::new(body)
        .with_max_depth(outer.max_depth().saturating_sub(outer.depth()))
        .with_utf8_policy(outer.utf8_policy());
    let value = any(&mut inner, true).and_then(|value| {
        let replaced = inner.replaced_strings();
        inner.finish()?;
        Ok((value, replaced))
    });
    match value {
        Ok((value, replaced)) => {
            outer.count_replaced(replaced);
            Ok(value)
        }
        Err(DecodeError::TooDeep { offset: at, .. }) => Err(DecodeError::TooDeep {
            offset: at.saturating_add(offset),
            max_depth: outer.max_depth(),
        }),
        Err(err) => Err(err.shifted(offset)),
    }
}

/// `gzip_packed` after its ID; the data stays packed.
fn gzip_packed(r: &mut Reader<'_>) -> Result<Record, DecodeError> {
    let packed_data = r.read_bytes()?;
    Ok(Record {
        definition: Definition::Envelope(&reflect::GZIP_PACKED),
        fields: vec![field("packed_data", Value::Bytes(packed_data))],
    })
}

fn field(name: &'static str, value: Value) -> Field {
    Field {
        name,
        value: Some(value),
    }
}

/// An index in a table that the table does not have: the tables are
/// generated together, so this is a bug, reported rather than a panic.
fn table_error(r: &Reader<'_>) -> DecodeError {
    DecodeError::Malformed {
        offset: r.position(),
        reason: "internal error: a reflection table index out of range",
    }
}
