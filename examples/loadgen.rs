//! A bounded gRPC load generator for a Gazette server on loopback: a mix of Extract,
//! ExtractStream and cancelled calls from many concurrent workers, optional SIGHUP reloads of
//! the server, and a report of requests, codes, latency percentiles, server CPU per request and
//! server RSS over the run.
//!
//! ```text
//! cargo run --release --example loadgen -- --addr 127.0.0.1:50051 --seconds 60 \
//!     --workers 32 --corpus tests/data/eval --server-pid 1234 --reload-every 20
//! ```
//!
//! It stops by itself after `--seconds` or `--max-requests`, and refuses non-loopback addresses.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::{Buf, BufMut, Bytes};
use clap::Parser;
use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::{ExtractRequest, ExtractResponse};
use http::uri::PathAndQuery;
use prost::Message;
use tokio_stream::StreamExt;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::transport::Channel;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::{HealthCheckRequest, HealthCheckResponse};

/// The server's allocator here too: the generator shares the CPUs with the server, and with
/// glibc malloc decoding the Extract responses took a sixth of its samples.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
struct Args {
    /// Server address; must be a loopback address.
    #[arg(long, default_value = "127.0.0.1:50051")]
    addr: SocketAddr,
    /// Stop after this many seconds.
    #[arg(long, default_value_t = 30)]
    seconds: u64,
    /// Stop after this many calls in all.
    #[arg(long, default_value_t = 10_000_000)]
    max_requests: u64,
    /// Concurrent workers, each with one call in flight, spread over `--connections`.
    #[arg(long, default_value_t = 16)]
    workers: usize,
    /// HTTP/2 connections.
    #[arg(long, default_value_t = 4)]
    connections: usize,
    /// Weights of unary Extract, 5-document ExtractStream, cancelled calls and health Check (a
    /// no-op RPC: the transport baseline).
    #[arg(long, default_value = "70,20,10,0", value_delimiter = ',')]
    mix: Vec<u32>,
    /// Open loop: this many calls per second in all, evenly spaced and each timed from when it
    /// was due, instead of `--workers` calls in flight answered as fast as the server can.
    #[arg(long)]
    rate: Option<f64>,
    /// Directory of texts: *.json files with a "text" field (the eval set) or *.txt files
    /// (form-feed lines separate articles).
    #[arg(long, default_value = "tests/data/eval")]
    corpus: PathBuf,
    /// The server's pid: sampled for RSS and CPU, and sent SIGHUP with --reload-every.
    #[arg(long)]
    server_pid: Option<u32>,
    /// Send the server SIGHUP (a gazetteer reload) every this many seconds.
    #[arg(long)]
    reload_every: Option<u64>,
    /// Unary Extract and health Check calls send requests encoded once up front and keep the
    /// answers as bytes (one in 1,024 is decoded and checked), as h2load would: the generator
    /// shares the server's CPUs, and decoding every Extract answer was most of its own work.
    #[arg(long)]
    lean: bool,
}

/// Requests encoded once, for `--lean`.
struct Lean {
    extract: Vec<Bytes>,
    health: Bytes,
}

impl Lean {
    fn new(texts: &[String]) -> Lean {
        let extract = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let req = ExtractRequest {
                    document_id: format!("doc-{i}"),
                    text: t.clone(),
                    ..Default::default()
                };
                Bytes::from(req.encode_to_vec())
            })
            .collect();
        let health = Bytes::from(HealthCheckRequest::default().encode_to_vec());
        Lean { extract, health }
    }
}

/// Sends and receives messages as the bytes they are on the wire.
#[derive(Debug, Clone, Copy, Default)]
struct RawCodec;

impl Codec for RawCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = RawCodec;
    type Decoder = RawCodec;

    fn encoder(&mut self) -> RawCodec {
        RawCodec
    }

    fn decoder(&mut self) -> RawCodec {
        RawCodec
    }
}

