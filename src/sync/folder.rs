//! The shared folder on disk: `glimmer-sync.json`, and each computer's
//! batches under `devices/<device>/`. Files are written aside and renamed;
//! conflict copies and duplicates a sync service makes are found like any
//! batch, since a batch is named by its authenticated header, not its name.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::keys::Slot;

pub(super) const FILE: &str = "glimmer-sync.json";
const FORMAT: &str = "glimmer-sync";
const VERSION: u32 = 1;
const EXT: &str = "glimmer-batch";

/// `glimmer-sync.json`: what a computer needs to join.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Joining {
    pub format: String,
    pub version: u32,
    /// Names this journal's folder; the salt of the sync key.
    pub sync_id: String,
    /// Derived from the data key: tells another journal's folder apart.
    pub key_check: String,
    pub slots: Vec<Slot>,
    pub slots_sha256: String,
    /// When the slots were last set (Unix ms; 0 when the folder was set up
    /// before they were kept in step), by which computer, and the tag that
    /// shows a computer holding the journal's key set them (`keys::tag`).
    #[serde(default)]
    pub keys_at: i64,
    #[serde(default)]
    pub keys_by: String,
    #[serde(default)]
    pub keys_tag: String,
}

/// The folder is there, or a plain sentence saying it is not.
pub(super) fn require(folder: &Path) -> Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    Err(Error::invalid(
        "folder",
        format!(
            "The sync folder {} is not there just now (a drive unplugged, or a folder moved?). Your journal keeps working on this computer, and catches up once the folder is back.",
            folder.display()
        ),
    ))
}

impl Joining {
    pub fn new(sync_id: String, key_check: String, slots: Vec<Slot>) -> Self {
        Joining {
            format: FORMAT.into(),
            version: VERSION,
            sync_id,
            key_check,
            slots_sha256: crate::vault::slots_checksum(&slots),
            slots,
            keys_at: 0,
            keys_by: String::new(),
            keys_tag: String::new(),
        }
    }

    /// The folder's `glimmer-sync.json`, or `None` when there is none yet.
    pub fn read(folder: &Path) -> Result<Option<Joining>> {
        require(folder)?;
        let path = folder.join(FILE);
        let Some(bytes) = crate::storage::read_small_file(&path, 1 << 20, &damaged(&path))? else {
            return Ok(None);
        };
        Self::parse(&bytes, &path).map(Some)
    }

    /// Reads and checks the text of the sync file at `path`, which the
    /// errors name. Public so the fuzzer can reach it.
    pub fn parse(bytes: &[u8], path: &Path) -> Result<Joining> {
        let damaged = damaged(path);
        let j: Joining =
            serde_json::from_slice(bytes).map_err(|_| damaged("is not a Glimmer sync file"))?;
        if j.format != FORMAT {
            return Err(damaged("belongs to something else"));
        }
        if j.version > VERSION {
            return Err(Error::NewerVersion {
                needed: j.version,
                ours: VERSION,
            });
        }
        if j.slots_sha256 != crate::vault::slots_checksum(&j.slots) {
            return Err(damaged(
                "is damaged: its key slots do not match their checksum",
            ));
        }
        Ok(j)
    }

    /// The file's text as written.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("the sync file serialises")
    }

    pub fn write(&self, folder: &Path) -> Result<()> {
        crate::storage::write_private_file(folder, FILE, &self.to_bytes())
    }
}

/// The error for a sync file at `path` that cannot be used, and why.
fn damaged(path: &Path) -> impl Fn(&str) -> Error + '_ {
    move |why| {
        Error::Damaged(format!(
            "{} {why}, so Glimmer cannot sync through this folder. Nothing was changed.",
            path.display()
        ))
    }
}

fn device_dir(folder: &Path, device: &str) -> PathBuf {
    folder.join("devices").join(device)
}

/// Writes batch `seq` of `device`, whole or not at all.
pub(super) fn write_batch(folder: &Path, device: &str, seq: u64, bytes: &[u8]) -> Result<()> {
    let dir = device_dir(folder, device);
    std::fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
    crate::storage::write_private_file(&dir, &format!("{seq:010}.{EXT}"), bytes)
}

