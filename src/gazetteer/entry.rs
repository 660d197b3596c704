//! The entry model: an entity of the gazetteer, its surface forms and case policies, and the
//! checks and limits every entry passes, whether it comes from a file line or an admin edit.
//!
//! This file imports nothing else of the gazetteer, so the matcher can use the entry model
//! without depending on the index that owns a matcher.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::normalize;

/// How the capitalisation of a name in the text must agree with the gazetteer's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CasePolicy {
    /// Every capitalised letter of the alias must be capitalised in the text, so `turkey` does
    /// not match `Turkey`, while an ALL-CAPS headline does. The default.
    #[default]
    Proper,
    /// Every cased letter must have the alias's case: for acronyms such as `AP` or `WHO`.
    Exact,
    /// Case is ignored.
    Insensitive,
}

impl CasePolicy {
    /// The policy's name as gazetteer files and the API spell it (serde's names: a test keeps
    /// the two equal).
    pub fn as_str(self) -> &'static str {
        match self {
            CasePolicy::Proper => "proper",
            CasePolicy::Exact => "exact",
            CasePolicy::Insensitive => "insensitive",
        }
    }

    /// The policy in two bits, for the packed tables (the entry store, the matcher's readings).
    pub(crate) fn bits(self) -> u8 {
        match self {
            CasePolicy::Proper => 0,
            CasePolicy::Exact => 1,
            CasePolicy::Insensitive => 2,
        }
    }

    /// The policy of [`CasePolicy::bits`] (the low two bits of `bits`).
    pub(crate) fn from_bits(bits: u8) -> CasePolicy {
        match bits & 3 {
            1 => CasePolicy::Exact,
            2 => CasePolicy::Insensitive,
            _ => CasePolicy::Proper,
        }
    }
}

/// Where an alias may match on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Anywhere (the default).
    #[default]
    Global,
    /// Only after the entry's name or a global alias has appeared earlier in the same document:
    /// a surname (`Assad`) that means this person only once the story has named them.
    Document,
}

impl Scope {
    /// The scope's name as gazetteer files and the API spell it (serde's names: a test keeps
    /// the two equal).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Document => "document",
        }
    }
}

/// One surface form of an entry: its name or one of its aliases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    /// The alias as written in the gazetteer.
    pub text: String,
    /// The case policy for this alias.
    pub case: CasePolicy,
    /// Where the alias may match.
    pub scope: Scope,
    /// True for forms derived by Gazette (a PERSON's surname), not written in the gazetteer.
    pub derived: bool,
}

/// One entity of the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Canonical, unique id (`Q858`, `geonames:163843`, `people:ali-habib`).
    pub id: String,
    /// Canonical name; it is also matched.
    pub name: String,
    /// Entity type, upper case (`PERSON`, `ORGANIZATION`, `LOCATION`, `NORP`, …).
    pub entity_type: String,
    /// Further surface forms that name this entity.
    pub aliases: Vec<Alias>,
    /// Case policy of the name, and the default for aliases.
    pub case: CasePolicy,
    /// Preference when one alias names several entities: higher wins.
    pub prior: f32,
    /// Free-form attributes returned with the entity (`country_code`, `wikidata`, …).
    pub attributes: BTreeMap<String, String>,
    /// The namespace (file stem) the entry came from, such as `geo`.
    pub namespace: String,
}

impl Entry {
    /// The name followed by the aliases: every form that is matched, with its case policy and
    /// scope.
    pub fn forms(&self) -> impl Iterator<Item = (&str, CasePolicy, Scope)> {
        std::iter::once((self.name.as_str(), self.case, Scope::Global)).chain(
            self.aliases
                .iter()
                .map(|a| (a.text.as_str(), a.case, a.scope)),
        )
    }

    /// Adds the surname short forms of a PERSON's name as document-scoped aliases, unless the
    /// gazetteer already lists that form.
    pub(crate) fn derive_short_forms(&mut self) {
        if self.entity_type != "PERSON" {
            return;
        }
        let existing: Vec<String> = self
            .forms()
            .map(|(f, _, _)| normalize::fold_alias(f))
            .collect();
        for short in crate::names::short_forms(&self.name) {
            if validate_alias(&short).is_ok() && !existing.contains(&normalize::fold_alias(&short))
            {
                self.aliases.push(Alias {
                    text: short,
                    case: CasePolicy::Proper,
                    scope: Scope::Document,
                    derived: true,
                });
            }
        }
    }

    /// The form with index `i` in [`Entry::forms`] order.
    pub fn form(&self, i: usize) -> &str {
        if i == 0 {
            &self.name
        } else {
            &self.aliases[i - 1].text
        }
    }
}

/// Longest name or alias accepted, in bytes: names are short, and a limit keeps the automaton
/// sane.
pub const MAX_ALIAS_BYTES: usize = 512;

/// Most aliases one entry may list (derived short forms not counted): every edit rebuilds the
/// edit layer, so one entry with 100,000 aliases made every later edit 40 times slower.
pub const MAX_ALIASES: usize = 1_000;

