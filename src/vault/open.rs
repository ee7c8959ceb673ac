//! Opening the database: the key first, explicit pragmas, schema upgrades
//! behind a verified backup, and the backups themselves.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqlitePool, SqlitePoolOptions};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor};
use zeroize::Zeroizing;

use super::VaultPaths;
use super::keyfile::{READER_VERSION, make_private_dir, private_file};
use super::lock::{DirLock, LockMode};
use crate::error::{Error, Result};
use crate::keys::DataKey;
use crate::storage::CACHE_KIB;

/// Connection options without the key: sqlx keeps its options for the pool's
/// life and builds plain strings from them, so a key there would outlive the
/// lock unwiped. The key and every pragma that reads the file are set by
/// [`key_connection`] instead. Statement logging is off, so neither the key
/// nor journal text can reach a log.
fn connect_options(db: &Path, create: bool) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(db)
        .create_if_missing(create)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        .disable_statement_logging()
}

/// The most bytes the WAL file keeps between writes (64 MiB).
pub const JOURNAL_SIZE_LIMIT: i64 = 64 << 20;

/// The first statements on every connection: the key (from a buffer that is
/// zeroed after use), then the pragmas that need it. SQLCipher's memory
/// security wipes what it frees, decrypted pages and this statement's text included.
async fn key_connection(conn: &mut SqliteConnection, key: &DataKey) -> sqlx::Result<()> {
    run_secret(conn, key.pragma_statement()).await?;
    // The page cache (`storage::CACHE_KIB`). WAL and synchronous=FULL: an
    // entry the person saved survives a power cut.
    // SQLite reuses the WAL file from its start after each checkpoint but never
    // shrinks it, so one big import would leave it at that import's size for
    // good; the limit trims it back when it is reset.
    conn.execute(sqlx::raw_sql(AssertSqlSafe(format!(
        "PRAGMA cipher_memory_security = ON; PRAGMA cache_size = -{CACHE_KIB}; \
         PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
         PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT};"
    ))))
    .await?;
    Ok(())
}

/// Runs a statement that holds a key. `raw_sql` runs it unprepared, so it never
/// enters the statement cache; sqlx's worker thread holds a share of the text
/// until it has finished with it, then this wipes the one buffer there was.
pub(super) async fn run_secret(
    conn: &mut SqliteConnection,
    mut statement: Zeroizing<String>,
) -> sqlx::Result<()> {
    let shared = Arc::new(std::mem::take(&mut *statement));
    let result = conn
        .execute(sqlx::raw_sql(AssertSqlSafe(Arc::clone(&shared))))
        .await;
    let mut shared = shared;
    // The worker drops its share just after it answers.
    for _ in 0..1000 {
        match Arc::try_unwrap(shared) {
            Ok(text) => {
                drop(Zeroizing::new(text));
                break;
            }
            Err(still_shared) => {
                shared = still_shared;
                tokio::task::yield_now().await;
            }
        }
    }
    result.map(|_| ())
}

/// Starts OpenSSL (SQLCipher's cipher) the way rust-openssl does, without
/// its `atexit` clean-up. Otherwise, when the process exits while sqlx's
/// worker threads are still closing connections (a vault dropped without
/// `lock()`, a command ending early), that clean-up frees OpenSSL's
/// per-thread state under a thread that frees it again as it ends: "double
/// free or corruption" and an abort. The OS reclaims it all at exit anyway.
fn start_openssl() {
    openssl_sys::init();
}

/// One read-write connection outside the pool, keyed like the pool's.
pub(super) async fn connect(db: &Path, key: &DataKey) -> Result<SqliteConnection> {
    start_openssl();
    let mut conn = SqliteConnection::connect_with(&connect_options(db, false)).await?;
    if let Err(e) = key_connection(&mut conn, key).await {
        let _ = conn.close().await;
        return Err(e.into());
    }
    Ok(conn)
}

