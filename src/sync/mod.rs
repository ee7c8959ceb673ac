//! Sync through a folder another program keeps in step (Syncthing, Dropbox,
//! a USB stick): each computer writes its changes there as encrypted batches
//! and reads the others'. The design is in docs/sync.md. A handle opens from
//! the vault, `vault.sync()`; a new computer joins with [`join`].

mod apply;
mod batch;
mod capture;
mod clock;
mod compact;
mod folder;
mod keys;
mod records;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::Serialize;
use sqlx::{Acquire, Connection, SqliteConnection};

use crate::error::{Error, Result};
use crate::vault::{Credential, Vault};
use batch::{BatchId, Payload};
use clock::Clock;
#[doc(hidden)]
pub use folder::Joining;

/// What the sync key is derived for (HKDF info), and the key check's.
const KEY_INFO: &[u8] = b"glimmer-sync/v1/batch";
const CHECK_INFO: &[u8] = b"glimmer-sync/v1/check";
/// The most changes one batch carries, so no file grows without bound.
const BATCH_CHANGES: usize = 2_000;

/// One computer in the folder, as this one knows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "SyncDevice"))]
pub struct Device {
    pub device: String,
    /// Its name when it last wrote ("laptop").
    pub name: String,
    pub last_wrote: Option<Timestamp>,
    /// Its last batch read here (this computer's: written).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub batches: u64,
    pub this_computer: bool,
    pub removed: bool,
}

/// An entry kept twice because two computers changed it at once.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "EditedTwice"))]
pub struct EditedTwice {
    /// The copy's entry id.
    pub copy: String,
    /// The entry it was kept beside.
    pub entry: String,
    pub title: String,
}

/// Where sync stands, for Settings and `glimmer sync status`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "SyncStatus"))]
pub struct Status {
    pub set_up: bool,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub folder: Option<PathBuf>,
    /// The folder is not there now (a drive unplugged): work goes on here.
    pub folder_missing: bool,
    pub devices: Vec<Device>,
    /// Records changed here and not written yet.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub pending: u64,
    /// Batches in the folder not read yet.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unread: u64,
    pub edited_twice: Vec<EditedTwice>,
    /// This computer's passphrase and the folder's differ (changed on one of
    /// them): the next sync settles it.
    pub passphrase_out_of_step: bool,
}

/// What one sync did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "SyncReport"))]
pub struct Report {
    /// Changes of this computer written, in how many batches.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub written: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub batches_written: u64,
    /// Other computers' batches read, and the changes they made here.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub batches_read: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub applied: u64,
    /// Entries newly kept twice ("edited on two computers").
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub edited_twice: u64,
    /// Batches not read yet: still being copied, or waiting for another's.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub waiting: u64,
    /// The name of the computer the passphrase was changed on, when this one
    /// took the change: the new passphrase opens it now, the old one no longer.
    pub passphrase_from: Option<String>,
}

/// What a person is told when a passphrase changed on another computer was
/// taken here.
pub fn passphrase_taken(computer: &str) -> String {
    format!(
        "Your passphrase was changed on {computer}: from now on it opens your journal here too, and the old one no longer does."
    )
}

/// Progress of a join: batches read of those found.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "SyncProgress"))]
pub struct Progress {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub done: u64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub of: u64,
}

/// A handle on sync for an unlocked vault.
pub struct Sync<'v> {
    vault: &'v Vault,
}

impl Vault {
    /// Sync through a shared folder.
    pub fn sync(&self) -> Sync<'_> {
        Sync { vault: self }
    }
}

/// `sync_state`: where and who this computer is in the sync.
#[derive(sqlx::FromRow)]
struct State {
    folder: String,
    sync_id: String,
    device: String,
    clock: String,
}

async fn state(conn: &mut SqliteConnection) -> Result<Option<State>> {
    Ok(
        sqlx::query_as("SELECT folder, sync_id, device, clock FROM sync_state WHERE id = 1")
            .fetch_optional(&mut *conn)
            .await?,
    )
}

fn not_set_up() -> Error {
    Error::invalid(
        "sync",
        "This journal does not sync through a folder yet; choose one first.",
    )
}

fn random_hex() -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::Internal(format!("no random numbers: {e}")))?;
    Ok(data_encoding::HEXLOWER.encode(&bytes))
}

fn key_check(vault: &Vault, sync_id: &str) -> String {
    check_text(&vault.derive_key(sync_id.as_bytes(), CHECK_INFO))
}