/// Longest id, in bytes: ids are returned with every mention and name entries in admin calls.
pub const MAX_ID_BYTES: usize = 256;

/// Most attributes one entry may carry: they are returned with every mention of it.
pub const MAX_ATTRIBUTES: usize = 64;

/// Longest attribute key, in bytes: keys are names (`country_code`), returned with every
/// mention.
pub const MAX_ATTRIBUTE_KEY_BYTES: usize = 128;

/// Longest attribute value, in bytes: attributes are identifiers and short facts, not documents.
pub const MAX_ATTRIBUTE_VALUE_BYTES: usize = 4_096;

/// Largest `prior` magnitude: scores add small context bonuses (4, 8) to the prior, which a
/// float of 1e30 would swallow.
pub const MAX_PRIOR: f32 = 1_000_000.0;

/// What is wrong with one entry, and in which of its fields (`prior`, `aliases[3]`; empty for
/// the entry as a whole).
///
/// ```
/// let err = gazette::gazetteer::parse_entry(r#"{"name":"X","type":"LOCATION","prior":1e39}"#, "geo")
///     .unwrap_err();
/// assert_eq!(err.field.as_str(), "prior");
/// assert_eq!(err.to_string(), format!("prior: {}", err.message));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.render())]
pub struct EntryError {
    /// The field, relative to the entry.
    pub field: crate::field_path::FieldPath,
    /// What is wrong, in lower case.
    pub message: String,
}

impl EntryError {
    /// An error in `field` (a path relative to the entry).
    pub fn new(field: crate::field_path::FieldPath, message: impl Into<String>) -> EntryError {
        EntryError {
            field,
            message: message.into(),
        }
    }

    /// An error about the entry as a whole.
    pub fn whole(message: impl Into<String>) -> EntryError {
        EntryError::new(crate::field_path::FieldPath::new(), message)
    }

    /// An error in the top-level field `name`.
    pub(crate) fn at(name: &str, message: impl Into<String>) -> EntryError {
        EntryError::new(crate::field_path::FieldPath::new().field(name), message)
    }

    fn render(&self) -> String {
        if self.field.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.field, self.message)
        }
    }
}

/// Checks a `prior` and returns it as stored: finite, at most [`MAX_PRIOR`] in magnitude, and
/// `-0` as `0` (so the two spell one version). Used for file lines and RPC edits alike (an RPC
/// float can be NaN, which JSON cannot carry).
pub fn validate_prior(prior: f32) -> Result<f32, EntryError> {
    if !prior.is_finite() || prior.abs() > MAX_PRIOR {
        return Err(EntryError::at(
            "prior",
            format!("must be a finite number from -{MAX_PRIOR} to {MAX_PRIOR}, not {prior}"),
        ));
    }
    Ok(if prior == 0.0 { 0.0 } else { prior })
}

/// Why an alias cannot be matched (see [`validate_alias`]); parsers report it as the message of
/// an [`EntryError`] on the alias's field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AliasError {
    /// Longer than [`MAX_ALIAS_BYTES`].
    #[error("alias is {len} bytes, longer than the limit of {limit}", limit = MAX_ALIAS_BYTES)]
    TooLong {
        /// The alias's length in bytes.
        len: usize,
    },
    /// Contains a control character.
    #[error("alias {0:?} contains a control character")]
    ControlCharacter(String),
    /// Has no letter or digit: nothing the matcher could match.
    #[error("alias {0:?} has no letter or digit")]
    NoWordChar(String),
}

/// Checks an alias and returns its folded form, or why it cannot be matched.
pub(crate) fn validate_alias(alias: &str) -> Result<String, AliasError> {
    if alias.len() > MAX_ALIAS_BYTES {
        return Err(AliasError::TooLong { len: alias.len() });
    }
    if alias.chars().any(char::is_control) {
        return Err(AliasError::ControlCharacter(alias.to_string()));
    }
    if !alias.chars().any(normalize::is_word_char) {
        return Err(AliasError::NoWordChar(alias.to_string()));
    }
    Ok(normalize::fold_alias(alias))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_policy_and_scope_names_are_serdes() {
        for c in [
            CasePolicy::Proper,
            CasePolicy::Exact,
            CasePolicy::Insensitive,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for s in [Scope::Global, Scope::Document] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
    }

    /// The messages of [`AliasError`] are those of the `String` errors it replaced: parsers and
    /// clients show them, and tests compare them.
    #[test]
    fn alias_error_messages() {
        let long = "a".repeat(MAX_ALIAS_BYTES + 1);
        let cases = [
            (
                long.as_str(),
                "alias is 513 bytes, longer than the limit of 512".to_string(),
            ),
            (
                "a\tb",
                format!("alias {:?} contains a control character", "a\tb"),
            ),
            ("--", format!("alias {:?} has no letter or digit", "--")),
        ];
        for (alias, message) in cases {
            let err = validate_alias(alias).expect_err(alias);
            assert_eq!(err.to_string(), message, "{alias:?}");
        }
        assert!(validate_alias("Syria").is_ok());
    }
}
