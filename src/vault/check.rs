//! `glimmer check`: is the database sound, are the key slots whole, and are
//! there backups, the newest of them sound too.

use serde::Serialize;

use super::{BackupInfo, Vault, keyfile, open};
use crate::error::Result;
use crate::storage;

/// What a check found; `ok` when nothing needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct CheckReport {
    /// `PRAGMA integrity_check` of the database: "ok" when sound.
    pub database: String,
    /// Each key slot, e.g. "passphrase: whole".
    pub key_slots: Vec<String>,
    pub backups: usize,
    pub newest_backup: Option<BackupInfo>,
    /// The newest backup's own integrity check, when there is one.
    pub newest_backup_check: Option<String>,
    pub ok: bool,
}

impl Vault {
    pub async fn check(&self) -> Result<CheckReport> {
        let database = storage::integrity_check(&self.pool).await?;
        let kf = keyfile::read(&self.paths)?;
        let key_slots: Vec<String> = kf
            .slots
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.kind(),
                    if s.is_whole() { "whole" } else { "damaged" }
                )
            })
            .collect();
        let list = self.backups().await;
        let newest_backup_check = match list.first() {
            Some(b) => Some(
                match open::connect(&self.paths.backups().join(&b.name), &self.key).await {
                    Ok(mut conn) => storage::integrity_check(&mut conn)
                        .await
                        .unwrap_or_else(|e| e.to_string()),
                    Err(e) => e.to_string(),
                },
            ),
            None => None,
        };
        let ok = database == "ok"
            && key_slots.iter().all(|s| s.ends_with("whole"))
            && newest_backup_check.as_deref() == Some("ok");
        Ok(CheckReport {
            database,
            key_slots,
            backups: list.len(),
            newest_backup: list.into_iter().next(),
            newest_backup_check,
            ok,
        })
    }
}
