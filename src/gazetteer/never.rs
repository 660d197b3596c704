//! "Never tag" rules as gazetteer entries: an editor's way to delete a false positive for good.
//!
//! A rule is an entry of the reserved type [`NEVER_TYPE`] whose name is the form never to tag,
//! matched case-insensitively, with at most one attribute saying whose readings it suppresses:
//!
//! | rule | entry | id (derived when not given) |
//! |---|---|---|
//! | never tag `Obama` as a LOCATION | `{"never":"Obama","type":"LOCATION"}` | `never:LOCATION:obama` |
//! | never tag `Paris` as entity Q90 | `{"never":"Paris","entity":"Q90"}` | `never:entity:Q90:paris` |
//! | never tag `Obama` at all | `{"never":"Obama"}` | `never:*:obama` |
//!
//! Being an entry is what makes a rule an ordinary edit: the journal, the shared store, the
//! history, `RevertEdit`, `DeleteEntities`, merges and compaction all handle it unchanged, and
//! the gazetteer's version (a hash of its entries) changes when a rule is added or removed. It is
//! also what compiles the rule set once per gazetteer build: the rule's form is in the matcher's
//! automaton, so a document meets a rule only where the automaton finds its form, and a document
//! without any suppressed form pays nothing (see `resolve::never`).
//!
//! ```
//! use gazette::gazetteer::{parse_entry, NeverRule, NeverTarget};
//! let e = parse_entry(r#"{"never":"Obama","type":"LOCATION"}"#, "rules")?;
//! assert_eq!(e.id, "never:LOCATION:obama");
//! let rule = NeverRule::of(&e).expect("a rule");
//! assert_eq!(rule.target, NeverTarget::Type("LOCATION".into()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use super::entry::{CasePolicy, Entry, EntryError, MAX_ID_BYTES};
use crate::field_path::FieldPath;
use crate::normalize;

/// The reserved entity type of a rule's entry.
pub const NEVER_TYPE: &str = "NEVER";

/// The attribute naming the entity type a rule suppresses.
const TYPE_KEY: &str = "type";
/// The attribute naming the one entity a rule suppresses.
const ENTITY_KEY: &str = "entity";

/// Whose readings a rule suppresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeverTarget {
    /// Every entity's, whatever its type.
    Any,
    /// Every entity of this type (`LOCATION`).
    Type(String),
    /// One entity's, by id (`Q90`).
    Entity(String),
}

/// A rule read back from its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeverRule {
    /// The form never to tag, as written.
    pub form: String,
    /// Whose readings of it are suppressed.
    pub target: NeverTarget,
}

impl NeverRule {
    /// The rule an entry holds, or `None` for an ordinary entry.
    pub fn of(e: &Entry) -> Option<NeverRule> {
        (e.entity_type == NEVER_TYPE).then(|| NeverRule {
            form: e.name.clone(),
            target: target_of(e.attributes.get(TYPE_KEY), e.attributes.get(ENTITY_KEY)),
        })
    }

    /// The id a rule gets when none is given: the target and the folded form, so the same rule
    /// written twice (`Obama`, `OBAMA`) is one id, and adding it again replaces it.
    pub fn derived_id(&self) -> String {
        let form = normalize::fold_alias(&self.form).to_lowercase();
        match &self.target {
            NeverTarget::Any => format!("never:*:{form}"),
            NeverTarget::Type(t) => format!("never:{t}:{form}"),
            NeverTarget::Entity(e) => format!("never:entity:{e}:{form}"),
        }
    }

    /// The rule as an entry of `namespace`, with its derived id; validated by
    /// [`check`] when it goes through the parser.
    pub fn to_entry(&self, namespace: &str) -> Entry {
        let mut attributes = BTreeMap::new();
        match &self.target {
            NeverTarget::Any => {}
            NeverTarget::Type(t) => {
                attributes.insert(TYPE_KEY.to_string(), t.clone());
            }
            NeverTarget::Entity(e) => {
                attributes.insert(ENTITY_KEY.to_string(), e.clone());
            }
        }
        Entry {
            id: String::new(),
            name: self.form.clone(),
            entity_type: NEVER_TYPE.to_string(),
            aliases: Vec::new(),
            case: CasePolicy::Insensitive,
            prior: 0.0,
            attributes,
            namespace: namespace.to_string(),
        }
    }
}

/// The target of a rule's `type` and `entity` attributes (checked: at most one is set).
pub(crate) fn target_of(ty: Option<&String>, entity: Option<&String>) -> NeverTarget {
    match (ty, entity) {
        (Some(t), _) => NeverTarget::Type(t.clone()),
        (None, Some(e)) => NeverTarget::Entity(e.clone()),
        (None, None) => NeverTarget::Any,
    }
}

