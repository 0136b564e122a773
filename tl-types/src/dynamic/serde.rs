//! TL-named serde, driven by the reflection tables.
//!
//! Every generated type's `Serialize` encodes the value to TL bytes and
//! walks them with the tables into a [`Value`], which serializes itself;
//! `Deserialize` builds a [`Value`] from the input with the tables, encodes
//! it and decodes the typed value from those bytes. One code path serves
//! all ~2,600 types, so the `serde` feature adds almost no code per type.
//!
//! The form (see the crate documentation, "TL-JSON"): a map whose first key
//! `"_"` is the TL name, then every parameter that is a value, by TL name,
//! in schema order (flags words are derived and left out; an absent
//! optional parameter is `null`, a `flags.N?true` is `true`/`false`).
//! Human-readable formats (JSON) write `long` as a number, `bytes` as
//! standard base64 with padding, `int128`/`int256` as lowercase hex of the
//! wire bytes, and a `double` that is not finite as `"NaN"`, `"Infinity"`
//! or `"-Infinity"`; other formats use their own integers, floats and byte
//! strings.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Error as _, SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::decode::{function_call, record, value as decode_value};
use super::encode::{encode, encode_as, match_fields};
use super::{Field, Record, Value};
use crate::codec::{Deserializable, Reader, Serializable};
use crate::reflect::{
    self, Definition, Function, ParamKind, Ty, BOXED_TYPES, CONSTRUCTORS, FUNCTIONS,
};

/// `Serialize` and `Deserialize` for a generated type, by its place in the
/// tables: `__serde_impls!(Name, Bare(index))`, `(Name<X>, Function(index))`
/// for a generic method. One line per type in the generated code.
#[macro_export]
#[doc(hidden)]
macro_rules! __serde_impls {
    ($ty:ident $(<$($g:ident),+>)?, $shape:ident($index:literal)) => {
        impl $(<$($g: $crate::Serializable),+>)? $crate::__serde::Serialize for $ty $(<$($g),+>)? {
            fn serialize<S: $crate::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                $crate::dynamic::serde::serialize(
                    self,
                    $crate::dynamic::serde::Shape::$shape($index),
                    serializer,
                )
            }
        }
        impl<'de $($(, $g: $crate::Deserializable)+)?> $crate::__serde::Deserialize<'de>
            for $ty $(<$($g),+>)?
        {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::dynamic::serde::deserialize(
                    deserializer,
                    $crate::dynamic::serde::Shape::$shape($index),
                )
            }
        }
    };
}

/// What a generated type is in the tables.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A constructor struct (`types::…`), bare: index in `CONSTRUCTORS`.
    Bare(usize),
    /// A boxed type's enum (`enums::…`): index in `BOXED_TYPES`.
    Boxed(usize),
    /// A method struct (`functions::…`): index in `FUNCTIONS`.
    Function(usize),
}

/// `Serialize` of a generated type: its TL encoding walked into a
/// [`Value`].
pub fn serialize<T, S>(value: &T, shape: Shape, serializer: S) -> Result<S::Ok, S::Error>
where
    T: Serializable + ?Sized,
    S: Serializer,
{
    let bytes = value.to_bytes();
    // The bytes are this process's own encoding: no depth limit needed.
    let mut reader = Reader::new(&bytes).with_max_depth(usize::MAX);
    let walked = match shape {
        Shape::Bare(index) => match CONSTRUCTORS.get(index) {
            Some(ctor) => record(&mut reader, Definition::Constructor(ctor)).map(Value::Record),
            None => return Err(S::Error::custom(TABLE_ERROR)),
        },
        Shape::Boxed(index) => decode_value(&mut reader, &Ty::Boxed(index)),
        Shape::Function(index) => match FUNCTIONS.get(index) {
            Some(function) => function_call(&mut reader, function),
            None => return Err(S::Error::custom(TABLE_ERROR)),
        },
    };
    let walked = walked.map_err(|e| S::Error::custom(format_args!("TL encoding: {e}")))?;
    walked.serialize(serializer)
}

