//! Where the vault lives: a vault in a folder a sync service copies is named
//! once per folder, by the core, the CLI's `init` and its first unlock there.

use std::path::Path;

use glimmer::vault::SyncService;
use glimmer::{Secret, Vault};

use crate::cli::{glimmer, ok_json};
use crate::util::{PASS, light_kdf, pass};

fn folder(root: &Path, path: &str) -> std::path::PathBuf {
    let dir = root.join(path);
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    dir
}

#[tokio::test]
async fn a_synced_folder_is_named_once_and_again_after_a_move() {
    let root = tempfile::tempdir().unwrap();
    let dropbox = folder(root.path(), "Dropbox/glimmer");
    let (vault, _) = Vault::create_with(&dropbox, &Secret::new(PASS), light_kdf())
        .await
        .unwrap();
    let settings = vault.settings();
    let warning = settings.sync_warning().await.unwrap().expect("in Dropbox");
    assert_eq!(warning.service, SyncService::Dropbox);
    assert!(
        settings.sync_warning().await.unwrap().is_some(),
        "still due until it is shown"
    );
    settings.sync_warning_shown().await.unwrap();
    assert_eq!(settings.sync_warning().await.unwrap(), None);
    // A front end saving its whole copy of the settings keeps the memory.
    let s = settings.load().await.unwrap();
    settings.save(&s).await.unwrap();
    vault.lock().await;
    let vault = Vault::unlock(&dropbox, &pass()).await.unwrap();
    assert_eq!(
        vault.settings().sync_warning().await.unwrap(),
        None,
        "once, also after unlocking again"
    );
    vault.lock().await;

    let onedrive = folder(root.path(), "OneDrive - Contoso/glimmer");
    std::fs::rename(&dropbox, &onedrive).unwrap();
    let vault = Vault::unlock(&onedrive, &pass()).await.unwrap();
    let warning = vault.settings().sync_warning().await.unwrap();
    let warning = warning.expect("moved into another synced folder: said again");
    assert_eq!(warning.service, SyncService::OneDrive);
    assert!(warning.folder.ends_with("OneDrive - Contoso/glimmer"));
    vault.settings().sync_warning_shown().await.unwrap();
    vault.lock().await;

    let plain = folder(root.path(), "journal");
    std::fs::rename(&onedrive, &plain).unwrap();
    let vault = Vault::unlock(&plain, &pass()).await.unwrap();
    assert_eq!(vault.settings().sync_warning().await.unwrap(), None);
    vault.lock().await;
}

#[test]
fn the_cli_says_it_on_init_and_on_the_first_unlock_after_a_move() {
    let root = tempfile::tempdir().unwrap();
    let p = "correct horse battery";
    let nextcloud = folder(root.path(), "Nextcloud/glimmer");
    let init = glimmer(&nextcloud, p, &["init", "--json"], None);
    let said = String::from_utf8_lossy(&init.stderr).into_owned();
    ok_json(init);
    assert!(said.contains("Nextcloud"), "{said}");
    assert!(said.contains("second backup folder"), "{said}");

    let again = glimmer(&nextcloud, p, &["list", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&again.stderr), "", "said once");
    ok_json(again);

    // Into a folder Syncthing shares: said again, once.
    let shared = folder(root.path(), "shared/glimmer");
    std::fs::create_dir(root.path().join("shared/.stfolder")).unwrap();
    std::fs::rename(&nextcloud, &shared).unwrap();
    let moved = glimmer(&shared, p, &["list", "--json"], None);
    let said = String::from_utf8_lossy(&moved.stderr).into_owned();
    ok_json(moved);
    assert!(said.contains("Syncthing"), "{said}");
    let again = glimmer(&shared, p, &["list", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&again.stderr), "");
    ok_json(again);

    let plain = folder(root.path(), "plain/glimmer");
    let init = glimmer(&plain, p, &["init", "--json"], None);
    assert_eq!(String::from_utf8_lossy(&init.stderr), "", "nothing to say");
    ok_json(init);
}
