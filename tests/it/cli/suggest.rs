//! `gazette extract --suggest`: the suggestions printed with the response, an empty list when
//! there are none.

use super::gazette;
use crate::common;

fn extract(args: &[&str], stdin: &str) -> serde_json::Value {
    let mut command = gazette();
    command
        .args(["extract", "--no-default-gazetteer", "--gazetteer"])
        .arg(common::test_gazetteer_dir())
        .args(args);
    let out = super::run_with_stdin(&mut command, stdin);
    common::assert_success(&out);
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn extract_suggest_prints_suggestions_and_an_empty_list_when_none() {
    let v = extract(&["--suggest"], "General Hussein Nooraldin met Ali Habib.");
    assert_eq!(v["suggestions"][0]["text"], "Hussein Nooraldin");
    assert_eq!(v["suggestions"][0]["type"], "PERSON");
    assert_eq!(v["suggestions"][0]["field"], "text");
    assert_eq!(v["suggestions"][0]["start"], 8);
    assert_eq!(v["suggestions"][0]["evidence"][0], "title: General");
    assert_eq!(v["suggestions"].as_array().map(Vec::len), Some(1));
    let v = extract(&["--suggest"], "nothing to suggest");
    assert_eq!(v["suggestions"], serde_json::json!([]));
    let v = extract(&[], "General Hussein Nooraldin");
    assert_eq!(v["suggestions"], serde_json::json!([]));
}
