//! `gazette extract`: the JSON it prints, its flags checked as the server checks them, and its
//! errors said once.

use super::gazette;
use crate::common;

#[test]
fn extract_prints_the_response_as_json() {
    let out = gazette()
        .args([
            "extract",
            "--no-default-gazetteer",
            "--encoding",
            "utf16",
            "--gazetteer",
        ])
        .arg(common::test_gazetteer_dir())
        .arg(common::data("multiscript.txt"))
        .output()
        .expect("run");
    common::assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["offsetEncoding"], "OFFSET_ENCODING_UTF16");
    let text = std::fs::read_to_string(common::data("multiscript.txt")).expect("text");
    let units: Vec<u16> = text.encode_utf16().collect();
    let mentions = v["mentions"].as_array().expect("mentions");
    assert_eq!(mentions.len(), 17);
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap_or(0) as usize,
            m["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            String::from_utf16_lossy(&units[s..e]),
            m["text"].as_str().unwrap_or_default()
        );
    }
}

fn extract(args: &[&str], stdin: &str) -> std::process::Output {
    let mut command = gazette();
    command
        .args(["extract", "--no-default-gazetteer", "--gazetteer"])
        .arg(common::test_gazetteer_dir())
        .args(args);
    super::run_with_stdin(&mut command, stdin)
}

/// `--types` is checked by the server's own validation: every value the server refuses is
/// refused here with the server's message, and every value it accepts is accepted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extract_types_are_refused_exactly_when_the_server_refuses_them() {
    use gazette::proto::v1::entity_extractor_client::EntityExtractorClient;
    let server = common::start(1 << 20, false).await;
    let mut client = EntityExtractorClient::connect(server.url())
        .await
        .expect("connect");
    for types in [
        "location",
        "LOCATION,Person",
        "LOC-X",
        "",
        "LOCATION",
        "NORP,PERSON",
    ] {
        let list: Vec<String> = types.split(',').map(str::to_string).collect();
        let mut req = common::doc("Syria");
        req.entity_types = list;
        let rpc = client.extract(req).await;
        let out = extract(&["--types", types], "Syria");
        let err = String::from_utf8_lossy(&out.stderr);
        match rpc {
            Ok(_) => assert!(
                out.status.success(),
                "{types:?}: server accepts, CLI: {err}"
            ),
            Err(status) => {
                assert!(
                    !out.status.success(),
                    "{types:?}: server refuses, CLI accepts"
                );
                assert!(
                    err.contains(status.message()),
                    "{types:?}: {err} vs {status:?}"
                );
            }
        }
    }
    server.stop().await;
}

/// `--headline` and `--field` are matched like the RPC's headline and fields; a reserved or
/// duplicate field name is refused with the field's path.
#[test]
fn extract_matches_the_headline_and_fields() {
    let out = extract(
        &[
            "--headline",
            "Tokyo talks",
            "--field",
            "caption=Ali Habib = AP",
        ],
        "Talks in Syria.",
    );
    common::assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let got: Vec<(String, String)> = v["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| (m["field"].to_string(), m["text"].to_string()))
        .collect();
    let want = [
        ("headline", "Tokyo"),
        ("caption", "Ali Habib"),
        ("caption", "AP"),
        ("text", "Syria"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(f, t)| (format!("{f:?}"), format!("{t:?}")))
        .collect();
    assert_eq!(got, want);
    let out = extract(&["--field", "a=x", "--field", "a=y"], "");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fields[1].name"), "{err}");
    let out = extract(&["--field", "no-equals-sign"], "");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--field"));
}

/// With no mention the lists are there, empty; the first mention's `start: 0` is printed.
#[test]
fn extract_prints_empty_lists_and_zero_values() {
    let out = extract(&[], "nothing to find");
    common::assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["mentions"], serde_json::json!([]));
    assert_eq!(v["entities"], serde_json::json!([]));
    let out = extract(&[], "Syria first");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["mentions"][0]["start"], 0);
    assert_eq!(v["mentions"][0]["alternatives"], serde_json::json!([]));
    assert_eq!(v["entities"][0]["firstMentionIndex"], 0);
}

/// A missing file and a file that is not UTF-8: the cause is said once, the path named.
#[test]
fn extract_errors_are_said_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9").expect("write");
    let missing = dir.path().join("x.txt");
    for (path, cause) in [
        (&missing, "No such file or directory"),
        (&latin1, "not UTF-8"),
    ] {
        let out = gazette()
            .args(["extract", "--no-default-gazetteer"])
            .arg(path)
            .output()
            .expect("run");
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("cannot read {}: ", path.display())),
            "{err}"
        );
        assert_eq!(err.matches(cause).count(), 1, "{err}");
    }
}
