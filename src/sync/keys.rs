//! A passphrase changed on one computer is changed in the folder and on every
//! other computer (docs/sync.md "A changed passphrase"): the folder's
//! `glimmer-sync.json` holds the key slots as they were last set, so a
//! computer joins with today's passphrase and the old one opens nothing
//! there; the other computers take the new slots into their own `vault.json`.
//! The data key stays the same, so nothing else changes.

use sqlx::SqliteConnection;

use super::folder::Joining;
use super::{State, check_text, now_ms};
use crate::error::{Error, Result};
use crate::keys::Slot;
use crate::vault::Vault;

/// What the slots' tag is derived for (HKDF info, followed by what it covers).
const TAG_INFO: &str = "glimmer-sync/v1/keys|";

/// Proves slots were set by a computer that holds this journal's key, so
/// another may take them as its own; covers when, by whom and which slots.
pub(super) fn tag(vault: &Vault, j: &Joining) -> String {
    let covered = format!(
        "{TAG_INFO}{}|{}|{}|{}",
        j.keys_at, j.keys_by, j.slots_sha256, j.key_check
    );
    check_text(&vault.derive_key(j.sync_id.as_bytes(), covered.as_bytes()))
}

/// Writes this computer's slots into the folder if its passphrase changed
/// here, or takes the folder's if it changed on another computer: then the
/// id of the computer it was changed on.
pub(super) async fn keep_in_step(
    vault: &Vault,
    conn: &mut SqliteConnection,
    s: &State,
    folder: &std::path::Path,
    joining: &Joining,
) -> Result<Option<String>> {
    let local = vault.key_slots()?;
    let local_sum = crate::vault::slots_checksum(&local);
    let known: Option<String> = sqlx::query_scalar("SELECT keys_sha256 FROM sync_state")
        .fetch_one(&mut *conn)
        .await?;
    if local_sum == joining.slots_sha256 {
        if known.as_deref() != Some(&local_sum) {
            remember(conn, &local_sum).await?;
        }
        return Ok(None);
    }
    let genuine = !joining.keys_tag.is_empty() && joining.keys_tag == tag(vault, joining);
    // Unknown (sync set up before slots were kept in step): only a folder
    // whose slots another computer set this way is taken.
    let changed_here = known.map_or(!genuine, |k| k != local_sum);
    if changed_here || !genuine {
        let mut fresh = Joining::new(
            joining.sync_id.clone(),
            joining.key_check.clone(),
            local.clone(),
        );
        // Later than what is there, whatever this computer's clock says, so
        // every computer agrees on which change came last.
        fresh.keys_at = now_ms().max(joining.keys_at + 1);
        fresh.keys_by = s.device.clone();
        fresh.keys_tag = tag(vault, &fresh);
        fresh.write(folder)?;
        remember(conn, &local_sum).await?;
        return Ok(None);
    }
    // The recovery key must open this computer afterwards as it does now.
    let recovery = |slots: &[Slot]| {
        slots
            .iter()
            .filter(|s| matches!(s, Slot::Recovery { .. }))
            .cloned()
            .collect::<Vec<_>>()
    };
    if recovery(&joining.slots) != recovery(&local) {
        return Err(Error::Damaged(
            "The sync folder holds a passphrase set on another computer without this journal's recovery key, so it was not taken here. This computer opens as before.".into(),
        ));
    }
    vault.take_key_slots(joining.slots.clone()).await?;
    remember(conn, &joining.slots_sha256).await?;
    Ok(Some(joining.keys_by.clone()))
}

async fn remember(conn: &mut SqliteConnection, sum: &str) -> Result<()> {
    sqlx::query("UPDATE sync_state SET keys_sha256 = ?")
        .bind(sum)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
