//! Rules in gazetteer files: they apply, a bad one is reported as `file:line` (at start, by
//! `gazette check` and by a reload, which keeps the rules in service).

use super::*;

use gazette::proto::v1::ReloadRequest;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_rules_suppress_readings_and_leave_others_to_win() {
    let dir = files("");
    std::fs::write(
        dir.path().join("rules.jsonl"),
        "{\"never\":\"Obama\",\"type\":\"LOCATION\"}\n{\"never\":\"Paris\",\"entity\":\"Q90\"}\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("more.tsv"), "Jordan\tNEVER:LOCATION\n").expect("write");
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], None, false).await;
    assert_eq!(
        found(server.channel().await, "Obama met Jordan in Paris.").await,
        [pair("Jordan", "MJ"), pair("Paris", "US-PARIS")]
    );
    server.stop().await;
}

#[test]
fn a_bad_rule_is_reported_with_its_file_and_line() {
    let dir = files("{\"never\":\"Obama\",\"type\":\"location\"}\n");
    let Err(err) = gazette::sources::load(&[dir.path().to_path_buf()], false) else {
        panic!("a bad rule fails the load");
    };
    let err = err.to_string();
    assert!(err.contains("places.jsonl:6: type:"), "{err}");
}

#[test]
fn gazette_check_reports_bad_rules_and_counts_good_ones() {
    let dir = files("{\"never\":\"Obama\",\"type\":\"LOCATION\"}\n");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run gazette check");
    common::assert_success(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("never rules: 1"), "{stdout}");

    std::fs::write(
        dir.path().join("bad.jsonl"),
        "{\"never\":\"X\",\"type\":\"A\",\"entity\":\"Q1\"}\n",
    )
    .expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gazette"))
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run gazette check");
    assert!(!out.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(all.contains("bad.jsonl:1: entity:"), "{all}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_reload_keeps_the_old_rules() {
    let dir = files("{\"never\":\"Obama\",\"type\":\"LOCATION\"}\n");
    let server = common::start_reloadable(vec![dir.path().to_path_buf()], Some(TOKEN), false).await;
    assert!(found(server.channel().await, "Obama spoke.")
        .await
        .is_empty());
    std::fs::write(
        dir.path().join("places.jsonl"),
        format!("{PLACES}{{\"never\":\"\",\"type\":\"LOCATION\"}}\n"),
    )
    .expect("write");
    let err = admin(&server)
        .await
        .reload(common::with_token(ReloadRequest {}, TOKEN))
        .await
        .expect_err("the reload fails");
    use tonic_types::StatusExt;
    let pf = err
        .get_details_precondition_failure()
        .expect("PreconditionFailure");
    assert!(
        pf.violations[0].subject.ends_with("places.jsonl:6"),
        "{:?}",
        pf.violations
    );
    assert!(found(server.channel().await, "Obama spoke.")
        .await
        .is_empty());
    // A good reload without the rule brings the town back.
    std::fs::write(dir.path().join("places.jsonl"), PLACES).expect("write");
    admin(&server)
        .await
        .reload(common::with_token(ReloadRequest {}, TOKEN))
        .await
        .expect("reloads");
    assert_eq!(
        found(server.channel().await, "Obama spoke.").await,
        [pair("Obama", "JP-OBAMA")]
    );
    server.stop().await;
}