/// `Deserialize` of a generated type: a [`Value`] of its shape, encoded and
/// decoded as `T`.
pub fn deserialize<'de, T, D>(deserializer: D, shape: Shape) -> Result<T, D::Error>
where
    T: Deserializable,
    D: Deserializer<'de>,
{
    let expect = match shape {
        Shape::Bare(index) => Expect::Ty(Ty::Bare(index)),
        Shape::Boxed(index) => Expect::Ty(Ty::Boxed(index)),
        Shape::Function(index) => match FUNCTIONS.get(index) {
            Some(function) => Expect::Function(function),
            None => return Err(de::Error::custom(TABLE_ERROR)),
        },
    };
    let value = ValueSeed(expect).deserialize(deserializer)?;
    let bytes = match expect {
        Expect::Ty(ty) => {
            let mut out = Vec::new();
            encode_as(&value, &ty, &mut out).map(|()| out)
        }
        _ => encode(&value),
    };
    let bytes = bytes.map_err(de::Error::custom)?;
    T::from_bytes(&bytes).map_err(|e| de::Error::custom(format_args!("TL decoding: {e}")))
}

const TABLE_ERROR: &str = "internal error: a reflection table index out of range";

// ------------------------------------------------------------- Serialize

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let human = serializer.is_human_readable();
        match self {
            Value::Int(v) => serializer.serialize_i32(*v),
            Value::Long(v) => serializer.serialize_i64(*v),
            Value::Double(v) if human && !v.is_finite() => {
                serializer.serialize_str(non_finite_name(*v))
            }
            Value::Double(v) => serializer.serialize_f64(*v),
            Value::Bool(v) => serializer.serialize_bool(*v),
            Value::Int128(v) if human => serializer.serialize_str(&hex(v)),
            Value::Int128(v) => serializer.serialize_bytes(v),
            Value::Int256(v) if human => serializer.serialize_str(&hex(v)),
            Value::Int256(v) => serializer.serialize_bytes(v),
            Value::String(v) => serializer.serialize_str(v),
            Value::Bytes(v) if human => serializer.serialize_str(&base64::encode(v)),
            Value::Bytes(v) => serializer.serialize_bytes(v),
            Value::Vector(items) => serializer.collect_seq(items),
            Value::Record(record) => record.serialize(serializer),
        }
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let params = self.definition.params();
        let matched = matched_fields(self).map_err(S::Error::custom)?;
        let count = super::value_params(self.definition).count();
        let mut map = serializer.serialize_map(Some(1 + count))?;
        map.serialize_entry("_", self.name())?;
        for (param, value) in params.iter().zip(matched) {
            match &param.kind {
                ParamKind::FlagsWord => {}
                ParamKind::Value {
                    ty: Ty::True,
                    flag: Some(_),
                } => map.serialize_entry(param.name, &(value == Some(&Value::Bool(true))))?,
                ParamKind::Value { flag: Some(_), .. } => {
                    map.serialize_entry(param.name, &value)?
                }
                ParamKind::Value { flag: None, .. } => match value {
                    Some(value) => map.serialize_entry(param.name, value)?,
                    None => {
                        return Err(S::Error::custom(format_args!(
                            "{}: the required parameter `{}` is missing",
                            self.name(),
                            param.name
                        )))
                    }
                },
            }
        }
        map.end()
    }
}

/// For each parameter, its field's value: the fields in schema order (what
/// decoding and deserializing build) without a search or an allocation
/// beyond the result, else matched by name.
fn matched_fields(record: &Record) -> Result<Vec<Option<&Value>>, super::EncodeError> {
    let params = record.definition.params();
    let mut matched = Vec::with_capacity(params.len());
    let mut fields = record.fields.iter();
    for param in params {
        if matches!(param.kind, ParamKind::FlagsWord) {
            matched.push(None);
            continue;
        }
        match fields.next() {
            Some(field) if field.name == param.name => matched.push(field.value.as_ref()),
            _ => return match_fields(record),
        }
    }
    if fields.next().is_some() {
        return match_fields(record);
    }
    Ok(matched)
}

fn non_finite_name(v: f64) -> &'static str {
    if v.is_nan() {
        "NaN"
    } else if v > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

// ----------------------------------------------------------- Deserialize

/// A [`Value`] of any record type (or `Bool`, or a vector of those): the
/// `"_"` key names it. Numbers, strings and bytes do not say which TL type
/// they are, so they are accepted only inside a record, where the
/// parameter's type says it.
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ValueSeed(Expect::Any).deserialize(deserializer)
    }
}

