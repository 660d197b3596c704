//! `gazette serve` (start-up, refusals, logs, shutdown), `health` and `--version`.

use std::process::Command;

use super::{gazette, BAD_LINES};
use crate::common;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::ExtractRequest;

#[test]
fn serve_refuses_to_start_on_a_bad_gazetteer() {
    let out = gazette()
        .args(["serve", "--listen", "127.0.0.1:0", "--gazetteer"])
        .arg(common::data("bad-gazetteer"))
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("refusing to start"), "{err}");
    for line in BAD_LINES {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
}

#[test]
fn invalid_config_values_name_the_flag_or_variable() {
    let out = gazette()
        .args(["serve", "--listen", "nowhere"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--listen"));
    let out = gazette()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("GAZETTE_MAX_TEXT_BYTES", "lots")
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-text-bytes"));

    // Each value error names its flag (and the variable, when the value came from one).
    // (arguments, environment, the flag the error must name)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: [Case<'_>; 6] = [
        (&["--idle-timeout", "soon"], &[], "--idle-timeout"),
        (&[], &[("GAZETTE_DRAIN_TIMEOUT", "20")], "--drain-timeout"),
        (
            &["--max-concurrent-rpcs", "0"],
            &[],
            "--max-concurrent-rpcs",
        ),
        (&["--max-message-bytes", "2048"], &[], "--max-message-bytes"),
        (
            &[
                "--tls-cert",
                "/nonexistent/cert.pem",
                "--tls-key",
                "/nonexistent/key.pem",
            ],
            &[],
            "--tls-cert",
        ),
        (&["--tls-cert", "/nonexistent/cert.pem"], &[], "--tls-key"),
    ];
    for (args, env, flag) in cases {
        let out = gazette()
            .args(["serve", "--listen", "127.0.0.1:0", "--no-default-gazetteer"])
            .args(args)
            .envs(env.iter().copied())
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} {env:?} started");
        assert!(stderr.contains(flag), "{args:?} {env:?}: {stderr}");
    }
    // Garbage in the TLS files is refused at start-up, not at the first handshake.
    let dir = tempfile::tempdir().expect("tempdir");
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").expect("write");
    let out = gazette()
        .args(["serve", "--listen", "127.0.0.1:0", "--no-default-gazetteer"])
        .arg("--tls-cert")
        .arg(&junk)
        .arg("--tls-key")
        .arg(&junk)
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--tls-cert"));
}

/// A server started with no entries at all says so before it serves: a missing `--gazetteer`
/// beside `--no-default-gazetteer` would otherwise look like a working server that finds nothing.
#[test]
fn serving_an_empty_gazetteer_is_warned_about() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["serve", "--listen", "127.0.0.1:0", "--no-default-gazetteer"])
        .env("GAZETTE_LOG", "info")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut log = Vec::new();
    for line in std::io::BufReader::new(stderr).lines() {
        let line = line.expect("log line");
        let serving = line.contains(" addr=");
        log.push(line);
        if serving {
            break;
        }
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(
        log.iter()
            .any(|l| l.contains("WARN") && l.contains("serving an empty gazetteer")),
        "{log:#?}"
    );
}

/// `gazette serve` with no gazetteer flags serves the embedded default, answers RPCs, and exits
/// 0 on SIGTERM.
#[tokio::test]
async fn serve_default_then_sigterm_exits_cleanly() {
    let (mut child, addr) = common::spawn_binary(&[]).await;
    let mut client = EntityExtractorClient::connect(format!("http://{addr}"))
        .await
        .expect("connect");
    let resp = client
        .extract(ExtractRequest {
            text: "Syrian troops left Aleppo for Damascus.".into(),
            ..Default::default()
        })
        .await
        .expect("extract")
        .into_inner();
    let got: Vec<&str> = resp.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(got, ["Syrian", "Aleppo", "Damascus"]);
    let pid = child.id().expect("pid").to_string();
    let killed = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = child.wait().await.expect("wait");
    assert!(status.success(), "exit after SIGTERM: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_subcommand_checks_a_running_server() {
    let server = common::start(1 << 20, false).await;
    let addr = server.addr.to_string();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["health", "--addr", &addr])
        .output()
        .await
        .expect("run");
    common::assert_success(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "SERVING");
    server.stop().await;
    // Nothing listens there any more.
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .args(["health", "--addr", &addr, "--timeout-secs", "2"])
        .output()
        .await
        .expect("run");
    assert!(!out.status.success());
}

