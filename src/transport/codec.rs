//! A prost codec whose decode errors are the client's fault, not the server's.
//!
//! tonic's `ProstCodec` answers any undecodable request, including invalid UTF-8 in a `string`
//! field, with INTERNAL. That tells a client to retry or page someone, when the request itself
//! is wrong; here the same failures become INVALID_ARGUMENT with a field violation whose path
//! names the element too (`fields[1].name`, `entries[2].aliases[0]`), found by [`locate`].

use std::collections::HashMap;
use std::marker::PhantomData;
use std::sync::OnceLock;

use bytes::{Buf, BufMut};
use prost::encoding::{decode_key, decode_varint, encode_key, encode_varint, WireType};
use prost::Message;
use tonic::codec::{BufferSettings, Codec, DecodeBuf, Decoder};
use tonic::Status;
use tonic_prost::ProstEncoder;

use super::status::RequestError;
use crate::field_path::FieldPath;

/// Encodes with prost; decodes with prost, mapping errors to INVALID_ARGUMENT.
#[derive(Debug, Clone)]
pub(crate) struct ValidatingCodec<T, U> {
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
pub(crate) struct ValidatingDecoder<U> {
    _pd: PhantomData<U>,
}

impl<U: Message + Default> Decoder for ValidatingDecoder<U> {
    type Item = U;
    type Error = Status;

    fn decode(&mut self, buf: &mut DecodeBuf<'_>) -> Result<Option<U>, Status> {
        // Zero-copy (the buffer is a `BytesMut`): kept to find the failing element on an error.
        let bytes = buf.copy_to_bytes(buf.remaining());
        U::decode(bytes.clone()).map(Some).map_err(|e| {
            let stack = RequestError::decode_error_stack(&e);
            let path = locate::<U>(&bytes, &stack);
            RequestError::from_decode_error(&e, Some(path)).into()
        })
    }
}

/// The path of a decode error in `bytes` (an encoded `U`), given prost's stack of
/// `(message, field)` pairs outermost first, with the index of each repeated field's element on
/// the way: prost names the fields but not the elements. Each candidate element is tried alone,
/// wrapped in its ancestors, and the first that fails to decode is the one. Where the walk
/// cannot follow (an unknown field, a non-length-delimited value), the rest of the path is
/// named without indexes.
pub(crate) fn locate<U: Message + Default>(bytes: &[u8], stack: &[(String, String)]) -> FieldPath {
    let mut path = FieldPath::new();
    let mut ancestors: Vec<u32> = Vec::new();
    let mut body = Some(bytes);
    for (message, field) in stack {
        path = path.field(field);
        let Some(current) = body.take() else {
            continue;
        };
        let Some(&(number, repeated)) = proto_fields().get(&(message.clone(), field.clone()))
        else {
            continue;
        };
        let found = length_delimited(current, number)
            .into_iter()
            .enumerate()
            .find(|(_, payload)| U::decode(wrap(&ancestors, number, payload).as_slice()).is_err());
        if let Some((j, payload)) = found {
            if repeated {
                path = path.index(j);
            }
            ancestors.push(number);
            body = Some(payload);
        }
    }
    path
}

/// `payload` as field `number` of a message nested in `ancestors` (outermost first): a `U`
/// holding nothing else.
fn wrap(ancestors: &[u32], number: u32, payload: &[u8]) -> Vec<u8> {
    let mut inner = Vec::with_capacity(payload.len() + 8);
    encode_key(number, WireType::LengthDelimited, &mut inner);
    encode_varint(payload.len() as u64, &mut inner);
    inner.put_slice(payload);
    for &n in ancestors.iter().rev() {
        let mut outer = Vec::with_capacity(inner.len() + 8);
        encode_key(n, WireType::LengthDelimited, &mut outer);
        encode_varint(inner.len() as u64, &mut outer);
        outer.put_slice(&inner);
        inner = outer;
    }
    inner
}

/// The payloads of the length-delimited records of field `number` in one message's bytes, in
/// order; stops at the first record it cannot read.
fn length_delimited(mut buf: &[u8], number: u32) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while buf.has_remaining() {
        let Ok((tag, wire_type)) = decode_key(&mut buf) else {
            break;
        };
        let skip = match wire_type {
            WireType::Varint => decode_varint(&mut buf).map(|_| 0).ok(),
            WireType::SixtyFourBit => Some(8),
            WireType::ThirtyTwoBit => Some(4),
            WireType::LengthDelimited => decode_varint(&mut buf).ok().and_then(|n| {
                let n = usize::try_from(n).ok().filter(|&n| n <= buf.len())?;
                if tag == number {
                    out.push(&buf[..n]);
                }
                Some(n)
            }),
            WireType::StartGroup | WireType::EndGroup => None,
        };
        match skip {
            Some(n) if n <= buf.len() => buf.advance(n),
            _ => break,
        }
    }
    out
}

