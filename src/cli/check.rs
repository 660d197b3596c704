//! `gazette check`: validates gazetteer files and prints counts, or every error.

use std::io::Write;
use std::path::PathBuf;

use super::error::CommandError;
use crate::sources;

/// `gazette check`: loads only `paths`, and writes counts per type and namespace; when they do
/// not load, the error lists every problem in every file. The server keeps and answers only the
/// first few of a failed reload (and their count), and points here for the rest.
///
/// A path holding no gazetteer file, or paths holding no entry at all, fail: a mistyped
/// directory would otherwise pass as "ok: 0 entries".
pub(crate) fn check(paths: &[PathBuf], out: &mut impl Write) -> Result<(), CommandError> {
    let loaded = sources::load(paths, false)?;
    let empty: Vec<String> = paths
        .iter()
        .filter(|p| !loaded.files.iter().any(|f| f.starts_with(p)))
        .map(|p| format!("{}: no .jsonl or .tsv file here", p.display()))
        .collect();
    if !empty.is_empty() {
        return Err(CommandError::Empty(empty.join("\n")));
    }
    let g = &loaded.gazetteer;
    if g.is_empty() {
        return Err(CommandError::Empty(format!(
            "no entries in {} file(s): {}",
            loaded.files.len(),
            loaded
                .files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
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
    // Rules are entries of type NEVER (so counted above too); said in their own words here.
    let rules = g
        .counts()
        .by_type
        .get(crate::gazetteer::NEVER_TYPE)
        .map_or(0, |c| c.0);
    writeln!(out, "never rules: {rules}")?;
    writeln!(out, "by namespace:")?;
    for (ns, n) in &g.counts().by_namespace {
        writeln!(out, "  {ns:<16} {n:>8} entries")?;
    }
    Ok(())
}