/// What the value being read must be.
#[derive(Clone, Copy)]
enum Expect {
    /// A value of this type.
    Ty(Ty),
    /// A call of this method.
    Function(&'static Function),
    /// Any record (constructor, method call or envelope), `Bool` or vector.
    Any,
    /// A `message` envelope (an element of `msg_container`; the API has a
    /// constructor of the same name).
    Message,
}

/// Reads one [`Value`] of what it expects.
#[derive(Clone, Copy)]
struct ValueSeed(Expect);

/// `msg_container`'s `messages`: a sequence of `message` envelopes.
struct MessagesSeed;

impl<'de> DeserializeSeed<'de> for MessagesSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_seq(VectorVisitor(Expect::Message))
    }
}

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        let human = d.is_human_readable();
        let ty = match self.0 {
            Expect::Ty(ty) => ty,
            Expect::Function(_) | Expect::Message => {
                return d.deserialize_map(RecordVisitor(self.0))
            }
            Expect::Any if human => return d.deserialize_any(AnyVisitor),
            Expect::Any => return d.deserialize_map(RecordVisitor(self.0)),
        };
        Ok(match ty {
            Ty::Int => Value::Int(<i32 as Deserialize>::deserialize(d)?),
            Ty::Long if human => Value::Long(d.deserialize_any(LongVisitor)?),
            Ty::Long => Value::Long(<i64 as Deserialize>::deserialize(d)?),
            Ty::Double if human => Value::Double(d.deserialize_any(DoubleVisitor)?),
            Ty::Double => Value::Double(<f64 as Deserialize>::deserialize(d)?),
            Ty::String => Value::String(<String as Deserialize>::deserialize(d)?),
            Ty::Bytes if human => Value::Bytes(d.deserialize_any(BytesVisitor)?),
            Ty::Bytes => Value::Bytes(d.deserialize_byte_buf(BytesVisitor)?),
            Ty::Int128 if human => Value::Int128(d.deserialize_str(FixedVisitor)?),
            Ty::Int128 => Value::Int128(d.deserialize_bytes(FixedVisitor)?),
            Ty::Int256 if human => Value::Int256(d.deserialize_str(FixedVisitor)?),
            Ty::Int256 => Value::Int256(d.deserialize_bytes(FixedVisitor)?),
            Ty::Bool | Ty::True => Value::Bool(<bool as Deserialize>::deserialize(d)?),
            Ty::Vector { element, .. } => d.deserialize_seq(VectorVisitor(Expect::Ty(*element)))?,
            Ty::Boxed(_) | Ty::Bare(_) | Ty::Generic | Ty::Object => {
                d.deserialize_map(RecordVisitor(self.0))?
            }
        })
    }
}

/// `null` or a value of `ty`: an optional parameter.
struct OptionSeed(Ty);

impl<'de> DeserializeSeed<'de> for OptionSeed {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Value>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptionSeed {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "null or {}", super::encode::ty_name(&self.0))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        ValueSeed(Expect::Ty(self.0)).deserialize(d).map(Some)
    }
}

/// A record: `"_"` (the TL name) first, then parameters by TL name.
struct RecordVisitor(Expect);

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Expect::Ty(ty) => write!(
                f,
                "a map with \"_\" (a TL name of {}) and its parameters",
                super::encode::ty_name(&ty)
            ),
            Expect::Function(function) => {
                write!(
                    f,
                    "a map with \"_\": \"{}\" and its parameters",
                    function.name
                )
            }
            Expect::Any => f.write_str("a map with \"_\" (a TL name) and its parameters"),
            Expect::Message => f.write_str("a map with \"_\": \"message\" and its parameters"),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let first = map.next_key_seed(Text)?;
        let (definition, mut pending) = match first.as_deref() {
            Some("_") => {
                let name = map.next_value_seed(Text)?;
                (resolve(self.0, &name).map_err(de::Error::custom)?, None)
            }
            _ => match known(self.0) {
                Some(definition) => (definition, first),
                None => {
                    return Err(de::Error::custom(
                        "the first key must be \"_\", the TL name of the value",
                    ))
                }
            },
        };
        let params = definition.params();
        let mut values: Vec<Option<Option<Value>>> = vec![None; params.len()];
        loop {
            let key = match pending.take() {
                Some(key) => key,
                None => match map.next_key_seed(Text)? {
                    Some(key) => key,
                    None => break,
                },
            };
            let index = params
                .iter()
                .position(|p| p.name == key && !matches!(p.kind, ParamKind::FlagsWord));
            let Some(index) = index else {
                return Err(de::Error::custom(format_args!(
                    "`{}` has no parameter `{key}`",
                    definition.name()
                )));
            };
            if values[index].is_some() {
                return Err(de::Error::custom(format_args!(
                    "`{}`: parameter `{key}` given twice",
                    definition.name()
                )));
            }
            let ParamKind::Value { ty, flag } = params[index].kind else {
                continue;
            };
            let value = match (ty, flag) {
                // `msg_container`'s messages are `message` envelopes.
                (Ty::Vector { .. }, None)
                    if definition == Definition::Envelope(&reflect::MSG_CONTAINER) =>
                {
                    Some(map.next_value_seed(MessagesSeed)?)
                }
                (Ty::True, Some(_)) => map.next_value::<bool>()?.then_some(Value::Bool(true)),
                (ty, Some(_)) => map.next_value_seed(OptionSeed(ty))?,
                (ty, None) => Some(map.next_value_seed(ValueSeed(Expect::Ty(ty)))?),
            };
            values[index] = Some(value);
        }
        let mut fields = Vec::with_capacity(params.len());
        for (param, value) in params.iter().zip(values) {
            let ParamKind::Value { flag, .. } = param.kind else {
                continue;
            };
            let value = match value {
                Some(value) => value,
                None if flag.is_some() => None,
                None => {
                    return Err(de::Error::custom(format_args!(
                        "`{}`: the required parameter `{}` is missing",
                        definition.name(),
                        param.name
                    )))
                }
            };
            fields.push(Field {
                name: param.name,
                value,
            });
        }
        Ok(Value::Record(Record { definition, fields }))
    }
}

