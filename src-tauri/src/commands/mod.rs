//! IPC commands, one file per area: each unpacks its arguments and delegates
//! to the core. A command is named in five places (its function here, the
//! handler list in `lib.rs`, `build.rs`, the capability file and the UI's
//! `api.ts`); a test keeps them in step.

pub mod about;
pub mod activation;
pub mod assess;
pub mod backup;
pub mod checkin;
pub mod crisis;
pub mod drafts;
pub mod export;
pub mod import;
pub mod insights;
pub mod journal;
pub mod mindful;
pub mod safety;
pub mod settings;
pub mod sync;
pub mod vault;

use glimmer::ErrorReport;

type Result<T> = std::result::Result<T, ErrorReport>;
