//! Mindfulness timers: the timer on an injected clock, presets and sessions
//! in a real vault, and `glimmer timer` end to end.

mod cli;
mod sessions;
mod timer;
