//! `Display` of [`Value`]: TL names and fields.
//!
//! `{}` prints one line: `updateShort { update: updateUserTyping { user_id:
//! 42, action: sendMessageTypingAction }, date: 1700000000 }`; `{:#}` prints
//! one field per line, indented by two spaces. Absent optional parameters
//! and unset `flags.N?true` are left out; strings are quoted and escaped as
//! in Rust; `bytes`, `int128` and `int256` are lowercase hex after `0x`.

use std::fmt::{self, Write as _};

use super::{Record, Value};

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pretty = f.alternate();
        write_value(f, self, pretty, 0)
    }
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pretty = f.alternate();
        write_record(f, self, pretty, 0)
    }
}

fn write_value(
    f: &mut fmt::Formatter<'_>,
    value: &Value,
    pretty: bool,
    depth: usize,
) -> fmt::Result {
    match value {
        Value::Int(v) => write!(f, "{v}"),
        Value::Long(v) => write!(f, "{v}"),
        Value::Double(v) => write!(f, "{v:?}"),
        Value::Bool(v) => write!(f, "{v}"),
        Value::Int128(v) => write_hex(f, v),
        Value::Int256(v) => write_hex(f, v),
        Value::Bytes(v) => write_hex(f, v),
        Value::String(v) => write!(f, "{v:?}"),
        Value::Vector(items) => {
            if items.is_empty() {
                return f.write_str("[]");
            }
            f.write_char('[')?;
            for (i, item) in items.iter().enumerate() {
                if pretty {
                    f.write_char('\n')?;
                    indent(f, depth + 1)?;
                } else if i > 0 {
                    f.write_str(", ")?;
                }
                write_value(f, item, pretty, depth + 1)?;
                if pretty {
                    f.write_char(',')?;
                }
            }
            if pretty {
                f.write_char('\n')?;
                indent(f, depth)?;
            }
            f.write_char(']')
        }
        Value::Record(record) => write_record(f, record, pretty, depth),
    }
}

fn write_record(
    f: &mut fmt::Formatter<'_>,
    record: &Record,
    pretty: bool,
    depth: usize,
) -> fmt::Result {
    f.write_str(record.name())?;
    let mut present = record
        .fields
        .iter()
        .filter_map(|field| Some((field.name, field.value.as_ref()?)))
        .peekable();
    if present.peek().is_none() {
        return Ok(());
    }
    f.write_str(" {")?;
    let mut first = true;
    for (name, value) in present {
        if pretty {
            f.write_char('\n')?;
            indent(f, depth + 1)?;
        } else {
            f.write_str(if first { " " } else { ", " })?;
        }
        first = false;
        write!(f, "{name}: ")?;
        write_value(f, value, pretty, depth + 1)?;
        if pretty {
            f.write_char(',')?;
        }
    }
    if pretty {
        f.write_char('\n')?;
        indent(f, depth)?;
        f.write_char('}')
    } else {
        f.write_str(" }")
    }
}

fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    f.write_str("0x")?;
    for byte in bytes {
        write!(f, "{byte:02x}")?;
    }
    Ok(())
}

fn indent(f: &mut fmt::Formatter<'_>, depth: usize) -> fmt::Result {
    for _ in 0..depth {
        f.write_str("  ")?;
    }
    Ok(())
}
