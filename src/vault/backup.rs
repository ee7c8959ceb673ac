//! Rolling backups: still-encrypted copies of the database, each checked by
//! reopening it and each with a copy of the key slots beside it, taken without
//! being asked (on unlock once a day, before upgrades, restores and emptying
//! the trash), kept 7 daily + 4 weekly + 12 monthly, optionally copied to a
//! second folder, and restored with the current state kept first — also
//! when the journal itself will not open.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp, tz::TimeZone};
use serde::Serialize;

use super::keyfile;
use super::lock::{DirLock, LockMode};
use super::{Credential, Vault, VaultPaths, open};
use crate::error::{Error, Result};
use crate::keys::DataKey;
use crate::storage::HeldReader;

const PREFIX: &str = "vault-";
const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";
/// The newest few are always kept, so a backup taken a moment ago (the one
/// someone is about to restore) is never pruned by the next.
const KEEP_LAST: usize = 5;
const KEEP_DAILY: usize = 7;
const KEEP_WEEKLY: usize = 4;
const KEEP_MONTHLY: usize = 12;
/// An automatic backup is taken on unlock when the newest is older than this.
const EVERY: SignedDuration = SignedDuration::from_hours(24);

/// One backup as the person sees it in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BackupInfo {
    /// The file name; what `restore` takes.
    pub name: String,
    pub taken_at: Timestamp,
    /// Why it was taken: "daily", "manual", "before-restore", …
    pub reason: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// What it holds, read from the copy itself; `None` when it cannot be read.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub entries: Option<i64>,
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub checkins: Option<i64>,
    /// Kept outside the rotation for 30 days: the state before a restore or an upgrade.
    pub protected: bool,
}

/// A backup just taken, and what became of its second copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BackupReport {
    pub backup: BackupInfo,
    /// A plain sentence when the second folder could not take its copy.
    pub second_copy_problem: Option<String>,
}

/// `vault-20261126T101500.123Z-daily.sqlite` → (instant, "daily").
fn parse_name(name: &str) -> Option<(Timestamp, String)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".sqlite")?;
    let (stamp, reason) = rest.split_once('-')?;
    let at = jiff::fmt::strtime::parse(STAMP, stamp)
        .ok()?
        .to_datetime()
        .ok()?
        .to_zoned(TimeZone::UTC)
        .ok()?
        .timestamp();
    Some((at, reason.to_string()))
}

pub(super) fn backups_in(dir: &Path) -> Vec<(Timestamp, String, PathBuf)> {
    let mut all: Vec<_> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (at, reason) = parse_name(&name)?;
            Some((at, reason, e.path()))
        })
        .collect();
    all.sort_by_key(|b| std::cmp::Reverse(b.0));
    all
}

/// Which of `times` (newest first) to keep: the last 5, and the newest in each
/// of the last 7 days, 4 ISO weeks and 12 months that have a backup (restic's rule).
fn to_keep(times: &[Timestamp]) -> BTreeSet<usize> {
    let mut keep: BTreeSet<usize> = (0..times.len().min(KEEP_LAST)).collect();
    /// A period a backup falls in: (year, day / week / month).
    type Bucket = fn(&jiff::Zoned) -> (i16, i16);
    let buckets: [(usize, Bucket); 3] = [
        (KEEP_DAILY, |z| (z.year(), z.day_of_year())),
        (KEEP_WEEKLY, |z| {
            let w = z.date().iso_week_date();
            (w.year(), i16::from(w.week()))
        }),
        (KEEP_MONTHLY, |z| (z.year(), i16::from(z.month()))),
    ];
    for (n, bucket) in buckets {
        let mut seen = Vec::new();
        for (i, t) in times.iter().enumerate() {
            let b = bucket(&t.to_zoned(TimeZone::UTC));
            if !seen.contains(&b) {
                if seen.len() == n {
                    break;
                }
                seen.push(b);
                keep.insert(i);
            }
        }
    }
    keep
}

/// Backups that keep the state before a restore or an upgrade: the one way
/// back from a mistake, so they stay outside the rotation for 30 days.
const KEEP_PROTECTED: SignedDuration = SignedDuration::from_hours(30 * 24);

fn is_protected(reason: &str) -> bool {
    reason == "before-restore" || reason.starts_with("before-upgrade") || reason == "before-rekey"
}