/// A read-only connection to a file Glimmer only reads (a backup, a file
/// under check): opening it must never write to it, not even a header.
pub(super) async fn connect_read_only(db: &Path, key: &DataKey) -> Result<SqliteConnection> {
    start_openssl();
    if !is_regular_nonempty(db) {
        return Err(Error::Damaged(format!(
            "{} is {}.",
            db.display(),
            if db.exists() { "empty" } else { "missing" }
        )));
    }
    let options = connect_options(db, false).read_only(true);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let keyed = async {
        run_secret(&mut conn, key.pragma_statement()).await?;
        conn.execute("PRAGMA cipher_memory_security = ON").await?;
        Ok::<_, sqlx::Error>(())
    };
    if let Err(e) = keyed.await {
        let _ = conn.close().await;
        return Err(e.into());
    }
    Ok(conn)
}

/// Runs `work` on a connection outside the pool and closes it, also when the
/// work fails: a connection left to close on sqlx's thread could still be
/// closing when the process exits, under SQLCipher's exit handler.
pub(super) async fn closing<T>(
    mut conn: SqliteConnection,
    work: impl AsyncFnOnce(&mut SqliteConnection) -> sqlx::Result<T>,
) -> sqlx::Result<T> {
    let result = work(&mut conn).await;
    let closed = conn.close().await;
    let value = result?;
    closed.map(|()| value)
}

/// A file with something in it (an empty file would open as a new, empty database).
fn is_regular_nonempty(db: &Path) -> bool {
    std::fs::symlink_metadata(db).is_ok_and(|m| m.is_file() && m.len() > 0)
}

/// Whether the open database holds a Glimmer journal (its migrations table).
async fn holds_journal(conn: &mut SqliteConnection) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(conn)
    .await?;
    Ok(n == 1)
}

/// `PRAGMA integrity_check` of the database at `db`, joined into one line
/// ("ok" when sound), on a connection of its own. Never on a pooled one:
/// SQLite 3.45's FTS5 checks against the index layout its connection read
/// last, without asking whether another connection has written since, and
/// called a sound index malformed after an import on the other connection.
/// An empty file, a file that is not a database or not this vault's, and a
/// database without a journal in it are named here, never passed as "ok".
pub(super) async fn check_file(db: &Path, key: &DataKey) -> Result<String> {
    let mut conn = match connect_read_only(db, key).await {
        Ok(conn) => conn,
        Err(Error::Damaged(why)) => return Ok(why),
        Err(e) => return Err(e),
    };
    let verdict = async {
        if !holds_journal(&mut conn).await? {
            return Ok::<_, sqlx::Error>("it opens, but holds no journal".to_string());
        }
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut conn)
            .await?;
        Ok(rows.join("; "))
    };
    let verdict = match verdict.await {
        Ok(v) => v,
        // Not a database, another vault's key, a damaged page: said in words.
        Err(e) => describe_damage(&e),
    };
    let _ = conn.close().await;
    Ok(verdict)
}

/// What SQLite's refusal means for the person, for a check's verdict.
fn describe_damage(e: &sqlx::Error) -> String {
    match Error::from_sqlx_ref(e) {
        Error::Damaged(why) => why,
        Error::DiskFull => "the disk is full".into(),
        _ => format!("it could not be read ({e})"),
    }
}

