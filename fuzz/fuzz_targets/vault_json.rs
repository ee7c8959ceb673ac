//! `vault.json`, the key slots: what reads, written out, reads back equal
//! and writes the same bytes again.
#![no_main]

use std::path::Path;

use glimmer::vault::KeyFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file, dir) = (Path::new("vault.json"), Path::new("vault"));
    let Ok(mut read) = KeyFile::parse(data, file, dir) else {
        return;
    };
    let written = read.to_bytes();
    let mut again = KeyFile::parse(&written, file, dir).expect("a key file Glimmer wrote reads");
    assert_eq!(read, again);
    assert_eq!(again.to_bytes(), written);
});
