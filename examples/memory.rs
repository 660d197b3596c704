//! What a gazetteer costs in memory: resident memory per entry after building a gazetteer from
//! a JSONL file (entries and matching index together), and for comparison what the same entries
//! cost as owned [`gazette::Entry`] values (`EntryRef::to_entry`), the shape they are parsed
//! into, and the build's peak (the high-water mark of resident memory while parsing and
//! building). Freed pages are handed back to the OS before each reading (mimalloc's
//! `mi_collect`), as `gazette serve` does every 5 s, so the settled figures are settled ones.
//!
//! `cargo run --release --example memory -- GAZETTEER.jsonl`
//! (`scripts/measure/measure-scale.sh` measures the whole server the same way.)

use gazette::{Format, GazetteerBuilder};

/// The allocator `gazette serve` uses, so the figures are the service's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Settled resident memory in bytes.
fn rss() -> anyhow::Result<f64> {
    // SAFETY: mi_collect takes no pointers and has no preconditions; it only returns memory
    // that mimalloc already holds as free.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_collect(true)
    };
    status_bytes("VmRSS")
}

/// A memory figure of `/proc/self/status` (`VmRSS`, `VmHWM`), in bytes.
fn status_bytes(key: &str) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no {key} in /proc/self/status"))?;
    Ok(kib * 1024.0)
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [path] = args.as_slice() else {
        anyhow::bail!("usage: memory GAZETTEER.jsonl");
    };
    let before = rss()?;
    let gazetteer = {
        let file = std::fs::File::open(path)?;
        let mut b = GazetteerBuilder::new();
        b.add_source("synth", path, Format::Jsonl, std::io::BufReader::new(file));
        b.build().map_err(|e| anyhow::anyhow!("{e}"))?
    };
    let built = rss()?;
    // The build's high-water mark, before the copies below raise it.
    let peak = status_bytes("VmHWM")?;
    let copies: Vec<gazette::Entry> = gazetteer.entries().map(|e| e.to_entry()).collect();
    let with_copies = rss()?;
    let n = gazetteer.len() as f64;
    let forms = gazetteer.alias_count() as f64;
    let total = (built - before) / n;
    let owned = (with_copies - built) / n;
    println!(
        "{}",
        serde_json::json!({
            "entries": gazetteer.len(), "forms": gazetteer.alias_count(),
            "forms_per_entry": forms / n,
            "gazetteer_bytes_per_entry": total.round(),
            "owned_entry_bytes_per_entry": owned.round(),
            "process_rss_mib": built / 1048576.0,
            "build_peak_bytes_per_entry": ((peak - before) / n).round(),
        })
    );
    drop(copies);
    Ok(())
}