/// Opens the pool. `create` is true only while a vault is being created:
/// opening an existing vault must never make an empty database in its place.
pub(super) async fn open_pool(db: &Path, key: &DataKey, create: bool) -> Result<SqlitePool> {
    start_openssl();
    if !create && !is_regular_nonempty(db) {
        return Err(Error::Damaged(format!(
            "The journal database {} is {}. Nothing was created in its place.",
            db.display(),
            if db.exists() { "empty" } else { "missing" }
        )));
    }
    // One connection first, on its own: a pool would retry a key that does not
    // fit until its timeout, where this answers at once.
    let first = async {
        let conn = SqliteConnection::connect_with(&connect_options(db, create)).await?;
        closing(conn, async |conn| {
            key_connection(conn, key).await?;
            conn.execute("SELECT count(*) FROM sqlite_master").await?;
            Ok(())
        })
        .await
    };
    first.await.map_err(|e| match Error::from(e) {
        Error::Damaged(_) => Error::NotAVault {
            path: db.to_path_buf(),
            reason: "the database does not open with this vault's key: it is damaged or belongs to another vault".into(),
        },
        other => other,
    })?;
    let key = Arc::new(key.clone());
    Ok(SqlitePoolOptions::new()
        // A writer and a reader are all one person needs, each with its own
        // page cache, and the connection searches keep (`storage::Reader`).
        .max_connections(3)
        // A SQLite connection cannot go stale, and sqlx's test before handing
        // one out is one more round trip to its worker thread on every query.
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(10))
        .after_connect(move |conn, _| {
            let key = Arc::clone(&key);
            Box::pin(async move { key_connection(conn, &key).await })
        })
        .connect_with(connect_options(db, false))
        .await?)
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

/// Applies the migrations; `backed_up` says whether a checked backup was made
/// first, so the message points to one only when it exists.
pub(super) async fn migrate(pool: &SqlitePool, migrator: &Migrator, backed_up: bool) -> Result<()> {
    migrator.run(pool).await.map_err(|e| {
        let backup = if backed_up {
            " A checked backup was made first, in the vault's backups folder."
        } else {
            ""
        };
        Error::Damaged(format!(
            "Glimmer could not set up the vault's tables ({e}).{backup}"
        ))
    })
}

pub(super) async fn upgrade_if_needed(
    paths: &VaultPaths,
    pool: &SqlitePool,
    key: &DataKey,
    lock: &DirLock,
    migrator: &Migrator,
) -> Result<()> {
    let applied = applied_versions(pool).await?;
    if let Some(v) = applied.iter().find(|v| !migrator.version_exists(**v)) {
        // A newer Glimmer changed the schema without raising min_reader_version:
        // refuse rather than guess.
        return Err(Error::NewerVersion {
            needed: u32::try_from(*v).unwrap_or(u32::MAX),
            ours: READER_VERSION,
        });
    }
    if applied.is_empty() {
        // Only creating a vault makes its tables: an existing vault without
        // them lost its journal, and an empty one must not take its place.
        return Err(Error::Damaged(format!(
            "The journal database {} opens but holds no journal. Nothing was created in its place.",
            paths.database().display()
        )));
    }
    if !migrator.iter().any(|m| !applied.contains(&m.version)) {
        return Ok(());
    }
    lock.set(LockMode::Exclusive)?;
    let from = applied.last().copied().unwrap_or_default();
    verified_backup(paths, key, &format!("before-upgrade-from-{from}")).await?;
    migrate(pool, migrator, true).await?;
    lock.set(LockMode::Shared)
}

/// `VACUUM INTO` a new file under `backups/`, then reopen the copy with the same
/// key and require `integrity_check` to say "ok" before trusting it. The copy
/// is written under a `.partial` name and renamed only once checked, so a
/// backup cut short (a kill, a full disk) never looks like a backup.
pub(super) async fn verified_backup(
    paths: &VaultPaths,
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
    clean_leftovers(&dir);
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%.3fZ")
        .to_string();
    let dest = dir.join(format!("vault-{stamp}-{label}.sqlite"));
    let partial = dest.with_extension("sqlite.partial");
    let dest_str = partial
        .to_str()
        .ok_or_else(|| failed("the backup path is not valid UTF-8".into()))?;
    // Made empty and private first: VACUUM INTO fills an empty file and
    // keeps its mode, where it would make a new one readable by all.
    drop(private_file(&partial)?);
    let copied = async {
        let mut conn = connect_read_only(&paths.database(), key).await?;
        let done = sqlx::query("VACUUM INTO ?")
            .bind(dest_str)
            .execute(&mut conn)
            .await;
        let _ = conn.close().await;
        done.map_err(Error::from)
    };
    copied.await.map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        match e {
            Error::DiskFull => Error::DiskFull,
            Error::Io { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => {
                Error::DiskFull
            }
            other => failed(other.to_string()),
        }
    })?;
    let verdict = match check_file(&partial, key).await {
        Ok(v) if v == "ok" => Ok(()),
        Ok(v) => Err(failed(format!(
            "the copy did not pass its integrity check: {v}"
        ))),
        Err(e) => Err(failed(e.to_string())),
    };
    if let Err(e) = verdict {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &dest).map_err(Error::io(&dest))?;
    super::keyfile::sync_dir(&dir)?;
    Ok(dest)
}

