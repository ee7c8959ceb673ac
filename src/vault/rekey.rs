//! A new data key, for a passphrase that leaked: the journal is copied into a
//! file under the new key, new key slots (new passphrase, new recovery key)
//! are written beside it, and both replace the old ones; then every backup is
//! re-encrypted under the new key, or deleted if the person chooses. A crash
//! at any step leaves a vault that opens: before the journal is replaced,
//! with the old passphrase; after, with the new one (`finish_interrupted`).

use std::fs;
use std::path::{Path, PathBuf};

use sqlx::sqlite::SqliteConnection;
use sqlx::{Connection, Executor};

use super::keyfile::{self, KeyFile};
use super::lock::LockMode;
use super::{Vault, VaultPaths, open, require_passphrase};
use crate::error::{Error, Result};
use crate::keys::{DataKey, KdfParams, RecoveryKey, Secret, Slot};

/// What becomes of the backups, which are under the old key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum OldBackups {
    /// Each is copied under the new key (and checked) in its place.
    Reencrypt,
    /// All are deleted: nothing under the old key is left.
    Delete,
}

fn rekeying_db(paths: &VaultPaths) -> PathBuf {
    paths.dir.join("vault.sqlite.rekeying")
}

fn rekeying_slots(paths: &VaultPaths) -> PathBuf {
    paths.dir.join("vault.json.rekeying")
}

/// Ends a change of key that a crash interrupted, before the vault is read:
/// if the new journal was not yet in place the old vault stands and the new
/// files go; if it was, the new key slots take the old ones' place.
pub(super) fn finish_interrupted(paths: &VaultPaths) -> Result<()> {
    let slots = rekeying_slots(paths);
    let db = rekeying_db(paths);
    if db.exists() {
        let _ = fs::remove_file(&db);
        for side in ["-wal", "-shm", "-journal"] {
            let _ = fs::remove_file(paths.dir.join(format!("vault.sqlite.rekeying{side}")));
        }
        let _ = fs::remove_file(&slots);
    } else if slots.exists() {
        fs::rename(&slots, paths.key_file()).map_err(Error::io(&slots))?;
    }
    keyfile::sync_dir(&paths.dir)
}

/// `sqlcipher_export` of the database at `from` (opened with `key`) into a
/// new file `to` under `new_key`, then a check of the copy.
async fn export(from: &Path, key: &DataKey, to: &Path, new_key: &DataKey) -> Result<()> {
    let _ = fs::remove_file(to);
    let to_str = to
        .to_str()
        .filter(|s| !s.contains('\''))
        .ok_or_else(|| Error::Internal("the vault's path cannot be named in SQL".into()))?;
    // Made empty and private first: the connection may not create files,
    // and SQLite would give a new one the default mode.
    drop(keyfile::private_file(to)?);
    let copied = async {
        let mut conn = open::connect(from, key).await?;
        let done = async {
            open::run_secret(&mut conn, new_key.attach_statement(to_str, "rekeyed")).await?;
            conn.execute("SELECT sqlcipher_export('rekeyed')").await?;
            conn.execute("DETACH DATABASE rekeyed").await?;
            Ok::<_, sqlx::Error>(())
        };
        let done = done.await;
        let _ = SqliteConnection::close(conn).await;
        done.map_err(Error::from)
    };
    copied.await?;
    match open::check_file(to, new_key).await? {
        v if v == "ok" => Ok(()),
        v => {
            let _ = fs::remove_file(to);
            Err(Error::Damaged(format!(
                "The copy under the new key did not pass its check ({v}); nothing was changed."
            )))
        }
    }
}

impl Vault {
    /// Gives the vault a new data key, a new passphrase and a new recovery
    /// key (returned, to show once). Everything under the old key — the
    /// journal's old file and every backup — is replaced or deleted.
    pub async fn rekey(&mut self, passphrase: &Secret, old: OldBackups) -> Result<RecoveryKey> {
        require_passphrase(passphrase)?;
        let paths = self.paths.clone();
        let new_key = DataKey::random()?;
        let recovery = RecoveryKey::generate()?;
        let mut kf: KeyFile = keyfile::read(&paths)?;
        kf.slots = vec![
            Slot::wrap_passphrase(&new_key, passphrase, KdfParams::default())?,
            Slot::wrap_recovery(&new_key, &recovery)?,
        ];
        // The backups to re-encrypt are found before anything moves.
        let dirs = self.backup_dirs().await?;
        self._lock.set(LockMode::Exclusive)?;
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.reader.release().await;
        self.pool.close().await;
        let swapped = async {
            export(&paths.database(), &self.key, &rekeying_db(&paths), &new_key).await?;
            keyfile::write_to(&rekeying_slots(&paths), &mut kf)?;
            // The commit point: from this rename on, the new key opens the journal.
            for side in ["vault.sqlite-wal", "vault.sqlite-shm"] {
                let _ = fs::remove_file(paths.dir.join(side));
            }
            fs::rename(rekeying_db(&paths), paths.database())
                .map_err(Error::io(&paths.database()))?;
            keyfile::sync_dir(&paths.dir)?;
            finish_interrupted(&paths)
        };
        let swapped = swapped.await;
        if swapped.is_err() {
            let _ = finish_interrupted(&paths);
        }
        let key = if swapped.is_ok() { &new_key } else { &self.key };
        let reopened = open::open_pool(&paths.database(), key, false).await;
        let _ = self._lock.set(LockMode::Shared);
        // A journal that did not reopen shows as `is_open() == false` (lock
        // and unlock again); after the swap the new recovery key is returned
        // whatever else happens.
        if let Ok(pool) = reopened {
            self.pool = pool;
        }
        swapped?;
        let old_key = std::mem::replace(&mut self.key, new_key);
        for dir in dirs.into_iter().filter(|d| d.is_dir()) {
            for (_, _, db) in super::backup::backups_in(&dir) {
                let slots = db.with_extension("json");
                // The journal is under the new key already: a backup that
                // cannot be changed must not fail the whole (the new recovery
                // key would never be shown), nor stay open to the old passphrase.
                match old {
                    OldBackups::Delete => {
                        let _ = fs::remove_file(&db);
                        let _ = fs::remove_file(&slots);
                    }
                    OldBackups::Reencrypt => {
                        let partial = db.with_extension("sqlite.partial");
                        let moved = async {
                            export(&db, &old_key, &partial, &self.key).await?;
                            keyfile::copy_to(&paths, &slots)?;
                            fs::rename(&partial, &db).map_err(Error::io(&db))
                        };
                        if moved.await.is_err() {
                            let _ = fs::remove_file(&partial);
                            // Another vault's backup (the old key does not
                            // open it) is not this vault's to change.
                            if super::backup::opens_with(&db, &old_key).await {
                                let _ = fs::remove_file(&slots);
                            }
                        }
                    }
                }
            }
            open::clean_leftovers(&dir);
            let _ = keyfile::sync_dir(&dir);
        }
        Ok(recovery)
    }
}
