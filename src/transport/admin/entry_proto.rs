//! An entry as the admin API answers it (GetEntity, and both sides of an edit in ListEdits).

use crate::gazetteer::{Entry, Scope};
use crate::proto::v1::{AliasDetail, GazetteerEntry};

/// An entry as GetEntity answers it, shaped so that sending it back through UpsertEntities gives
/// the same entry: each alias in the field that says what it is. Derived short forms have their
/// own field because as `aliases` they would come back as ordinary aliases, matched with no full
/// name before them; an alias with its own case or scope as a plain string would lose it.
pub(super) fn to_proto(e: &Entry) -> GazetteerEntry {
    let (mut aliases, mut alias_details, mut derived_aliases) =
        (Vec::new(), Vec::new(), Vec::new());
    for a in &e.aliases {
        let text = a.text.clone();
        if a.derived {
            derived_aliases.push(text);
        } else if a.case == e.case && a.scope == Scope::Global {
            aliases.push(text);
        } else {
            alias_details.push(AliasDetail {
                text,
                case: a.case.as_str().to_string(),
                scope: a.scope.as_str().to_string(),
            });
        }
    }
    GazetteerEntry {
        id: e.id.clone(),
        name: e.name.clone(),
        r#type: e.entity_type.clone(),
        aliases,
        alias_details,
        derived_aliases,
        case: e.case.as_str().to_string(),
        attributes: e.attributes.clone().into_iter().collect(),
        prior: e.prior,
        namespace: e.namespace.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::Overlay;
    use crate::gazetteer::{Format, GazetteerBuilder};
    use crate::proto::v1::UpsertEntitiesRequest;
    use crate::transport::admin::edits::upsert_edits;

    /// GetEntity's answer, sent back through UpsertEntities, gives the same answer: derived
    /// forms stay derived, an alias's own case and scope stay its own, whatever the order of
    /// the aliases in the file.
    #[test]
    fn get_entity_round_trips_through_an_upsert() {
        let lines = [
            r#"{"id":"p:1","name":"Bashar al-Assad","type":"PERSON","aliases":["President Assad",{"text":"BAA","case":"exact"},"Dr Assad",{"text":"Bashar","scope":"document"}]}"#,
            r#"{"id":"o:1","name":"WHO","type":"ORGANIZATION","case":"exact","aliases":[{"text":"who","case":"insensitive"},{"text":"WHO Geneva","case":"exact","scope":"document"}],"prior":2,"attributes":{"a":"b"}}"#,
            r#"{"id":"p:2","name":"Madonna","type":"PERSON"}"#,
        ];
        let mut b = GazetteerBuilder::new();
        b.add_source("ns", "ns.jsonl", Format::Jsonl, lines.join("\n").as_bytes());
        let g = b.build().unwrap();
        for id in ["p:1", "o:1", "p:2"] {
            let got = to_proto(&g.get(id).unwrap().to_entry());
            let edits = upsert_edits(UpsertEntitiesRequest {
                entries: vec![got.clone()],
                namespace: got.namespace.clone(),
            })
            .unwrap();
            let again = Overlay::fold(&edits).over(&g).unwrap();
            assert_eq!(to_proto(&again.get(id).unwrap().to_entry()), got, "{id}");
        }
        let assad = to_proto(&g.get("p:1").unwrap().to_entry());
        assert_eq!(assad.aliases, ["President Assad", "Dr Assad"]);
        assert_eq!(assad.derived_aliases, ["al-Assad", "Assad"]);
        let details: Vec<(&str, &str, &str)> = assad
            .alias_details
            .iter()
            .map(|a| (a.text.as_str(), a.case.as_str(), a.scope.as_str()))
            .collect();
        assert_eq!(
            details,
            [("BAA", "exact", "global"), ("Bashar", "proper", "document")]
        );
    }
}
