//! Types generated from `proto/gazette/v1/gazette.proto` (prost, tonic, and pbjson for the
//! proto3 JSON mapping used by `gazette extract`).

#[allow(
    missing_docs,
    unreachable_pub,
    clippy::all,
    clippy::pedantic,
    clippy::unwrap_used
)]
mod generated {
    pub mod gazette {
        pub mod v1 {
            include!(concat!(env!("OUT_DIR"), "/gazette.v1.rs"));
            include!(concat!(env!("OUT_DIR"), "/gazette.v1.serde.rs"));
        }
    }
}

pub use generated::gazette::v1;

/// The encoded `FileDescriptorSet` of the Gazette protos, served by reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/gazette_descriptor.bin"));
