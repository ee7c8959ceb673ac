//! The vault: a directory holding `vault.json` (wrapped keys), the SQLCipher
//! database `vault.sqlite` and `backups/`. Creating, unlocking, upgrading and
//! locking it happen here; each area of the journal is reached through it.

mod backup;
mod check;
mod keyfile;
mod lock;
mod open;
mod place;
mod rekey;

use std::path::PathBuf;

use serde::Serialize;
use sqlx::SqlitePool;
use sqlx::migrate::Migrator;

pub use backup::{BackupInfo, BackupReport};
pub use check::CheckReport;
pub use keyfile::{KeyFile, READER_VERSION};
pub use open::JOURNAL_SIZE_LIMIT;
pub use place::{SyncService, SyncWarning, sync_warning, synced_folder};
pub use rekey::OldBackups;

use crate::error::{Error, Result};
use crate::keys::{DataKey, KdfParams, RecoveryKey, Secret, Slot};
use crate::storage::{self, Checkpoint, CheckpointResult, HeldReader, Tx};
use lock::{DirLock, LockMode};

/// The vault's schema migrations, embedded from `migrations/`.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// What the user offers to open the vault.
pub enum Credential {
    Passphrase(Secret),
    RecoveryKey(Secret),
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

    /// A vault has been created here: its key file or its journal is there
    /// (a journal without its key file is damage to name, not a first run).
    pub fn exists(&self) -> bool {
        self.key_file().exists() || self.database().exists()
    }

    /// The platform data directory, e.g. `~/.local/share/glimmer` on Linux.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "glimmer").map(|d| d.data_dir().to_path_buf())
    }
}

/// The data key from key slots kept elsewhere (a sync folder's), with
/// the same answers as unlocking: a wrong passphrase or recovery key is said.
pub(crate) fn unwrap_slots(slots: &[Slot], credential: &Credential) -> Result<DataKey> {
    keyfile::unwrap_slots(slots, credential)
}

/// SHA-256 of key slots as written, so damage is not taken for a wrong passphrase.
pub(crate) fn slots_checksum(slots: &[Slot]) -> String {
    keyfile::slots_sum(slots)
}

/// A passphrase may be weak (the front ends say so) but never empty.
fn require_passphrase(p: &Secret) -> Result<()> {
    if p.expose().is_empty() {
        return Err(Error::invalid(
            "passphrase",
            "The passphrase is empty; choose one first. Nothing was changed.",
        ));
    }
    Ok(())
}

/// An unlocked vault. Dropping it (or `lock()`) closes the database and zeroes the key.
pub struct Vault {
    paths: VaultPaths,
    pool: SqlitePool,
    reader: HeldReader,
    key: DataKey,
    _lock: DirLock,
}

