//! Day One's export: its zip, or the journal JSON inside it.
#![no_main]

use glimmer::import::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| glimmer_fuzz::import(data, Format::DayOne));
