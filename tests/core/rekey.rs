//! A new key for a passphrase that leaked (issue 17, defect 4).

use std::fs;

use glimmer::vault::OldBackups;
use glimmer::{Credential, Error, Secret, Vault};

use crate::util::{TempVault, pass, text};

const NEW: &str = "a new passphrase nobody has seen";

fn new_pass() -> Credential {
    Credential::Passphrase(Secret::new(NEW))
}

async fn rekeyed(old: OldBackups) -> (tempfile::TempDir, std::path::PathBuf, Vec<u8>, String) {
    let tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("the kettle sang"))
        .await
        .unwrap();
    tv.vault.backup_now("manual").await.unwrap();
    let path = tv.path();
    let old_db = fs::read(path.join("vault.sqlite")).unwrap();
    let TempVault { dir, mut vault } = tv;
    let recovery = vault.rekey(&Secret::new(NEW), old).await.unwrap();
    assert_eq!(vault.journal().list(10, None).await.unwrap().items.len(), 1);
    vault.lock().await;
    (dir, path, old_db, recovery.display().to_string())
}

#[tokio::test]
async fn after_a_new_key_nothing_old_opens_anything() {
    let (_dir, path, _, recovery) = rekeyed(OldBackups::Reencrypt).await;
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    let err = Vault::backups_in_dir(&path, &pass()).await.unwrap_err();
    assert!(
        matches!(err, Error::WrongPassphrase),
        "old backups no longer open with it: {err:?}"
    );
    let listed = Vault::backups_in_dir(&path, &new_pass()).await.unwrap();
    assert!(!listed.is_empty() && listed.iter().all(|b| b.entries == Some(1)));
    let v = Vault::unlock(&path, &Credential::RecoveryKey(Secret::new(recovery)))
        .await
        .unwrap();
    assert_eq!(v.journal().list(10, None).await.unwrap().items.len(), 1);
    assert!(v.check().await.unwrap().ok);
    v.lock().await;
}

#[tokio::test]
async fn old_backups_can_be_deleted_instead() {
    let (_dir, path, _, _) = rekeyed(OldBackups::Delete).await;
    let left: Vec<_> = fs::read_dir(path.join("backups"))
        .unwrap()
        .flatten()
        .collect();
    assert!(left.is_empty(), "{left:?}");
    let v = Vault::unlock(&path, &new_pass()).await.unwrap();
    v.lock().await;
}

/// A crash after the new journal took the old one's place, before the new
/// key slots took theirs: the new passphrase opens it, and the slots move.
#[tokio::test]
async fn a_change_of_key_cut_short_after_the_swap_finishes_on_unlock() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("one")).await.unwrap();
    let path = tv.path();
    let old_slots = fs::read(path.join("vault.json")).unwrap();
    let TempVault {
        dir: _dir,
        mut vault,
    } = tv;
    vault
        .rekey(&Secret::new(NEW), OldBackups::Reencrypt)
        .await
        .unwrap();
    vault.lock().await;
    fs::rename(path.join("vault.json"), path.join("vault.json.rekeying")).unwrap();
    fs::write(path.join("vault.json"), old_slots).unwrap();
    let v = Vault::unlock(&path, &new_pass()).await.unwrap();
    assert_eq!(v.journal().list(10, None).await.unwrap().items.len(), 1);
    v.lock().await;
    assert!(!path.join("vault.json.rekeying").exists());
}

/// A crash before the swap: the old vault stands and the half-made files go.
#[tokio::test]
async fn a_change_of_key_cut_short_before_the_swap_leaves_the_old_vault() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("one")).await.unwrap();
    let path = tv.path();
    let TempVault { dir: _dir, vault } = tv;
    vault.lock().await;
    fs::write(path.join("vault.sqlite.rekeying"), b"half").unwrap();
    fs::write(path.join("vault.json.rekeying"), b"{}").unwrap();
    let v = Vault::unlock(&path, &pass()).await.unwrap();
    assert_eq!(v.journal().list(10, None).await.unwrap().items.len(), 1);
    v.lock().await;
    assert!(!path.join("vault.sqlite.rekeying").exists());
    assert!(!path.join("vault.json.rekeying").exists());
}

#[test]
fn rekey_from_a_script_asks_first_then_changes_everything() {
    use crate::cli::{glimmer, ok_json, with_one_entry};
    let (dir, p) = with_one_entry();
    let v = dir.path().join("vault");
    let out = glimmer(&v, p, &["rekey"], None);
    assert!(!out.status.success(), "no terminal, no --yes: refused");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was changed"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_glimmer"))
        .args(["rekey", "--yes", "--json"])
        .env("GLIMMER_VAULT", &v)
        .env("GLIMMER_PASSWORD", p)
        .env("GLIMMER_NEW_PASSWORD", NEW)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let done = ok_json(out);
    assert_eq!(done["recovery_key"].as_str().unwrap().split('-').count(), 8);
    assert!(
        !glimmer(&v, p, &["list"], None).status.success(),
        "the old passphrase opens nothing"
    );
    let listed = ok_json(glimmer(&v, NEW, &["list", "--json"], None));
    assert_eq!(listed.as_array().unwrap().len(), 1);
}
