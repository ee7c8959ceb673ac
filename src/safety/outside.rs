//! By the person's choice, off by default: the steps they can take alone and
//! the people they can ask, kept in a plain file beside the vault so "Need
//! help now" can show them while Glimmer is locked (someone on a crisis call
//! may not manage a passphrase). These lines then live outside the
//! encryption, and the setting says so before it is turned on.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::SafetyPlan;
use crate::error::{Error, Result};
use crate::storage::{read_small_file, write_private_file};

pub const OUTSIDE_FILE: &str = "help-now.json";
/// A plan's two sections, at their longest, are far below this.
const MAX_FILE_BYTES: u64 = 512 * 1024;

/// Said before the setting is turned on, plainly.
pub const OUTSIDE_NOTICE: &str = "When this is on, “Things I can do on my own” and “People I can ask for help” are also kept in a file beside your journal that is not encrypted, so Need help now can show them while Glimmer is locked. Anyone who can open your files could read those lines. The rest of your plan and your journal stay encrypted.";

/// The lines shown on the lock screen's "Need help now".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct OutsidePlan {
    pub coping_strategies: Vec<String>,
    pub people_to_ask: Vec<String>,
}

impl OutsidePlan {
    pub fn of(plan: &SafetyPlan) -> Self {
        Self {
            coping_strategies: plan.coping_strategies.clone(),
            people_to_ask: plan.people_to_ask.clone(),
        }
    }

    /// Whether the person chose to keep these lines outside the vault.
    pub fn is_on(dir: &Path) -> bool {
        std::fs::symlink_metadata(dir.join(OUTSIDE_FILE)).is_ok()
    }

    /// The lines, when the setting is on and the file can be read.
    pub fn load(dir: &Path) -> Result<Option<Self>> {
        let path = dir.join(OUTSIDE_FILE);
        let damaged = |why: &str| {
            Error::Damaged(format!(
                "The file {} {why}, so your plan's lines cannot be shown while locked. Turn the setting off and on again to write it anew.",
                path.display()
            ))
        };
        let Some(bytes) = read_small_file(&path, MAX_FILE_BYTES, &damaged)? else {
            return Ok(None);
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|_| damaged("is not in Glimmer's format"))
    }

    pub(super) fn write(&self, dir: &Path) -> Result<()> {
        write_private_file(dir, OUTSIDE_FILE, crate::storage::json(self).as_bytes())
    }

    /// Turns the setting off: the file is overwritten, then removed.
    pub(super) fn remove(dir: &Path) -> Result<()> {
        let path = dir.join(OUTSIDE_FILE);
        if !Self::is_on(dir) {
            return Ok(());
        }
        // Overwritten first so the words do not linger in the freed blocks of
        // simple file systems; a journaling or copy-on-write one may keep them.
        if let Ok(meta) = std::fs::symlink_metadata(&path)
            && meta.is_file()
        {
            let zeros = vec![0u8; usize::try_from(meta.len().min(MAX_FILE_BYTES)).unwrap_or(0)];
            write_private_file(dir, OUTSIDE_FILE, &zeros)?;
        }
        std::fs::remove_file(&path).map_err(Error::io(&path))
    }
}
