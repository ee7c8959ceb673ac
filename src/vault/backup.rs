//! Rolling backups: still-encrypted copies of the database, each checked by
//! reopening it and each with a copy of the key slots beside it, taken without
//! being asked (on unlock once a day, before upgrades, restores and emptying
//! the trash), kept 7 daily + 4 weekly + 12 monthly, optionally copied to a
//! second folder, and restored with the current state kept first.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp, tz::TimeZone};
use serde::Serialize;

use super::keyfile;
use super::lock::LockMode;
use super::{Vault, open};
use crate::error::{Error, Result};
use crate::keys::DataKey;

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

fn backups_in(dir: &Path) -> Vec<(Timestamp, String, PathBuf)> {
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

/// Removes the backups (and their key-slot copies) the rule does not keep.
fn prune(dir: &Path) -> Result<()> {
    let all = backups_in(dir);
    let keep = to_keep(&all.iter().map(|b| b.0).collect::<Vec<_>>());
    for (i, (_, _, path)) in all.iter().enumerate() {
        if !keep.contains(&i) {
            fs::remove_file(path).map_err(Error::io(path))?;
            let _ = fs::remove_file(path.with_extension("json"));
        }
    }
    Ok(())
}

/// Reads what a backup holds, with the vault's key.
async fn info_of(path: &Path, key: &DataKey) -> BackupInfo {
    let name = path
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let (taken_at, reason) = parse_name(&name).unwrap_or((Timestamp::UNIX_EPOCH, String::new()));
    let counts = async {
        let mut conn = open::connect(path, key).await?;
        let entries: i64 =
            sqlx::query_scalar("SELECT count(*) FROM entries WHERE deleted_at IS NULL")
                .fetch_one(&mut conn)
                .await?;
        let checkins: i64 = sqlx::query_scalar("SELECT count(*) FROM checkins")
            .fetch_one(&mut conn)
            .await?;
        Ok::<_, Error>((entries, checkins))
    };
    let counts = counts.await.ok();
    BackupInfo {
        bytes: fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        entries: counts.map(|c| c.0),
        checkins: counts.map(|c| c.1),
        name,
        taken_at,
        reason,
    }
}

/// Copies `files` into the second folder, which must already exist (a drive
/// that is not plugged in must not become an empty folder on the system disk).
fn second_copy(folder: &Path, files: &[&Path]) -> std::result::Result<(), String> {
    if !folder.is_dir() {
        return Err(format!(
            "The second backup folder {} is not there (is the drive connected?). The backup in the vault's own folder was made.",
            folder.display()
        ));
    }
    for f in files {
        let to = folder.join(f.file_name().unwrap_or_default());
        fs::copy(f, &to).map_err(|e| {
            format!(
                "Glimmer could not copy the backup to {} ({e}). The backup in the vault's own folder was made.",
                folder.display()
            )
        })?;
    }
    prune(folder).map_err(|e| e.to_string())
}

impl Vault {
    /// Takes a checked backup with a copy of the key slots, copies both to the
    /// second folder if one is set, and prunes old backups.
    pub async fn backup_now(&self, reason: &str) -> Result<BackupReport> {
        let db = open::verified_backup(&self.paths, &self.pool, &self.key, reason).await?;
        let slots = db.with_extension("json");
        keyfile::copy_to(&self.paths, &slots)?;
        prune(&self.paths.backups())?;
        let second_copy_problem = match self.settings().load().await?.backup_folder {
            Some(folder) if !folder.trim().is_empty() => {
                second_copy(Path::new(folder.trim()), &[&db, &slots]).err()
            }
            _ => None,
        };
        Ok(BackupReport {
            backup: info_of(&db, &self.key).await,
            second_copy_problem,
        })
    }

    /// The automatic backup: taken when the newest is over a day old at `now`.
    pub async fn backup_if_due(&self, now: Timestamp) -> Result<Option<BackupReport>> {
        let newest = backups_in(&self.paths.backups()).first().map(|b| b.0);
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
        for (_, _, path) in backups_in(&self.paths.backups()) {
            out.push(info_of(&path, &self.key).await);
        }
        out
    }

    fn backup_path(&self, name: &str) -> Result<PathBuf> {
        // Only names Glimmer made, inside its own folder.
        if parse_name(name).is_none() || name.contains(['/', '\\']) {
            return Err(Error::NotFound(format!(
                "There is no backup called “{name}”."
            )));
        }
        let path = self.paths.backups().join(name);
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "There is no backup called “{name}”."
            )));
        }
        Ok(path)
    }

    /// What a backup holds, to show before restoring it.
    pub async fn backup_preview(&self, name: &str) -> Result<BackupInfo> {
        Ok(info_of(&self.backup_path(name)?, &self.key).await)
    }

    /// Puts the vault back as the backup `name` holds it, after keeping the
    /// current state as a backup of its own, and reopens it in place. Until
    /// the old database is set aside nothing is changed and the vault stays
    /// open; if reopening fails afterwards, `is_open` says so.
    pub async fn restore(&mut self, name: &str) -> Result<BackupInfo> {
        let source = self.backup_path(name)?;
        match open::check_file(&source, &self.key).await {
            Ok(v) if v == "ok" => {}
            Ok(v) => {
                return Err(Error::Damaged(format!(
                    "That backup did not pass its check ({v}); nothing was changed."
                )));
            }
            Err(e) => {
                return Err(Error::Damaged(format!(
                    "That backup cannot be read ({e}); nothing was changed."
                )));
            }
        }
        let preview = info_of(&source, &self.key).await;
        // No other Glimmer may have the vault open while its database is swapped.
        self._lock.set(LockMode::Exclusive)?;
        let prepared = self.prepare_restore(&source).await;
        let incoming = match prepared {
            Ok(incoming) => incoming,
            Err(e) => {
                let _ = self._lock.set(LockMode::Shared);
                return Err(e);
            }
        };
        let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await;
        self.pool.close().await;
        let db = self.paths.database();
        for side in ["vault.sqlite-wal", "vault.sqlite-shm"] {
            let _ = fs::remove_file(self.paths.dir.join(side));
        }
        // The old database stays whole until this rename: a crash before it
        // leaves the current vault, after it the restored one.
        fs::rename(&incoming, &db).map_err(Error::io(&db))?;
        keyfile::sync_dir(&self.paths.dir)?;
        self.pool = open::open_pool(&db, &self.key, false).await?;
        self._lock.set(LockMode::Shared)?;
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

    /// The steps that change nothing yet: the backup copied aside (the backup
    /// of the current state below may prune it) and that backup taken.
    async fn prepare_restore(&self, source: &Path) -> Result<PathBuf> {
        let incoming = self.paths.dir.join("vault.sqlite.restoring");
        fs::copy(source, &incoming).map_err(Error::io(source))?;
        let kept = async {
            fs::File::open(&incoming)
                .and_then(|f| f.sync_all())
                .map_err(Error::io(&incoming))?;
            self.backup_now("before-restore").await
        };
        if let Err(e) = kept.await {
            let _ = fs::remove_file(&incoming);
            return Err(e);
        }
        Ok(incoming)
    }

    /// False once a restore could not reopen the database: lock and unlock again.
    pub fn is_open(&self) -> bool {
        !self.pool.is_closed()
    }

    /// Deletes the trash for good, after a backup.
    pub async fn empty_trash(&self) -> Result<u64> {
        self.backup_now("before-emptying-trash").await?;
        self.journal().empty_trash().await
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
