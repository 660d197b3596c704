//! `gazette extract`: tags a file or stdin offline and prints the RPC's response as JSON.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::error::CommandError;
use crate::extract::{ExtractOptions, Extractor};
use crate::sources;
use crate::transport::response::to_response;

/// `gazette extract`: tags `input` (a file, or stdin for `None`/`-`) and writes the same
/// `ExtractResponse` the RPC returns, as proto3 JSON.
pub(crate) fn extract(
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
