//! Arbitrary bytes as a JSONL and a TSV gazetteer file: errors name a line, nothing panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gazette::invariants::check_gazetteer_parse(data);
});
