//! Arbitrary bytes as a small gazetteer plus a text: every span slices the text exactly in
//! UTF-8, UTF-16 and code points, in every matching mode.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gazette::invariants::check_extract(data);
});