impl Drop for Vault {
    /// A vault dropped while open on a multi-threaded runtime (the app's, the
    /// CLI's) closes its connections before the drop returns. Left to close
    /// in the background, a connection could still be closing when the
    /// process exits, and SQLCipher frees its state in an exit handler: a
    /// crash at exit, and a core file with decrypted pages in it. The closing
    /// is bounded in time.
    fn drop(&mut self) {
        if self.pool.is_closed() {
            return;
        }
        let pool = self.pool.clone();
        // The search connection goes back inside the runtime below: sqlx
        // hands a connection back on a task of its own, and there may be no
        // runtime where the vault is dropped (an app's state at exit).
        let held = self.reader.take_now();
        let close = async move {
            drop(held);
            let _ = tokio::time::timeout(std::time::Duration::from_secs(5), pool.close()).await;
        };
        match tokio::runtime::Handle::try_current() {
            // On the runtime that ran the vault's work, so what it was still
            // finishing (a connection going back to the pool) finishes first.
            Ok(rt) if rt.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(|| rt.block_on(close));
            }
            // A current-thread runtime cannot wait here: the connections it
            // is still handing back would wait for this thread. They close on
            // a thread of their own; callers on such a runtime (tests) lock().
            _ => {
                std::thread::spawn(move || {
                    if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    {
                        rt.block_on(close);
                    }
                });
            }
        }
    }
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.paths.dir)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a vault and returns it unlocked, with the recovery key to show once.
    pub async fn create(
        dir: impl Into<PathBuf>,
        passphrase: &Secret,
    ) -> Result<(Vault, RecoveryKey)> {
        Self::create_with(dir, passphrase, KdfParams::default()).await
    }

    pub async fn create_with(
        dir: impl Into<PathBuf>,
        passphrase: &Secret,
        kdf: KdfParams,
    ) -> Result<(Vault, RecoveryKey)> {
        Self::create_with_migrator(dir, passphrase, kdf, &MIGRATOR).await
    }

    /// `create_with` and a chosen set of migrations; tests use it to build an older vault.
    #[doc(hidden)]
    pub async fn create_with_migrator(
        dir: impl Into<PathBuf>,
        passphrase: &Secret,
        kdf: KdfParams,
        migrator: &Migrator,
    ) -> Result<(Vault, RecoveryKey)> {
        require_passphrase(passphrase)?;
        let key = DataKey::random()?;
        let recovery = RecoveryKey::generate()?;
        let slots = vec![
            Slot::wrap_passphrase(&key, passphrase, kdf)?,
            Slot::wrap_recovery(&key, &recovery)?,
        ];
        let vault = Self::create_from(dir, key, slots, migrator).await?;
        Ok((vault, recovery))
    }

    /// A new vault around a data key that already exists, with the slots
    /// that wrap it: a computer joining a sync folder.
    pub(crate) async fn create_with_key(
        dir: impl Into<PathBuf>,
        key: DataKey,
        slots: Vec<Slot>,
    ) -> Result<Vault> {
        Self::create_from(dir, key, slots, &MIGRATOR).await
    }

    async fn create_from(
        dir: impl Into<PathBuf>,
        key: DataKey,
        slots: Vec<Slot>,
        migrator: &Migrator,
    ) -> Result<Vault> {
        let paths = VaultPaths::new(dir);
        if paths.key_file().exists() || paths.database().exists() {
            return Err(Error::VaultExists(paths.dir));
        }
        keyfile::make_private_dir(&paths.dir)?;
        let lock = DirLock::acquire(&paths, LockMode::Exclusive)?;
        let mut kf = KeyFile {
            format: keyfile::FORMAT.into(),
            min_reader_version: keyfile::WRITES_MIN_READER,
            slots,
            slots_sha256: None,
            vault_id: Some(keyfile::new_vault_id()?),
            extra: Default::default(),
        };
        // The key file goes first: a crash before the database exists leaves a
        // vault that opens empty, never a database nobody can unlock.
        keyfile::write(&paths, &mut kf)?;
        // SQLite gives its -wal and -shm files the database file's permissions.
        keyfile::private_file(&paths.database())?;
        let pool = open::open_pool(&paths.database(), &key, true).await?;
        open::migrate(&pool, migrator, false).await?;
        lock.set(LockMode::Shared)?;
        Ok(Vault {
            paths,
            pool,
            reader: HeldReader::default(),
            key,
            _lock: lock,
        })
    }

    /// Opens the vault with `credential` and `migrator`, upgrading it (after a
    /// verified backup) when the migrations are newer than the vault. What the
    /// areas do at each opening is in `opened.rs`, above them.
    pub(crate) async fn open_with(
        dir: impl Into<PathBuf>,
        credential: &Credential,
        migrator: &Migrator,
    ) -> Result<Vault> {
        let paths = VaultPaths::new(dir);
        if !paths.exists() {
            return Err(Error::VaultMissing(paths.dir));
        }
        let lock = DirLock::acquire(&paths, LockMode::Shared)?;
        rekey::finish_interrupted(&paths)?;
        // A restore killed before its last step left the journal as it was;
        // the copy it was about to put in place is of no use now.
        let _ = std::fs::remove_file(paths.dir.join("vault.sqlite.restoring"));
        let kf = keyfile::read(&paths)?;
        let key = keyfile::unwrap(&kf, credential)?;
        let opened = async {
            let pool = open::open_pool(&paths.database(), &key, false).await?;
            if let Err(e) = open::upgrade_if_needed(&paths, &pool, &key, &lock, migrator).await {
                pool.close().await;
                return Err(e);
            }
            Ok(pool)
        };
        let pool = match opened.await {
            Ok(pool) => pool,
            Err(e @ (Error::Damaged(_) | Error::NotAVault { .. })) => {
                return Err(Error::Damaged(format!(
                    "{e} {}",
                    backup::way_back(&paths, &key).await
                )));
            }
            Err(e) => return Err(e),
        };
        let vault = Vault {
            paths,
            pool,
            reader: HeldReader::default(),
            key,
            _lock: lock,
        };
        Ok(vault)
    }

    /// A passive checkpoint from a pooled connection; tests check with it that
    /// nothing holds the WAL open.
    #[doc(hidden)]
    pub async fn wal_checkpoint(&self) -> Result<CheckpointResult> {
        storage::wal_checkpoint(&self.pool, Checkpoint::Passive).await
    }

    /// Closes the database; the key is zeroed as the vault is dropped.
    pub async fn lock(self) {
        self.reader.release().await;
        // Fold the WAL into the database now: sqlx may finish closing its
        // connections a moment after `close()` returns.
        if let Ok(mut conn) = self.pool.acquire().await {
            let _ = storage::wal_checkpoint(&mut *conn, Checkpoint::Truncate).await;
        }
        self.pool.close().await;
    }

    /// Re-wraps the data key under a new passphrase. The database is untouched.
    pub async fn change_passphrase(&self, new: &Secret) -> Result<()> {
        require_passphrase(new)?;
        let mut kf = keyfile::read(&self.paths)?;
        // Today's parameters, never the old slot's: a weakened key file must not
        // carry its weakness into the new passphrase.
        let slot = Slot::wrap_passphrase(&self.key, new, KdfParams::default())?;
        kf.slots.retain(|s| matches!(s, Slot::Recovery { .. }));
        kf.slots.insert(0, slot);
        self.replace_slots(kf).await
    }

    /// Takes key slots that wrap this vault's data key from elsewhere: its
    /// passphrase was changed on another computer of the same sync. The
    /// caller knows they wrap this key (the sync folder's tag says so).
    pub(crate) async fn take_key_slots(&self, slots: Vec<Slot>) -> Result<()> {
        let mut kf = keyfile::read(&self.paths)?;
        kf.slots = slots;
        self.replace_slots(kf).await
    }

    async fn replace_slots(&self, mut kf: keyfile::KeyFile) -> Result<()> {
        keyfile::write(&self.paths, &mut kf)?;
        // Else the old passphrase and any backup would still open today's journal.
        self.rewrap_backups().await.map(|_| ())
    }

    /// Whether `passphrase` opens this vault (asked before changing it).
    pub fn verify_passphrase(&self, passphrase: &Secret) -> Result<bool> {
        let kf = keyfile::read(&self.paths)?;
        match keyfile::unwrap_with_passphrase(&kf.slots, passphrase) {
            Ok(_) => Ok(true),
            Err(Error::WrongPassphrase) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Starts a write that may span areas; see [`Tx`]. For a single change the
    /// area handles below do this themselves.
    pub async fn begin(&self) -> Result<Tx<'_>> {
        Tx::begin(&self.pool).await
    }

    /// For the areas' handles (each area opens its own door, so the vault
    /// imports none of them) and `glimmer bench`.
    pub(crate) fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The connection searches keep (see [`HeldReader`]).
    pub(crate) fn reader(&self) -> &HeldReader {
        &self.reader
    }

    /// The key slots of `vault.json`, for a sync folder's joiners.
    pub(crate) fn key_slots(&self) -> Result<Vec<Slot>> {
        Ok(keyfile::read(&self.paths)?.slots)
    }

    /// A key for another use of the data key (HKDF), e.g. a sync folder's.
    pub(crate) fn derive_key(&self, salt: &[u8], info: &[u8]) -> zeroize::Zeroizing<[u8; 32]> {
        self.key.derive(salt, info)
    }

    /// The vault's folder, for what lives beside the database.
    pub(crate) fn dir(&self) -> &std::path::Path {
        &self.paths.dir
    }

    /// A new vault in `dir`/v with a cheap passphrase key, for the crate's unit tests.
    #[cfg(test)]
    pub(crate) async fn create_for_test(dir: &std::path::Path) -> Vault {
        let kdf = KdfParams {
            m_kib: 1024,
            t: 1,
            p: 1,
        };
        Self::create_with(dir.join("v"), &Secret::new("pass"), kdf)
            .await
            .unwrap()
            .0
    }

    /// `PRAGMA integrity_check`: "ok" when the database is sound.
    pub async fn integrity_check(&self) -> Result<String> {
        open::check_file(&self.paths.database(), &self.key).await
    }
}