/// Half of an HKDF output of the data key, in hex: tells keys apart, reveals none.
fn check_text(derived: &[u8; 32]) -> String {
    data_encoding::HEXLOWER.encode(&derived[..16])
}

/// This computer's name for the others' status, inside the encryption.
fn computer_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "a computer".into())
}

fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// Runs `work` in one write with foreign keys off (each synced record follows
/// its own versions; see docs/sync.md), turning them on again whatever happens.
async fn in_write<T>(
    vault: &Vault,
    work: impl AsyncFnOnce(&mut SqliteConnection) -> Result<T>,
) -> Result<T> {
    let mut conn = vault.pool().acquire().await?;
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *conn)
        .await?;
    let result = async {
        let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
        let value = work(tx.acquire().await?).await?;
        tx.commit().await?;
        Ok::<T, Error>(value)
    }
    .await;
    let on = sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await;
    let value = result?;
    on?;
    Ok(value)
}

/// Writes this computer's batches into the folder.
struct Writer<'a> {
    folder: &'a Path,
    key: &'a [u8; 32],
    device: [u8; 8],
    hex: &'a str,
    name: String,
}

impl Writer<'_> {
    /// Writes `changes` (none: an empty batch) as the batches after `seq`,
    /// with what is applied here as their deps; `remember` keeps `seq` as
    /// this computer's last (not after a restore: see docs/sync.md).
    async fn send(
        &self,
        conn: &mut SqliteConnection,
        seq: &mut u64,
        changes: &[batch::Change],
        remember: bool,
        report: &mut Report,
    ) -> Result<()> {
        let deps = deps(conn, self.hex).await?;
        let none: [batch::Change; 0] = [];
        let chunks: Vec<&[batch::Change]> = if changes.is_empty() {
            vec![&none]
        } else {
            changes.chunks(BATCH_CHANGES).collect()
        };
        for chunk in chunks {
            *seq += 1;
            self.write(*seq, &deps, chunk.to_vec(), None)?;
            report.written += chunk.len() as u64;
            report.batches_written += 1;
        }
        if remember {
            wrote(conn, self.hex, &self.name, *seq).await?;
        }
        Ok(())
    }

    /// Seals and writes batch `seq`; `covers` makes it a snapshot.
    fn write(
        &self,
        seq: u64,
        deps: &BTreeMap<String, u64>,
        changes: Vec<batch::Change>,
        covers: Option<u64>,
    ) -> Result<()> {
        let payload = Payload {
            name: self.name.clone(),
            wrote_at: now_ms(),
            deps: deps.clone(),
            changes,
            covers,
        };
        let id = BatchId {
            device: self.device,
            seq,
        };
        folder::write_batch(
            self.folder,
            self.hex,
            seq,
            &batch::seal(self.key, id, &payload)?,
        )
    }
}