/// What backups and restores cut short by a kill or a full disk left behind:
/// partial copies and the journal files SQLite made beside them.
pub(super) fn clean_leftovers(dir: &Path) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let leftover = [
            ".partial",
            ".partial-wal",
            ".partial-shm",
            ".partial-journal",
        ]
        .iter()
        .any(|end| name.ends_with(end))
            || ["-wal", "-shm", "-journal", ".tmp"]
                .iter()
                .any(|end| name.starts_with("vault-") && name.ends_with(end));
        if leftover {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_never_part_of_the_options_the_pool_keeps() {
        let key = DataKey::random().unwrap();
        let opts = connect_options(Path::new("/tmp/x.sqlite"), false);
        let shown = format!("{opts:?}");
        let pragma = key.pragma_statement();
        let hex = &pragma["PRAGMA key = \"x'".len()..pragma.len() - 3];
        assert!(
            !shown.contains(hex),
            "the key must not live in the pool's options"
        );
        assert!(shown.contains("\"key\": None"), "{shown}");
    }

    /// SQLite 3.54 marks a statement to be planned again when a value it read
    /// while planning is bound anew (a `LIMIT ?`, FTS5's MATCH), and sqlx clears
    /// the bindings before every run: without the query planner stability
    /// guarantee every search was parsed and planned again (docs/benchmarks.md).
    #[tokio::test]
    async fn plans_never_depend_on_bound_values() {
        let dir = tempfile::tempdir().unwrap();
        let key = DataKey::random().unwrap();
        let pool = open_pool(&dir.path().join("v.sqlite"), &key, true)
            .await
            .unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
            .fetch_all(&pool)
            .await
            .unwrap();
        assert!(
            options.iter().any(|o| o == "ENABLE_QPSG"),
            "SQLITE_ENABLE_QPSG is missing from LIBSQLITE3_FLAGS: {options:?}"
        );
        pool.close().await;
    }

    #[tokio::test]
    async fn every_pooled_connection_is_keyed_durable_and_wipes_what_it_frees() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("v.sqlite");
        let key = DataKey::random().unwrap();
        let pool = open_pool(&db, &key, true).await.unwrap();
        let mut conns = vec![pool.acquire().await.unwrap(), pool.acquire().await.unwrap()];
        for conn in &mut conns {
            let get = |p: &'static str| sqlx::query_scalar::<_, String>(p);
            assert_eq!(
                get("PRAGMA journal_mode")
                    .fetch_one(&mut **conn)
                    .await
                    .unwrap(),
                "wal"
            );
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(sync, 2, "FULL");
            let limit: i64 = sqlx::query_scalar("PRAGMA journal_size_limit")
                .fetch_one(&mut **conn)
                .await
                .unwrap();
            assert_eq!(limit, JOURNAL_SIZE_LIMIT);
            assert_eq!(
                get("PRAGMA cipher_memory_security")
                    .fetch_one(&mut **conn)
                    .await
                    .unwrap(),
                "1"
            );
        }
        drop(conns);
        pool.close().await;
        let other = DataKey::random().unwrap();
        assert!(matches!(
            open_pool(&db, &other, false).await,
            Err(Error::NotAVault { .. })
        ));
    }
}
