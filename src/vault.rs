//! The vault: a directory holding `vault.json` (wrapped keys), the SQLCipher
//! database `vault.sqlite` and `backups/`. Creating, unlocking, upgrading and
//! locking it all happen here.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection};

use crate::keys::{DataKey, KdfParams, KeyError, RecoveryKey, Secret, Slot};
use crate::storage::{self, StorageError};

/// The newest vault layout this build can read. Raise it (and `WRITES_MIN_READER`)
/// when a change would make older Glimmers misread a vault.
pub const READER_VERSION: u32 = 1;
/// What a vault written by this build demands of its readers.
const WRITES_MIN_READER: u32 = 1;
const FORMAT: &str = "glimmer-vault";
const TRASH_DAYS: i64 = 30;

/// The vault's schema migrations, embedded from `migrations/`.
pub static MIGRATOR: Migrator = sqlx::migrate!();

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("There is no Glimmer vault at {0}. Create one with `glimmer init`.")]
    Missing(PathBuf),
    #[error("A Glimmer vault already exists at {0}; nothing was changed.")]
    AlreadyExists(PathBuf),
    #[error("{0} is not a Glimmer vault ({1}).")]
    NotAVault(PathBuf, String),
    #[error(
        "This vault was written by a newer Glimmer (it needs reader version {needed}, this Glimmer reads up to {ours}). Update Glimmer to open it; nothing was changed."
    )]
    NewerVersion { needed: u32, ours: u32 },
    #[error(
        "That passphrase doesn't open this vault. Check it and try again, or use your recovery key."
    )]
    WrongPassphrase,
    #[error("That recovery key doesn't open this vault. Check each group of four and try again.")]
    WrongRecoveryKey,
    #[error(
        "That doesn't look like a recovery key: it is eight groups of four letters and digits, like ABCD-EFGH-…."
    )]
    MalformedRecoveryKey,
    #[error(
        "Another Glimmer is upgrading, restoring or holding this vault open for that right now. Close it or wait, then try again."
    )]
    Busy,
    #[error("The vault's key file is damaged ({0}). Nothing was changed.")]
    KeyFileDamaged(String),
    #[error(
        "Glimmer could not make a verified backup before upgrading, so it did not upgrade ({0})."
    )]
    Backup(String),
    #[error("Glimmer could not upgrade the vault ({0}). Your backup is in the backups folder.")]
    Migrate(#[from] MigrateError),
    #[error("{0}")]
    Storage(#[from] StorageError),
    #[error("Glimmer could not use {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> VaultError + '_ {
    move |source| VaultError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl From<KeyError> for VaultError {
    fn from(e: KeyError) -> Self {
        match e {
            KeyError::Mismatch => VaultError::WrongPassphrase,
            KeyError::Damaged(d) => VaultError::KeyFileDamaged(d),
            KeyError::Random(d) => VaultError::KeyFileDamaged(d),
        }
    }
}

impl From<sqlx::Error> for VaultError {
    fn from(e: sqlx::Error) -> Self {
        VaultError::Storage(e.into())
    }
}

/// What the user offers to open the vault.
pub enum Credential {
    Passphrase(Secret),
    RecoveryKey(Secret),
}

/// `vault.json`. Unknown fields are kept so an older Glimmer rewriting the key
/// slots (a passphrase change) does not drop what a newer one added.
#[derive(Debug, Serialize, Deserialize)]
struct KeyFile {
    format: String,
    min_reader_version: u32,
    slots: Vec<Slot>,
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// Whether a vault exists yet and whether it is open, for the first screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct VaultStatus {
    pub exists: bool,
    pub unlocked: bool,
}

/// Where a vault's files live.
#[derive(Debug, Clone)]
pub struct VaultPaths {
    pub dir: PathBuf,
}

impl VaultPaths {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }
    pub fn key_file(&self) -> PathBuf {
        self.dir.join("vault.json")
    }
    pub fn database(&self) -> PathBuf {
        self.dir.join("vault.sqlite")
    }
    pub fn backups(&self) -> PathBuf {
        self.dir.join("backups")
    }
    fn lock_file(&self) -> PathBuf {
        self.dir.join("vault.lock")
    }

    /// A vault has been created here (its key file exists).
    pub fn exists(&self) -> bool {
        self.key_file().exists()
    }

    /// The platform data directory, e.g. `~/.local/share/glimmer` on Linux.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "glimmer").map(|d| d.data_dir().to_path_buf())
    }
}

