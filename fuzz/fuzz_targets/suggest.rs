//! Arbitrary bytes as a small gazetteer, a headline and a body, extracted with suggestions:
//! every suggestion slices its field exactly in UTF-8, UTF-16 and code points, in order, and
//! never over a mention.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gazette::suggest::check(data);
});
