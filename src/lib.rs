//! Glimmer's core: the encrypted vault and everything stored in it. No UI and
//! no Tauri here, so the CLI, the desktop shell and the tests share one engine.

pub mod activation;
pub mod assess;
#[cfg(feature = "cli")]
pub mod bench;
pub mod charts;
pub mod checkin;
pub mod crisis;
pub mod engine;
pub mod error;
pub mod export;
pub mod gentle;
pub mod import;
pub mod insights;
pub mod journal;
pub mod keys;
pub mod markdown;
pub mod mindful;
mod opened;
pub mod passphrase;
pub mod report;
mod rng;
pub mod safety;
pub mod settings;
pub mod storage;
pub mod sync;
pub mod vault;

pub use error::{Error, ErrorCode, ErrorReport, Result};
pub use journal::{Entry, EntryPatch, EntrySummary, Journal, Kind, NewEntry};
pub use keys::{KdfParams, Secret};
pub use passphrase::Strength;
pub use settings::Settings;
pub use storage::Tx;
pub use vault::{Credential, Vault, VaultPaths, VaultStatus};
