//! Reading `gazette tag`'s input: JSON Lines files, directories of them, or stdin, one line at
//! a time with a length limit, each line numbered for its error messages.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::error::CommandError;

/// One input: a file, or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A JSON Lines file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

/// The inputs named on the command line: `-` (or none) is stdin, a directory is its `*.jsonl`
/// files in name order. A missing path, or a directory with no `.jsonl` file, is an error
/// naming it, before anything is tagged.
pub(crate) fn resolve(paths: &[PathBuf]) -> Result<Vec<Input>, CommandError> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut inputs = Vec::new();
    for p in paths {
        if p == Path::new("-") {
            inputs.push(Input::Stdin);
            continue;
        }
        let cannot = |source| CommandError::Input {
            path: p.display().to_string(),
            source,
        };
        if !std::fs::metadata(p).map_err(cannot)?.is_dir() {
            inputs.push(Input::File(p.clone()));
            continue;
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(p)
            .map_err(cannot)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        if files.is_empty() {
            return Err(CommandError::Empty(format!(
                "{}: no .jsonl file in this directory",
                p.display()
            )));
        }
        files.sort();
        inputs.extend(files.into_iter().map(Input::File));
    }
    Ok(inputs)
}

/// The total size of `inputs` in bytes, when every one is a file (for the progress bar's ETA).
pub(crate) fn total_bytes(inputs: &[Input]) -> Option<u64> {
    inputs
        .iter()
        .map(|i| match i {
            Input::File(f) => std::fs::metadata(f).ok().map(|m| m.len()),
            Input::Stdin => None,
        })
        .sum()
}

/// Where a line came from: `file:line`.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// The file's name (`-` for stdin), shared by its lines.
    pub(crate) source: Arc<str>,
    /// 1-based.
    pub(crate) line: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// One line read.
#[derive(Debug)]
pub(crate) enum Line {
    /// The line's bytes, without the newline.
    Read(Vec<u8>),
    /// The line was longer than the limit (its length); it was skipped, not kept.
    TooLong(usize),
}

/// Reads every non-blank line of `inputs` in order and hands it to `each` with its origin and
/// its size in bytes (newline included); stops early when `each` returns false.
pub(crate) fn for_each_line(
    inputs: &[Input],
    max_line_bytes: usize,
    mut each: impl FnMut(Origin, Line, usize) -> bool,
) -> Result<(), CommandError> {
    for input in inputs {
        let (name, reader): (String, Box<dyn Read>) = match input {
            Input::Stdin => ("-".into(), Box::new(std::io::stdin())),
            Input::File(f) => {
                let name = f.display().to_string();
                let file = std::fs::File::open(f).map_err(|source| CommandError::Input {
                    path: name.clone(),
                    source,
                })?;
                (name, Box::new(file))
            }
        };
        let source: Arc<str> = name.as_str().into();
        let mut reader = BufReader::with_capacity(1 << 16, reader);
        let mut number = 0;
        loop {
            let mut buf = Vec::new();
            let read = read_line(&mut reader, &mut buf, max_line_bytes).map_err(|e| {
                CommandError::Input {
                    path: name.clone(),
                    source: e,
                }
            })?;
            let Some((size, too_long)) = read else { break };
            number += 1;
            let line = match too_long {
                Some(len) => Line::TooLong(len),
                None if buf.iter().all(u8::is_ascii_whitespace) => continue,
                None => Line::Read(buf),
            };
            let origin = Origin {
                source: source.clone(),
                line: number,
            };
            if !each(origin, line, size) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Reads one line into `buf` (without its `\n`): `None` at the end of input, else the bytes
/// consumed and, when the line is over `max` bytes, its length (the line is consumed, `buf`
/// left empty: memory stays bounded whatever the input).
fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<(usize, Option<usize>)>> {
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok((consumed > 0).then(|| (consumed, too_long.then_some(consumed))));
        }
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long && buf.len() + part.len() > max {
            too_long = true;
            buf.clear();
            buf.shrink_to_fit();
        }
        if !too_long {
            buf.extend_from_slice(part);
        }
        let n = done.unwrap_or(chunk.len());
        reader.consume(n);
        consumed += n;
        if done.is_some() {
            let len = consumed - 1;
            return Ok(Some((consumed, too_long.then_some(len))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str, max: usize) -> Vec<(usize, Option<usize>, String)> {
        let mut r = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line(&mut r, &mut buf, max).expect("read") {
                None => return out,
                Some((n, long)) => out.push((n, long, String::from_utf8(buf).expect("utf-8"))),
            }
        }
    }

    #[test]
    fn lines_are_split_with_and_without_a_final_newline() {
        assert_eq!(
            lines("ab\n\ncd", 10),
            [
                (3, None, "ab".into()),
                (1, None, String::new()),
                (2, None, "cd".into())
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_and_measured_and_the_next_one_read() {
        let got = lines("0123456789abc\nok\n", 5);
        assert_eq!(got, [(14, Some(13), String::new()), (3, None, "ok".into())]);
        assert_eq!(lines("12345\n", 5), [(6, None, "12345".into())]);
        assert_eq!(lines("123456", 5), [(6, Some(6), String::new())]);
    }

    #[test]
    fn a_directory_without_jsonl_files_and_a_missing_path_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = resolve(&[dir.path().to_path_buf()]).expect_err("empty");
        assert!(e.to_string().contains("no .jsonl file"), "{e}");
        std::fs::write(dir.path().join("b.jsonl"), "").expect("write");
        std::fs::write(dir.path().join("a.jsonl"), "").expect("write");
        std::fs::write(dir.path().join("notes.txt"), "").expect("write");
        let got = resolve(&[dir.path().to_path_buf()]).expect("two files");
        assert_eq!(
            got,
            [
                Input::File(dir.path().join("a.jsonl")),
                Input::File(dir.path().join("b.jsonl"))
            ]
        );
        let e = resolve(&[dir.path().join("missing")]).expect_err("missing");
        assert!(e.to_string().contains("missing"), "{e}");
        assert_eq!(resolve(&[]).expect("stdin"), [Input::Stdin]);
    }
}
