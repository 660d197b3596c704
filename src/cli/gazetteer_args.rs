//! The flags that choose the gazetteers, shared by `serve`, `extract`, `check` and `compact`.

use std::path::PathBuf;

/// Which gazetteers to load.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct GazetteerArgs {
    /// A gazetteer directory (or file) to load, in addition to the embedded default; repeat for
    /// several. Files: *.jsonl and *.tsv, the file stem is the namespace.
    #[arg(
        long = "gazetteer",
        value_name = "DIR",
        env = "GAZETTE_GAZETTEER",
        value_delimiter = ','
    )]
    pub(crate) gazetteers: Vec<PathBuf>,

    /// Do not load the embedded default gazetteer.
    #[arg(long, env = "GAZETTE_NO_DEFAULT_GAZETTEER")]
    pub(crate) no_default_gazetteer: bool,
}
