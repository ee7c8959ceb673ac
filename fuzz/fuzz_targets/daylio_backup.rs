//! Daylio's backup: a zip holding the diary as base64 JSON, and its photos.
#![no_main]

use glimmer::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glimmer_fuzz::import(data, Format::DaylioBackup));