/// An advisory lock on `vault.lock`: shared while a vault is open, exclusive
/// while it is created, upgraded or restored. The OS drops it if we are killed.
/// Changing between shared and exclusive converts the lock on the same file
/// description instead of releasing it, so no other Glimmer can slip in.
struct DirLock {
    file: File,
    path: PathBuf,
}

#[derive(Clone, Copy)]
enum LockMode {
    Shared,
    Exclusive,
}

impl DirLock {
    fn acquire(paths: &VaultPaths, mode: LockMode) -> Result<Self, VaultError> {
        let path = paths.lock_file();
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io_err(&path))?;
        let lock = Self { file, path };
        lock.set(mode)?;
        Ok(lock)
    }

    fn shared(paths: &VaultPaths) -> Result<Self, VaultError> {
        Self::acquire(paths, LockMode::Shared)
    }

    fn exclusive(paths: &VaultPaths) -> Result<Self, VaultError> {
        Self::acquire(paths, LockMode::Exclusive)
    }

    /// Takes (or converts to) `mode`, waiting briefly: a process being spawned
    /// elsewhere can hold a copy of our descriptor for a moment before exec.
    fn set(&self, mode: LockMode) -> Result<(), VaultError> {
        for attempt in 0..20 {
            let r = match mode {
                LockMode::Shared => self.file.try_lock_shared(),
                LockMode::Exclusive => self.file.try_lock(),
            };
            match r {
                Ok(()) => return Ok(()),
                Err(std::fs::TryLockError::WouldBlock) if attempt < 19 => {
                    std::thread::sleep(Duration::from_millis(25))
                }
                Err(std::fs::TryLockError::WouldBlock) => return Err(VaultError::Busy),
                Err(std::fs::TryLockError::Error(e)) => return Err(io_err(&self.path)(e)),
            }
        }
        Err(VaultError::Busy)
    }
}

/// An unlocked vault. Dropping it (or `lock()`) closes the database and zeroes the key.
pub struct Vault {
    paths: VaultPaths,
    pool: SqlitePool,
    key: DataKey,
    _lock: DirLock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.paths.dir)
            .finish_non_exhaustive()
    }
}

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

async fn open_pool(db: &Path, key: &DataKey, create: bool) -> Result<SqlitePool, VaultError> {
    let pool = SqlitePoolOptions::new()
        // Two connections: a writer and a reader are all one person needs, and
        // each holds its own page cache.
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(connect_options(db, key, create))
        .await
        .map_err(|e| match StorageError::from(e) {
            StorageError::NotADatabase => VaultError::NotAVault(
                db.to_path_buf(),
                "the database does not open with this vault's key".into(),
            ),
            other => VaultError::Storage(other),
        })?;
    Ok(pool)
}

fn read_key_file(paths: &VaultPaths) -> Result<KeyFile, VaultError> {
    let kf = paths.key_file();
    if !kf.exists() {
        return Err(if paths.database().exists() {
            VaultError::NotAVault(
                paths.dir.clone(),
                "its key file vault.json is missing".into(),
            )
        } else {
            VaultError::Missing(paths.dir.clone())
        });
    }
    let bytes = fs::read(&kf).map_err(io_err(&kf))?;
    let parsed: KeyFile = serde_json::from_slice(&bytes).map_err(|e| {
        VaultError::NotAVault(paths.dir.clone(), format!("vault.json is unreadable: {e}"))
    })?;
    if parsed.format != FORMAT {
        return Err(VaultError::NotAVault(
            paths.dir.clone(),
            "vault.json belongs to something else".into(),
        ));
    }
    if parsed.min_reader_version > READER_VERSION {
        return Err(VaultError::NewerVersion {
            needed: parsed.min_reader_version,
            ours: READER_VERSION,
        });
    }
    Ok(parsed)
}

