//! A prost codec whose decode errors are the client's fault, not the server's.
//!
//! tonic's `ProstCodec` answers any undecodable request, including invalid UTF-8 in a `string`
//! field, with INTERNAL. That tells a client to retry or page someone, when the request itself
//! is wrong; here the same failures become INVALID_ARGUMENT with a field violation.

use std::marker::PhantomData;

use prost::Message;
use tonic::codec::{BufferSettings, Codec, DecodeBuf, Decoder};
use tonic::Status;
use tonic_prost::ProstEncoder;

use super::status::RequestError;

/// Encodes with prost; decodes with prost, mapping errors to INVALID_ARGUMENT.
#[derive(Debug, Clone)]
pub struct ValidatingCodec<T, U> {
    _pd: PhantomData<(T, U)>,
}

impl<T, U> Default for ValidatingCodec<T, U> {
    fn default() -> Self {
        ValidatingCodec { _pd: PhantomData }
    }
}

impl<T, U> Codec for ValidatingCodec<T, U>
where
    T: Message + Send + 'static,
    U: Message + Default + Send + 'static,
{
    type Encode = T;
    type Decode = U;
    type Encoder = ProstEncoder<T>;
    type Decoder = ValidatingDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        ProstEncoder::new(BufferSettings::default())
    }

    fn decoder(&mut self) -> Self::Decoder {
        ValidatingDecoder { _pd: PhantomData }
    }
}

/// The decoding half of [`ValidatingCodec`].
#[derive(Debug, Clone)]
pub struct ValidatingDecoder<U> {
    _pd: PhantomData<U>,
}

impl<U: Message + Default> Decoder for ValidatingDecoder<U> {
    type Item = U;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        U::decode(buf)
            .map(Some)
            .map_err(|e| RequestError::from_decode_error(&e).into())
    }
}
