//! Reading the other computers' batches into this vault: each computer's in
//! its order, each batch once what it depends on is here, each change by the
//! merge rules of docs/sync.md.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::Value;
use sqlx::SqliteConnection;

use super::batch::{self, BatchId, Change, Payload};
use super::capture::{mark, set_version, version};
use super::clock::Clock;
use super::folder;
use super::records::{self, COPIES, ENTRIES, REMOVED, Row};
use crate::error::Result;

/// What one reading did.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Read {
    pub batches: u64,
    pub changes: u64,
    pub copies: u64,
    /// Batches in the folder not applied yet: half written, or waiting for
    /// another computer's that have not arrived.
    pub waiting: u64,
}

/// How a reading goes: where, with which key, and whether this vault was
/// just restored from a backup (then what the backup holds is kept).
pub(super) struct Reading<'a> {
    pub folder: &'a Path,
    pub key: &'a [u8; 32],
    pub restored: bool,
}

/// A batch found: its files, or its opened payload once read.
enum Pending {
    Files(Vec<PathBuf>),
    Opened(Payload),
}

async fn applied_map(conn: &mut SqliteConnection) -> Result<HashMap<String, u64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT device, applied FROM sync_devices")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(d, n)| (d, u64::try_from(n).unwrap_or(0)))
        .collect())
}