/// A string, borrowed from the input when the format allows (map keys and
/// TL names: no allocation for each key of each record).
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// The definition named `name`, if it is what `expect` allows.
fn resolve(expect: Expect, name: &str) -> Result<Definition, String> {
    let found = match expect {
        Expect::Ty(Ty::Boxed(index)) => {
            let boxed = BOXED_TYPES.get(index).ok_or(TABLE_ERROR)?;
            match boxed.constructor_by_name(name) {
                Some(ctor) => Definition::Constructor(ctor),
                None => return Err(format!("`{name}` is not a constructor of `{}`", boxed.name)),
            }
        }
        Expect::Ty(Ty::Bare(index)) => {
            let ctor = CONSTRUCTORS.get(index).ok_or(TABLE_ERROR)?;
            if ctor.name != name {
                return Err(format!("expected `{}`, found `{name}`", ctor.name));
            }
            Definition::Constructor(ctor)
        }
        Expect::Function(function) => {
            if function.name != name {
                return Err(format!("expected `{}`, found `{name}`", function.name));
            }
            Definition::Function(function)
        }
        Expect::Message => {
            if name != reflect::MESSAGE.name {
                return Err(format!("expected `message`, found `{name}`"));
            }
            Definition::Envelope(&reflect::MESSAGE)
        }
        Expect::Any | Expect::Ty(_) => match reflect::definition_by_name(name) {
            Some(definition) => definition,
            None => return Err(format!("no constructor or method is named `{name}`")),
        },
    };
    Ok(found)
}

/// The one definition `expect` allows, when it allows one.
fn known(expect: Expect) -> Option<Definition> {
    match expect {
        Expect::Ty(Ty::Bare(index)) => CONSTRUCTORS.get(index).map(Definition::Constructor),
        Expect::Function(function) => Some(Definition::Function(function)),
        Expect::Message => Some(Definition::Envelope(&reflect::MESSAGE)),
        _ => None,
    }
}

/// A sequence of values of what it expects.
struct VectorVisitor(Expect);

impl<'de> Visitor<'de> for VectorVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(ValueSeed(self.0))? {
            items.push(item);
        }
        Ok(Value::Vector(items))
    }
}

/// A map (a record), a boolean or a sequence of those, in a self-describing
/// format.
struct AnyVisitor;

impl<'de> Visitor<'de> for AnyVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map with \"_\" (a TL name), a boolean or a sequence of those")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        VectorVisitor(Expect::Any).visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        RecordVisitor(Expect::Any).visit_map(map)
    }
}

/// `long`: an integer, or a string of one (what JavaScript needs beyond
/// 2^53).
struct LongVisitor;

impl<'de> Visitor<'de> for LongVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a 64-bit integer (a number or a string of digits)")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format_args!("{v} does not fit a long")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.parse()
            .map_err(|_| E::custom(format_args!("`{v}` is not a 64-bit integer")))
    }
}

/// `double`: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
struct DoubleVisitor;

impl<'de> Visitor<'de> for DoubleVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

/// `bytes`: base64 in a string, or the format's byte string, or a sequence
/// of bytes.
struct BytesVisitor;

impl<'de> Visitor<'de> for BytesVisitor {
    type Value = Vec<u8>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("bytes (standard base64 in a string)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<u8>, E> {
        base64::decode(v).map_err(E::custom)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
        Ok(v.to_vec())
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
        Ok(v)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<u8>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(byte) = seq.next_element::<u8>()? {
            out.push(byte);
        }
        Ok(out)
    }
}

