//! The `ExtractRequest` options a flag sets, shared by `gazette extract` and `gazette tag`.

use crate::offsets::Encoding;

/// What each request asks for, shared by `extract` and `tag`: the `ExtractRequest` options a
/// flag sets. Values are checked by the server's own validation, so a value the server refuses
/// is refused here too, with the same message.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct RequestArgs {
    /// Offset unit: utf8, utf16 or code-point.
    #[arg(long, default_value = "utf8", value_parser = parse_encoding)]
    pub(crate) encoding: Encoding,
    /// Only these entity types (comma-separated, upper case, e.g. LOCATION,NORP).
    #[arg(long = "types", value_delimiter = ',')]
    pub(crate) entity_types: Vec<String>,
    /// Explain each mention: alias, folding steps, deciding rule.
    #[arg(long)]
    pub(crate) explain: bool,
    /// Also suggest unlisted names that look like people, organisations or places.
    #[arg(long)]
    pub(crate) suggest: bool,
}

impl RequestArgs {
    /// These options as request fields, for a document to be filled in.
    pub(crate) fn to_request(&self) -> crate::proto::v1::ExtractRequest {
        use crate::proto::v1::OffsetEncoding;
        let offset_encoding = match self.encoding {
            Encoding::Utf8 => OffsetEncoding::Utf8,
            Encoding::Utf16 => OffsetEncoding::Utf16,
            Encoding::CodePoint => OffsetEncoding::CodePoint,
        };
        crate::proto::v1::ExtractRequest {
            offset_encoding: offset_encoding as i32,
            entity_types: self.entity_types.clone(),
            explain: self.explain,
            suggest: self.suggest,
            ..Default::default()
        }
    }
}

/// Parses an `--encoding` value.
pub(crate) fn parse_encoding(s: &str) -> Result<Encoding, String> {
    match s.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf8" | "utf-8" => Ok(Encoding::Utf8),
        "utf16" | "utf-16" => Ok(Encoding::Utf16),
        "code-point" | "codepoint" => Ok(Encoding::CodePoint),
        _ => Err(format!(
            "unknown encoding {s:?}: use utf8, utf16 or code-point"
        )),
    }
}