/// Replaces `vault.json` atomically: a crash leaves either the old or the new file.
fn write_key_file(paths: &VaultPaths, kf: &KeyFile) -> Result<(), VaultError> {
    let target = paths.key_file();
    let tmp = paths.dir.join("vault.json.tmp");
    let json = serde_json::to_vec_pretty(kf).expect("key file serialises");
    {
        let mut f = private_file(&tmp)?;
        f.write_all(&json).map_err(io_err(&tmp))?;
        f.sync_all().map_err(io_err(&tmp))?;
    }
    fs::rename(&tmp, &target).map_err(io_err(&target))?;
    sync_dir(&paths.dir)
}

fn sync_dir(dir: &Path) -> Result<(), VaultError> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Creates (or truncates) a file only the user can read.
fn private_file(path: &Path) -> Result<File, VaultError> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path).map_err(io_err(path))
}

fn make_private_dir(dir: &Path) -> Result<(), VaultError> {
    fs::create_dir_all(dir).map_err(io_err(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io_err(dir))?;
    }
    Ok(())
}

impl Vault {
    /// Creates a vault and returns it unlocked, with the recovery key to show once.
    pub async fn create(
        dir: impl Into<PathBuf>,
        passphrase: &Secret,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        Self::create_with(dir, passphrase, KdfParams::default()).await
    }

    pub async fn create_with(
        dir: impl Into<PathBuf>,
        passphrase: &Secret,
        kdf: KdfParams,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        Self::create_with_migrator(dir, passphrase, kdf, &MIGRATOR).await
    }

    /// `create_with` and a chosen set of migrations; tests use it to build an older vault.
    #[doc(hidden)]
    pub async fn create_with_migrator(
        dir: impl Into<PathBuf>,
        passphrase: &Secret,
        kdf: KdfParams,
        migrator: &Migrator,
    ) -> Result<(Vault, RecoveryKey), VaultError> {
        let paths = VaultPaths::new(dir);
        if paths.key_file().exists() || paths.database().exists() {
            return Err(VaultError::AlreadyExists(paths.dir));
        }
        make_private_dir(&paths.dir)?;
        let lock = DirLock::exclusive(&paths)?;
        let key = DataKey::random()?;
        let recovery = RecoveryKey::generate()?;
        let kf = KeyFile {
            format: FORMAT.into(),
            min_reader_version: WRITES_MIN_READER,
            slots: vec![
                Slot::wrap_passphrase(&key, passphrase, kdf)?,
                Slot::wrap_recovery(&key, &recovery)?,
            ],
            extra: Default::default(),
        };
        // The key file goes first: a crash before the database exists leaves a
        // vault that opens empty, never a database nobody can unlock.
        write_key_file(&paths, &kf)?;
        // SQLite gives its -wal and -shm files the database file's permissions.
        private_file(&paths.database())?;
        let pool = open_pool(&paths.database(), &key, true).await?;
        migrator.run(&pool).await?;
        lock.set(LockMode::Shared)?;
        Ok((
            Vault {
                paths,
                pool,
                key,
                _lock: lock,
            },
            recovery,
        ))
    }

    /// Opens the vault with a passphrase or recovery key, upgrading it (after a
    /// verified backup) when this Glimmer is newer than the vault.
    pub async fn unlock(
        dir: impl Into<PathBuf>,
        credential: &Credential,
    ) -> Result<Vault, VaultError> {
        Self::unlock_with(dir, credential, &MIGRATOR).await
    }

