//! Compaction: a computer folds its own batches that every other computer
//! has read into one snapshot, and removes them, so the folder does not
//! grow with every change. Why this is safe is in docs/sync.md "Compaction".

use std::collections::{BTreeMap, HashMap};

use sqlx::SqliteConnection;

use super::batch::{self, Change, Payload};
use super::capture::version;
use super::{Writer, apply, deps, folder, own_applied, wrote};
use crate::error::Result;

/// Compact once more than this many of one's own batches could be folded.
const AFTER: u64 = 64;

/// How many batches may be folded before compacting: the vault's setting.
pub(super) async fn after(conn: &mut SqliteConnection) -> Result<u64> {
    let n: Option<i64> = sqlx::query_scalar("SELECT compact_after FROM sync_state")
        .fetch_one(&mut *conn)
        .await?;
    Ok(n.and_then(|n| u64::try_from(n).ok()).unwrap_or(AFTER))
}

/// A computer that only reads says what it has read after this many
/// batches with changes, so the writers' compaction never waits long.
pub(super) fn ack_after(after: u64) -> u64 {
    (after / 16).max(1)
}

/// Folds this computer's batches that no one needs any more into a
/// snapshot, when there are enough of them.
pub(super) async fn maybe(conn: &mut SqliteConnection, out: &Writer<'_>, after: u64) -> Result<()> {
    let me = out.hex;
    let Some(upto) = read_by_all(conn, out).await? else {
        return Ok(());
    };
    let all: Vec<folder::Found> = folder::batches(out.folder)?
        .into_iter()
        .filter(|f| f.device == me)
        .collect();
    let mine: Vec<&folder::Found> = all
        .iter()
        .filter(|f| f.seq_hint.is_some_and(|s| s <= upto))
        .collect();
    if mine.len() < 2 {
        return Ok(());
    }
    // Worth it: many batches, or more bytes than the largest (the last
    // snapshot, mostly) holds, so the folder stays near the records' size.
    let mut sizes: Vec<u64> = mine.iter().map(|f| folder::size(&f.path)).collect();
    sizes.sort_unstable();
    let largest = sizes.pop().unwrap_or(0);
    if mine.len() as u64 <= after && sizes.iter().sum::<u64>() <= largest {
        return Ok(());
    }
    // Every batch of this computer in the folder, each once, by its header.
    let mut by_seq: BTreeMap<u64, Payload> = BTreeMap::new();
    for f in &all {
        let opened = folder::read(&f.path).and_then(|b| batch::open(out.key, &b));
        if let Some((id, payload)) = opened.filter(|(id, _)| id.device == out.device) {
            by_seq.entry(id.seq).or_insert(payload);
        }
    }
    let last = by_seq
        .iter()
        .filter_map(|(seq, p)| p.covers.map(|c| (*seq, c)))
        .max();
    let folded = last.map_or(0, |(_, c)| c);
    let nothing_new = last.is_some_and(|(seq, _)| {
        seq > upto || by_seq.range(folded + 1..=upto).all(|(s, _)| *s == seq)
    });
    if nothing_new {
        // Only batches the last snapshot stands for, put back by a sync
        // service (or it is not read by all yet): they go again, and the
        // snapshot is folded only once everyone has read past it, so a
        // reader never finds a gap behind what it has read.
        remove(&all, out, folded)?;
        return Ok(());
    }
    if (folded + 1..=upto).any(|s| !by_seq.contains_key(&s)) {
        // One is missing or damaged (a sync service still copying it back):
        // nothing is folded until it is whole.
        return Ok(());
    }
    let mut latest: BTreeMap<(String, String), Change> = BTreeMap::new();
    for payload in by_seq.range(folded + 1..=upto).map(|(_, p)| p) {
        for c in &payload.changes {
            let key = (c.t.clone(), c.k.clone());
            if latest.get(&key).is_none_or(|had| c.h > had.h) {
                latest.insert(key, c.clone());
            }
        }
    }
    // Only what is still current here: a version another computer has
    // replaced since is not needed by anyone who reads that one, and a
    // computer reading both could take it for an edit made alongside.
    let mut changes = Vec::with_capacity(latest.len());
    for c in latest.into_values() {
        if version(conn, &c.t, &c.k).await?.as_deref() == Some(c.h.as_str()) {
            changes.push(c);
        }
    }
    let plain = serde_json::to_vec(&changes).map_or(u64::MAX, |j| j.len() as u64);
    if plain > batch::MAX_PLAIN / 2 {
        // Too much for one file to be read back safely: left as batches.
        return Ok(());
    }
    let seq = own_applied(conn, me).await? + 1;
    out.write(seq, &deps(conn, me).await?, changes, Some(upto))?;
    wrote(conn, me, &out.name, seq).await?;
    // Only now, with the snapshot whole on disk, do the batches go.
    remove(&all, out, upto)
}

/// Removes this computer's batches up to `upto` from among `files`.
fn remove(files: &[folder::Found], out: &Writer<'_>, upto: u64) -> Result<()> {
    for f in files {
        let id = folder::head(&f.path).and_then(|h| batch::peek(&h));
        if id.is_some_and(|id| id.device == out.device && id.seq <= upto) {
            folder::remove(&f.path)?;
        }
    }
    Ok(())
}

/// How far every other computer has read this one's batches; `None` while
/// a computer in the folder has not been read here at all (it may have
/// joined and read nothing of this one's yet).
async fn read_by_all(conn: &mut SqliteConnection, out: &Writer<'_>) -> Result<Option<u64>> {
    let removed = apply::removed_map(conn).await?;
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT device, read_mine FROM sync_devices WHERE device <> ?")
            .bind(out.hex)
            .fetch_all(&mut *conn)
            .await?;
    let read: HashMap<String, u64> = rows
        .into_iter()
        .filter(|(d, _)| !removed.contains_key(d))
        .map(|(d, n)| (d, u64::try_from(n).unwrap_or(0)))
        .collect();
    let unknown = folder::devices(out.folder)?
        .into_iter()
        .any(|d| d != out.hex && !removed.contains_key(&d) && !read.contains_key(&d));
    if unknown {
        return Ok(None);
    }
    let written = own_applied(conn, out.hex).await?;
    Ok(Some(
        read.values().copied().min().unwrap_or(written).min(written),
    ))
}
