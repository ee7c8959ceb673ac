//! Opening a vault: the vault itself opens on the ground floor; what each area
//! does every time it opens (the trash past its 30 days, a crisis line an
//! older Glimmer kept inside the plan) happens here, above the areas, so the
//! vault imports none of them.

use std::path::PathBuf;

use sqlx::migrate::Migrator;

use crate::error::Result;
use crate::vault::{Credential, MIGRATOR, Vault};

/// Entries in the trash longer than this are deleted for good when a vault opens.
const TRASH_DAYS: i64 = 30;

impl Vault {
    /// Opens the vault with a passphrase or recovery key, upgrading it (after a
    /// verified backup) when this Glimmer is newer than the vault.
    pub async fn unlock(dir: impl Into<PathBuf>, credential: &Credential) -> Result<Vault> {
        Self::unlock_with(dir, credential, &MIGRATOR).await
    }

    /// `unlock` with a chosen set of migrations; tests use it to build an older vault.
    #[doc(hidden)]
    pub async fn unlock_with(
        dir: impl Into<PathBuf>,
        credential: &Credential,
        migrator: &Migrator,
    ) -> Result<Vault> {
        let vault = Self::open_with(dir, credential, migrator).await?;
        let cutoff = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(TRASH_DAYS * 24);
        vault.journal().purge_trash_before(cutoff).await?;
        if !crate::crisis::is_chosen(vault.dir())
            && let Some(line) = vault.safety().legacy_crisis_line().await?
        {
            crate::crisis::save(vault.dir(), &line)?;
        }
        Ok(vault)
    }
}
