//! `--resume`: the ids an earlier run already answered, and the output file reopened to append.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom};
use std::path::Path;

use serde::Deserialize;

use crate::cli::error::CommandError;

/// A line of an earlier run's output: a response (`documentId`) or an error line (`error`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Written {
    document_id: Option<String>,
    error: Option<serde::de::IgnoredAny>,
}

/// The ids with a response line in `path` (no file: none). Ids with only an error line are not
/// among them, so they are tried again. A last line cut short (the earlier run was killed while
/// writing it) is cut off the file, so that appending starts on a line of its own.
pub(crate) fn answered(path: &Path) -> Result<HashSet<String>, CommandError> {
    let cannot = |source| CommandError::Resume {
        path: path.to_path_buf(),
        source,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(cannot(e)),
    };
    let mut ids = HashSet::new();
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut whole = 0u64;
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(cannot)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        whole += n as u64;
        if let Ok(Written {
            document_id: Some(id),
            error: None,
        }) = serde_json::from_slice(&line)
        {
            ids.insert(id);
        }
    }
    let len = std::fs::metadata(path).map_err(cannot)?.len();
    if len > whole {
        OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|f| f.set_len(whole))
            .map_err(cannot)?;
    }
    Ok(ids)
}

/// The output file: appended to when resuming, else created or emptied.
pub(crate) fn open(path: &Path, resume: bool) -> Result<File, CommandError> {
    let opened = if resume {
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .and_then(|mut f| f.seek(SeekFrom::End(0)).map(|_| f))
    } else {
        File::create(path)
    };
    opened.map_err(|source| CommandError::Input {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_count_errors_do_not_and_a_cut_last_line_is_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.jsonl");
        let text = concat!(
            "{\"documentId\":\"a\",\"mentions\":[]}\n",
            "{\"documentId\":\"b\",\"source\":\"in:2\",\"error\":{\"code\":\"X\"}}\n",
            "{\"documentId\":\"c\",\"mentions\":[]}\n",
            "{\"documentId\":\"d\",\"menti"
        );
        std::fs::write(&path, text).expect("write");
        let ids = answered(&path).expect("read");
        assert_eq!(ids, HashSet::from(["a".to_string(), "c".to_string()]));
        let kept = std::fs::read_to_string(&path).expect("read");
        assert!(kept.ends_with("\"c\",\"mentions\":[]}\n"), "{kept}");
        assert!(answered(&dir.path().join("none.jsonl"))
            .expect("no file")
            .is_empty());
    }
}
