//! Telegram API (TL) methods as Rust types.

#[rustfmt::skip]
mod generated;
pub mod rpc_error;

pub use generated::{errors, functions, mtproto};
pub use rpc_error::{CommonError, RpcError};

/// A method that can be sent to Telegram: it serializes as a request and
/// names the type its response decodes to.
pub trait RemoteCall: tl_types::Serializable {
    /// What a successful call returns.
    type Return: tl_types::Deserializable;
    /// What a failed call returns: the method's own error enum
    /// (`errors::…::<Method>Error`), built from the [`RpcError`] received.
    type Error: From<RpcError> + std::error::Error;
}
