//! Compiles the proto files with protox (pure Rust: no system protoc needed), writes the
//! descriptor set for server reflection, and generates the prost/tonic code and the proto3 JSON
//! mapping (pbjson) used by `gazette extract`; records the git commit for `gazette --version`.

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
    record_git_commit();
    Ok(())
}

/// `GAZETTE_GIT_COMMIT` for `gazette --version`: the variable if set (container builds have no
/// .git), else `git rev-parse`, else "unknown".
fn record_git_commit() {
    println!("cargo:rerun-if-env-changed=GAZETTE_GIT_COMMIT");
    // Only paths that exist: a missing one would rerun this script on every build.
    for path in [".git/HEAD", ".git/packed-refs"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    if let Ok(head) = std::fs::read_to_string(".git/HEAD") {
        if let Some(reference) = head.strip_prefix("ref: ") {
            let path = format!(".git/{}", reference.trim());
            if std::path::Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
    let commit = std::env::var("GAZETTE_GIT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| {
            let out = std::process::Command::new("git")
                .args(["rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    println!("cargo:rustc-env=GAZETTE_GIT_COMMIT={commit}");
}