impl Encoder for RawCodec {
    type Item = Bytes;
    type Error = tonic::Status;

    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), tonic::Status> {
        dst.put(item);
        Ok(())
    }
}

impl Decoder for RawCodec {
    type Item = Bytes;
    type Error = tonic::Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Bytes>, tonic::Status> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

/// One `--lean` unary call of `path` with `body`. When `n` is a multiple of 1,024 the answer is
/// decoded as `M` and must pass `valid`; one that does not counts as DATA_LOSS.
async fn lean_call<M: Message + Default>(
    channel: &Channel,
    path: &'static str,
    body: Bytes,
    n: u64,
    valid: fn(&M) -> bool,
) -> tonic::Code {
    let mut grpc = tonic::client::Grpc::new(channel.clone());
    if let Err(e) = grpc.ready().await {
        return tonic::Status::from_error(e.into()).code();
    }
    let path = PathAndQuery::from_static(path);
    match grpc.unary(tonic::Request::new(body), path, RawCodec).await {
        Err(s) => s.code(),
        Ok(answer)
            if n.is_multiple_of(1024)
                && !M::decode(answer.get_ref().clone()).is_ok_and(|m| valid(&m)) =>
        {
            tonic::Code::DataLoss
        }
        Ok(_) => tonic::Code::Ok,
    }
}

#[derive(Default)]
struct Tally {
    codes: BTreeMap<(&'static str, String), u64>,
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    /// Open loop: how long after its due time each call began, the generator's own delay
    /// (pacing thread and its runtime), which is inside every latency it reports.
    start_delays: Vec<Duration>,
}

impl Tally {
    fn record(&mut self, op: &'static str, code: tonic::Code, took: Duration) {
        *self.codes.entry((op, format!("{code:?}"))).or_default() += 1;
        if code == tonic::Code::Ok {
            self.latencies.entry(op).or_default().push(took);
        }
    }
}

fn load_corpus(dir: &PathBuf) -> anyhow::Result<Vec<String>> {
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let raw = std::fs::read_to_string(&path)?;
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {
                let v: serde_json::Value = serde_json::from_str(&raw)?;
                if let Some(t) = v["text"].as_str() {
                    texts.push(t.to_string());
                }
            }
            // bench_corpus writes many articles per file, separated by form-feed lines.
            Some("txt") => texts.extend(raw.split("\n\u{c}\n").map(str::to_string)),
            _ => {}
        }
    }
    anyhow::ensure!(!texts.is_empty(), "no texts in {}", dir.display());
    Ok(texts)
}

/// What is read of the server process at one moment.
struct Sample {
    rss_bytes: u64,
    cpu_seconds: f64,
    /// Context switches summed over its threads: voluntary (a thread waited, e.g. parked with
    /// nothing to do) and involuntary (preempted, e.g. by the load generator's own threads).
    switches: (u64, u64),
}

/// Resident set size, CPU seconds (user + system) and context switches of `pid`, from /proc.
fn sample(pid: u32) -> Option<Sample> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |status: &str, name: &str| -> Option<u64> {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    let rss_kib = field(&status, "VmRSS:")?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15, in
    // clock ticks (100 per second on Linux).
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // The process's own status counts only its main thread's switches.
    let mut switches = (0, 0);
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .ok()?
        .flatten()
    {
        if let Ok(status) = std::fs::read_to_string(task.path().join("status")) {
            switches.0 += field(&status, "voluntary_ctxt_switches:").unwrap_or(0);
            switches.1 += field(&status, "nonvoluntary_ctxt_switches:").unwrap_or(0);
        }
    }
    Some(Sample {
        rss_bytes: rss_kib * 1024,
        cpu_seconds: ticks / 100.0,
        switches,
    })
}

fn doc(texts: &[String], n: u64) -> ExtractRequest {
    let text = &texts[(n as usize) % texts.len()];
    ExtractRequest {
        document_id: format!("doc-{n}"),
        text: text.clone(),
        ..Default::default()
    }
}

