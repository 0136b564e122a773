//! Values of any type, decoded without knowing the type in advance.
//!
//! [`decode`] reads a boxed value of the layer (API or MTProto, the
//! envelopes `rpc_result`, `msg_container` and `gzip_packed` included) by
//! its constructor ID, walking the [reflection tables](crate::reflect), into
//! a [`Value`]: for logging, for messages of a type the program does not
//! expect, for tools. [`Value`]'s `Display` prints TL names and fields, and
//! with the `serde` feature it serializes to the same TL-named JSON as the
//! typed value.
//!
//! ```
//! use tl_types::dynamic::{self, Value};
//! use tl_types::{enums, types, Serializable};
//!
//! let update = enums::Updates::from(types::UpdateShort {
//!     update: enums::Update::from(types::UpdateUserTyping {
//!         user_id: 42,
//!         top_msg_id: None,
//!         action: enums::SendMessageAction::SendMessageTypingAction,
//!     }),
//!     date: 1_700_000_000,
//! });
//! let value = dynamic::decode(&update.to_bytes())?;
//! assert_eq!(
//!     value.to_string(),
//!     "updateShort { update: updateUserTyping { user_id: 42, \
//!      action: sendMessageTypingAction }, date: 1700000000 }"
//! );
//! let record = value.as_record().unwrap();
//! assert_eq!(record.get("date"), Some(&Value::Int(1_700_000_000)));
//! // And back to the same bytes.
//! assert_eq!(dynamic::encode(&value)?, update.to_bytes());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Limits
//!
//! Decoding is bounded like the typed decoders: the [`Reader`](crate::Reader)'s nesting
//! limit ([`DEFAULT_MAX_DEPTH`](crate::DEFAULT_MAX_DEPTH) boxed values deep),
//! vector counts checked against the input before anything is allocated,
//! strings checked as UTF-8 by the reader's [`Utf8Policy`](crate::Utf8Policy)
//! (strict by default), trailing bytes rejected by [`decode`]. A [`Value`]
//! takes more memory than the typed value (48 bytes per number in a vector,
//! so at most about 12 times the input), and `gzip_packed` is kept packed
//! (its `packed_data` is bytes; unpack it with
//! [`envelope::unpacked`](crate::envelope::unpacked) and decode again).
//!
//! # Vectors of unknown type
//!
//! A boxed `Vector` at the top of the input (a method's result such as
//! `Vector<long>`, or an `rpc_result`'s `result`) does not say what it
//! holds. [`decode`] reads its elements as boxed values when that consumes
//! the input exactly, else as `int`s or `long`s when the length fits
//! exactly one of them, else fails; [`decode_as`] takes the type instead.

mod decode;
mod display;
mod encode;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod serde;

pub use decode::{decode, decode_as, decode_with};
pub use encode::{encode, encode_as, EncodeError};

use crate::reflect::Definition;
#[cfg(feature = "serde")]
use crate::reflect::ParamKind;

/// A TL value of any type.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// `int`.
    Int(i32),
    /// `long`.
    Long(i64),
    /// `double`.
    Double(f64),
    /// `Bool` (boxed `boolTrue`/`boolFalse`).
    Bool(bool),
    /// `int128`, the 16 bytes in wire order.
    Int128([u8; 16]),
    /// `int256`, the 32 bytes in wire order.
    Int256([u8; 32]),
    /// `string`.
    String(String),
    /// `bytes`.
    Bytes(Vec<u8>),
    /// `Vector<T>` or `vector<T>`.
    Vector(Vec<Value>),
    /// A constructor, a method call or an envelope, with its fields.
    Record(Record),
}

/// A constructor, method call or envelope with its fields.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// What it is: its TL name, ID and parameters.
    pub definition: Definition,
    /// One field per parameter that is a value (flags words are derived and
    /// left out), in schema order.
    pub fields: Vec<Field>,
}

/// One parameter of a [`Record`] and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The TL name of the parameter.
    pub name: &'static str,
    /// `None` for an optional parameter (`flags.N?T`) that is absent and for
    /// a `flags.N?true` that is not set; a set `flags.N?true` is
    /// `Some(Value::Bool(true))`.
    pub value: Option<Value>,
}

impl Value {
    /// The record, if this is one.
    pub fn as_record(&self) -> Option<&Record> {
        match self {
            Value::Record(record) => Some(record),
            _ => None,
        }
    }

    /// The TL name of the record's constructor or method, if this is a
    /// record.
    pub fn name(&self) -> Option<&'static str> {
        self.as_record().map(|r| r.definition.name())
    }
}

impl Record {
    /// The TL name of its constructor or method.
    pub fn name(&self) -> &'static str {
        self.definition.name()
    }

    /// The value of the parameter named `name`, if it is present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        let field = self.fields.iter().find(|f| f.name == name)?;
        field.value.as_ref()
    }
}

/// The parameters of `definition` that are values, in schema order.
#[cfg(feature = "serde")]
pub(crate) fn value_params(
    definition: Definition,
) -> impl Iterator<Item = &'static crate::reflect::Param> {
    definition
        .params()
        .iter()
        .filter(|p| !matches!(p.kind, ParamKind::FlagsWord))
}
