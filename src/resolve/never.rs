//! The third screen: editors' "never tag" rules (see [`crate::gazetteer::NeverRule`]).
//!
//! A rule is an entry of type `NEVER` whose form the matcher's automaton finds like any other,
//! case-insensitively; so the rule set is compiled once per gazetteer build, with the automaton,
//! and a rule reaches this screen only as a reading of a candidate whose span holds its form.
//! The screen drops that reading, and with it each other reading of the span that the rule
//! covers: of its type (or its entity, or any), through an alias equal to the rule's form after
//! the folding the matcher applies to aliases. A rule suppresses a reading, not a span: when
//! `Jordan` reads as a LOCATION and a PERSON and LOCATION is suppressed, the PERSON reading is
//! left to win. A span left without readings is no candidate; a rule's form longer than the
//! names inside it (`Paris Hilton`) takes the span from them as a longer match does.
//!
//! With no rule in the gazetteer the screen is not called at all.

use smallvec::SmallVec;

use super::suppressed::Suppressed;
use crate::gazetteer::{EntryRef, EntryTable, NEVER_TYPE};
use crate::matcher::Candidate;
use crate::normalize::fold_alias;

/// Drops the rules' readings and the readings they suppress, reporting the latter to `report`.
pub(crate) fn drop_suppressed(
    entries: EntryTable<'_>,
    candidates: &mut Vec<(usize, Candidate)>,
    mut report: Option<&mut Vec<Suppressed>>,
) {
    let is_rule = |e: u32| entries.get(e as usize).entity_type() == NEVER_TYPE;
    candidates.retain_mut(|(field, c)| {
        if !c.readings.iter().any(|r| is_rule(r.entry)) {
            return true;
        }
        let rules: SmallVec<[EntryRef<'_>; 1]> = c
            .readings
            .iter()
            .filter(|r| is_rule(r.entry))
            .map(|r| entries.get(r.entry as usize))
            .collect();
        // One fold per rule and per alias, only on spans that hold a rule's form.
        let forms: SmallVec<[String; 1]> = rules.iter().map(|r| fold_alias(r.name())).collect();
        let mut dropped: SmallVec<[(u32, usize); 2]> = SmallVec::new();
        c.readings.retain(|r| {
            if is_rule(r.entry) {
                return false;
            }
            let e = entries.get(r.entry as usize);
            let alias = fold_alias(e.form(r.form as usize));
            match rules.iter().zip(&forms).position(|(rule, form)| {
                covers(*rule, e) && alias.to_lowercase() == *form.to_lowercase()
            }) {
                Some(k) => {
                    dropped.push((r.entry, k));
                    false
                }
                None => true,
            }
        });
        if let Some(out) = report.as_deref_mut() {
            for &(entry, k) in &dropped {
                out.push(Suppressed::new(*field, c, entry, rules[k].id().to_string()));
            }
        }
        // A partial name's link must be one of the readings left.
        if c.recent_full
            .is_some_and(|e| !c.readings.iter().any(|r| r.entry == e))
        {
            c.recent_full = None;
        }
        !c.readings.is_empty()
    });
}

/// Whether `rule` targets `e`: every entry, entries of its `type`, or its one `entity`.
fn covers(rule: EntryRef<'_>, e: EntryRef<'_>) -> bool {
    match (rule.attribute("type"), rule.attribute("entity")) {
        (Some(t), _) => e.entity_type() == t,
        (None, Some(id)) => e.id() == id,
        (None, None) => true,
    }
}

#[cfg(test)]
mod tests {
    use crate::resolve::tests::found_ids;

    const GAZ: &str = r#"{"id":"JP-OBAMA","name":"Obama","type":"LOCATION"}
{"id":"JO","name":"Jordan","type":"LOCATION","prior":2}
{"id":"MJ","name":"Michael Jordan","type":"PERSON","aliases":["Jordan"]}
{"id":"Q90","name":"Paris","type":"LOCATION","aliases":["City of Light"]}
{"id":"US-PARIS","name":"Paris","type":"LOCATION","attributes":{"country_code":"US"}}
"#;

    fn with(rules: &str, text: &str) -> Vec<String> {
        found_ids(&format!("{GAZ}{rules}"), text)
    }

    #[test]
    fn a_type_rule_suppresses_every_entity_of_the_type() {
        assert_eq!(with("", "Obama spoke."), ["JP-OBAMA"]);
        let rule = r#"{"never":"obama","type":"LOCATION"}"#;
        assert!(with(rule, "Obama spoke. OBAMA again.").is_empty());
        // Another type's rule leaves it alone.
        assert_eq!(
            with(r#"{"never":"Obama","type":"PERSON"}"#, "Obama spoke."),
            ["JP-OBAMA"]
        );
    }

    #[test]
    fn a_suppressed_reading_lets_another_win() {
        assert_eq!(with("", "Jordan scored."), ["JO"]);
        let rule = r#"{"never":"Jordan","type":"LOCATION"}"#;
        assert_eq!(with(rule, "Jordan scored."), ["MJ"]);
    }

    #[test]
    fn an_entity_rule_suppresses_that_alias_of_that_entity_only() {
        let rule = r#"{"never":"Paris","entity":"Q90"}"#;
        assert_eq!(with(rule, "Paris is hot."), ["US-PARIS"]);
        // Other aliases of the entity still match.
        assert_eq!(with(rule, "The City of Light."), ["Q90"]);
    }

    #[test]
    fn a_form_rule_suppresses_every_reading_and_a_longer_form_masks_names_inside() {
        assert!(with(r#"{"never":"Paris"}"#, "Paris is hot.").is_empty());
        assert!(with(r#"{"never":"Paris Hilton"}"#, "Paris Hilton sang.").is_empty());
        assert_eq!(with(r#"{"never":"Paris Hilton"}"#, "Paris sang."), ["Q90"]);
    }

    #[test]
    fn tsv_rules_work_too() {
        let mut b = crate::GazetteerBuilder::new();
        b.add_source("g", "g.jsonl", crate::Format::Jsonl, GAZ.as_bytes());
        b.add_source(
            "r",
            "r.tsv",
            crate::Format::Tsv,
            "Obama\tNEVER:LOCATION\nParis\tNEVER\n".as_bytes(),
        );
        let g = b.build().expect("builds");
        assert!(g.get("never:LOCATION:obama").is_some());
        let ex = crate::Extractor::new(g);
        let out = ex
            .extract("Obama in Paris.", &crate::ExtractOptions::default())
            .expect("extract");
        assert!(out.mentions.is_empty());
    }
}
