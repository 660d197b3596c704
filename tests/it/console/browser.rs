//! The console in Chromium (tests/browser/console.test.mjs through tests/browser/run.sh)
//! against the real `gazette serve --console-listen` on ephemeral loopback ports, with a write
//! token: paste an article, count the highlights, add a person through the page, see the
//! short name linked, undo it in History, and check highlights on a multi-script text.

use std::path::PathBuf;

use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
use gazette::proto::v1::{ExtractRequest, OffsetEncoding};
use tonic::transport::Channel;

use crate::common;

const SECRET: &str = "console-browser-secret-0001";

/// The address in a text log line's `console_addr=` field.
fn console_addr(line: &str) -> Option<String> {
    let rest = line.split(" console_addr=").nth(1)?;
    rest.split_whitespace().next().map(str::to_string)
}

/// The server's mentions of `headline` + `text` in UTF-16 code units, headline first, as JSON
/// objects with the field, text, offsets and entity.
async fn expected(channel: Channel, headline: &str, text: &str) -> serde_json::Value {
    let response = EntityExtractorClient::new(channel)
        .extract(ExtractRequest {
            headline: headline.into(),
            text: text.into(),
            offset_encoding: OffsetEncoding::Utf16 as i32,
            ..Default::default()
        })
        .await
        .expect("extract")
        .into_inner();
    let mut mentions = response.mentions;
    mentions.sort_by_key(|m| (m.field != "headline", m.start));
    serde_json::Value::Array(
        mentions
            .iter()
            .map(|m| {
                serde_json::json!({
                    "field": m.field, "text": m.text, "start": m.start, "end": m.end,
                    "entity_id": m.entity_id,
                })
            })
            .collect(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_in_chromium() {
    let work = tempfile::tempdir().expect("tempdir");
    let tokens = work.path().join("tokens");
    std::fs::write(&tokens, format!("console-test write {SECRET}\n")).expect("tokens file");
    let data = work.path().join("data");
    // The multi-script text's people beside the default gazetteer (which has no Assad).
    let people = work.path().join("people.tsv");
    std::fs::write(
        &people,
        "Zoë Brandt\tPERSON\tp:zoe-brandt\nAli Habib\tPERSON\tp:ali-habib\n",
    )
    .expect("people file");
    let mut child = common::serve_command(&[])
        .args([
            "--console-listen",
            "127.0.0.1:0",
            "--no-watch",
            "--gazetteer",
        ])
        .arg(&people)
        .arg("--admin-tokens-file")
        .arg(&tokens)
        .arg("--data-dir")
        .arg(&data)
        .env("GAZETTE_LOG", "info")
        .env("NO_COLOR", "1")
        .spawn()
        .expect("spawn gazette");
    let mut lines = common::log_lines(&mut child);
    let grpc = common::listen_addr(&mut lines, common::text_log_addr)
        .await
        .expect("gRPC address logged");
    let console = common::listen_addr(&mut lines, console_addr)
        .await
        .expect("console address logged");
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });

    let channel = Channel::from_shared(format!("http://{grpc}"))
        .expect("url")
        .connect()
        .await
        .expect("connect");
    let sample = std::fs::read_to_string(common::data("sample-article.txt")).expect("sample");
    let (headline, body) = sample.split_once('\n').expect("a headline line");
    let multi = std::fs::read_to_string(common::data("multiscript.txt")).expect("multiscript");
    for (file, value) in [
        (
            "sample.json",
            expected(channel.clone(), headline, body).await,
        ),
        ("multiscript.json", expected(channel, "", &multi).await),
    ] {
        std::fs::write(work.path().join(file), value.to_string()).expect("expected file");
    }

    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let run = tokio::process::Command::new("bash")
        .arg(root.join("tests/browser/run.sh"))
        .arg(format!("http://{console}/"))
        .arg(SECRET)
        .arg(work.path())
        .kill_on_drop(true)
        .status();
    let status = common::bounded(600, "the browser test", run)
        .await
        .expect("run tests/browser/run.sh");
    // Kept for a look (and for docs/console.png): target/browser/console.png, suggestions.png.
    for shot in ["console.png", "suggestions.png"] {
        let _ = std::fs::copy(
            work.path().join(shot),
            root.join("target/browser").join(shot),
        );
    }
    assert!(status.success(), "the browser test failed: {status}");
    child.kill().await.expect("stop gazette");
}
