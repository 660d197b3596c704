//! How fast an edit reaches every replica on a shared edit store: starts `--replicas` real
//! `gazette serve --edit-store URL` processes on loopback, sends `--edits` upserts round-robin to
//! them (one at a time), and after each one polls every replica's GetEntity until it serves the
//! edit. Prints write latency (the UpsertEntities call: commit included) and edit-to-visible on
//! each replica (p50, p99, max), then the catch-up time of a replica started after all the
//! edits (spawn to SERVING). Everything stops by itself.
//!
//! ```text
//! scripts/measure/edit-convergence.sh 1000     # starts PostgreSQL, builds, runs this
//! ```

use std::process::Stdio;
use std::time::{Duration, Instant};

use clap::Parser;
use gazette::proto::v1::gazetteer_admin_client::GazetteerAdminClient;
use gazette::proto::v1::{GazetteerEntry, GetEntityRequest, UpsertEntitiesRequest};
use tokio::io::{AsyncBufReadExt, BufReader};
use tonic::transport::Channel;
use tonic_health::pb::health_client::HealthClient;
use tonic_health::pb::HealthCheckRequest;

#[derive(Debug, Parser)]
struct Args {
    /// The `gazette` binary.
    #[arg(long, default_value = "target/release/gazette")]
    binary: String,
    /// The shared store (a loopback PostgreSQL).
    #[arg(long)]
    store: String,
    /// Replicas to start.
    #[arg(long, default_value_t = 3)]
    replicas: usize,
    /// Upserts to send.
    #[arg(long, default_value_t = 1000)]
    edits: usize,
}

const TOKEN: &str = "convergence-token";

struct Replica {
    child: tokio::process::Child,
    admin: GazetteerAdminClient<Channel>,
}

/// Starts one replica; returns it once it reports SERVING, and how long that took.
async fn start(args: &Args, token_file: &std::path::Path) -> anyhow::Result<(Replica, Duration)> {
    let started = Instant::now();
    let mut child = tokio::process::Command::new(&args.binary)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--no-watch",
            "--edit-store",
        ])
        .arg(&args.store)
        .arg("--admin-token-file")
        .arg(token_file)
        .env("GAZETTE_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()?;
    let stderr = child
        .stderr
        .take()
        .ok_or_else(|| anyhow::anyhow!("no stderr"))?;
    let mut lines = BufReader::new(stderr).lines();
    let addr = loop {
        let Some(line) = tokio::time::timeout(Duration::from_secs(60), lines.next_line()).await??
        else {
            anyhow::bail!("the replica exited before listening");
        };
        if let Some(rest) = line.split(" addr=").nth(1) {
            break rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
        }
    };
    // Keep draining the log so the replica never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    let channel = Channel::from_shared(format!("http://{addr}"))?
        .connect()
        .await?;
    let mut health = HealthClient::new(channel.clone());
    loop {
        let serving = health
            .check(HealthCheckRequest::default())
            .await
            .map(|r| r.into_inner().status == 1)
            .unwrap_or(false);
        if serving {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let took = started.elapsed();
    Ok((
        Replica {
            child,
            admin: GazetteerAdminClient::new(channel),
        },
        took,
    ))
}

fn authed<T>(msg: T) -> tonic::Request<T> {
    let mut r = tonic::Request::new(msg);
    if let Ok(v) = format!("Bearer {TOKEN}").parse() {
        r.metadata_mut().insert("authorization", v);
    }
    r
}

fn summary(name: &str, mut v: Vec<Duration>) {
    v.sort();
    let at = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name:<28} n={:<6} p50={:>8.2} ms  p99={:>8.2} ms  max={:>8.2} ms",
        v.len(),
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        v.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(
        args.store.contains("127.0.0.1") || args.store.contains("localhost"),
        "--store must be a loopback database"
    );
    let dir = tempfile::tempdir()?;
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, TOKEN)?;
    let mut replicas = Vec::new();
    for _ in 0..args.replicas {
        replicas.push(start(&args, &token_file).await?.0);
    }
    let mut writes = Vec::new();
    let mut visible: Vec<Vec<Duration>> = vec![Vec::new(); replicas.len()];
    let deadline = Instant::now() + Duration::from_secs(600);
    for i in 0..args.edits {
        anyhow::ensure!(Instant::now() < deadline, "stopped after 10 minutes");
        let id = format!("conv:{i}");
        let entry = GazetteerEntry {
            id: id.clone(),
            name: format!("Convergence Person {i}"),
            r#type: "PERSON".into(),
            ..Default::default()
        };
        let writer = i % replicas.len();
        let t0 = Instant::now();
        replicas[writer]
            .admin
            .upsert_entities(authed(UpsertEntitiesRequest {
                namespace: "bench".into(),
                entries: vec![entry],
            }))
            .await?;
        writes.push(t0.elapsed());
        for (r, replica) in replicas.iter_mut().enumerate() {
            loop {
                let found = replica
                    .admin
                    .get_entity(authed(GetEntityRequest { id: id.clone() }))
                    .await
                    .is_ok();
                if found {
                    visible[r].push(t0.elapsed());
                    break;
                }
                anyhow::ensure!(
                    t0.elapsed() < Duration::from_secs(30),
                    "replica {r} did not serve {id} within 30 s"
                );
                tokio::time::sleep(Duration::from_micros(200)).await;
            }
        }
    }
    println!(
        "{} replicas, {} edits, one at a time, round-robin writers",
        replicas.len(),
        args.edits
    );
    summary("write (UpsertEntities)", writes);
    let mut all = Vec::new();
    for (r, v) in visible.into_iter().enumerate() {
        all.extend(v.iter().copied());
        summary(&format!("edit-to-visible, replica {r}"), v);
    }
    summary("edit-to-visible, all", all);
    let (late, took) = start(&args, &token_file).await?;
    println!(
        "a replica started after {} edits: SERVING after {:.0} ms",
        args.edits,
        took.as_secs_f64() * 1e3
    );
    for mut r in replicas.into_iter().chain(std::iter::once(late)) {
        let _ = r.child.start_kill();
    }
    Ok(())
}
