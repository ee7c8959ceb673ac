//! `vault.json`: the wrapped key slots and the reader-version marker, written
//! atomically and readable only by the user; and the private files beside it.

use std::fs::{self, File, OpenOptions};
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

/// What `vault.json` holds. Unknown fields are kept so an older Glimmer
/// rewriting the key slots (a passphrase change) does not drop what a newer
/// one added.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyFile {
    pub(crate) format: String,
    pub(crate) min_reader_version: u32,
    pub(crate) slots: Vec<Slot>,
    /// SHA-256 of the slots as written: a flipped bit in a wrapped key would
    /// otherwise read as a wrong passphrase, with no hint of damage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) slots_sha256: Option<String>,
    /// Names this vault's folder among a second backup folder's, so pruning
    /// there touches only this vault's backups. Older vaults get one at
    /// their first backup.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) vault_id: Option<String>,
    #[serde(flatten)]
    pub(crate) extra: serde_json::Map<String, serde_json::Value>,
}

impl KeyFile {
    /// The parser of key files: reads and checks the text of `file` (the
    /// vault's `vault.json` or a copy beside a backup) of the vault in `dir`,
    /// which the errors name. Public so the fuzzer can reach it.
    pub fn parse(bytes: &[u8], file: &Path, dir: &Path) -> Result<KeyFile> {
        let parsed: KeyFile = serde_json::from_slice(bytes).map_err(|e| Error::NotAVault {
            path: dir.to_path_buf(),
            reason: format!("{} is unreadable: {e}", file.display()),
        })?;
        if parsed.format != FORMAT {
            return Err(Error::NotAVault {
                path: dir.to_path_buf(),
                reason: format!("{} belongs to something else", file.display()),
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

    /// The bytes written for it, the checksum of its slots renewed first.
    pub fn to_bytes(&mut self) -> Vec<u8> {
        self.slots_sha256 = Some(slots_sum(&self.slots));
        serde_json::to_vec_pretty(self).expect("key file serialises")
    }
}

pub(super) fn read(paths: &VaultPaths) -> Result<KeyFile> {
    let kf = paths.key_file();
    if !kf.exists() {
        return Err(if paths.database().exists() {
            Error::Damaged(format!(
                "The vault's key file vault.json is missing from {}, beside the journal. A copy of it is kept beside each backup: restoring a backup brings it back. Nothing was changed.",
                paths.dir.display()
            ))
        } else {
            Error::VaultMissing(paths.dir.clone())
        });
    }
    read_path(&kf, &paths.dir)
}

/// Reads key slots from `file`: the vault's own or a copy beside a backup.
pub(super) fn read_path(file: &Path, dir: &Path) -> Result<KeyFile> {
    KeyFile::parse(&read_small(file)?, file, dir)
}

/// Key files are a few kilobytes: a huge one, a FIFO or a device is not one.
fn read_small(file: &Path) -> Result<Vec<u8>> {
    const MAX: u64 = 1 << 20;
    let meta = fs::metadata(file).map_err(Error::io(file))?;
    if !meta.is_file() || meta.len() > MAX {
        return Err(Error::Damaged(format!(
            "{} is not a key file (it is not a small, ordinary file). Nothing was changed.",
            file.display()
        )));
    }
    fs::read(file).map_err(Error::io(file))
}

/// This vault's id, made and written once if an older vault has none.
pub(super) fn vault_id(paths: &VaultPaths) -> Result<String> {
    let mut kf = read(paths)?;
    if let Some(id) = &kf.vault_id {
        return Ok(id.clone());
    }
    let id = new_vault_id()?;
    kf.vault_id = Some(id.clone());
    write(paths, &mut kf)?;
    Ok(id)
}

pub(super) fn new_vault_id() -> Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::Internal(format!("no randomness for the vault id: {e}")))?;
    Ok(data_encoding::HEXLOWER.encode(&bytes))
}

pub(super) fn slots_sum(slots: &[Slot]) -> String {
    use sha2::Digest;
    let bytes = serde_json::to_vec(slots).expect("slots serialise");
    data_encoding::HEXLOWER.encode(&sha2::Sha256::digest(bytes))
}

/// Replaces `vault.json` atomically: a crash leaves either the old or the new file.
pub(super) fn write(paths: &VaultPaths, kf: &mut KeyFile) -> Result<()> {
    write_to(&paths.key_file(), kf)
}

/// Writes key slots to `target` atomically, readable only by the user.
pub(super) fn write_to(target: &Path, kf: &mut KeyFile) -> Result<()> {
    write_private(target, &kf.to_bytes())
}

pub(super) fn unwrap(kf: &KeyFile, credential: &super::Credential) -> Result<DataKey> {
    unwrap_slots(&kf.slots, credential)
}

/// The data key from `slots` (a key file's, or a sync folder's).
pub(super) fn unwrap_slots(slots: &[Slot], credential: &super::Credential) -> Result<DataKey> {
    match credential {
        super::Credential::Passphrase(p) => unwrap_with_passphrase(slots, p),
        super::Credential::RecoveryKey(k) => unwrap_with_recovery(slots, k),
    }
}

pub(super) fn unwrap_with_passphrase(slots: &[Slot], p: &Secret) -> Result<DataKey> {
    for slot in slots {
        match slot.unwrap_passphrase(p) {
            Ok(k) => return Ok(k),
            Err(KeyError::Mismatch) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::WrongPassphrase)
}

pub(super) fn unwrap_with_recovery(slots: &[Slot], text: &Secret) -> Result<DataKey> {
    let rk = RecoveryKey::parse(text.expose()).ok_or(Error::WrongRecoveryKey(
        "That doesn't look like a recovery key: it is eight groups of four letters and digits, like ABCD-EFGH-….",
    ))?;
    for slot in slots {
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
/// if `vault.json` is lost. Written aside and renamed, so a copy being
/// replaced (a passphrase change) is never half written.
pub(super) fn copy_to(paths: &VaultPaths, dest: &Path) -> Result<()> {
    let bytes = read_small(&paths.key_file())?;
    write_private(dest, &bytes)
}

/// Replaces `dest` with `bytes` atomically, readable only by the user.
pub(super) fn write_private(dest: &Path, bytes: &[u8]) -> Result<()> {
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    crate::storage::write_private_file(dest.parent().unwrap_or(Path::new(".")), &name, bytes)
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
    // A link would have its target's permissions changed and its files pruned.
    if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::invalid(
            "folder",
            format!(
                "{} is a link to another place. Glimmer keeps its files only in a real folder, so it does not follow it; nothing was changed there.",
                dir.display()
            ),
        ));
    }
    fs::create_dir_all(dir).map_err(Error::io(dir))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(Error::io(dir))?;
    }
    Ok(())
}
