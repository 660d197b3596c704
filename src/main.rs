//! `gazette`: parses the command line and hands over to the library.

use std::process::ExitCode;

use clap::Parser;

/// mimalloc rather than glibc malloc: each gazetteer reload builds a new index (about 90 MiB for
/// the default) on a blocking-pool thread, and glibc kept every freed index in that thread's
/// arena, so RSS climbed by one index per new thread until it plateaued near three times the
/// steady state (100 → 288 MiB over 9 reloads in scripts/soak.sh). mimalloc returns the pages.
///
/// Built with mimalloc's `no_thp` (Cargo.toml): otherwise it madvises its 1 GiB arena
/// MADV_HUGEPAGE, and where the kernel's THP defrag is `madvise` (the common default) every
/// huge-page fault may stall in direct compaction. The default gazetteer's build faulted ~90 of
/// them, and start-up took 0.5 s or 2 s depending on how fragmented the host's memory was.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    gazette::cli::run(gazette::cli::Cli::parse())
}