    /// `unlock` with a chosen set of migrations; tests use it to build an older vault.
    #[doc(hidden)]
    pub async fn unlock_with(
        dir: impl Into<PathBuf>,
        credential: &Credential,
        migrator: &Migrator,
    ) -> Result<Vault, VaultError> {
        let paths = VaultPaths::new(dir);
        let kf = read_key_file(&paths)?;
        let key = unwrap_key(&kf, credential)?;
        let lock = DirLock::shared(&paths)?;
        let pool = open_pool(&paths.database(), &key, true).await?;
        let lock = upgrade_if_needed(&paths, &pool, &key, lock, migrator).await?;
        let vault = Vault {
            paths,
            pool,
            key,
            _lock: lock,
        };
        vault.purge_old_trash().await?;
        Ok(vault)
    }

    /// Closes the database; the key is zeroed as the vault is dropped.
    pub async fn lock(self) {
        // Fold the WAL into the database now: sqlx may finish closing its
        // connections a moment after `close()` returns.
        if let Ok(mut conn) = self.pool.acquire().await {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *conn)
                .await;
        }
        self.pool.close().await;
    }

    /// Re-wraps the data key under a new passphrase. The database is untouched.
    pub async fn change_passphrase(&self, new: &Secret) -> Result<(), VaultError> {
        let mut kf = read_key_file(&self.paths)?;
        let kdf = kf
            .slots
            .iter()
            .find_map(|s| match s {
                Slot::Passphrase { kdf, .. } => Some(*kdf),
                Slot::Recovery { .. } => None,
            })
            .unwrap_or_default();
        let slot = Slot::wrap_passphrase(&self.key, new, kdf)?;
        kf.slots.retain(|s| matches!(s, Slot::Recovery { .. }));
        kf.slots.insert(0, slot);
        write_key_file(&self.paths, &kf)
    }

    pub fn paths(&self) -> &VaultPaths {
        &self.paths
    }

    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub async fn settings(&self) -> Result<crate::settings::Settings, VaultError> {
        Ok(crate::settings::load(&self.pool).await?)
    }

    pub async fn save_settings(&self, s: &crate::settings::Settings) -> Result<(), VaultError> {
        Ok(crate::settings::save(&self.pool, s).await?)
    }

    /// Whether `passphrase` opens this vault (asked before changing it).
    pub fn verify_passphrase(&self, passphrase: &Secret) -> Result<bool, VaultError> {
        let kf = read_key_file(&self.paths)?;
        match unwrap_with_passphrase(&kf, passphrase) {
            Ok(_) => Ok(true),
            Err(VaultError::WrongPassphrase) => Ok(false),
            Err(e) => Err(e),
        }
    }

    pub fn checkins(&self) -> crate::checkin::Checkins<'_> {
        crate::checkin::Checkins::new(&self.pool)
    }

    pub fn assessments(&self) -> crate::assess::Assessments<'_> {
        crate::assess::Assessments::new(&self.pool)
    }

    pub async fn safety_plan(&self) -> Result<crate::safety::SafetyPlan, VaultError> {
        Ok(crate::safety::load(&self.pool).await?)
    }

    pub async fn save_safety_plan(
        &self,
        plan: &crate::safety::SafetyPlan,
    ) -> Result<crate::safety::SafetyPlan, VaultError> {
        Ok(crate::safety::save(&self.pool, plan).await?)
    }

    pub fn journal(&self) -> crate::journal::Journal<'_> {
        crate::journal::Journal::new(&self.pool)
    }

    /// Makes a consistent, still-encrypted copy of the database and checks it.
    pub async fn backup(&self, label: &str) -> Result<PathBuf, VaultError> {
        verified_backup(&self.paths, &self.pool, &self.key, label).await
    }

    /// `PRAGMA integrity_check`: "ok" when the database is sound.
    pub async fn integrity_check(&self) -> Result<String, VaultError> {
        Ok(storage::integrity_check(&self.pool).await?)
    }

    async fn purge_old_trash(&self) -> Result<(), VaultError> {
        let cutoff = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(TRASH_DAYS * 24);
        self.journal()
            .purge_trash_before(cutoff)
            .await
            .map_err(|e| match e {
                crate::journal::JournalError::Storage(s) => VaultError::Storage(s),
                other => VaultError::KeyFileDamaged(other.to_string()),
            })?;
        Ok(())
    }
}

