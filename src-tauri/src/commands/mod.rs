//! IPC commands, one file per area: each unpacks its arguments and delegates
//! to the core. A command is named in five places (its function here, the
//! handler list in `lib.rs`, `build.rs`, the capability file and the UI's
//! `api.ts`); a test keeps them in step.

pub mod assess;
pub mod checkin;
pub mod drafts;
pub mod insights;
pub mod journal;
pub mod safety;
pub mod settings;
pub mod vault;

use glimmer::{ErrorCode, ErrorReport};
use uuid::Uuid;

type Result<T> = std::result::Result<T, ErrorReport>;

/// Ids the core hands out as UUIDs (drafts, check-ins) come back from the UI
/// as strings; anything else is refused before reaching the vault.
fn parse_id(id: &str) -> Result<Uuid> {
    Uuid::parse_str(id).map_err(|_| {
        ErrorReport::new(
            ErrorCode::Invalid,
            format!("“{id}” is not an id Glimmer made."),
        )
    })
}
