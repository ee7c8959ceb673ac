//! Daylio's CSV export, every layout.
#![no_main]

use glimmer::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glimmer_fuzz::import(data, Format::Daylio));
