//! Opening the database: the key first, explicit pragmas, schema upgrades
//! behind a verified backup, and the backups themselves.

use std::path::{Path, PathBuf};
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};

use super::VaultPaths;
use super::keyfile::{READER_VERSION, make_private_dir};
use super::lock::{DirLock, LockMode};
use crate::error::{Error, Result};
use crate::keys::DataKey;
use crate::storage;

/// Connection options with the key set first and statement logging off, so
/// neither the key pragma nor journal text can reach a log.
fn connect_options(db: &Path, key: &DataKey, create: bool) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(db)
        .pragma("key", key.pragma_value().to_string())
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // 16 MiB of decrypted pages per connection: at 100k entries a search
        // for a common word drops from ~1 s to ~70 ms (docs/benchmarks.md).
        .pragma("cache_size", "-16384")
        .disable_statement_logging()
}

/// Opens the pool. `create` is true only while a vault is being created:
/// opening an existing vault must never make an empty database in its place.
pub(super) async fn open_pool(db: &Path, key: &DataKey, create: bool) -> Result<SqlitePool> {
    if !create && !db.exists() {
        return Err(Error::Damaged(format!(
            "The journal database {} is missing. Nothing was created in its place; restore it from a backup.",
            db.display()
        )));
    }
    SqlitePoolOptions::new()
        // Two connections: a writer and a reader are all one person needs, and
        // each holds its own page cache.
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(connect_options(db, key, create))
        .await
        .map_err(|e| match Error::from(e) {
            Error::Damaged(_) => Error::NotAVault {
                path: db.to_path_buf(),
                reason: "the database does not open with this vault's key: it is damaged or belongs to another vault".into(),
            },
            other => other,
        })
}

/// Versions already applied to this database (empty for a new one).
async fn applied_versions(pool: &SqlitePool) -> Result<Vec<i64>> {
    let exists: Option<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(pool)
    .await?;
    if exists.is_none() {
        return Ok(vec![]);
    }
    Ok(sqlx::query_scalar(
        "SELECT version FROM _sqlx_migrations WHERE success = 1 ORDER BY version",
    )
    .fetch_all(pool)
    .await?)
}

pub(super) async fn migrate(pool: &SqlitePool, migrator: &Migrator) -> Result<()> {
    migrator.run(pool).await.map_err(|e| {
        Error::Damaged(format!(
            "Glimmer could not upgrade the vault ({e}). A checked backup was made first, in the vault's backups folder."
        ))
    })
}

pub(super) async fn upgrade_if_needed(
    paths: &VaultPaths,
    pool: &SqlitePool,
    key: &DataKey,
    lock: DirLock,
    migrator: &Migrator,
) -> Result<DirLock> {
    let applied = applied_versions(pool).await?;
    if let Some(v) = applied.iter().find(|v| !migrator.version_exists(**v)) {
        // A newer Glimmer changed the schema without raising min_reader_version:
        // refuse rather than guess.
        return Err(Error::NewerVersion {
            needed: u32::try_from(*v).unwrap_or(u32::MAX),
            ours: READER_VERSION,
        });
    }
    if !migrator.iter().any(|m| !applied.contains(&m.version)) {
        return Ok(lock);
    }
    lock.set(LockMode::Exclusive)?;
    if let Some(from) = applied.last() {
        verified_backup(paths, pool, key, &format!("before-upgrade-from-{from}")).await?;
    }
    migrate(pool, migrator).await?;
    lock.set(LockMode::Shared)?;
    Ok(lock)
}

/// `VACUUM INTO` a new file under `backups/`, then reopen the copy with the same
/// key and require `integrity_check` to say "ok" before trusting it.
pub(super) async fn verified_backup(
    paths: &VaultPaths,
    pool: &SqlitePool,
    key: &DataKey,
    label: &str,
) -> Result<PathBuf> {
    let failed = |why: String| {
        Error::Damaged(format!(
            "Glimmer could not make a checked backup, so it changed nothing ({why})."
        ))
    };
    let dir = paths.backups();
    make_private_dir(&dir)?;
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%.3fZ")
        .to_string();
    let dest = dir.join(format!("vault-{stamp}-{label}.sqlite"));
    let dest_str = dest
        .to_str()
        .ok_or_else(|| failed("the backup path is not valid UTF-8".into()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(dest_str)
        .execute(pool)
        .await
        .map_err(|e| match Error::from(e) {
            Error::DiskFull => Error::DiskFull,
            other => failed(other.to_string()),
        })?;
    let check = async {
        let mut conn = SqliteConnection::connect_with(&connect_options(&dest, key, false)).await?;
        let verdict = storage::integrity_check(&mut conn).await?;
        conn.close().await?;
        Ok::<_, Error>(verdict)
    };
    match check.await {
        Ok(v) if v == "ok" => Ok(dest),
        Ok(v) => Err(failed(format!(
            "the copy did not pass its integrity check: {v}"
        ))),
        Err(e) => Err(failed(e.to_string())),
    }
}