/// `int128`/`int256`: lowercase or uppercase hex of exactly `N` bytes, or
/// a byte string of `N` bytes.
struct FixedVisitor<const N: usize>;

impl<'de, const N: usize> Visitor<'de> for FixedVisitor<N> {
    type Value = [u8; N];

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{N} bytes ({} hex digits)", N * 2)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<[u8; N], E> {
        let digits = v.as_bytes();
        if digits.len() != N * 2 {
            return Err(E::invalid_length(digits.len(), &self));
        }
        let mut out = [0u8; N];
        for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
            let high = hex_digit(pair[0]);
            let low = hex_digit(pair[1]);
            match (high, low) {
                (Some(high), Some(low)) => *byte = high << 4 | low,
                _ => return Err(E::invalid_value(de::Unexpected::Str(v), &self)),
            }
        }
        Ok(out)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<[u8; N], E> {
        v.try_into().map_err(|_| E::invalid_length(v.len(), &self))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<[u8; N], A::Error> {
        let mut out = [0u8; N];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = seq
                .next_element()?
                .ok_or_else(|| de::Error::invalid_length(i, &self))?;
        }
        if seq.next_element::<u8>()?.is_some() {
            return Err(de::Error::invalid_length(N + 1, &self));
        }
        Ok(out)
    }
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

pub(crate) mod base64 {
    //! Standard base64 (RFC 4648, `+` and `/`, `=` padding) for `bytes` in
    //! human-readable formats.

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// `data` in base64, padded.
    pub fn encode(data: &[u8]) -> String {
        let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
        for chunk in data.chunks(3) {
            let b = [
                chunk[0],
                chunk.get(1).copied().unwrap_or(0),
                chunk.get(2).copied().unwrap_or(0),
            ];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// The bytes of padded base64 `text` (padding may also be left out).
    /// Whitespace and any other character are errors.
    pub fn decode(text: &str) -> Result<Vec<u8>, String> {
        let trimmed = text.trim_end_matches('=');
        let padding = text.len() - trimmed.len();
        if padding > 2 || (padding > 0 && text.len() % 4 != 0) || trimmed.len() % 4 == 1 {
            return Err(format!("not base64: {} characters", text.len()));
        }
        let mut out = Vec::with_capacity(trimmed.len() / 4 * 3 + 2);
        let mut bits = 0u32;
        let mut count = 0;
        for (i, c) in trimmed.bytes().enumerate() {
            let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
                return Err(format!("not base64: `{}` at {i}", char::from(c)));
            };
            bits = bits << 6 | v as u32;
            count += 1;
            if count == 4 {
                out.extend_from_slice(&[(bits >> 16) as u8, (bits >> 8) as u8, bits as u8]);
                bits = 0;
                count = 0;
            }
        }
        match count {
            0 => {}
            2 => {
                if bits & 0xf != 0 {
                    return Err("not base64: stray bits at the end".to_owned());
                }
                out.push((bits >> 4) as u8);
            }
            3 => {
                if bits & 0x3 != 0 {
                    return Err("not base64: stray bits at the end".to_owned());
                }
                out.extend_from_slice(&[(bits >> 10) as u8, (bits >> 2) as u8]);
            }
            _ => return Err("not base64: a lone character at the end".to_owned()),
        }
        Ok(out)
    }

    #[cfg(test)]
    mod tests {
        use super::{decode, encode};

        #[test]
        fn rfc_4648_vectors() {
            let cases = [
                ("", ""),
                ("f", "Zg=="),
                ("fo", "Zm8="),
                ("foo", "Zm9v"),
                ("foob", "Zm9vYg=="),
                ("fooba", "Zm9vYmE="),
                ("foobar", "Zm9vYmFy"),
            ];
            for (plain, coded) in cases {
                assert_eq!(encode(plain.as_bytes()), coded);
                assert_eq!(decode(coded).as_deref(), Ok(plain.as_bytes()));
            }
            assert_eq!(decode("Zm9vYg").as_deref(), Ok(&b"foob"[..]));
            assert_eq!(encode(&[0xfb, 0xff]), "+/8=");
        }

        #[test]
        fn rejects_what_is_not_base64() {
            for bad in [
                "Zg=", "Z", "Zm9v!", "Zh==", "Zm9=", "Zg===", " Zg==", "Zg==Zg==",
            ] {
                assert!(decode(bad).is_err(), "{bad:?}");
            }
        }
    }
}