/// `(message, field)` → `(field number, repeated)` for every message of the Gazette protos,
/// read once from the embedded descriptor set.
fn proto_fields() -> &'static HashMap<(String, String), (u32, bool)> {
    static FIELDS: OnceLock<HashMap<(String, String), (u32, bool)>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        fn add(m: &prost_types::DescriptorProto, out: &mut HashMap<(String, String), (u32, bool)>) {
            for f in &m.field {
                let repeated = f.label() == prost_types::field_descriptor_proto::Label::Repeated;
                out.insert(
                    (m.name().to_string(), f.name().to_string()),
                    (f.number() as u32, repeated),
                );
            }
            for nested in &m.nested_type {
                add(nested, out);
            }
        }
        let mut out = HashMap::new();
        // The set is generated by build.rs: it decodes, or nothing is located (paths keep no
        // indexes) rather than failing a request.
        if let Ok(set) = prost_types::FileDescriptorSet::decode(crate::proto::FILE_DESCRIPTOR_SET) {
            for file in &set.file {
                for m in &file.message_type {
                    add(m, &mut out);
                }
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proto::v1::{ExtractRequest, UpsertEntitiesRequest};

    /// Field `number` holding `payload`, as wire bytes.
    fn record(number: u32, payload: &[u8]) -> Vec<u8> {
        wrap(&[], number, payload)
    }

    fn violation<U: Message + Default + std::fmt::Debug>(bytes: &[u8]) -> String {
        let e = U::decode(bytes).expect_err("does not decode");
        let stack = RequestError::decode_error_stack(&e);
        let path = locate::<U>(bytes, &stack);
        RequestError::from_decode_error(&e, Some(path)).violations[0]
            .field
            .clone()
    }

    #[test]
    fn decode_errors_name_the_element() {
        let bad = b"\xff\xfe";
        // ExtractRequest: text = 2, entity_types = 4, fields = 6 (Field: name = 1, text = 2).
        let field = |name: &[u8], text: &[u8]| [record(1, name), record(2, text)].concat();
        let fields = [
            record(6, &field(b"ok", b"Syria")),
            record(6, &field(bad, b"Syria")),
        ]
        .concat();
        assert_eq!(violation::<ExtractRequest>(&fields), "fields[1].name");
        let text = [record(6, &field(b"ok", b"x")), record(6, &field(b"b", bad))].concat();
        assert_eq!(violation::<ExtractRequest>(&text), "fields[1].text");
        let types = [record(4, b"LOCATION"), record(4, b"PERSON"), record(4, bad)].concat();
        assert_eq!(violation::<ExtractRequest>(&types), "entity_types[2]");
        assert_eq!(violation::<ExtractRequest>(&record(2, bad)), "text");
        // UpsertEntitiesRequest: entries = 1 (GazetteerEntry: id = 1, aliases = 4).
        let entry = |aliases: &[&[u8]]| {
            let mut e = record(1, b"p:1");
            for a in aliases {
                e.extend(record(4, a));
            }
            e
        };
        let entries = [
            record(1, &entry(&[b"A"])),
            record(1, &entry(&[b"B"])),
            record(1, &entry(&[b"C", b"D", bad])),
        ]
        .concat();
        assert_eq!(
            violation::<UpsertEntitiesRequest>(&entries),
            "entries[2].aliases[2]"
        );
    }

    #[test]
    fn a_truncated_message_still_gets_a_path() {
        // A length prefix running past the end: prost says where, without an element to find.
        let bytes = [0x32, 0x05, 0x0a];
        let e = ExtractRequest::decode(&bytes[..]).expect_err("truncated");
        let stack = RequestError::decode_error_stack(&e);
        let _ = locate::<ExtractRequest>(&bytes, &stack);
    }
}