/// Removes the backups (and their key-slot copies) the rule does not keep.
fn prune(dir: &Path, now: Timestamp) -> Result<()> {
    let (protected, rotating): (Vec<_>, Vec<_>) = backups_in(dir)
        .into_iter()
        .partition(|b| is_protected(&b.1) && now.duration_since(b.0) < KEEP_PROTECTED);
    drop(protected);
    let keep = to_keep(&rotating.iter().map(|b| b.0).collect::<Vec<_>>());
    for (i, (_, _, path)) in rotating.iter().enumerate() {
        if !keep.contains(&i) {
            fs::remove_file(path).map_err(Error::io(path))?;
            let _ = fs::remove_file(path.with_extension("json"));
        }
    }
    Ok(())
}

/// Reads what a backup holds, with the key that opens it, never writing to it.
async fn info_of(path: &Path, key: Option<&DataKey>) -> BackupInfo {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let (taken_at, reason) = parse_name(&name).unwrap_or((Timestamp::UNIX_EPOCH, String::new()));
    let counts = async {
        let key = key.ok_or(Error::WrongPassphrase)?;
        let conn = open::connect_read_only(path, key).await?;
        let counts = open::closing(conn, async |conn| {
            let entries: i64 =
                sqlx::query_scalar("SELECT count(*) FROM entries WHERE deleted_at IS NULL")
                    .fetch_one(&mut *conn)
                    .await?;
            let checkins: i64 = sqlx::query_scalar("SELECT count(*) FROM checkins")
                .fetch_one(&mut *conn)
                .await?;
            Ok((entries, checkins))
        });
        Ok::<_, Error>(counts.await?)
    };
    let counts = counts.await.ok();
    BackupInfo {
        bytes: fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        entries: counts.map(|c| c.0),
        checkins: counts.map(|c| c.1),
        protected: is_protected(&reason),
        name,
        taken_at,
        reason,
    }
}

/// The second folder as Glimmer will use it, or why it will not: a full
/// path to a folder that exists, outside the vault (copying a backup onto
/// itself empties it).
pub fn second_folder(vault_dir: &Path, chosen: &str) -> std::result::Result<PathBuf, String> {
    let chosen = Path::new(chosen.trim());
    if !chosen.is_absolute() {
        return Err(format!(
            "Choose the second backup folder by its full path (like /media/usb/backups), not “{}”.",
            chosen.display()
        ));
    }
    let Ok(folder) = chosen.canonicalize() else {
        return Err(format!(
            "The second backup folder {} is not there (is the drive connected?). The backup in the vault's own folder was made.",
            chosen.display()
        ));
    };
    if !folder.is_dir() {
        return Err(format!("{} is not a folder.", chosen.display()));
    }
    let vault = vault_dir
        .canonicalize()
        .unwrap_or_else(|_| vault_dir.to_path_buf());
    if folder.starts_with(&vault) {
        return Err(format!(
            "{} is inside the vault's own folder, where backups already are. Choose a folder elsewhere, on another drive if you can.",
            chosen.display()
        ));
    }
    Ok(folder)
}

/// Copies `files` into this vault's own folder inside the second folder,
/// checks each copy against its original, and prunes only there.
fn second_copy(folder: &Path, vault_id: &str, files: &[&Path]) -> std::result::Result<(), String> {
    let ours = folder.join(format!("glimmer-{vault_id}"));
    let fail = |e: String| {
        format!(
            "Glimmer could not copy the backup to {} ({e}). The backup in the vault's own folder was made.",
            folder.display()
        )
    };
    keyfile::make_private_dir(&ours).map_err(|e| fail(e.to_string()))?;
    open::clean_leftovers(&ours);
    for f in files {
        let to = ours.join(f.file_name().unwrap_or_default());
        let partial = to.with_extension("partial");
        copy_private(f, &partial).map_err(|e| fail(e.to_string()))?;
        if !same_bytes(f, &partial) {
            let _ = fs::remove_file(&partial);
            return Err(fail("the copy did not match the backup".into()));
        }
        fs::rename(&partial, &to).map_err(|e| fail(e.to_string()))?;
    }
    let _ = keyfile::sync_dir(&ours);
    prune(&ours, Timestamp::now()).map_err(|e| e.to_string())
}

/// Copies a file into a new one only the user can read, flushed to disk.
fn copy_private(from: &Path, to: &Path) -> Result<()> {
    let mut src = fs::File::open(from).map_err(Error::io(from))?;
    let mut dst = keyfile::private_file(to)?;
    std::io::copy(&mut src, &mut dst).map_err(Error::io(to))?;
    dst.sync_all().map_err(Error::io(to))
}

