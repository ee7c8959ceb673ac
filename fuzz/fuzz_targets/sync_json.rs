//! `glimmer-sync.json`, what another computer reads to join and to take a
//! changed passphrase: what reads, written out, reads back equal and writes
//! the same bytes again.
#![no_main]

use std::path::Path;

use glimmer::sync::Joining;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("glimmer-sync.json");
    let Ok(read) = Joining::parse(data, path) else {
        return;
    };
    let written = read.to_bytes();
    let again = Joining::parse(&written, path).expect("a sync file Glimmer wrote reads");
    assert_eq!(read, again);
    assert_eq!(again.to_bytes(), written);
});
