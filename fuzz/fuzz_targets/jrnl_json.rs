//! jrnl's JSON export (`jrnl --export json`).
#![no_main]

use glimmer::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Anything else is read as jrnl's text file: the jrnl_text target's.
    if glimmer_fuzz::opens_an_object(data) {
        glimmer_fuzz::import(data, Format::Jrnl);
    }
});