/// Checks a rule's entry (called by the parser's `finish` for entries of [`NEVER_TYPE`]) and
/// makes it canonical: one form, matched case-insensitively (a rule must see every reading the
/// matcher finds, whatever the suppressed alias's case policy), at most one of `type` and
/// `entity`, and the derived id when none is given. `validate_type` checks a type's spelling.
/// An entity id is not looked up: it may come from another file or a later edit, and a rule
/// for an absent entity suppresses nothing.
pub(crate) fn check(
    e: &mut Entry,
    validate_type: impl Fn(&str) -> Result<(), EntryError>,
) -> Result<(), EntryError> {
    if !e.aliases.is_empty() {
        return Err(EntryError::at(
            "aliases",
            "a never rule has one form (its name); write one rule per form",
        ));
    }
    let attr = |k: &str| FieldPath::new().field("attributes").key(k);
    if let Some(k) = e
        .attributes
        .keys()
        .find(|k| *k != TYPE_KEY && *k != ENTITY_KEY)
    {
        return Err(EntryError::new(
            attr(k),
            "a never rule takes only \"type\" or \"entity\"",
        ));
    }
    let (ty, entity) = (e.attributes.get(TYPE_KEY), e.attributes.get(ENTITY_KEY));
    if ty.is_some() && entity.is_some() {
        return Err(EntryError::new(
            attr(ENTITY_KEY),
            "give \"type\" or \"entity\", not both",
        ));
    }
    if let Some(t) = ty {
        validate_type(t).map_err(|err| EntryError::new(attr(TYPE_KEY), err.message))?;
        if t == NEVER_TYPE {
            return Err(EntryError::new(
                attr(TYPE_KEY),
                "a rule cannot target rules",
            ));
        }
    }
    if let Some(id) = entity {
        if id.trim().is_empty() || id.len() > MAX_ID_BYTES || id.chars().any(char::is_control) {
            return Err(EntryError::new(
                attr(ENTITY_KEY),
                format!("an entity id is 1 to {MAX_ID_BYTES} bytes without control characters"),
            ));
        }
    }
    if e.prior != 0.0 {
        return Err(EntryError::at("prior", "a never rule has no prior"));
    }
    e.case = CasePolicy::Insensitive;
    if e.id.trim().is_empty() {
        let rule = NeverRule {
            form: e.name.clone(),
            target: target_of(ty, entity),
        };
        e.id = rule.derived_id();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entry;

    #[test]
    fn ids_are_derived_from_the_folded_form_and_target() {
        let id = |json: &str| parse_entry(json, "r").map(|e| e.id);
        assert_eq!(
            id(r#"{"never":"OBAMA","type":"LOCATION"}"#).ok().as_deref(),
            Some("never:LOCATION:obama")
        );
        assert_eq!(
            id(r#"{"never":"Paris","entity":"Q90"}"#).ok().as_deref(),
            Some("never:entity:Q90:paris")
        );
        assert_eq!(
            id(r#"{"never":"Zell"}"#).ok().as_deref(),
            Some("never:*:zell")
        );
        assert_eq!(
            id(r#"{"never":"Zell","id":"mine"}"#).ok().as_deref(),
            Some("mine")
        );
    }

    #[test]
    fn bad_rules_name_their_field() {
        let err = |json: &str| parse_entry(json, "r").expect_err(json).to_string();
        assert!(err(r#"{"never":"X","type":"location"}"#).contains("type"));
        assert!(err(r#"{"never":"X","type":"A","entity":"Q1"}"#).contains("not both"));
        assert!(err(r#"{"never":"","type":"A"}"#).contains("empty"));
        assert!(err(r#"{"never":"X","colour":"red"}"#).contains("unknown field"));
        assert!(err(r#"{"name":"X","type":"NEVER","aliases":["Y"]}"#).contains("one form"));
        assert!(err(r#"{"never":"X","type":"NEVER"}"#).contains("rules"));
    }

    #[test]
    fn a_rule_round_trips_through_its_entry() {
        let rule = NeverRule {
            form: "Jordan".into(),
            target: NeverTarget::Entity("Q810".into()),
        };
        let mut e = rule.to_entry("edits");
        check(&mut e, |_| Ok(())).expect("valid");
        assert_eq!(e.id, "never:entity:Q810:jordan");
        assert_eq!(NeverRule::of(&e), Some(rule));
    }
}
