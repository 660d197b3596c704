//! The offline sub-commands: `gazette extract` and `gazette check`.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::extract::{ExtractOptions, Extractor};
use crate::gazetteer::LoadErrors;
use crate::offsets::Encoding;
use crate::sources;
use crate::transport::response::to_response;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The gazetteer did not load.
    #[error(transparent)]
    Load(#[from] LoadErrors),
    /// The input could not be read.
    #[error("cannot read {path}: {source}")]
    Input {
        /// The input's name (`-` for stdin).
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output could not be written.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// The input cannot be processed.
    #[error(transparent)]
    Extract(#[from] crate::extract::ExtractError),
    /// JSON serialisation failed.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// `gazette extract`: tags `input` (a file, or stdin for `None`/`-`) and writes the same
/// `ExtractResponse` the RPC returns, as proto3 JSON.
pub fn extract(
    gazetteers: &[PathBuf],
    include_default: bool,
    input: Option<&Path>,
    options: &ExtractOptions,
    out: &mut impl Write,
) -> Result<(), CommandError> {
    let loaded = sources::load(gazetteers, include_default)?;
    let (name, text) = read_input(input)?;
    let extractor = Extractor::new(loaded.gazetteer);
    let extraction = extractor.extract(&text, options)?;
    let response = to_response(
        name,
        &[(crate::extract::BODY.to_string(), text)],
        &extraction,
    );
    serde_json::to_writer_pretty(&mut *out, &response)?;
    writeln!(out)?;
    Ok(())
}

fn read_input(input: Option<&Path>) -> Result<(String, String), CommandError> {
    let mut text = String::new();
    match input {
        None => read_stdin(&mut text).map(|_| ("-".to_string(), text)),
        Some(p) if p == Path::new("-") => read_stdin(&mut text).map(|_| ("-".to_string(), text)),
        Some(p) => {
            let name = p.display().to_string();
            std::fs::read_to_string(p)
                .map(|t| (name.clone(), t))
                .map_err(|source| CommandError::Input { path: name, source })
        }
    }
}

fn read_stdin(text: &mut String) -> Result<(), CommandError> {
    std::io::stdin()
        .read_to_string(text)
        .map(|_| ())
        .map_err(|source| CommandError::Input {
            path: "-".into(),
            source,
        })
}

/// `gazette check`: loads only `paths`, and writes counts per type and namespace.
pub fn check(paths: &[PathBuf], out: &mut impl Write) -> Result<(), CommandError> {
    let loaded = sources::load(paths, false)?;
    let g = &loaded.gazetteer;
    let derived: usize = g
        .entries()
        .map(|e| e.aliases.iter().filter(|a| a.derived).count())
        .sum();
    writeln!(
        out,
        "ok: {} entries, {} forms ({} names, {} aliases, {} derived short names), version {}",
        g.len(),
        g.alias_count(),
        g.len(),
        g.alias_count() - g.len() - derived,
        derived,
        g.version()
    )?;
    for f in &loaded.files {
        writeln!(out, "  read    {}", f.display())?;
    }
    for f in &loaded.skipped {
        writeln!(out, "  skipped {} (not .jsonl or .tsv)", f.display())?;
    }
    writeln!(out, "by type:")?;
    for (t, (entries, aliases)) in g.counts_by_type() {
        writeln!(out, "  {t:<16} {entries:>8} entries {aliases:>8} aliases")?;
    }
    let mut by_ns: BTreeMap<&str, usize> = BTreeMap::new();
    for e in g.entries() {
        *by_ns.entry(e.namespace.as_str()).or_default() += 1;
    }
    writeln!(out, "by namespace:")?;
    for (ns, n) in by_ns {
        writeln!(out, "  {ns:<16} {n:>8} entries")?;
    }
    Ok(())
}

/// Parses an `--encoding` value.
pub fn parse_encoding(s: &str) -> Result<Encoding, String> {
    match s.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf8" | "utf-8" => Ok(Encoding::Utf8),
        "utf16" | "utf-16" => Ok(Encoding::Utf16),
        "code-point" | "codepoint" => Ok(Encoding::CodePoint),
        _ => Err(format!(
            "unknown encoding {s:?}: use utf8, utf16 or code-point"
        )),
    }
}

/// `gazette health`: asks a server's `grpc.health.v1.Health/Check` and returns whether it is
/// SERVING, so container health checks need no shell or extra tool.
pub async fn health(
    addr: &str,
    service: &str,
    timeout: std::time::Duration,
) -> Result<bool, HealthError> {
    use tonic_health::pb::health_check_response::ServingStatus;
    use tonic_health::pb::{health_client::HealthClient, HealthCheckRequest};
    let url = if addr.contains("://") {
        addr.to_string()
    } else {
        format!("http://{addr}")
    };
    let channel = tonic::transport::Endpoint::from_shared(url)?
        .connect_timeout(timeout)
        .timeout(timeout)
        .connect()
        .await?;
    let resp = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: service.to_string(),
        })
        .await?;
    Ok(resp.into_inner().status == ServingStatus::Serving as i32)
}

/// Why a health check could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HealthError {
    /// Connecting failed or the address is invalid.
    #[error("cannot connect: {0}")]
    Connect(#[from] tonic::transport::Error),
    /// The server answered with an error status.
    #[error("health check failed: {}: {}", .0.code(), .0.message())]
    Status(#[from] tonic::Status),
}
