//! Undo: the edit that puts an entity back as it was before one of its edits.
//!
//! What an entity was before edit `n` is whatever its previous edit left (an entry, or a
//! delete), or, with no previous edit, the gazetteer files' entry: undoing writes that same
//! state again as a new edit ([`Edit::Restore`] for the files' entry), so the undo is in the
//! history and can be undone in turn. Only the newest edit of an entity can be undone: undoing
//! an older one would silently throw away the edits after it.
//!
//! ```
//! use gazette::edits::{revert, Edit, Logged};
//! let delete = |seq| Logged {
//!     seq,
//!     edit: Edit::Delete { id: "Q90".into() },
//!     before: Default::default(),
//!     meta: Default::default(),
//! };
//! // Paris, from a file, deleted at seq 4: the undo restores the file's entry.
//! assert_eq!(revert(4, &[delete(4)])?, Edit::Restore { id: "Q90".into() });
//! // Deleted twice: undoing seq 9 leaves it deleted (as seq 4 left it)…
//! assert_eq!(revert(9, &[delete(4), delete(9)])?, Edit::Delete { id: "Q90".into() });
//! // …and seq 4 cannot be undone before seq 9.
//! assert!(revert(4, &[delete(4), delete(9)]).is_err());
//! # Ok::<(), gazette::edits::RevertError>(())
//! ```

use super::{Edit, Logged};

/// Why an edit cannot be undone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevertError {
    /// No edit in the log has this seq (never made, or folded away by `gazette compact`).
    #[error("no edit has seq {seq}")]
    NotFound {
        /// The seq asked for.
        seq: u64,
    },
    /// A later edit changed the same entity; undo it first.
    #[error("edit {seq} cannot be undone: edit {by} changed {id:?} after it; undo that one first")]
    Superseded {
        /// The seq asked for.
        seq: u64,
        /// The entity both edits changed.
        id: String,
        /// The newest edit of that entity.
        by: u64,
    },
}

/// The edit that undoes edit `seq`, given `history`: every edit of that edit's entity in the
/// log, in any order.
pub fn revert(seq: u64, history: &[Logged]) -> Result<Edit, RevertError> {
    let target = history
        .iter()
        .find(|l| l.seq == seq)
        .ok_or(RevertError::NotFound { seq })?;
    let id = target.edit.id();
    let same = || history.iter().filter(|l| l.edit.id() == id);
    if let Some(newest) = same().filter(|l| l.seq > seq).map(|l| l.seq).max() {
        return Err(RevertError::Superseded {
            seq,
            id: id.to_string(),
            by: newest,
        });
    }
    let previous = same().filter(|l| l.seq < seq).max_by_key(|l| l.seq);
    Ok(match previous.map(|l| &l.edit) {
        Some(e @ (Edit::Upsert(_) | Edit::Delete { .. })) => e.clone(),
        Some(Edit::Restore { .. }) | None => Edit::Restore { id: id.to_string() },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entry;

    fn at(seq: u64, edit: Edit) -> Logged {
        Logged {
            seq,
            edit,
            before: Default::default(),
            meta: Default::default(),
        }
    }

    fn upsert(name: &str) -> Edit {
        let line = format!(r#"{{"id":"p:1","name":"{name}","type":"PERSON"}}"#);
        Edit::Upsert(parse_entry(&line, "people").unwrap())
    }

    fn restore() -> Edit {
        Edit::Restore { id: "p:1".into() }
    }

    #[test]
    fn an_undo_writes_what_the_previous_edit_left() {
        let first = at(2, upsert("Ali Habib"));
        let cases = [
            ("a new entity", vec![at(2, upsert("A B"))], 2, restore()),
            (
                "a renamed one",
                vec![first.clone(), at(5, upsert("Ali Habeeb"))],
                5,
                upsert("Ali Habib"),
            ),
            (
                "a deleted one",
                vec![first.clone(), at(7, Edit::Delete { id: "p:1".into() })],
                7,
                upsert("Ali Habib"),
            ),
            (
                "after a restore",
                vec![first.clone(), at(3, restore()), at(4, upsert("C D"))],
                4,
                restore(),
            ),
            (
                "the undo of an undo",
                vec![first.clone(), at(3, restore())],
                3,
                upsert("Ali Habib"),
            ),
        ];
        for (name, history, seq, want) in cases {
            assert_eq!(revert(seq, &history), Ok(want), "{name}");
        }
    }

    #[test]
    fn only_the_newest_edit_of_an_entity_is_undone() {
        let history = [at(2, upsert("A B")), at(9, upsert("C D"))];
        assert_eq!(
            revert(2, &history),
            Err(RevertError::Superseded {
                seq: 2,
                id: "p:1".into(),
                by: 9
            })
        );
        assert_eq!(revert(3, &history), Err(RevertError::NotFound { seq: 3 }));
    }
}
