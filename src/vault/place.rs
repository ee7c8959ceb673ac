//! Where the vault lives. A folder that a sync service (Dropbox, OneDrive,
//! iCloud Drive, Google Drive, Nextcloud, Syncthing) copies can take the
//! database while Glimmer is writing to it, or the database without its WAL,
//! and bring a half-written copy back: a torn journal. Such folders are
//! recognised by the marker their client leaves at the top of the synced
//! folder or by the name the client gives it; the person is told once, with
//! the safe way to use the service (the second backup folder, where only
//! finished, checked copies are written).

use std::path::Path;

use serde::Serialize;

/// A sync service whose folder the vault appears to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum SyncService {
    Dropbox,
    #[serde(rename = "onedrive")]
    OneDrive,
    #[serde(rename = "icloud_drive")]
    ICloudDrive,
    GoogleDrive,
    Nextcloud,
    #[serde(rename = "owncloud")]
    OwnCloud,
    Syncthing,
}

impl SyncService {
    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            SyncService::Dropbox => "Dropbox",
            SyncService::OneDrive => "OneDrive",
            SyncService::ICloudDrive => "iCloud Drive",
            SyncService::GoogleDrive => "Google Drive",
            SyncService::Nextcloud => "Nextcloud",
            SyncService::OwnCloud => "ownCloud",
            SyncService::Syncthing => "Syncthing",
        }
    }
}

/// What to tell the person about where their vault lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncWarning {
    pub service: SyncService,
    /// The vault's folder, as it was checked.
    pub folder: String,
    /// The whole warning, in plain words, with the safe alternative.
    pub message: String,
}

/// The sync service whose folder holds `dir`, if any: the nearest folder,
/// from `dir` upwards, that carries a client's marker or a client's name.
/// Symbolic links are followed first, so a link into a synced folder counts.
pub fn synced_folder(dir: &Path) -> Option<SyncService> {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    dir.ancestors()
        .find_map(|folder| by_marker(folder).or_else(|| by_name(folder)))
}

/// The warning for a vault in `dir`, or `None` when it is not in a synced folder.
pub fn sync_warning(dir: &Path) -> Option<SyncWarning> {
    let service = synced_folder(dir)?;
    let folder = dir
        .canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .display()
        .to_string();
    let name = service.name();
    let message = format!(
        "Your vault is in a folder that {name} seems to keep in sync ({folder}). \
         {name} can copy the journal while Glimmer is writing to it, and a copy \
         taken halfway can come back as a damaged journal. The safer way: keep \
         the vault in a folder {name} does not sync, and choose a folder in \
         {name} as your second backup folder in Settings. Backups are finished, \
         checked copies, so they are safe to sync."
    );
    Some(SyncWarning {
        service,
        folder,
        message,
    })
}

/// The files a client leaves at the top of the folder it syncs.
fn by_marker(folder: &Path) -> Option<SyncService> {
    let has = |name: &str| folder.join(name).symlink_metadata().is_ok();
    if has(".stfolder") {
        return Some(SyncService::Syncthing);
    }
    if has(".dropbox") || has(".dropbox.cache") {
        return Some(SyncService::Dropbox);
    }
    // The Nextcloud client's journal of the folder, `.sync_<id>.db` (older
    // clients: `._sync_<id>.db`); ownCloud's client, which it grew from, writes
    // the same file.
    let journal = std::fs::read_dir(folder).ok()?.flatten().any(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        (name.starts_with(".sync_") || name.starts_with("._sync_")) && name.ends_with(".db")
    });
    journal.then(|| match folder.file_name() {
        Some(n) if n == "ownCloud" => SyncService::OwnCloud,
        _ => SyncService::Nextcloud,
    })
}

