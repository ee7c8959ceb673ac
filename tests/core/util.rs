//! Temp vaults built through the production constructor.

use glimmer::{Credential, KdfParams, NewEntry, Secret, Vault};
use tempfile::TempDir;

pub const PASS: &str = "a quiet morning by the river";

/// Argon2id with a small cost: these tests are about the journal, not the KDF.
/// Vault tests that are about the KDF use the default parameters.
pub fn light_kdf() -> KdfParams {
    KdfParams {
        m_kib: 1024,
        t: 1,
        p: 1,
    }
}

pub struct TempVault {
    pub dir: TempDir,
    pub vault: Vault,
}

impl TempVault {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _) = Vault::create_with(dir.path().join("v"), &Secret::new(PASS), light_kdf())
            .await
            .unwrap();
        Self { dir, vault }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("v")
    }

    /// Locks and unlocks again, as a user coming back later would.
    pub async fn reopen(self) -> Self {
        let TempVault { dir, vault } = self;
        vault.lock().await;
        let vault = Vault::unlock(dir.path().join("v"), &pass()).await.unwrap();
        Self { dir, vault }
    }
}

pub fn pass() -> Credential {
    Credential::Passphrase(Secret::new(PASS))
}

pub fn text(body: &str) -> NewEntry {
    NewEntry {
        body: body.into(),
        ..NewEntry::default()
    }
}

/// Every file in a directory tree with its bytes, to prove nothing changed.
/// SQLite's -wal and -shm side files are left out: a closed connection's
/// empty WAL may still be vanishing, and their contents live in the database.
pub fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            let name = p.to_string_lossy();
            if p.is_dir() {
                stack.push(p);
            } else if !name.ends_with("-wal") && !name.ends_with("-shm") {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}
