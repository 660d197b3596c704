//! The offline sub-commands: `gazette extract` and `gazette check`.

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

/// `gazette check`: loads only `paths`, and writes counts per type and namespace; when they do
/// not load, the error lists every problem in every file. The server keeps and answers only the
/// first few of a failed reload (and their count), and points here for the rest.
pub fn check(paths: &[PathBuf], out: &mut impl Write) -> Result<(), CommandError> {
    let loaded = sources::load(paths, false)?;
    let g = &loaded.gazetteer;
    let derived: usize = g
        .entries()
        .map(|e| e.aliases().filter(|a| a.derived).count())
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
    writeln!(out, "by namespace:")?;
    for (ns, n) in &g.counts().by_namespace {
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

/// What `gazette compact` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compacted {
    /// Upserted entries written into the gazetteer file.
    pub folded: usize,
    /// Edits left in the journal (upserts replacing entries of other files, and deletes).
    pub remaining: usize,
}

/// `gazette compact`: folds the journal's upserts of new entities into the gazetteer file
/// `into` (a `.jsonl` file, normally inside a `--gazetteer` directory; its stem becomes their
/// namespace) and rewrites the journal to what is left: upserts that replace entries defined in
/// other gazetteer files, and deletes (a file cannot delete another file's entry). Holds the
/// journal's lock, so it refuses to run while a server uses the data directory.
///
/// The file is written (atomically) before the journal is rewritten, so a crash in between
/// leaves an entity in both, which loads the same.
pub fn compact(
    data_dir: &Path,
    gazetteers: &[PathBuf],
    include_default: bool,
    into: &Path,
) -> Result<Compacted, CompactError> {
    use std::collections::{BTreeMap, BTreeSet, HashSet};

    use crate::journal::{Edit, Journal};

    if crate::gazetteer::Format::from_file_name(&into.to_string_lossy())
        != Some(crate::gazetteer::Format::Jsonl)
    {
        return Err(CompactError::Into(format!(
            "{} must be a .jsonl file",
            into.display()
        )));
    }
    let (mut journal, replayed) = Journal::open(data_dir)?;
    // The journal folded: last write per id wins.
    let mut upserts: BTreeMap<String, (String, serde_json::Value)> = BTreeMap::new();
    let mut deletes: BTreeSet<String> = BTreeSet::new();
    for e in replayed.edits {
        match e {
            Edit::Upsert { namespace, entry } => {
                let id = entry["id"].as_str().unwrap_or_default().to_string();
                deletes.remove(&id);
                upserts.insert(id, (namespace, entry));
            }
            Edit::Delete { id } => {
                upserts.remove(&id);
                deletes.insert(id);
            }
        }
    }
    // The target file's current entries, by id, in order.
    let mut lines: Vec<(String, serde_json::Value)> = Vec::new();
    if into.exists() {
        let text = std::fs::read_to_string(into).map_err(|source| CommandError::Input {
            path: into.display().to_string(),
            source,
        })?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| CompactError::Into(format!("{}:{}: {e}", into.display(), i + 1)))?;
            lines.push((v["id"].as_str().unwrap_or_default().to_string(), v));
        }
    }
    let into_ids: HashSet<String> = lines.iter().map(|(id, _)| id.clone()).collect();
    // Ids other files define: upserts of those must stay in the journal, or the next load
    // would see the id twice.
    let loaded = sources::load(gazetteers, include_default)?;
    let elsewhere: HashSet<String> = loaded
        .gazetteer
        .entries()
        .map(|e| e.id().to_string())
        .filter(|id| !into_ids.contains(id))
        .collect();

    let mut remaining: Vec<Edit> = Vec::new();
    let mut folded = 0;
    for (id, (namespace, entry)) in upserts {
        if elsewhere.contains(&id) {
            remaining.push(Edit::Upsert { namespace, entry });
        } else {
            match lines.iter_mut().find(|(x, _)| *x == id) {
                Some(slot) => slot.1 = entry,
                None => lines.push((id, entry)),
            }
            folded += 1;
        }
    }
    for id in deletes {
        let before = lines.len();
        lines.retain(|(x, _)| *x != id);
        if lines.len() == before {
            remaining.push(Edit::Delete { id });
        }
    }
    let tmp = into.with_extension("jsonl.tmp");
    let mut out = String::new();
    for (_, v) in &lines {
        out.push_str(&v.to_string());
        out.push('\n');
    }
    let write = |p: &Path, s: &str| -> std::io::Result<()> {
        let mut f = std::fs::File::create(p)?;
        f.write_all(s.as_bytes())?;
        f.sync_all()
    };
    write(&tmp, &out)
        .and_then(|()| std::fs::rename(&tmp, into))
        .map_err(CommandError::Output)?;
    journal.rewrite(&remaining)?;
    Ok(Compacted {
        folded,
        remaining: remaining.len(),
    })
}

/// Why `gazette compact` failed.
#[derive(Debug, thiserror::Error)]
pub enum CompactError {
    /// The journal could not be opened, read or rewritten.
    #[error(transparent)]
    Journal(#[from] crate::journal::JournalError),
    /// The target file is not usable.
    #[error("--into: {0}")]
    Into(String),
    /// Reading the gazetteers or writing the file failed.
    #[error(transparent)]
    Command(#[from] CommandError),
}

impl From<LoadErrors> for CompactError {
    fn from(e: LoadErrors) -> Self {
        CompactError::Command(CommandError::Load(e))
    }
}