/// The names the clients give their folders, on each system.
fn by_name(folder: &Path) -> Option<SyncService> {
    let name = folder.file_name()?.to_str()?;
    let parent = folder
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str());
    // "Dropbox (Team)" for a team's folder; macOS keeps newer ones in
    // ~/Library/CloudStorage as "OneDrive-Personal", "GoogleDrive-me@…".
    let named = |exact: &[&str], prefixes: &[&str]| {
        exact.contains(&name) || prefixes.iter().any(|p| name.starts_with(p))
    };
    if named(&["Dropbox"], &["Dropbox ("]) {
        Some(SyncService::Dropbox)
    } else if named(&["OneDrive"], &["OneDrive - ", "OneDrive-"]) {
        Some(SyncService::OneDrive)
    } else if named(&["iCloud Drive", "iCloudDrive", "com~apple~CloudDocs"], &[])
        || (name == "Mobile Documents" && parent == Some("Library"))
    {
        Some(SyncService::ICloudDrive)
    } else if named(
        &["Google Drive", "My Drive", "GoogleDrive"],
        &["GoogleDrive-"],
    ) {
        Some(SyncService::GoogleDrive)
    } else if name == "Nextcloud" {
        Some(SyncService::Nextcloud)
    } else if name == "ownCloud" {
        Some(SyncService::OwnCloud)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `path` made as folders under a new temp dir.
    fn made(path: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join(path);
        std::fs::create_dir_all(&dir).unwrap();
        (root, dir)
    }

    #[test]
    fn folders_named_by_their_clients_are_recognised() {
        use SyncService::*;
        for (path, service) in [
            ("Dropbox/glimmer", Dropbox),
            ("Dropbox (Ourteam)/me/glimmer", Dropbox),
            ("OneDrive/Documents/glimmer", OneDrive),
            ("OneDrive - Contoso/glimmer", OneDrive),
            ("Library/CloudStorage/OneDrive-Personal/glimmer", OneDrive),
            ("iCloud Drive/glimmer", ICloudDrive),
            ("iCloudDrive/glimmer", ICloudDrive),
            (
                "Library/Mobile Documents/com~apple~CloudDocs/glimmer",
                ICloudDrive,
            ),
            (
                "Library/Mobile Documents/iCloud~md~obsidian/glimmer",
                ICloudDrive,
            ),
            ("Google Drive/glimmer", GoogleDrive),
            ("GoogleDrive/glimmer", GoogleDrive),
            ("G/My Drive/glimmer", GoogleDrive),
            (
                "Library/CloudStorage/GoogleDrive-me@example.org/My Drive/x",
                GoogleDrive,
            ),
            ("Nextcloud/glimmer", Nextcloud),
            ("ownCloud/Notes/glimmer", OwnCloud),
        ] {
            let (_root, dir) = made(path);
            assert_eq!(synced_folder(&dir), Some(service), "{path}");
        }
    }

    #[test]
    fn client_markers_in_any_folder_above_are_recognised() {
        for (marker, is_dir, service) in [
            (".stfolder", true, SyncService::Syncthing),
            (".dropbox", false, SyncService::Dropbox),
            (".dropbox.cache", true, SyncService::Dropbox),
            (".sync_4f2a9c0e1b7d.db", false, SyncService::Nextcloud),
            ("._sync_4f2a9c0e1b7d.db", false, SyncService::Nextcloud),
        ] {
            let (root, dir) = made("shared/journal/glimmer");
            let top = root.path().join("shared");
            if is_dir {
                std::fs::create_dir(top.join(marker)).unwrap();
            } else {
                std::fs::write(top.join(marker), b"").unwrap();
            }
            assert_eq!(synced_folder(&dir), Some(service), "{marker}");
            // The folder holding the synced one is not synced itself.
            assert_eq!(synced_folder(root.path()), None, "{marker}");
        }
    }

    #[test]
    fn a_link_into_a_synced_folder_counts() {
        let (root, dir) = made("Dropbox/glimmer");
        let link = root.path().join("glimmer-link");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&dir, &link).unwrap();
        #[cfg(windows)]
        std::os::windows::fs::symlink_dir(&dir, &link).unwrap();
        assert_eq!(synced_folder(&link), Some(SyncService::Dropbox));
    }

    #[test]
    fn ordinary_folders_are_left_alone() {
        for path in [
            ".local/share/glimmer",
            "Documents/my dropbox notes/glimmer",
            "Library/Application Support/glimmer",
            "Mobile Documents/glimmer",
            "Drive/glimmer",
            "sync/glimmer",
        ] {
            let (_root, dir) = made(path);
            assert_eq!(synced_folder(&dir), None, "{path}");
            assert_eq!(sync_warning(&dir), None, "{path}");
        }
    }

    #[test]
    fn the_warning_names_the_service_the_folder_and_the_safe_way() {
        let (_root, dir) = made("OneDrive/glimmer");
        let w = sync_warning(&dir).unwrap();
        assert_eq!(w.service, SyncService::OneDrive);
        assert_eq!(w.folder, dir.canonicalize().unwrap().display().to_string());
        assert!(w.message.contains("OneDrive"), "{}", w.message);
        assert!(w.message.contains(&w.folder), "{}", w.message);
        assert!(w.message.contains("second backup folder"), "{}", w.message);
    }
}
