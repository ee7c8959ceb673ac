//! `glimmer check`: is the database sound, are the key slots whole, and are
//! there backups, the newest of them sound too.

use serde::Serialize;

use super::{BackupInfo, Vault, keyfile, open};
use crate::error::Result;

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
    /// The database engine that checked it (SQLite and SQLCipher versions).
    pub engine: crate::engine::EngineVersions,
    /// Backups named after today (a clock that was wrong), by name: they are
    /// not counted as the newest.
    pub from_the_future: Vec<String>,
    pub ok: bool,
}

impl Vault {
    pub async fn check(&self) -> Result<CheckReport> {
        let database = self.integrity_check().await?;
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
        let now = jiff::Timestamp::now();
        let from_the_future = self.backups_from_the_future(now);
        let list: Vec<BackupInfo> = self
            .backups()
            .await
            .into_iter()
            .filter(|b| !from_the_future.contains(&b.name))
            .collect();
        let newest_backup_check = match list.first() {
            Some(b) => Some(
                open::check_file(&self.paths.backups().join(&b.name), &self.key)
                    .await
                    .unwrap_or_else(|e| e.to_string()),
            ),
            None => None,
        };
        let ok = database == "ok"
            && key_slots.iter().all(|s| s.ends_with("whole"))
            && newest_backup_check.as_deref() == Some("ok")
            && from_the_future.is_empty();
        Ok(CheckReport {
            database,
            key_slots,
            backups: list.len(),
            newest_backup: list.into_iter().next(),
            newest_backup_check,
            from_the_future,
            engine: crate::engine::versions().await?,
            ok,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{NewEntry, Vault};

    /// Entries the full-text index finds for "walk", read on `conn`.
    async fn walks(conn: &mut sqlx::SqliteConnection) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'walk'")
            .fetch_one(conn)
            .await
            .unwrap()
    }

    /// SQLite 3.45's FTS5 checks its index against the index layout a
    /// connection read last, without asking whether another connection has
    /// written since (its searches do ask). A pooled connection that searched
    /// before another imported reported a sound index as "malformed inverted
    /// index", so checks run on a connection of their own.
    #[tokio::test]
    async fn a_check_is_not_misled_by_what_another_connection_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let vault = Vault::create_for_test(dir.path()).await;
        let entry = |i: usize| NewEntry {
            body: format!(
                "a walk, entry {i} {}",
                "a slow morning with tea and a walk by the river. ".repeat(40)
            ),
            ..NewEntry::default()
        };
        vault.journal().import(&[entry(0)]).await.unwrap();
        let mut reader = vault.pool.acquire().await.unwrap();
        assert_eq!(walks(&mut reader).await, 1);
        // The import takes another of the pool's connections, and is big
        // enough for FTS5 to merge the segments the reader last saw.
        let batch: Vec<NewEntry> = (1..3000).map(entry).collect();
        vault.journal().import(&batch).await.unwrap();
        // With the reader back in the pool and the others held, the pool has
        // only the connection that has not seen the import (taken once the
        // import's is back: sqlx hands it back on a task of its own).
        while vault.pool.num_idle() + 1 < vault.pool.size() as usize {
            tokio::task::yield_now().await;
        }
        let others = (
            vault.pool.acquire().await.unwrap(),
            vault.pool.acquire().await.unwrap(),
        );
        drop(reader);
        while vault.pool.num_idle() == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(vault.integrity_check().await.unwrap(), "ok");
        assert_eq!(vault.check().await.unwrap().database, "ok");
        // Searches ask, so the reader finds what the other connection wrote.
        let mut reader = vault.pool.acquire().await.unwrap();
        assert_eq!(walks(&mut reader).await, 3000);
        drop((reader, others));
        vault.lock().await;
    }
}
