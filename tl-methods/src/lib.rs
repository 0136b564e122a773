//! Telegram API (TL) methods as Rust types.

#[rustfmt::skip]
mod generated;
pub mod rpc_error;

pub use generated::{functions, mtproto};
pub use rpc_error::{CommonError, RpcError};

/// A method that can be sent to Telegram: it serializes as a request and
/// names the type its response decodes to.
pub trait RemoteCall: tl_types::Serializable {
    /// What a successful call returns.
    type Return: tl_types::Deserializable;
}
