//! Reading gazetteers from disk: the thin I/O wrapper around [`GazetteerBuilder`].

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::default_gazetteer;
use crate::gazetteer::{Format, Gazetteer, GazetteerBuilder, LoadError, LoadErrors};

/// A gazetteer read from disk, with what was read.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The built gazetteer.
    pub gazetteer: Gazetteer,
    /// Files loaded, in load order.
    pub files: Vec<PathBuf>,
    /// Files in the directories that are neither `.jsonl` nor `.tsv`, and so were not read.
    pub skipped: Vec<PathBuf>,
}

/// Loads the embedded default (when `include_default`) and then every `.jsonl` and `.tsv` file
/// of each path in `paths` (a directory, read in file-name order, or a single file). Every
/// problem in every file is reported; nothing is built if there is any.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("gazette-doc-sources-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// std::fs::write(dir.join("people.tsv"), "Ali Habib\tPERSON\n")?;
/// std::fs::write(dir.join("README.md"), "not a gazetteer")?;
/// let loaded = gazette::sources::load(&[dir.clone()], false)?;
/// assert_eq!(loaded.gazetteer.len(), 1);
/// assert_eq!(loaded.skipped, [dir.join("README.md")]);
/// // A bad line is reported with its file and line, and nothing is built.
/// std::fs::write(dir.join("people.tsv"), "Ali Habib\tPERSON\nno type here\n")?;
/// let errors = gazette::sources::load(&[dir.clone()], false).unwrap_err();
/// assert_eq!(errors.0[0].line, 2);
/// std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load(paths: &[PathBuf], include_default: bool) -> Result<Loaded, LoadErrors> {
    let mut builder = GazetteerBuilder::new();
    if include_default {
        default_gazetteer::add_to(&mut builder);
    }
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut io_errors = Vec::new();
    for path in paths {
        match list(path) {
            Ok((f, s)) => {
                files.extend(f);
                skipped.extend(s);
            }
            Err(e) => io_errors.push(e),
        }
    }
    for file in &files {
        add_file(&mut builder, file, &mut io_errors);
    }
    if !io_errors.is_empty() {
        let mut all = io_errors;
        all.extend(builder.errors().iter().cloned());
        return Err(LoadErrors(all));
    }
    Ok(Loaded {
        gazetteer: builder.build()?,
        files,
        skipped,
    })
}

/// The gazetteer files under `path` (sorted) and the other files found there.
fn list(path: &Path) -> Result<(Vec<PathBuf>, Vec<PathBuf>), LoadError> {
    let io_err = |e: std::io::Error| LoadError {
        source_name: path.display().to_string(),
        line: 0,
        message: format!("cannot read: {e}"),
    };
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if meta.is_file() {
        return Ok((vec![path.to_path_buf()], Vec::new()));
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(io_err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    Ok(entries.into_iter().partition(|p| format_of(p).is_some()))
}

fn format_of(path: &Path) -> Option<Format> {
    Format::from_file_name(&path.file_name()?.to_string_lossy())
}

fn add_file(builder: &mut GazetteerBuilder, path: &Path, errors: &mut Vec<LoadError>) {
    let name = path.display().to_string();
    let Some(format) = format_of(path) else {
        errors.push(LoadError {
            source_name: name,
            line: 0,
            message: "unsupported file type: expected .jsonl or .tsv".into(),
        });
        return;
    };
    let namespace = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match File::open(path) {
        Ok(f) => {
            builder.add_source(&namespace, &name, format, std::io::BufReader::new(f));
        }
        Err(e) => errors.push(LoadError {
            source_name: name,
            line: 0,
            message: format!("cannot open: {e}"),
        }),
    }
}