fn same_bytes(a: &Path, b: &Path) -> bool {
    use sha2::Digest;
    let digest = |p: &Path| -> Option<Vec<u8>> {
        let mut f = fs::File::open(p).ok()?;
        let mut h = sha2::Sha256::new();
        std::io::copy(&mut f, &mut h).ok()?;
        Some(h.finalize().to_vec())
    };
    matches!((digest(a), digest(b)), (Some(x), Some(y)) if x == y)
}

/// Backups a little in the future are clock skew; beyond this they are not
/// trusted to say when the last backup was.
const SKEW: SignedDuration = SignedDuration::from_mins(5);

/// Names Glimmer made, inside the vault's own backups folder.
fn backup_path(paths: &VaultPaths, name: &str) -> Result<PathBuf> {
    let missing = || Error::NotFound(format!("There is no backup called “{name}”."));
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(missing());
    }
    let path = paths.backups().join(name);
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Err(missing());
    }
    Ok(path)
}

/// Every backup in the vault's folder, newest first; a linked folder is refused.
fn listed(paths: &VaultPaths) -> Result<Vec<(Timestamp, String, PathBuf)>> {
    let dir = paths.backups();
    if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        keyfile::make_private_dir(&dir)?;
    }
    Ok(backups_in(&dir))
}

/// The key that opens one backup, from the key slots beside it (or the
/// vault's own when the copy is gone), for a credential. Backups usually
/// share their slots, so each distinct set is unwrapped once.
struct BackupKeys<'a> {
    paths: &'a VaultPaths,
    credential: &'a Credential,
    known: Vec<(Vec<u8>, Option<DataKey>)>,
}

impl<'a> BackupKeys<'a> {
    fn new(paths: &'a VaultPaths, credential: &'a Credential) -> Self {
        Self {
            paths,
            credential,
            known: Vec::new(),
        }
    }

    fn slots_of(&self, backup: &Path) -> PathBuf {
        let beside = backup.with_extension("json");
        if beside.is_file() {
            beside
        } else {
            self.paths.key_file()
        }
    }

    /// `Ok(None)` when this credential does not open that backup.
    fn key_for(&mut self, backup: &Path) -> Result<Option<DataKey>> {
        let file = self.slots_of(backup);
        let bytes = fs::read(&file).map_err(Error::io(&file))?;
        if let Some((_, key)) = self.known.iter().find(|(b, _)| *b == bytes) {
            return Ok(key.clone());
        }
        let kf = keyfile::read_path(&file, &self.paths.dir)?;
        let key = match keyfile::unwrap(&kf, self.credential) {
            Ok(k) => Some(k),
            Err(Error::WrongPassphrase | Error::WrongRecoveryKey(_)) => None,
            Err(e) => return Err(e),
        };
        self.known.push((bytes, key.clone()));
        Ok(key)
    }

    /// The key for a backup the person asked for by name.
    fn require(&mut self, backup: &Path) -> Result<DataKey> {
        match self.key_for(backup)? {
            Some(k) => Ok(k),
            None => Err(match self.credential {
                Credential::Passphrase(_) => Error::WrongPassphrase,
                Credential::RecoveryKey(_) => Error::WrongRecoveryKey(
                    "That recovery key doesn't open this backup. Check each group of four and try again.",
                ),
            }),
        }
    }
}

/// Sets the journal database aside, kept under a name that says what it is,
/// with its WAL files: never deleted, in case something in it can be saved.
fn set_aside(paths: &VaultPaths) -> Result<Option<PathBuf>> {
    let db = paths.database();
    if fs::symlink_metadata(&db).is_err() {
        return Ok(None);
    }
    let stamp = Timestamp::now().strftime(STAMP).to_string();
    let aside = paths.dir.join(format!("vault.sqlite.damaged-{stamp}"));
    fs::rename(&db, &aside).map_err(Error::io(&db))?;
    for side in ["-wal", "-shm"] {
        let from = paths.dir.join(format!("vault.sqlite{side}"));
        if from.exists() {
            let to = paths
                .dir
                .join(format!("vault.sqlite.damaged-{stamp}{side}"));
            fs::rename(&from, &to).map_err(Error::io(&from))?;
        }
    }
    Ok(Some(aside))
}