/// What every worker shares: the texts, the mix, the call budget and the results.
struct Plan {
    texts: Vec<String>,
    lean: Option<Lean>,
    mix: [u32; 4],
    counter: AtomicU64,
    max: u64,
    stop: AtomicBool,
    tally: Mutex<Tally>,
    /// Open loop: calls sent and not yet answered.
    in_flight: AtomicU64,
}

impl Plan {
    fn record(&self, op: &'static str, code: tonic::Code, took: Duration) {
        self.tally
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .record(op, code, took);
    }
}

async fn worker(channel: Channel, plan: Arc<Plan>) {
    let mut client = EntityExtractorClient::new(channel.clone());
    while !plan.stop.load(Ordering::Relaxed) {
        let n = plan.counter.fetch_add(1, Ordering::Relaxed);
        if n >= plan.max {
            break;
        }
        let started = Instant::now();
        let (op, code) = one_call(&channel, &mut client, &plan, n).await;
        plan.record(op, code, started.elapsed());
        if code == tonic::Code::ResourceExhausted {
            // Honour the server's RetryInfo (50 ms) instead of hammering.
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Open loop: calls sent at evenly spaced times, `rate` per second in all, whether or not
/// earlier ones were answered, each timed from when it was due (so a stalled server shows in
/// the latencies instead of slowing the sender). A thread paces them: tokio's timers tick in
/// whole milliseconds, which bunched the calls into bursts.
fn open_loop(channels: Vec<Channel>, plan: Arc<Plan>, rate: f64, runtime: tokio::runtime::Handle) {
    let gap = Duration::from_secs_f64(1.0 / rate.max(0.001));
    let start = Instant::now();
    let mut k: u32 = 0;
    while !plan.stop.load(Ordering::Relaxed) {
        let due = start + gap * k;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let n = plan.counter.fetch_add(1, Ordering::Relaxed);
        if n >= plan.max {
            break;
        }
        let channel = channels[k as usize % channels.len()].clone();
        let plan = plan.clone();
        plan.in_flight.fetch_add(1, Ordering::Relaxed);
        runtime.spawn(async move {
            let delay = due.elapsed();
            plan.tally
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .start_delays
                .push(delay);
            let mut client = EntityExtractorClient::new(channel.clone());
            let (op, code) = one_call(&channel, &mut client, &plan, n).await;
            plan.record(op, code, due.elapsed());
            plan.in_flight.fetch_sub(1, Ordering::Relaxed);
        });
        k = k.wrapping_add(1);
    }
}

/// Call number `n` of the mix.
async fn one_call(
    channel: &Channel,
    client: &mut EntityExtractorClient<Channel>,
    plan: &Plan,
    n: u64,
) -> (&'static str, tonic::Code) {
    let (texts, mix) = (&plan.texts, plan.mix);
    let total: u32 = mix.iter().sum();
    // A cheap deterministic spread over the mix.
    let pick = ((n.wrapping_mul(2_654_435_761)) % u64::from(total.max(1))) as u32;
    if let (Some(lean), true) = (&plan.lean, pick < mix[0]) {
        let body = lean.extract[(n as usize) % lean.extract.len()].clone();
        let path = "/gazette.v1.EntityExtractor/Extract";
        // Every answer names the gazetteer version it was matched against.
        let valid = |r: &ExtractResponse| !r.gazetteer_version.is_empty();
        let code = lean_call(channel, path, body, n, valid).await;
        ("Extract", code)
    } else if let (Some(lean), true) = (&plan.lean, pick >= mix[0] + mix[1] + mix[2]) {
        let (body, path) = (lean.health.clone(), "/grpc.health.v1.Health/Check");
        let valid = |r: &HealthCheckResponse| r.status == ServingStatus::Serving as i32;
        let code = lean_call(channel, path, body, n, valid).await;
        ("HealthCheck", code)
    } else if pick < mix[0] {
        let r = client.extract(doc(texts, n)).await;
        ("Extract", r.map_or_else(|s| s.code(), |_| tonic::Code::Ok))
    } else if pick < mix[0] + mix[1] {
        let docs: Vec<_> = (0..5).map(|i| doc(texts, n + i)).collect();
        let code = match client.extract_stream(tokio_stream::iter(docs)).await {
            Err(s) => s.code(),
            Ok(resp) => {
                let mut stream = resp.into_inner();
                let mut code = tonic::Code::Ok;
                while let Some(item) = stream.next().await {
                    if let Err(s) = item {
                        code = s.code();
                        break;
                    }
                }
                code
            }
        };
        ("ExtractStream", code)
    } else if pick >= mix[0] + mix[1] + mix[2] {
        let mut health = HealthClient::new(channel.clone());
        let r = health.check(HealthCheckRequest::default()).await;
        (
            "HealthCheck",
            r.map_or_else(|s| s.code(), |_| tonic::Code::Ok),
        )
    } else {
        // Cancelled by the client: a stream dropped after its first answer.
        let (tx, rx) = tokio::sync::mpsc::channel(2);
        let _ = tx.send(doc(texts, n)).await;
        let _ = tx.send(doc(texts, n + 1)).await;
        let code = match client
            .extract_stream(tokio_stream::wrappers::ReceiverStream::new(rx))
            .await
        {
            Err(s) => s.code(),
            Ok(resp) => {
                let mut stream = resp.into_inner();
                match stream.message().await {
                    Ok(_) => tonic::Code::Cancelled,
                    Err(s) => s.code(),
                }
            }
        };
        ("Cancelled", code)
    }
}

/// p50, p90, p99 and the maximum of `durations`, in milliseconds.
fn summary_ms(durations: &[Duration]) -> [f64; 4] {
    let mut sorted = durations.to_vec();
    sorted.sort();
    let max = sorted.last().copied().unwrap_or(Duration::ZERO);
    [
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.9),
        percentile(&sorted, 0.99),
        max,
    ]
    .map(|d| d.as_secs_f64() * 1e3)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.addr.ip().is_loopback(),
        "loadgen sends traffic to loopback addresses only"
    );
    anyhow::ensure!(
        (3..=4).contains(&args.mix.len()),
        "--mix takes three or four weights"
    );
    let mix = [
        args.mix[0],
        args.mix[1],
        args.mix[2],
        args.mix.get(3).copied().unwrap_or(0),
    ];
    let texts = load_corpus(&args.corpus)?;
    let mut channels = Vec::new();
    for _ in 0..args.connections.max(1) {
        channels.push(
            Channel::from_shared(format!("http://{}", args.addr))?
                .connect()
                .await?,
        );
    }
    let lean = args.lean.then(|| Lean::new(&texts));
    let plan = Arc::new(Plan {
        texts,
        lean,
        mix,
        counter: AtomicU64::new(0),
        max: args.max_requests,
        stop: AtomicBool::new(false),
        tally: Mutex::new(Tally::default()),
        in_flight: AtomicU64::new(0),
    });
    let before = args.server_pid.and_then(sample);
    let started = Instant::now();

    let mut tasks = tokio::task::JoinSet::new();
    match args.rate {
        Some(rate) => {
            let (channels, plan) = (channels.clone(), plan.clone());
            let runtime = tokio::runtime::Handle::current();
            tasks.spawn_blocking(move || open_loop(channels, plan, rate, runtime));
        }
        None => {
            for w in 0..args.workers {
                tasks.spawn(worker(channels[w % channels.len()].clone(), plan.clone()));
            }
        }
    }

    // Sample the server every 5 s (and reload it when asked) until the time is up.
    let mut rss_samples = Vec::new();
    let mut reloads = 0;
    let deadline = started + Duration::from_secs(args.seconds);
    let mut next_reload = args.reload_every.map(|s| started + Duration::from_secs(s));
    while Instant::now() < deadline && !tasks.is_empty() {
        let tick = (Instant::now() + Duration::from_secs(5)).min(deadline);
        tokio::select! {
            _ = tokio::time::sleep_until(tick.into()) => {}
            _ = tasks.join_next() => continue,
        }
        if let Some(now) = args.server_pid.and_then(sample) {
            rss_samples.push((started.elapsed().as_secs(), now.rss_bytes));
        }
        if let (Some(at), Some(pid), Some(every)) =
            (next_reload, args.server_pid, args.reload_every)
        {
            if Instant::now() >= at {
                let sent = std::process::Command::new("kill")
                    .args(["-HUP", &pid.to_string()])
                    .status()?;
                anyhow::ensure!(sent.success(), "could not send SIGHUP to {pid}");
                reloads += 1;
                next_reload = Some(at + Duration::from_secs(every));
            }
        }
    }
    plan.stop.store(true, Ordering::Relaxed);
    while tasks.join_next().await.is_some() {}
    // Open loop: let the calls already sent finish (bounded).
    let grace = Instant::now() + Duration::from_secs(10);
    while plan.in_flight.load(Ordering::Relaxed) > 0 && Instant::now() < grace {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let elapsed = started.elapsed();
    let after = args.server_pid.and_then(sample);

    let tally = plan.tally.lock().unwrap_or_else(|e| e.into_inner());
    let calls: u64 = tally.codes.values().sum();
    let load = match args.rate {
        Some(rate) => format!("open loop at {rate:.0}/s"),
        None => format!("{} workers", args.workers),
    };
    println!(
        "calls: {calls} in {:.1} s ({:.0}/s), {load} on {} connections, mix {:?}, reloads {reloads}",
        elapsed.as_secs_f64(),
        calls as f64 / elapsed.as_secs_f64(),
        channels.len(),
        mix
    );
    println!("codes:");
    for ((op, code), n) in &tally.codes {
        println!("  {op:<14} {code:<18} {n}");
    }
    println!("latency of OK calls (ms):        p50      p90      p99      max");
    for (op, lat) in &tally.latencies {
        let [p50, p90, p99, max] = summary_ms(lat);
        println!("  {op:<14} {p50:>12.3} {p90:>8.3} {p99:>8.3} {max:>8.3}");
    }
    if !tally.start_delays.is_empty() {
        let [p50, p90, p99, max] = summary_ms(&tally.start_delays);
        println!(
            "open loop, calls begun after their due time (ms): p50 {p50:.3}, p90 {p90:.3}, p99 {p99:.3}, max {max:.3}"
        );
    }
    if let (Some(before), Some(after)) = (before, after) {
        let per_call = |n: f64| n / calls.max(1) as f64;
        let cpu = after.cpu_seconds - before.cpu_seconds;
        println!(
            "server CPU: {cpu:.2} s, {:.1} µs per call",
            per_call(cpu * 1e6)
        );
        println!(
            "server context switches per call: {:.3} voluntary, {:.3} involuntary",
            per_call(after.switches.0.saturating_sub(before.switches.0) as f64),
            per_call(after.switches.1.saturating_sub(before.switches.1) as f64)
        );
        let (rss0, rss1) = (before.rss_bytes, after.rss_bytes);
        let mib = |b: u64| b as f64 / (1 << 20) as f64;
        let samples: Vec<String> = rss_samples
            .iter()
            .map(|(t, r)| format!("{t}s:{:.1}", mib(*r)))
            .collect();
        println!(
            "server RSS (MiB): start {:.1}, end {:.1}",
            mib(rss0),
            mib(rss1)
        );
        println!("server RSS samples (MiB): {}", samples.join(" "));
        // Growth after warm-up: the first sample after 10 s against the last.
        if let (Some(&(_, warm)), Some(&(_, last))) = (
            rss_samples.iter().find(|(t, _)| *t >= 10),
            rss_samples.last(),
        ) {
            println!(
                "server RSS growth after warm-up: {:+.1}% ({:.1} → {:.1} MiB)",
                (last as f64 / warm as f64 - 1.0) * 100.0,
                mib(warm),
                mib(last)
            );
        }
    }
    Ok(())
}