fn unwrap_with_passphrase(kf: &KeyFile, p: &Secret) -> Result<DataKey, VaultError> {
    for slot in &kf.slots {
        match slot.unwrap_passphrase(p) {
            Ok(k) => return Ok(k),
            Err(KeyError::Mismatch) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(VaultError::WrongPassphrase)
}

fn unwrap_key(kf: &KeyFile, credential: &Credential) -> Result<DataKey, VaultError> {
    match credential {
        Credential::Passphrase(p) => unwrap_with_passphrase(kf, p),
        Credential::RecoveryKey(text) => {
            let rk = RecoveryKey::parse(text.expose()).ok_or(VaultError::MalformedRecoveryKey)?;
            for slot in &kf.slots {
                match slot.unwrap_recovery(&rk) {
                    Ok(k) => return Ok(k),
                    Err(KeyError::Mismatch) => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            Err(VaultError::WrongRecoveryKey)
        }
    }
}

/// Versions already applied to this database (empty for a new one).
async fn applied_versions(pool: &SqlitePool) -> Result<Vec<i64>, VaultError> {
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

async fn upgrade_if_needed(
    paths: &VaultPaths,
    pool: &SqlitePool,
    key: &DataKey,
    shared: DirLock,
    migrator: &Migrator,
) -> Result<DirLock, VaultError> {
    let applied = applied_versions(pool).await?;
    if let Some(v) = applied.iter().find(|v| !migrator.version_exists(**v)) {
        // A newer Glimmer changed the schema without raising min_reader_version:
        // refuse rather than guess.
        return Err(VaultError::NewerVersion {
            needed: u32::try_from(*v).unwrap_or(u32::MAX),
            ours: READER_VERSION,
        });
    }
    let pending = migrator.iter().any(|m| !applied.contains(&m.version));
    if !pending {
        return Ok(shared);
    }
    let lock = shared;
    lock.set(LockMode::Exclusive)?;
    if let Some(from) = applied.last() {
        verified_backup(paths, pool, key, &format!("before-upgrade-from-{from}")).await?;
    }
    migrator.run(pool).await?;
    lock.set(LockMode::Shared)?;
    Ok(lock)
}

/// `VACUUM INTO` a new file under `backups/`, then reopen the copy with the same
/// key and require `integrity_check` to say "ok" before trusting it.
async fn verified_backup(
    paths: &VaultPaths,
    pool: &SqlitePool,
    key: &DataKey,
    label: &str,
) -> Result<PathBuf, VaultError> {
    let dir = paths.backups();
    make_private_dir(&dir)?;
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%.3fZ")
        .to_string();
    let dest = dir.join(format!("vault-{stamp}-{label}.sqlite"));
    let dest_str = dest
        .to_str()
        .ok_or_else(|| VaultError::Backup("the backup path is not valid UTF-8".into()))?;
    sqlx::query("VACUUM INTO ?")
        .bind(dest_str)
        .execute(pool)
        .await
        .map_err(|e| VaultError::Backup(StorageError::from(e).to_string()))?;
    let check = async {
        let mut conn = SqliteConnection::connect_with(&connect_options(&dest, key, false)).await?;
        let verdict = storage::integrity_check(&mut conn).await?;
        conn.close().await?;
        Ok::<_, StorageError>(verdict)
    };
    match check.await {
        Ok(v) if v == "ok" => Ok(dest),
        Ok(v) => Err(VaultError::Backup(format!(
            "the copy failed its integrity check: {v}"
        ))),
        Err(e) => Err(VaultError::Backup(e.to_string())),
    }
}
