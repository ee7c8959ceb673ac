//! Preferences kept inside the encrypted vault (they say something about the
//! person too). One JSON document; unknown or missing fields take defaults, so
//! older and newer Glimmers can share a vault.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;

use crate::storage::StorageError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct Settings {
    /// Lock after this many idle minutes; 0 turns idle locking off.
    pub auto_lock_minutes: u32,
    /// Lock when the computer's screen locks.
    pub lock_with_screen: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            auto_lock_minutes: 10,
            lock_with_screen: true,
        }
    }
}

const KEY: &str = "app";

pub async fn load(pool: &SqlitePool) -> Result<Settings, StorageError> {
    let raw: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
        .bind(KEY)
        .fetch_optional(pool)
        .await?;
    Ok(raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default())
}

pub async fn save(pool: &SqlitePool, s: &Settings) -> Result<(), StorageError> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(KEY)
        .bind(serde_json::to_string(s).expect("settings serialise"))
        .execute(pool)
        .await?;
    Ok(())
}
