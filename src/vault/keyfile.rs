//! `vault.json`: the wrapped key slots and the reader-version marker, written
//! atomically and readable only by the user; and the private files beside it.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::VaultPaths;
use crate::error::{Error, Result};
use crate::keys::{DataKey, KeyError, RecoveryKey, Secret, Slot};

/// The newest vault layout this build can read. Raise it (and `WRITES_MIN_READER`)
/// when a change would make older Glimmers misread a vault.
pub const READER_VERSION: u32 = 1;
/// What a vault written by this build demands of its readers.
pub(super) const WRITES_MIN_READER: u32 = 1;
pub(super) const FORMAT: &str = "glimmer-vault";

/// Unknown fields are kept so an older Glimmer rewriting the key slots (a
/// passphrase change) does not drop what a newer one added.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct KeyFile {
    pub format: String,
    pub min_reader_version: u32,
    pub slots: Vec<Slot>,
    /// SHA-256 of the slots as written: a flipped bit in a wrapped key would
    /// otherwise read as a wrong passphrase, with no hint of damage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slots_sha256: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

pub(super) fn read(paths: &VaultPaths) -> Result<KeyFile> {
    let kf = paths.key_file();
    if !kf.exists() {
        return Err(if paths.database().exists() {
            Error::NotAVault {
                path: paths.dir.clone(),
                reason: "its key file vault.json is missing".into(),
            }
        } else {
            Error::VaultMissing(paths.dir.clone())
        });
    }
    let bytes = fs::read(&kf).map_err(Error::io(&kf))?;
    let parsed: KeyFile = serde_json::from_slice(&bytes).map_err(|e| Error::NotAVault {
        path: paths.dir.clone(),
        reason: format!("vault.json is unreadable: {e}"),
    })?;
    if parsed.format != FORMAT {
        return Err(Error::NotAVault {
            path: paths.dir.clone(),
            reason: "vault.json belongs to something else".into(),
        });
    }
    if parsed
        .slots_sha256
        .as_ref()
        .is_some_and(|sum| *sum != slots_sum(&parsed.slots))
    {
        return Err(Error::Damaged(
            "The vault's key file vault.json is damaged: its key slots do not match their checksum. A copy of it is kept beside each backup; nothing was changed.".into(),
        ));
    }
    if parsed.min_reader_version > READER_VERSION {
        return Err(Error::NewerVersion {
            needed: parsed.min_reader_version,
            ours: READER_VERSION,
        });
    }
    Ok(parsed)
}

fn slots_sum(slots: &[Slot]) -> String {
    use sha2::Digest;
    let bytes = serde_json::to_vec(slots).expect("slots serialise");
    data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(bytes))
}

/// Replaces `vault.json` atomically: a crash leaves either the old or the new file.
pub(super) fn write(paths: &VaultPaths, kf: &mut KeyFile) -> Result<()> {
    kf.slots_sha256 = Some(slots_sum(&kf.slots));
    let target = paths.key_file();
    let tmp = paths.dir.join("vault.json.tmp");
    let json = serde_json::to_vec_pretty(kf).expect("key file serialises");
    {
        let mut f = private_file(&tmp)?;
        f.write_all(&json).map_err(Error::io(&tmp))?;
        f.sync_all().map_err(Error::io(&tmp))?;
    }
    fs::rename(&tmp, &target).map_err(Error::io(&target))?;
    sync_dir(&paths.dir)
}

pub(super) fn unwrap_with_passphrase(kf: &KeyFile, p: &Secret) -> Result<DataKey> {
    for slot in &kf.slots {
        match slot.unwrap_passphrase(p) {
            Ok(k) => return Ok(k),
            Err(KeyError::Mismatch) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::WrongPassphrase)
}

pub(super) fn unwrap_with_recovery(kf: &KeyFile, text: &Secret) -> Result<DataKey> {
    let rk = RecoveryKey::parse(text.expose()).ok_or(Error::WrongRecoveryKey(
        "That doesn't look like a recovery key: it is eight groups of four letters and digits, like ABCD-EFGH-….",
    ))?;
    for slot in &kf.slots {
        match slot.unwrap_recovery(&rk) {
            Ok(k) => return Ok(k),
            Err(KeyError::Mismatch) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::WrongRecoveryKey(
        "That recovery key doesn't open this vault. Check each group of four and try again.",
    ))
}

/// A copy of the key slots, kept beside a backup so the backup opens even
/// if `vault.json` is lost.
pub(super) fn copy_to(paths: &VaultPaths, dest: &Path) -> Result<()> {
    let bytes = fs::read(paths.key_file()).map_err(Error::io(&paths.key_file()))?;
    let mut f = private_file(dest)?;
    f.write_all(&bytes).map_err(Error::io(dest))?;
    f.sync_all().map_err(Error::io(dest))
}

pub(super) fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Creates (or truncates) a file only the user can read.
pub(super) fn private_file(path: &Path) -> Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path).map_err(Error::io(path))
}

pub(super) fn make_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(Error::io(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(Error::io(dir))?;
    }
    Ok(())
}
