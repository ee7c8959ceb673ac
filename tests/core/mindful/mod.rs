//! Mindfulness timers: the timer on an injected clock, the gentle ways in
//! (breathing, body scans), presets and sessions in a real vault, and
//! `glimmer timer` end to end.

mod breathing;
mod cli;
mod sessions;
mod timer;