impl Sync<'_> {
    /// Starts syncing through `folder`: a new one gets `glimmer-sync.json`
    /// and everything in the journal; a folder that already holds this
    /// journal (set up from a backup made before) is joined, its versions
    /// kept. A folder of another journal is refused.
    pub async fn init(&self, folder: &Path) -> Result<Report> {
        std::fs::create_dir_all(folder).map_err(Error::io(folder))?;
        let mut conn = self.vault.pool().acquire().await?;
        if let Some(s) = state(&mut conn).await? {
            return Err(Error::invalid(
                "folder",
                format!(
                    "This journal already syncs through {}. Nothing was changed.",
                    s.folder
                ),
            ));
        }
        drop(conn);
        let existing = Joining::read(folder)?;
        let fresh = existing.is_none();
        let sync_id = match existing {
            Some(j) if j.key_check == key_check(self.vault, &j.sync_id) => j.sync_id,
            Some(_) => {
                return Err(Error::invalid(
                    "folder",
                    format!(
                        "{} already holds another journal's sync. Choose an empty folder; nothing was changed.",
                        folder.display()
                    ),
                ));
            }
            None => {
                let id = random_hex()?;
                let check = key_check(self.vault, &id);
                Joining::new(id.clone(), check, self.vault.key_slots()?).write(folder)?;
                id
            }
        };
        let folder_text = folder_text(folder)?;
        in_write(self.vault, async |conn| {
            start(conn, folder_text, &sync_id).await?;
            if fresh {
                capture::mark_all(conn).await?;
            }
            Ok(())
        })
        .await?;
        self.now().await
    }

    /// Writes what changed here, then reads what the others wrote.
    pub async fn now(&self) -> Result<Report> {
        self.run(&mut |_, _| {}).await
    }

    async fn run(&self, progress: &mut (dyn FnMut(u64, u64) + Send)) -> Result<Report> {
        let vault = self.vault;
        let took = self.keep_keys_in_step().await?;
        let mut report = in_write(vault, async |conn| {
            settle_place(conn, vault).await?;
            let s = state(conn).await?.ok_or_else(not_set_up)?;
            let folder = PathBuf::from(&s.folder);
            let joining = Joining::read(&folder)?.ok_or_else(|| {
                Error::Damaged(format!(
                    "{} has lost its glimmer-sync.json, so Glimmer cannot tell it holds this journal. Nothing was changed.",
                    folder.display()
                ))
            })?;
            if joining.sync_id != s.sync_id || joining.key_check != key_check(vault, &s.sync_id) {
                return Err(Error::invalid(
                    "folder",
                    "The sync folder now holds another journal, or this journal's key was changed (a new key after a leaked passphrase). Sync has stopped here; set it up again in a new folder.",
                ));
            }
            if apply::removed_map(conn).await?.contains_key(&s.device) {
                return Err(Error::invalid(
                    "sync",
                    "This computer was removed from the sync on another computer. Its journal is still here; to sync again, join the folder as a new computer.",
                ));
            }
            let key = vault.derive_key(s.sync_id.as_bytes(), KEY_INFO);
            let mut clock = Clock::new(&s.clock, &s.device);
            let mut report = Report::default();
            // Batches of our own beyond what this vault remembers writing: it
            // was restored from a backup (or a write was cut off before it
            // was kept). Never write over them; read them back.
            let applied = own_applied(conn, &s.device).await?;
            let in_folder = own_highest(&folder, &s.device)?;
            let restored = in_folder > applied;
            let changes = capture::take(conn, &mut clock).await?;
            let out = Writer {
                folder: &folder,
                key: &key,
                device: batch::device_bytes(&s.device)
                    .ok_or_else(|| Error::Internal("this computer's sync id is damaged".into()))?,
                hex: &s.device,
                name: computer_name(),
            };
            let mut seq = applied.max(in_folder);
            // A computer that never wrote says it is there, so the others list it.
            let first = applied == 0 && in_folder == 0;
            if !changes.is_empty() || first {
                out.send(conn, &mut seq, &changes, !restored, &mut report)
                    .await?;
            }
            let how = apply::Reading {
                folder: &folder,
                key: &key,
                restored,
                me: &s.device,
                fresh: false,
            };
            let read = apply::catch_up(conn, &how, &mut clock, progress).await?;
            report.batches_read = read.batches;
            report.applied = read.changes;
            report.edited_twice = read.copies;
            report.waiting = read.waiting;
            let after = compact::after(conn).await?;
            let mut unacked = if report.batches_written > 0 {
                read.carried
            } else {
                own_unacked(conn).await? + read.carried
            };
            // Copies made while reading go out at once, so a computer that
            // joins meanwhile finds them; and a computer that only reads
            // says now and then what it has read, so the others may compact
            // what it no longer needs (docs/sync.md "Compaction").
            let copies = if read.copies > 0 {
                capture::take(conn, &mut clock).await?
            } else {
                vec![]
            };
            if !copies.is_empty() || (unacked >= compact::ack_after(after) && !restored) {
                out.send(conn, &mut seq, &copies, !restored, &mut report)
                    .await?;
                unacked = 0;
            }
            sqlx::query("UPDATE sync_state SET clock = ?, unacked = ?")
                .bind(clock.stored())
                .bind(i64::try_from(unacked).unwrap_or(i64::MAX))
                .execute(&mut *conn)
                .await?;
            if !restored {
                compact::maybe(conn, &out, after).await?;
            }
            Ok(report)
        })
        .await?;
        if let Some(device) = took {
            report.passphrase_from = Some(self.name_of(&device).await?);
        }
        Ok(report)
    }

    /// Puts a passphrase changed here into the folder, or takes one changed
    /// on another computer; that computer's id when one was taken.
    async fn keep_keys_in_step(&self) -> Result<Option<String>> {
        let mut conn = self.vault.pool().acquire().await?;
        let s = state(&mut conn).await?.ok_or_else(not_set_up)?;
        let folder = PathBuf::from(&s.folder);
        let Some(joining) = Joining::read(&folder)? else {
            // Said by the sync itself, in the words for a lost file.
            return Ok(None);
        };
        if joining.sync_id != s.sync_id || joining.key_check != key_check(self.vault, &s.sync_id) {
            return Ok(None);
        }
        keys::keep_in_step(self.vault, &mut conn, &s, &folder, &joining).await
    }

    /// A computer's name as its batches gave it, or a plain stand-in.
    async fn name_of(&self, device: &str) -> Result<String> {
        let name: Option<String> =
            sqlx::query_scalar("SELECT name FROM sync_devices WHERE device = ?")
                .bind(device)
                .fetch_optional(self.vault.pool())
                .await?;
        Ok(name.unwrap_or_else(|| "another computer".into()))
    }

    /// Where sync stands. Reads the folder's file names only.
    pub async fn status(&self) -> Result<Status> {
        let mut conn = self.vault.pool().acquire().await?;
        let Some(s) = state(&mut conn).await? else {
            return Ok(Status {
                set_up: false,
                folder: None,
                folder_missing: false,
                devices: vec![],
                pending: 0,
                unread: 0,
                edited_twice: vec![],
                passphrase_out_of_step: false,
            });
        };
        let removed = apply::removed_map(&mut conn).await?;
        let rows: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
            "SELECT device, name, applied, wrote_at FROM sync_devices ORDER BY device",
        )
        .fetch_all(&mut *conn)
        .await?;
        let devices: Vec<Device> = rows
            .into_iter()
            .map(|(device, name, applied, wrote_at)| Device {
                this_computer: device == s.device,
                removed: removed.contains_key(&device),
                device,
                name,
                last_wrote: wrote_at.map(crate::storage::ts),
                batches: u64::try_from(applied).unwrap_or(0),
            })
            .collect();
        let pending: i64 = sqlx::query_scalar("SELECT count(*) FROM sync_pending")
            .fetch_one(&mut *conn)
            .await?;
        let edited_twice: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT c.id, c.entry_id, CASE WHEN e.title <> '' THEN e.title ELSE substr(e.body, 1, 60) END \
             FROM sync_copies c JOIN entries e ON e.id = c.id ORDER BY e.created_at, c.id",
        )
        .fetch_all(&mut *conn)
        .await?;
        let folder = PathBuf::from(&s.folder);
        let folder_missing = !folder.is_dir();
        let unread = if folder_missing {
            0
        } else {
            let done: BTreeMap<&str, u64> = devices
                .iter()
                .map(|d| (d.device.as_str(), d.batches))
                .collect();
            folder::batches(&folder)?
                .iter()
                .filter(|f| {
                    !removed.contains_key(&f.device)
                        && f.seq_hint
                            .is_some_and(|n| n > done.get(f.device.as_str()).copied().unwrap_or(0))
                })
                .map(|f| (f.device.clone(), f.seq_hint))
                .collect::<std::collections::BTreeSet<_>>()
                .len() as u64
        };
        // A damaged sync file is said by the sync itself; status still shows.
        let passphrase_out_of_step = !folder_missing
            && Joining::read(&folder).ok().flatten().is_some_and(|j| {
                self.vault
                    .key_slots()
                    .is_ok_and(|mine| crate::vault::slots_checksum(&mine) != j.slots_sha256)
            });
        Ok(Status {
            passphrase_out_of_step,
            set_up: true,
            folder: Some(folder),
            folder_missing,
            devices,
            pending: u64::try_from(pending).unwrap_or(0),
            unread,
            edited_twice: edited_twice
                .into_iter()
                .map(|(copy, entry, title)| EditedTwice { copy, entry, title })
                .collect(),
        })
    }

    /// Stops reading a computer that is gone, on every computer: what it
    /// wrote until now stays. `device` is its id, or the start of it.
    pub async fn remove_device(&self, device: &str) -> Result<Device> {
        let status = self.status().await?;
        if !status.set_up {
            return Err(not_set_up());
        }
        let wanted = device.trim().to_ascii_lowercase();
        let matching: Vec<&Device> = status
            .devices
            .iter()
            .filter(|d| !wanted.is_empty() && d.device.starts_with(&wanted))
            .collect();
        let [found] = matching.as_slice() else {
            return Err(Error::NotFound(format!(
                "No one computer in the sync matches “{}”.",
                device.trim()
            )));
        };
        if found.this_computer {
            return Err(Error::invalid(
                "device",
                "That is this computer. Remove it from another one, or stop syncing here by leaving the folder.",
            ));
        }
        sqlx::query(
            "INSERT INTO sync_removed (device, after_seq) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(&found.device)
        .bind(i64::try_from(found.batches).unwrap_or(i64::MAX))
        .execute(self.vault.pool())
        .await?;
        Ok(Device {
            removed: true,
            ..(*found).clone()
        })
    }

    /// The person chose the version kept in place: the copy goes to the
    /// trash (30 days to change one's mind) and is no longer marked.
    pub async fn dismiss(&self, copy: &str) -> Result<()> {
        let id = self.unmark(copy).await?;
        self.vault.journal().trash(&id).await.map(|_| ())
    }

    /// Both versions stay, as two entries; the copy is no longer marked.
    pub async fn keep_both(&self, copy: &str) -> Result<()> {
        self.unmark(copy).await.map(|_| ())
    }

    /// Both versions in one entry, for the person to tidy: the copy's words
    /// follow those in place (once, if they are the same), with the tags of
    /// both; the copy goes to the trash (30 days to change one's mind).
    pub async fn merge(&self, copy: &str) -> Result<crate::Entry> {
        let entry: Option<String> =
            sqlx::query_scalar("SELECT entry_id FROM sync_copies WHERE id = ?")
                .bind(copy.trim())
                .fetch_optional(self.vault.pool())
                .await?;
        let entry = entry.ok_or_else(|| no_copy(copy))?;
        let journal = self.vault.journal();
        let (kept, other) = (journal.get(&entry).await?, journal.get(copy.trim()).await?);
        let body = if kept.body.trim() == other.body.trim() {
            kept.body
        } else {
            format!("{}\n\n{}", kept.body.trim_end(), other.body.trim())
        };
        let mut tags = kept.tags;
        for t in other.tags {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        let merged = crate::EntryPatch {
            title: Some(if kept.title.is_empty() {
                other.title
            } else {
                kept.title
            }),
            body: Some(body),
            tags: Some(tags),
            intensity: None,
        };
        let kept = journal.update(&entry, &merged).await?;
        self.dismiss(copy).await?;
        Ok(kept)
    }

    async fn unmark(&self, copy: &str) -> Result<String> {
        let done = sqlx::query("DELETE FROM sync_copies WHERE id = ?")
            .bind(copy.trim())
            .execute(self.vault.pool())
            .await?;
        if done.rows_affected() == 0 {
            return Err(no_copy(copy));
        }
        Ok(copy.trim().to_string())
    }

    /// Compacts this computer's batches once more than `after` of them could
    /// be (64 unless set). For tests, which want it often.
    #[doc(hidden)]
    pub async fn set_compaction(&self, after: u64) -> Result<()> {
        sqlx::query("UPDATE sync_state SET compact_after = ?")
            .bind(i64::try_from(after.max(1)).unwrap_or(i64::MAX))
            .execute(self.vault.pool())
            .await?;
        Ok(())
    }

    /// Every synced record, as canonical JSON: two vaults in step give the
    /// same text. For tests and `glimmer bench`.
    #[doc(hidden)]
    pub async fn dump(&self) -> Result<String> {
        let mut conn = self.vault.pool().acquire().await?;
        let mut out = String::new();
        for t in &records::TABLES {
            out.push_str(t.name);
            out.push('\n');
            out.push_str(&t.dump(&mut conn).await?);
            out.push('\n');
        }
        Ok(out)
    }
}

/// The folder as kept in `sync_state`: its path as text.
fn folder_text(folder: &Path) -> Result<&str> {
    folder.to_str().ok_or_else(|| {
        Error::invalid(
            "folder",
            "Glimmer cannot name that folder; choose one whose name is plain text.",
        )
    })
}

fn no_copy(copy: &str) -> Error {
    Error::NotFound(format!(
        "No entry edited on two computers matches “{}”.",
        copy.trim()
    ))
}

/// This computer's place in the sync: a new device id.
async fn start(conn: &mut SqliteConnection, folder: &str, sync_id: &str) -> Result<()> {
    sqlx::query("INSERT INTO sync_state (id, folder, sync_id, device) VALUES (1, ?, ?, '')")
        .bind(folder)
        .bind(sync_id)
        .execute(&mut *conn)
        .await?;
    new_device(conn).await
}

/// Gives this vault a device id of its own, from now on.
async fn new_device(conn: &mut SqliteConnection) -> Result<()> {
    let device = random_hex()?;
    sqlx::query("UPDATE sync_state SET device = ?")
        .bind(&device)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO sync_devices (device, name) VALUES (?, ?)")
        .bind(&device)
        .bind(computer_name())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Where this vault is: the computer's name and the vault's folder.
fn place(vault: &Vault) -> String {
    let dir = std::fs::canonicalize(vault.dir()).unwrap_or_else(|_| vault.dir().to_path_buf());
    format!("{}\n{}", computer_name(), dir.display())
}

/// A vault found in another place than where it last synced was copied (or
/// moved) there by hand: it becomes a computer of its own, so the copy and
/// the original never write batches under one name. Batches this vault wrote
/// before stay the old id's, already read here; a moved vault's old id just
/// stops writing (`glimmer sync remove` tidies it away). A backup restored in
/// place keeps its id (docs/sync.md "Backups and restores").
async fn settle_place(conn: &mut SqliteConnection, vault: &Vault) -> Result<()> {
    let here = place(vault);
    let known: Option<String> = sqlx::query_scalar("SELECT place FROM sync_state")
        .fetch_one(&mut *conn)
        .await?;
    if known.as_ref().is_some_and(|p| *p != here) {
        new_device(conn).await?;
    }
    if known.as_ref() != Some(&here) {
        sqlx::query("UPDATE sync_state SET place = ?")
            .bind(&here)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn own_applied(conn: &mut SqliteConnection, device: &str) -> Result<u64> {
    let n: Option<i64> = sqlx::query_scalar("SELECT applied FROM sync_devices WHERE device = ?")
        .bind(device)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(0))
}

/// The highest sequence of this computer's batches in the folder, by their
/// headers (a conflict copy of one counts as it).
fn own_highest(folder: &Path, device: &str) -> Result<u64> {
    Ok(folder::batches(folder)?
        .iter()
        .filter(|f| f.device == device)
        .filter_map(|f| folder::head(&f.path).and_then(|h| batch::peek(&h)))
        .filter(|id| id.device_hex() == device)
        .map(|id| id.seq)
        .max()
        .unwrap_or(0))
}

/// How far every other computer's batches are applied here.
async fn deps(conn: &mut SqliteConnection, me: &str) -> Result<BTreeMap<String, u64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT device, applied FROM sync_devices WHERE device <> ? AND applied > 0",
    )
    .bind(me)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(d, n)| (d, u64::try_from(n).unwrap_or(0)))
        .collect())
}