pub(super) async fn removed_map(conn: &mut SqliteConnection) -> Result<HashMap<String, u64>> {
    let rows: Vec<(String, i64)> = sqlx::query_as("SELECT device, after_seq FROM sync_removed")
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(d, n)| (d, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The batches in the folder beyond what is applied, by the id in their
/// headers (a file's name only lets one already applied be passed by).
fn found(folder: &Path, applied: &HashMap<String, u64>) -> Result<BTreeMap<BatchId, Pending>> {
    let mut out: BTreeMap<BatchId, Pending> = BTreeMap::new();
    for f in folder::batches(folder)? {
        let done = applied.get(&f.device).copied().unwrap_or(0);
        if f.seq_hint.is_some_and(|s| s <= done) {
            continue;
        }
        let Some(id) = folder::head(&f.path).and_then(|h| batch::peek(&h)) else {
            continue;
        };
        if id.seq <= applied.get(&id.device_hex()).copied().unwrap_or(0) {
            continue;
        }
        match out.entry(id).or_insert_with(|| Pending::Files(vec![])) {
            Pending::Files(paths) => paths.push(f.path),
            Pending::Opened(_) => {}
        }
    }
    Ok(out)
}

/// Reads and applies every batch that can be, inside the caller's write;
/// `progress(done, of)` after each.
pub(super) async fn catch_up(
    conn: &mut SqliteConnection,
    how: &Reading<'_>,
    clock: &mut Clock,
    progress: &mut (dyn FnMut(u64, u64) + Send),
) -> Result<Read> {
    let mut applied = applied_map(conn).await?;
    let mut removed = removed_map(conn).await?;
    let mut waiting = found(how.folder, &applied)?;
    let total = waiting.len() as u64;
    let mut read = Read::default();
    sqlx::query("UPDATE sync_state SET applying = 1")
        .execute(&mut *conn)
        .await?;
    loop {
        let mut moved = false;
        let ids: Vec<BatchId> = waiting.keys().copied().collect();
        for id in ids {
            let device = id.device_hex();
            if removed.get(&device).is_some_and(|after| id.seq > *after) {
                waiting.remove(&id);
                continue;
            }
            if id.seq != applied.get(&device).copied().unwrap_or(0) + 1 {
                continue;
            }
            let Some(slot) = waiting.get_mut(&id) else {
                continue;
            };
            if let Pending::Files(paths) = slot {
                match paths
                    .iter()
                    .filter_map(|p| folder::read(p))
                    .find_map(|bytes| batch::open(how.key, &bytes).filter(|(b, _)| *b == id))
                {
                    Some((_, payload)) => *slot = Pending::Opened(payload),
                    // Half written (or not ours): left for a later sync.
                    None => continue,
                }
            }
            let Pending::Opened(payload) = slot else {
                continue;
            };
            let ready = payload.deps.iter().all(|(d, s)| {
                applied.get(d).copied().unwrap_or(0) >= *s || removed.contains_key(d)
            });
            if !ready {
                continue;
            }
            let Some(Pending::Opened(payload)) = waiting.remove(&id) else {
                continue;
            };
            let removes = payload.changes.iter().any(|c| c.t == REMOVED);
            apply_batch(conn, how, clock, &device, id.seq, payload, &mut read).await?;
            applied.insert(device, id.seq);
            if removes {
                removed = removed_map(conn).await?;
            }
            read.batches += 1;
            moved = true;
            progress(read.batches, total);
        }
        if !moved {
            break;
        }
    }
    sqlx::query("UPDATE sync_state SET applying = 0")
        .execute(&mut *conn)
        .await?;
    read.waiting = waiting.len() as u64;
    Ok(read)
}

async fn apply_batch(
    conn: &mut SqliteConnection,
    how: &Reading<'_>,
    clock: &mut Clock,
    device: &str,
    seq: u64,
    payload: Payload,
    read: &mut Read,
) -> Result<()> {
    for change in payload.changes {
        clock.saw(&change.h);
        apply_change(conn, how, change, read).await?;
    }
    sqlx::query(
        "INSERT INTO sync_devices (device, name, applied, wrote_at) VALUES (?, ?, ?, ?) \
         ON CONFLICT (device) DO UPDATE SET name = excluded.name, applied = excluded.applied, wrote_at = excluded.wrote_at",
    )
    .bind(device)
    .bind(&payload.name)
    .bind(i64::try_from(seq).unwrap_or(i64::MAX))
    .bind(payload.wrote_at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One change, by the rules: the later clock wins; an entry's text changed
/// on two computers at once keeps the earlier as a copy.
async fn apply_change(
    conn: &mut SqliteConnection,
    how: &Reading<'_>,
    change: Change,
    read: &mut Read,
) -> Result<()> {
    let Some(table) = records::table(&change.t) else {
        // A table a newer Glimmer syncs: nothing here to put it in.
        return Ok(());
    };
    let current = version(conn, &change.t, &change.k).await?;
    if current.as_deref() == Some(change.h.as_str()) {
        return Ok(());
    }
    let newer = current.as_ref().is_none_or(|c| change.h > *c);
    // Causal order makes this exact: the change was made without seeing ours.
    let concurrent = change.p.is_some() && current.is_some() && change.p != current;
    if change.t == ENTRIES && concurrent {
        let ours = table.read(conn, &change.k).await?;
        let (winner, loser, loser_h) = if newer {
            (change.r.as_ref(), ours.as_ref(), current.as_deref())
        } else {
            (ours.as_ref(), change.r.as_ref(), Some(change.h.as_str()))
        };
        if let (Some(loser), Some(loser_h)) = (loser, loser_h)
            && winner.is_none_or(|w| text(w) != text(loser))
        {
            keep_copy(conn, &change.k, loser, loser_h).await?;
            read.copies += 1;
        }
    }
    if !newer {
        return Ok(());
    }
    match change.r {
        Some(row) => table.write(conn, &change.k, row).await?,
        None if how.restored && table.read(conn, &change.k).await?.is_some() => {
            // Restored from a backup that holds what was deleted since: it
            // stays, and is written again as a change of this computer.
            return mark(conn, &change.t, &change.k, None).await;
        }
        None => table.delete(conn, &change.k).await?,
    }
    set_version(conn, &change.t, &change.k, &change.h).await?;
    read.changes += 1;
    Ok(())
}

fn text(row: &Row) -> (Option<&Value>, Option<&Value>) {
    (row.get("title"), row.get("body"))
}

/// The id of the copy of entry `id` as it was at version `h`: the same on
/// every computer that makes it.
fn copy_id(id: &str, h: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(format!("glimmer-sync copy\0{id}\0{h}"));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Keeps `loser`, a version of entry `id`, as an entry of its own marked
/// "edited on two computers". Its version is the loser's clock, so every
/// computer that makes it makes the same, and a later dismissal wins.
async fn keep_copy(conn: &mut SqliteConnection, id: &str, loser: &Row, h: &str) -> Result<()> {
    let copy = copy_id(id, h);
    if version(conn, ENTRIES, &copy).await?.is_some() {
        return Ok(());
    }
    let mut row = loser.clone();
    row.insert("id".into(), Value::String(copy.clone()));
    let mut mark_row = Row::new();
    mark_row.insert("id".into(), Value::String(copy.clone()));
    mark_row.insert("entry_id".into(), Value::String(id.to_string()));
    mark_row.insert("made_from".into(), Value::String(h.to_string()));
    for (t, r) in [(ENTRIES, row), (COPIES, mark_row)] {
        let table = records::table(t).expect("a synced table");
        table.write(conn, &copy, r).await?;
        set_version(conn, t, &copy, h).await?;
        mark(conn, t, &copy, Some(h)).await?;
    }
    Ok(())
}
