//! Preferences kept inside the encrypted vault (they say something about the
//! person too). One JSON document; unknown or missing fields take defaults, so
//! older and newer Glimmers can share a vault.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::error::{Error, Result};
use crate::storage::{Tx, json};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct Settings {
    /// Lock after this many idle minutes; 0 turns idle locking off.
    pub auto_lock_minutes: u32,
    /// Lock when the computer's screen locks.
    pub lock_with_screen: bool,
    /// A second folder (an external drive, a synced folder) that receives a
    /// copy of every backup, still encrypted.
    pub backup_folder: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            auto_lock_minutes: 10,
            lock_with_screen: true,
            backup_folder: None,
        }
    }
}

const KEY: &str = "app";

/// The longest idle time one may choose: four hours, beyond every choice the
/// front ends offer.
pub const MAX_AUTO_LOCK_MINUTES: u32 = 240;

impl Settings {
    fn check(&self) -> Result<()> {
        let m = self.auto_lock_minutes;
        if m > MAX_AUTO_LOCK_MINUTES {
            return Err(Error::invalid(
                "auto_lock_minutes",
                format!(
                    "Glimmer can lock after 1 to {MAX_AUTO_LOCK_MINUTES} idle minutes, or never (0); {m} minutes is outside that."
                ),
            ));
        }
        Ok(())
    }
}

/// A handle on the settings of an unlocked vault.
pub struct SettingsStore<'v> {
    pool: &'v SqlitePool,
}

impl<'v> SettingsStore<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn load(&self) -> Result<Settings> {
        let raw: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(KEY)
            .fetch_optional(self.pool)
            .await?;
        Ok(raw
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default())
    }

    pub async fn save(&self, s: &Settings) -> Result<()> {
        let mut tx = Tx::begin(self.pool).await?;
        save(&mut tx, s).await?;
        tx.commit().await
    }
}

pub async fn save(tx: &mut Tx<'_>, s: &Settings) -> Result<()> {
    s.check()?;
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(KEY)
        .bind(json(s))
        .execute(tx.conn())
        .await?;
    Ok(())
}