/// Puts the backup `source` (opened with `key`) in place of the journal: the
/// current journal is kept first, as a checked backup when it is sound and
/// set aside when it is not. `slots` replaces `vault.json` when the live key
/// file does not open the restored journal. The caller holds the lock
/// exclusively and has no connection open.
async fn put_back(
    paths: &VaultPaths,
    key: &DataKey,
    source: &Path,
    slots: Option<&Path>,
) -> Result<()> {
    match open::check_file(source, key).await? {
        v if v == "ok" => {}
        v => {
            return Err(Error::Damaged(format!(
                "That backup did not pass its check ({v}); nothing was changed."
            )));
        }
    }
    let incoming = paths.dir.join("vault.sqlite.restoring");
    copy_private(source, &incoming)?;
    let kept = async {
        if open::check_file(&paths.database(), key).await? == "ok" {
            let db = open::verified_backup(paths, key, "before-restore").await?;
            // The slots that opened it with this key: the live key file may be gone.
            let from = slots.map_or_else(|| paths.key_file(), Path::to_path_buf);
            let bytes = fs::read(&from).map_err(Error::io(&from))?;
            keyfile::write_private(&db.with_extension("json"), &bytes)?;
        } else {
            set_aside(paths)?;
        }
        Ok::<_, Error>(())
    };
    if let Err(e) = kept.await {
        let _ = fs::remove_file(&incoming);
        return Err(e);
    }
    if let Some(slots) = slots {
        let kf = paths.key_file();
        if kf.exists() {
            let stamp = Timestamp::now().strftime(STAMP).to_string();
            let _ = fs::rename(&kf, paths.dir.join(format!("vault.json.replaced-{stamp}")));
        }
        let bytes = fs::read(slots).map_err(Error::io(slots))?;
        keyfile::write_private(&kf, &bytes)?;
    }
    let db = paths.database();
    for side in ["vault.sqlite-wal", "vault.sqlite-shm"] {
        let _ = fs::remove_file(paths.dir.join(side));
    }
    // The old journal is kept until this rename: a crash before it leaves the
    // current vault, after it the restored one.
    fs::rename(&incoming, &db).map_err(Error::io(&db))?;
    keyfile::sync_dir(&paths.dir)
}

/// Whether `key` opens the backup at `db` (read-only).
pub(super) async fn opens_with(db: &Path, key: &DataKey) -> bool {
    match open::connect_read_only(db, key).await {
        Ok(conn) => open::closing(conn, async |conn| {
            sqlx::query("SELECT count(*) FROM sqlite_master")
                .execute(conn)
                .await
        })
        .await
        .is_ok(),
        Err(_) => false,
    }
}

/// The way back from a damaged journal, for its error message: the newest
/// backup that passes its check, by name and date.
pub(super) async fn way_back(paths: &VaultPaths, key: &DataKey) -> String {
    for (at, _, path) in listed(paths).unwrap_or_default() {
        if open::check_file(&path, key).await.is_ok_and(|v| v == "ok") {
            return format!(
                "The newest sound backup is {}, from {}: restore it from the backups (your passphrase or recovery key opens it).",
                path.file_name().unwrap_or_default().to_string_lossy(),
                at.strftime("%Y-%m-%d %H:%M UTC")
            );
        }
    }
    "There is no sound backup in the vault's backups folder; a copy in your second backup folder, if you set one, may still be.".into()
}

impl Vault {
    /// Takes a checked backup with a copy of the key slots, copies both to the
    /// second folder if one is set, and prunes old backups.
    pub async fn backup_now(&self, reason: &str) -> Result<BackupReport> {
        listed(&self.paths)?;
        let db = open::verified_backup(&self.paths, &self.key, reason).await?;
        let slots = db.with_extension("json");
        keyfile::copy_to(&self.paths, &slots)?;
        prune(&self.paths.backups(), Timestamp::now())?;
        let second_copy_problem = match self.settings().load().await?.backup_folder {
            Some(folder) if !folder.trim().is_empty() => {
                match second_folder(&self.paths.dir, &folder) {
                    Ok(folder) => {
                        let id = keyfile::vault_id(&self.paths)?;
                        second_copy(&folder, &id, &[&db, &slots]).err()
                    }
                    Err(why) => Some(why),
                }
            }
            _ => None,
        };
        Ok(BackupReport {
            backup: info_of(&db, Some(&self.key)).await,
            second_copy_problem,
        })
    }

    /// The automatic backup: taken when the newest is over a day old at
    /// `now`. One named in the future (a clock that was wrong) does not count.
    pub async fn backup_if_due(&self, now: Timestamp) -> Result<Option<BackupReport>> {
        let newest = listed(&self.paths)?
            .into_iter()
            .map(|b| b.0)
            .find(|t| t.duration_since(now) <= SKEW);
        if newest.is_some_and(|t| now.duration_since(t) < EVERY) {
            return Ok(None);
        }
        self.backup_now("daily").await.map(Some)
    }

