//! The core's integration tests: one binary, real SQLCipher vaults in temp dirs.

mod activation;
mod backup;
mod cli;
mod crisis;
mod damage;
mod editor;
mod engine;
mod export;
mod fuzzed;
mod import;
mod insights;
mod journal;
mod limits;
mod mindful;
mod pictures;
mod place;
mod rekey;
mod report;
mod search;
mod structure;
mod sync;
mod upgrade;
mod util;
mod vault;
mod wal;