async fn own_unacked(conn: &mut SqliteConnection) -> Result<u64> {
    let n: i64 = sqlx::query_scalar("SELECT unacked FROM sync_state")
        .fetch_one(&mut *conn)
        .await?;
    Ok(u64::try_from(n).unwrap_or(0))
}

async fn wrote(conn: &mut SqliteConnection, device: &str, name: &str, seq: u64) -> Result<()> {
    sqlx::query("UPDATE sync_devices SET applied = ?, wrote_at = ?, name = ? WHERE device = ?")
        .bind(i64::try_from(seq).unwrap_or(i64::MAX))
        .bind(now_ms())
        .bind(name)
        .bind(device)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Builds a new vault in `dir` from the journal in `folder`, opened with the
/// passphrase or recovery key it was set up with; `progress` hears of each
/// batch read. A join cut short leaves a vault that `now()` finishes.
pub async fn join(
    folder: &Path,
    dir: impl Into<PathBuf>,
    credential: &Credential,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Vault> {
    let joining = Joining::read(folder)?.ok_or_else(|| {
        Error::invalid(
            "folder",
            format!(
                "{} holds no Glimmer sync yet. Choose the folder you chose on your other computer.",
                folder.display()
            ),
        )
    })?;
    let key = crate::vault::unwrap_slots(&joining.slots, credential)?;
    if joining.key_check != check_text(&key.derive(joining.sync_id.as_bytes(), CHECK_INFO)) {
        return Err(Error::Damaged(format!(
            "{} does not match its own key slots. Nothing was made.",
            folder.join(folder::FILE).display()
        )));
    }
    let folder_text = folder_text(folder)?;
    let vault = Vault::create_with_key(dir, key, joining.slots.clone()).await?;
    in_write(&vault, async |conn| {
        start(conn, folder_text, &joining.sync_id).await
    })
    .await?;
    vault
        .sync()
        .run(&mut |done, of| progress(Progress { done, of }))
        .await?;
    Ok(vault)
}