    /// The day's backup, as the front ends take it after opening the vault.
    pub async fn daily_backup(&self) -> Result<Option<BackupReport>> {
        self.backup_if_due(Timestamp::now()).await
    }

    /// Every backup in the vault's folder, newest first, with what it holds.
    pub async fn backups(&self) -> Vec<BackupInfo> {
        let mut out = Vec::new();
        for (_, _, path) in listed(&self.paths).unwrap_or_default() {
            out.push(info_of(&path, Some(&self.key)).await);
        }
        out
    }

    /// Backups named after `now` (plus a few minutes of clock skew).
    pub fn backups_from_the_future(&self, now: Timestamp) -> Vec<String> {
        backups_in(&self.paths.backups())
            .into_iter()
            .filter(|b| b.0.duration_since(now) > SKEW)
            .map(|b| {
                b.2.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    }

    /// What a backup holds, to show before restoring it.
    pub async fn backup_preview(&self, name: &str) -> Result<BackupInfo> {
        Ok(info_of(&backup_path(&self.paths, name)?, Some(&self.key)).await)
    }

    /// The backups of the vault in `dir`, listed without opening its journal
    /// (which may be missing or damaged): `credential` is checked against each
    /// backup's own key slots. Those it does not open show without counts.
    pub async fn backups_in_dir(dir: &Path, credential: &Credential) -> Result<Vec<BackupInfo>> {
        let paths = VaultPaths::new(dir);
        let mut keys = BackupKeys::new(&paths, credential);
        let mut out = Vec::new();
        let mut opened = false;
        for (_, _, path) in listed(&paths)? {
            let key = keys.key_for(&path).unwrap_or(None);
            opened |= key.is_some();
            out.push(info_of(&path, key.as_ref()).await);
        }
        if !out.is_empty() && !opened {
            return Err(match credential {
                Credential::Passphrase(_) => Error::WrongPassphrase,
                Credential::RecoveryKey(_) => Error::WrongRecoveryKey(
                    "That recovery key doesn't open these backups. Check each group of four and try again.",
                ),
            });
        }
        Ok(out)
    }

    /// What one backup holds, without opening the vault's journal.
    pub async fn backup_preview_in_dir(
        dir: &Path,
        credential: &Credential,
        name: &str,
    ) -> Result<BackupInfo> {
        let paths = VaultPaths::new(dir);
        let path = backup_path(&paths, name)?;
        let key = BackupKeys::new(&paths, credential).require(&path)?;
        Ok(info_of(&path, Some(&key)).await)
    }

    /// Restores the backup `name` of the vault in `dir` and opens it, whatever
    /// state its journal is in (missing, empty, damaged): the credential is
    /// checked against the backup's own key slots. A sound journal is kept as
    /// a backup first; a damaged one is set aside, never deleted.
    pub async fn restore_in_dir(
        dir: &Path,
        credential: &Credential,
        name: &str,
    ) -> Result<(Vault, BackupInfo)> {
        let paths = VaultPaths::new(dir);
        let lock = DirLock::acquire(&paths, LockMode::Exclusive)?;
        let source = backup_path(&paths, name)?;
        let mut keys = BackupKeys::new(&paths, credential);
        let key = keys.require(&source)?;
        let preview = info_of(&source, Some(&key)).await;
        // The live key file stays when it opens the restored journal with
        // this credential (it may hold a newer passphrase); otherwise the
        // slots kept beside the backup take its place.
        let live_fits = keyfile::read(&paths)
            .and_then(|kf| keyfile::unwrap(&kf, credential))
            .is_ok_and(|k| k.same_as(&key));
        let slots = keys.slots_of(&source);
        let replace = (!live_fits && slots != paths.key_file()).then_some(slots.as_path());
        put_back(&paths, &key, &source, replace).await?;
        let pool = open::open_pool(&paths.database(), &key, false).await?;
        lock.set(LockMode::Shared)?;
        open::upgrade_if_needed(&paths, &pool, &key, &lock, &super::MIGRATOR).await?;
        Ok((
            Vault {
                paths,
                pool,
                reader: HeldReader::default(),
                key,
                _lock: lock,
            },
            preview,
        ))
    }

    /// Puts the vault back as the backup `name` holds it, after keeping the
    /// current state as a backup of its own, and reopens it in place. If
    /// anything fails before the journal is replaced, the vault reopens as it
    /// was; if reopening fails afterwards, `is_open` says so.
    pub async fn restore(&mut self, name: &str) -> Result<BackupInfo> {
        let source = backup_path(&self.paths, name)?;
        let preview = info_of(&source, Some(&self.key)).await;
        // No other Glimmer may have the vault open while its database is swapped.
        self._lock.set(LockMode::Exclusive)?;
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.reader.release().await;
        self.pool.close().await;
        let restored = put_back(&self.paths, &self.key, &source, None).await;
        let db = self.paths.database();
        let reopened = open::open_pool(&db, &self.key, false).await;
        let _ = self._lock.set(LockMode::Shared);
        self.pool = reopened?;
        restored?;
        open::upgrade_if_needed(
            &self.paths,
            &self.pool,
            &self.key,
            &self._lock,
            &super::MIGRATOR,
        )
        .await?;
        Ok(preview)
    }

    /// False once a restore could not reopen the database: lock and unlock again.
    pub fn is_open(&self) -> bool {
        !self.pool.is_closed()
    }
    /// The folders this vault's backups are in: its own, and its folder in
    /// the second backup folder when that is set and there.
    pub(super) async fn backup_dirs(&self) -> Result<Vec<PathBuf>> {
        let mut dirs = vec![self.paths.backups()];
        if let Some(folder) = self.settings().load().await?.backup_folder
            && let Ok(folder) = second_folder(&self.paths.dir, &folder)
            && let Ok(id) = keyfile::vault_id(&self.paths)
        {
            dirs.push(folder.join(format!("glimmer-{id}")));
        }
        Ok(dirs)
    }

    /// Gives every backup this vault's key opens (in its own folder and the
    /// second one) the current key slots, so a passphrase changed here no
    /// longer opens them. Returns how many were brought up to date.
    pub(super) async fn rewrap_backups(&self) -> Result<usize> {
        let mut n = 0;
        for dir in self.backup_dirs().await? {
            for (_, _, db) in backups_in(&dir) {
                let opens = opens_with(&db, &self.key).await;
                if opens {
                    keyfile::copy_to(&self.paths, &db.with_extension("json"))?;
                    n += 1;
                }
            }
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::ToSpan;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn names_round_trip() {
        let t = at("2026-11-26T10:15:00.123Z");
        let name = format!("{PREFIX}{}-daily.sqlite", t.strftime(STAMP));
        assert_eq!(parse_name(&name), Some((t, "daily".into())));
        assert_eq!(parse_name("vault.sqlite"), None);
        assert_eq!(parse_name("vault-x-daily.sqlite"), None);
    }

    #[test]
    fn retention_keeps_seven_days_four_weeks_twelve_months() {
        // One backup a day for 400 days, newest first, plus a second one today.
        let now = at("2026-11-26T20:00:00Z");
        let mut times = vec![now];
        for d in 0..400 {
            times.push(now - (d * 24 + 1).hours());
        }
        let keep = to_keep(&times);
        let kept: Vec<Timestamp> = keep.iter().map(|&i| times[i]).collect();
        // Today's newest, and the newest of each of the last 7 days.
        assert!(kept.contains(&now));
        assert!(
            kept.contains(&times[1]),
            "the last few are kept whatever their day"
        );
        let older_same_day = to_keep(&[
            now,
            now - 1.hours(),
            now - 2.hours(),
            now - 3.hours(),
            now - 4.hours(),
            now - 5.hours(),
        ]);
        assert!(!older_same_day.contains(&5), "beyond the last 5, one a day");
        let days: BTreeSet<_> = kept
            .iter()
            .map(|t| t.to_zoned(TimeZone::UTC).date())
            .collect();
        for d in 0..7 {
            assert!(
                days.contains(&(now.to_zoned(TimeZone::UTC).date() - d.days())),
                "day {d}"
            );
        }
        // 7 daily + up to 4 weekly + up to 12 monthly, overlapping: never more than 23.
        assert!(
            kept.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY,
            "{}",
            kept.len()
        );
        // The oldest kept is about a year back (the 12th month), not 400 days.
        let oldest = *kept.iter().min().unwrap();
        let age = now.duration_since(oldest).as_hours() / 24;
        assert!((300..=370).contains(&age), "{age} days");
        assert_eq!(to_keep(&[]), BTreeSet::new());
    }
}