/// A file that may be a batch: where it is, the computer whose folder it is
/// in, and the sequence its name starts with (a hint only).
#[derive(Debug)]
pub(super) struct Found {
    pub path: PathBuf,
    pub device: String,
    pub seq_hint: Option<u64>,
}

/// Every file under `devices/` named like a batch, its conflict copies
/// included; files being written (`.tmp`, hidden) are left for later.
pub(super) fn batches(folder: &Path) -> Result<Vec<Found>> {
    require(folder)?;
    let mut out = Vec::new();
    let root = folder.join("devices");
    let Ok(devices) = std::fs::read_dir(&root) else {
        return Ok(out);
    };
    for d in devices.flatten() {
        let device = d.file_name().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(d.path()) else {
            continue;
        };
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            if !name.contains(EXT) || name.starts_with('.') || name.ends_with(".tmp") {
                continue;
            }
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            out.push(Found {
                path: f.path(),
                device: device.clone(),
                seq_hint: digits.parse().ok(),
            });
        }
    }
    Ok(out)
}

/// The computers that have a folder under `devices/`, read or not.
pub(super) fn devices(folder: &Path) -> Result<Vec<String>> {
    require(folder)?;
    let Ok(dirs) = std::fs::read_dir(folder.join("devices")) else {
        return Ok(vec![]);
    };
    Ok(dirs
        .flatten()
        .filter(|d| d.path().is_dir())
        .map(|d| d.file_name().to_string_lossy().into_owned())
        .collect())
}

/// Removes a batch a snapshot now stands for; one already gone is fine.
pub(super) fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path)(e)),
        _ => Ok(()),
    }
}

/// A file's size, 0 if it cannot be read now.
pub(super) fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// A file's bytes, or `None` if it went away or cannot be read now (a sync
/// service replacing it): it is tried again at the next sync.
pub(super) fn read(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .ok()?;
    Some(bytes)
}

/// The first bytes of a file: enough for a batch's header.
pub(super) fn head(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(64).read_to_end(&mut bytes))
        .ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_copies_are_found_and_files_being_written_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("devices/00000000000000aa");
        std::fs::create_dir_all(&d).unwrap();
        for name in [
            "0000000003.glimmer-batch",
            "0000000003 (conflicted copy 2025-01-02).glimmer-batch",
            "0000000003.sync-conflict-20250102-101010-ABCDEFG.glimmer-batch",
            "0000000003 (1).glimmer-batch",
            "0000000004.glimmer-batch.tmp",
            ".syncthing.0000000005.glimmer-batch.tmp",
            "notes.txt",
        ] {
            std::fs::write(d.join(name), b"x").unwrap();
        }
        let found = batches(dir.path()).unwrap();
        assert_eq!(found.len(), 4);
        assert!(found.iter().all(|f| f.seq_hint == Some(3)));
        assert!(found.iter().all(|f| f.device == "00000000000000aa"));
    }

    /// The file as a folder set up before passphrases were kept in step
    /// holds it (no `keys_*` fields) still reads, as never changed.
    #[test]
    fn a_sync_file_from_before_passphrase_changes_reads() {
        let path = Path::new("glimmer-sync.json");
        let today = Joining::new("48858186910ddca2".into(), "6fb420f3".into(), vec![]);
        let mut older: serde_json::Value = serde_json::from_slice(&today.to_bytes()).unwrap();
        for field in ["keys_at", "keys_by", "keys_tag"] {
            older.as_object_mut().unwrap().remove(field).unwrap();
        }
        let read = Joining::parse(&serde_json::to_vec(&older).unwrap(), path).unwrap();
        assert_eq!(read, today);
        assert_eq!((read.keys_at, read.keys_by.as_str()), (0, ""));
        // Damage is named, not taken for an empty folder.
        let mut tampered = older.clone();
        tampered["slots_sha256"] = "00".into();
        let e = Joining::parse(&serde_json::to_vec(&tampered).unwrap(), path).unwrap_err();
        assert!(e.to_string().contains("do not match their checksum"), "{e}");
    }

    #[test]
    fn a_missing_folder_is_said_in_plain_words() {
        let e = batches(Path::new("/nonexistent/glimmer-sync-test")).unwrap_err();
        assert!(e.to_string().contains("keeps working"), "{e}");
    }
}