/// The README mirrors `gazette serve --help`, the configuration reference.
#[test]
fn readme_mirrors_serve_help() {
    let out = gazette().args(["serve", "--help"]).output().expect("run");
    assert!(out.status.success());
    let help: String = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme
        .find("<!-- serve-help:start -->\n```text\n")
        .expect("start marker")
        + "<!-- serve-help:start -->\n```text\n".len();
    let end = readme
        .find("```\n<!-- serve-help:end -->")
        .expect("end marker");
    assert!(
        readme[start..end] == help,
        "README's `serve --help` block is stale; regenerate with \
         `cargo run -q -- serve --help | sed 's/ *$//'`. Current help:\n{help}"
    );
}

/// `--log-format json` writes one JSON object per line; at debug each RPC gets one line with
/// method, code, latency, bytes and mentions, and the article text appears in no line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_have_one_line_per_rpc_without_the_text() {
    let mut child = common::serve_command(&[])
        .args(["--log-format", "json"])
        .args(["--no-default-gazetteer", "--gazetteer"])
        .arg(common::test_gazetteer_dir())
        .env("GAZETTE_LOG", "info,gazette=debug")
        .spawn()
        .expect("spawn");
    let mut lines = common::log_lines(&mut child);
    let addr = common::listen_addr(&mut lines, |line| {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON log line");
        (v["fields"]["message"] == "serving").then(|| {
            let addr = v["fields"]["addr"].as_str();
            addr.expect("serving line with addr").to_string()
        })
    })
    .await;
    let addr = addr.expect("serving line with addr");
    let secret = "Ali Habib met the confidential source in Tokyo.";
    let mut client = EntityExtractorClient::connect(format!("http://{addr}"))
        .await
        .expect("connect");
    client
        .extract(ExtractRequest {
            text: secret.into(),
            document_id: "doc-7".into(),
            ..Default::default()
        })
        .await
        .expect("extract");
    let pid = child.id().expect("pid").to_string();
    Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    let mut rpc_lines = Vec::new();
    while let Some(line) = lines.next_line().await.expect("line") {
        assert!(!line.contains("confidential"), "text logged: {line}");
        let v: serde_json::Value = serde_json::from_str(&line).expect("a JSON log line");
        if v["fields"]["message"] == "rpc" {
            rpc_lines.push(v);
        }
    }
    assert_eq!(rpc_lines.len(), 1, "{rpc_lines:?}");
    let f = &rpc_lines[0]["fields"];
    assert_eq!(f["method"], "Extract");
    assert_eq!(f["code"], "Ok");
    assert_eq!(f["bytes"], secret.len());
    assert_eq!(f["mentions"], 2);
    assert_eq!(f["document_id"], "doc-7");
    assert!(f["latency_us"].as_u64().is_some());
    assert!(child.wait().await.expect("wait").success());
}

/// `gazette --version` names the version and the commit it was built from.
#[test]
fn version_names_the_commit() {
    let out = gazette().arg("--version").output().expect("run");
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let commit = std::env::var("GAZETTE_GIT_COMMIT")
        .ok()
        .or(head)
        .unwrap_or_else(|| "unknown".into());
    assert_eq!(
        shown,
        format!("gazette {} (commit {commit})", env!("CARGO_PKG_VERSION"))
    );
}
