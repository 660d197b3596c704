//! Compiles the proto files with protox (pure Rust: no system protoc needed), writes the
//! descriptor set for server reflection, and generates the prost/tonic code and the proto3 JSON
//! mapping (pbjson) used by `gazette extract`.

use std::path::PathBuf;

use prost::Message;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let proto = "proto/gazette/v1/gazette.proto";
    println!("cargo:rerun-if-changed={proto}");
    let fds = protox::compile([proto], ["proto"])?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let descriptor_path = out.join("gazette_descriptor.bin");
    std::fs::write(&descriptor_path, fds.encode_to_vec())?;
    tonic_prost_build::configure()
        .codec_path("crate::transport::codec::ValidatingCodec")
        .compile_fds(fds)?;
    pbjson_build::Builder::new()
        .register_descriptors(&std::fs::read(&descriptor_path)?)?
        .build(&[".gazette"])?;
    Ok(())
}
