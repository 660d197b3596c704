//! What one search runs over: the gazetteer's layers, its entries and the request's options.

use std::collections::HashSet;

use super::{MatchOptions, Matcher};
use crate::gazetteer::EntryTable;

/// One layer of a gazetteer for a search: its matcher, where its entries start in the combined
/// entry table, and which of its entries are hidden (deleted or replaced by a later layer).
#[derive(Clone, Copy)]
pub(crate) struct SearchLayer<'a> {
    pub(crate) matcher: &'a Matcher,
    pub(crate) offset: u32,
    pub(crate) hidden: Option<&'a HashSet<u32>>,
}

/// One search's inputs that stay the same from field to field of a document.
#[derive(Clone, Copy)]
pub(crate) struct Search<'a> {
    /// The layers, searched as if they were one gazetteer.
    pub(crate) layers: &'a [SearchLayer<'a>],
    /// All layers' entries, indexed like mentions.
    pub(crate) entries: EntryTable<'a>,
    pub(crate) options: &'a MatchOptions<'a>,
}
