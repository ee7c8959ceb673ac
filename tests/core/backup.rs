//! Backups that happen by themselves, a second folder, and restoring one.

use glimmer::checkin::CheckinInput;
use glimmer::{ErrorCode, Settings, Vault};
use jiff::{SignedDuration, Timestamp};

use crate::util::{TempVault, pass, text};

async fn bodies(v: &Vault) -> Vec<String> {
    let mut b: Vec<String> = v
        .journal()
        .list(100, None)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.excerpt)
        .collect();
    b.sort();
    b
}

#[tokio::test]
async fn restoring_brings_back_exactly_the_backed_up_state_and_keeps_the_current_one() {
    let tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("before the backup"))
        .await
        .unwrap();
    let taken = tv.vault.backup_now("manual").await.unwrap().backup;
    assert_eq!((taken.entries, taken.checkins), (Some(1), Some(0)));
    tv.vault
        .journal()
        .create(&text("written after it"))
        .await
        .unwrap();
    tv.vault
        .checkins()
        .create(&CheckinInput {
            mood: Some(1),
            ..Default::default()
        })
        .await
        .unwrap();

    let preview = tv.vault.backup_preview(&taken.name).await.unwrap();
    assert_eq!(preview.entries, Some(1), "the preview shows what it holds");
    let TempVault { dir, mut vault } = tv;
    assert_eq!(vault.restore(&taken.name).await.unwrap().entries, Some(1));
    assert_eq!(bodies(&vault).await, ["before the backup"]);
    assert!(vault.checkins().recent(10).await.unwrap().is_empty());

    // The state before the restore is itself a backup, listed and restorable.
    let list = vault.backups().await;
    let before = list
        .iter()
        .find(|b| b.reason == "before-restore")
        .expect("kept first");
    assert_eq!((before.entries, before.checkins), (Some(2), Some(1)));
    assert!(list.iter().any(|b| b.name == taken.name));
    assert_eq!(vault.integrity_check().await.unwrap(), "ok");

    // And the restored vault is what the next unlock opens.
    vault.lock().await;
    let mut again = Vault::unlock(dir.path().join("v"), &pass()).await.unwrap();
    assert_eq!(bodies(&again).await, ["before the backup"]);
    let name = before.name.clone();
    again.restore(&name).await.unwrap();
    let undone = again;
    assert_eq!(
        bodies(&undone).await,
        ["before the backup", "written after it"]
    );

    let err = undone.backup_preview("../vault.json").await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_missing_second_folder_is_named_and_the_backup_still_happens() {
    let tv = TempVault::new().await;
    let second = tv.dir.path().join("usb-drive");
    let settings = Settings {
        backup_folder: Some(second.display().to_string()),
        ..Settings::default()
    };
    tv.vault.settings().save(&settings).await.unwrap();
    let report = tv.vault.backup_now("manual").await.unwrap();
    let problem = report.second_copy_problem.expect("a plain sentence");
    assert!(
        problem.contains("is not there") && problem.contains("was made"),
        "{problem}"
    );
    assert!(
        !second.exists(),
        "an unplugged drive is not replaced by a folder on the system disk"
    );
    assert!(tv.path().join("backups").join(&report.backup.name).exists());

    std::fs::create_dir(&second).unwrap();
    let report = tv.vault.backup_now("manual").await.unwrap();
    assert_eq!(report.second_copy_problem, None);
    // In a folder of this vault's own, so pruning there touches nothing else.
    let ours = std::fs::read_dir(&second)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("glimmer-"))
        .expect("a folder for this vault")
        .path();
    let copied = ours.join(&report.backup.name);
    assert!(copied.exists());
    assert!(
        copied.with_extension("json").exists(),
        "the key slots travel with it"
    );
}

#[tokio::test]
async fn a_daily_backup_is_taken_on_unlock_once_a_day() {
    let tv = TempVault::new().await;
    let now = Timestamp::now();
    assert!(
        tv.vault.backup_if_due(now).await.unwrap().is_some(),
        "none yet"
    );
    assert!(
        tv.vault.backup_if_due(now).await.unwrap().is_none(),
        "one a day"
    );
    let later = now + SignedDuration::from_hours(25);
    let r = tv
        .vault
        .backup_if_due(later)
        .await
        .unwrap()
        .expect("a day later");
    assert_eq!(r.backup.reason, "daily");
}

#[tokio::test]
async fn a_backup_taken_during_writes_is_consistent() {
    let tv = TempVault::new().await;
    let writer = async {
        for i in 0..200 {
            tv.vault
                .journal()
                .create(&text(&format!("entry {i}")))
                .await
                .unwrap();
        }
    };
    let (_, report) = tokio::join!(writer, tv.vault.backup_now("manual"));
    let report = report.unwrap();
    // Whatever moment it caught, the copy passed its check and holds whole entries.
    let n = report.backup.entries.expect("readable");
    assert!((0..=200).contains(&n), "{n}");
    let TempVault {
        dir: _dir,
        vault: mut restored,
    } = tv;
    restored.restore(&report.backup.name).await.unwrap();
    assert_eq!(
        restored
            .journal()
            .list(500, None)
            .await
            .unwrap()
            .items
            .len() as i64,
        n
    );
    assert_eq!(restored.integrity_check().await.unwrap(), "ok");
}

#[tokio::test]
async fn emptying_the_trash_takes_a_backup_first() {
    let tv = TempVault::new().await;
    let e = tv
        .vault
        .journal()
        .create(&text("let go of this"))
        .await
        .unwrap();
    tv.vault.journal().trash(&e.id.to_string()).await.unwrap();
    assert_eq!(tv.vault.empty_trash().await.unwrap(), 1);
    let list = tv.vault.backups().await;
    assert!(list.iter().any(|b| b.reason == "before-emptying-trash"));
}

#[tokio::test]
async fn a_restore_while_another_glimmer_has_the_vault_open_changes_nothing() {
    let mut tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("still here"))
        .await
        .unwrap();
    let taken = tv.vault.backup_now("manual").await.unwrap().backup;
    tv.vault.journal().create(&text("and this")).await.unwrap();
    let elsewhere = Vault::unlock(tv.path(), &pass()).await.unwrap();
    let err = tv.vault.restore(&taken.name).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::VaultBusy, "{err:?}");
    assert!(tv.vault.is_open(), "the vault stays open and usable");
    assert_eq!(bodies(&tv.vault).await, ["and this", "still here"]);
    assert!(!tv.path().join("vault.sqlite.restoring").exists());
    elsewhere.lock().await;
    tv.vault.restore(&taken.name).await.unwrap();
    assert_eq!(bodies(&tv.vault).await, ["still here"]);
}
