//! `gazette extract`: tags a file or stdin offline and prints the RPC's response as JSON.

use std::io::{Read, Write};
use std::path::Path;

use super::args::ExtractArgs;
use super::error::CommandError;
use super::response_json::Response;
use crate::extract::{ExtractError, Extractor, Field};
use crate::proto::v1::{self as pb, ExtractResponse};
use crate::sources;
use crate::transport::request::{validate, ValidRequest};
use crate::transport::response::to_response;

/// `gazette extract`: tags the input (a file, or stdin for none or `-`) with the headline and
/// fields of the flags, and writes the `ExtractResponse` the RPC would return, as JSON with
/// every field. The request is checked by the server's own validation first, so a value the
/// server refuses (`--types location`) is refused here too, with the same message.
pub(crate) fn extract(args: &ExtractArgs, out: &mut impl Write) -> Result<(), CommandError> {
    let loaded = sources::load(
        &args.gazetteer.gazetteers,
        !args.gazetteer.no_default_gazetteer,
    )?;
    let (name, text) = read_input(args.file.as_deref())?;
    let request = pb::ExtractRequest {
        document_id: name,
        text,
        headline: args.headline.clone().unwrap_or_default(),
        fields: args
            .fields
            .iter()
            .map(|(name, text)| pb::Field {
                name: name.clone(),
                text: text.clone(),
            })
            .collect(),
        ..args.request.to_request()
    };
    // No size limit offline but the core's own: the file is the user's, not a client's.
    let valid = validate(request, usize::MAX, &loaded.gazetteer)?;
    let response = respond(&Extractor::new(loaded.gazetteer), &valid)?;
    serde_json::to_writer_pretty(&mut *out, &Response::from(response))?;
    writeln!(out)?;
    Ok(())
}

/// The response to a validated request, as the server builds it (without its deadline and
/// cancellation): shared by `extract` and offline `tag`.
pub(crate) fn respond(
    extractor: &Extractor,
    valid: &ValidRequest,
) -> Result<ExtractResponse, ExtractError> {
    let fields: Vec<Field<'_>> = valid
        .fields
        .iter()
        .map(|(name, text)| Field { name, text })
        .collect();
    let extraction = extractor.extract_fields(&fields, &valid.options)?;
    Ok(to_response(
        valid.document_id.clone(),
        &valid.fields,
        &extraction,
    ))
}

fn read_input(input: Option<&Path>) -> Result<(String, String), CommandError> {
    let (name, bytes) = match input {
        None => read_stdin()?,
        Some(p) if p == Path::new("-") => read_stdin()?,
        Some(p) => {
            let name = p.display().to_string();
            match std::fs::read(p) {
                Ok(bytes) => (name, bytes),
                Err(source) => return Err(CommandError::Input { path: name, source }),
            }
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok((name, text)),
        Err(e) => Err(CommandError::Input {
            path: name,
            source: std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not UTF-8: {}", e.utf8_error()),
            ),
        }),
    }
}

fn read_stdin() -> Result<(String, Vec<u8>), CommandError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|source| CommandError::Input {
            path: "-".into(),
            source,
        })?;
    Ok(("-".into(), bytes))
}
