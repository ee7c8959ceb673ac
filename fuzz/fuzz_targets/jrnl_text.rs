//! jrnl's plain-text journal file (and what it takes for an encrypted one).
#![no_main]

use glimmer::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Text that opens with `{` is jrnl's JSON export: the jrnl_json target's.
    if !glimmer_fuzz::opens_an_object(data) {
        glimmer_fuzz::import(data, Format::Jrnl);
    }
});
