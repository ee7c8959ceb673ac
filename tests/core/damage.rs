//! A damaged journal is named with its way back, and the way back works
//! whatever state the journal is in (issue 17).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use glimmer::{Credential, Error, Secret, Settings, Vault};
use jiff::{SignedDuration, Timestamp};

use crate::util::{PASS, TempVault, pass, text};

/// A vault with two entries and a checked backup of them, locked.
async fn backed_up() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let tv = TempVault::new().await;
    for body in ["the kettle sang", "rain on the window"] {
        tv.vault.journal().create(&text(body)).await.unwrap();
    }
    let name = tv.vault.backup_now("manual").await.unwrap().backup.name;
    let path = tv.path();
    let TempVault { dir, vault } = tv;
    vault.lock().await;
    (dir, path, name)
}

async fn count(v: &Vault) -> usize {
    v.journal().list(100, None).await.unwrap().items.len()
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn an_empty_journal_is_damage_with_the_newest_sound_backup_named() {
    let (_dir, path, name) = backed_up().await;
    fs::write(path.join("vault.sqlite"), b"").unwrap();
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::Damaged(_)), "{err:?}");
    let said = err.to_string();
    assert!(said.contains("empty") && said.contains(&name), "{said}");
    assert_eq!(
        fs::metadata(path.join("vault.sqlite")).unwrap().len(),
        0,
        "nothing was created in its place"
    );
}

#[tokio::test]
async fn a_journal_without_tables_is_not_a_new_journal() {
    let (_dir, path, _) = backed_up().await;
    // A keyed database that holds nothing: what the upgrade step used to fill.
    let (other, _) = Vault::create_with(
        path.parent().unwrap().join("o"),
        &Secret::new(PASS),
        crate::util::light_kdf(),
    )
    .await
    .unwrap();
    other.lock().await;
    let tv = Vault::unlock(&path, &pass()).await.unwrap();
    let before = count(&tv).await;
    tv.lock().await;
    assert_eq!(before, 2);
    // Truncated to its first page: a header and no tables.
    let db = path.join("vault.sqlite");
    let bytes = fs::read(&db).unwrap();
    fs::write(&db, &bytes[..4096]).unwrap();
    for side in ["vault.sqlite-wal", "vault.sqlite-shm"] {
        let _ = fs::remove_file(path.join(side));
    }
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::Damaged(_)), "{err:?}");
    assert!(err.to_string().contains("newest sound backup"), "{err}");
}

#[tokio::test]
async fn an_empty_backup_fails_its_check_and_is_not_restored() {
    let (_dir, path, name) = backed_up().await;
    let backup = path.join("backups").join(&name);
    fs::write(&backup, b"").unwrap();
    let err = Vault::restore_in_dir(&path, &pass(), &name)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Damaged(_)), "{err:?}");
    assert!(err.to_string().contains("empty"), "{err}");
    let v = Vault::unlock(&path, &pass()).await.unwrap();
    assert_eq!(count(&v).await, 2, "the journal is untouched");
    let report = v.check().await.unwrap();
    assert!(!report.ok, "an empty newest backup is not a sound one");
    v.lock().await;
    assert_eq!(fs::metadata(&backup).unwrap().len(), 0, "checked read-only");
}

#[tokio::test]
async fn checking_a_backup_never_writes_to_it() {
    let (_dir, path, name) = backed_up().await;
    let backup = path.join("backups").join(&name);
    let before = fs::read(&backup).unwrap();
    let listed = Vault::backups_in_dir(&path, &pass()).await.unwrap();
    assert_eq!(listed[0].entries, Some(2));
    let v = Vault::unlock(&path, &pass()).await.unwrap();
    v.check().await.unwrap();
    v.lock().await;
    assert_eq!(fs::read(&backup).unwrap(), before);
    for side in ["-wal", "-shm", "-journal"] {
        assert!(
            !path.join("backups").join(format!("{name}{side}")).exists(),
            "{side}"
        );
    }
}

/// Each way a journal is lost: restore with the passphrase checked against
/// the backup's own key slots, the damaged file kept aside.
#[tokio::test]
async fn restore_works_whatever_state_the_journal_is_in() {
    for damage in ["missing", "empty", "truncated", "page", "key file gone"] {
        let (_dir, path, name) = backed_up().await;
        let db = path.join("vault.sqlite");
        match damage {
            "missing" => fs::remove_file(&db).unwrap(),
            "empty" => fs::write(&db, b"").unwrap(),
            "truncated" => {
                let b = fs::read(&db).unwrap();
                fs::write(&db, &b[..b.len() / 3]).unwrap();
            }
            "page" => {
                let mut b = fs::read(&db).unwrap();
                for x in &mut b[4096 * 2..4096 * 3] {
                    *x ^= 0x5a;
                }
                fs::write(&db, &b).unwrap();
            }
            _ => fs::remove_file(path.join("vault.json")).unwrap(),
        }
        assert!(Vault::unlock(&path, &pass()).await.is_err(), "{damage}");
        let listed = Vault::backups_in_dir(&path, &pass()).await.unwrap();
        assert!(listed.iter().any(|b| b.name == name), "{damage}");
        let (vault, preview) = Vault::restore_in_dir(&path, &pass(), &name).await.unwrap();
        assert_eq!(preview.entries, Some(2), "{damage}");
        assert_eq!(count(&vault).await, 2, "{damage}");
        assert_eq!(vault.integrity_check().await.unwrap(), "ok");
        vault.lock().await;
        let again = Vault::unlock(&path, &pass()).await.unwrap();
        assert_eq!(
            count(&again).await,
            2,
            "{damage}: what the next unlock opens"
        );
        again.lock().await;
        let aside: Vec<String> = fs::read_dir(&path)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("vault.sqlite.damaged-"))
            .collect();
        match damage {
            "missing" | "key file gone" => {}
            _ => assert!(!aside.is_empty(), "{damage}: the damaged journal is kept"),
        }
        assert!(!path.join("vault.sqlite.restoring").exists());
        assert_eq!(mode(&db), 0o600, "{damage}");
        assert_eq!(mode(&path.join("vault.json")), 0o600, "{damage}");
    }
}

#[tokio::test]
async fn a_wrong_passphrase_opens_no_backup() {
    let (_dir, path, name) = backed_up().await;
    let wrong = Credential::Passphrase(Secret::new("not it"));
    let err = Vault::backups_in_dir(&path, &wrong).await.unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    let err = Vault::restore_in_dir(&path, &wrong, &name)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
}

#[tokio::test]
async fn the_vaults_own_folders_are_refused_as_the_second_backup_folder() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("one")).await.unwrap();
    let own = tv.path().join("backups");
    fs::create_dir_all(&own).unwrap();
    for folder in [
        own.display().to_string(),
        tv.path().display().to_string(),
        "backups".into(),
    ] {
        let settings = Settings {
            backup_folder: Some(folder.clone()),
            ..Settings::default()
        };
        tv.vault.settings().save(&settings).await.unwrap();
        let report = tv.vault.backup_now("manual").await.unwrap();
        let problem = report.second_copy_problem.expect("refused, in words");
        assert!(
            problem.contains("full path") || problem.contains("inside the vault"),
            "{folder}: {problem}"
        );
        let kept = own.join(&report.backup.name);
        assert!(
            fs::metadata(&kept).unwrap().len() > 0,
            "{folder}: the backup was not emptied"
        );
    }
}

#[tokio::test]
async fn pruning_the_second_folder_leaves_other_files_alone() {
    let tv = TempVault::new().await;
    let second = tv.dir.path().join("usb");
    fs::create_dir(&second).unwrap();
    // Another vault's backup, by Glimmer's naming, straight in the folder.
    let stranger = second.join("vault-20200101T000000.000Z-daily.sqlite");
    fs::write(&stranger, b"someone else's").unwrap();
    let settings = Settings {
        backup_folder: Some(second.display().to_string()),
        ..Settings::default()
    };
    tv.vault.settings().save(&settings).await.unwrap();
    for _ in 0..8 {
        tv.vault.backup_now("manual").await.unwrap();
    }
    assert!(stranger.exists());
}

#[tokio::test]
async fn a_changed_passphrase_no_longer_opens_any_backup() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("one")).await.unwrap();
    let second = tv.dir.path().join("usb");
    fs::create_dir(&second).unwrap();
    let settings = Settings {
        backup_folder: Some(second.display().to_string()),
        ..Settings::default()
    };
    tv.vault.settings().save(&settings).await.unwrap();
    tv.vault.backup_now("manual").await.unwrap();
    let new = Secret::new("a brand new passphrase for spring");
    tv.vault.change_passphrase(&new).await.unwrap();
    let path = tv.path();
    let TempVault { dir: _dir, vault } = tv;
    vault.lock().await;
    let err = Vault::backups_in_dir(&path, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    let listed = Vault::backups_in_dir(&path, &Credential::Passphrase(new))
        .await
        .unwrap();
    assert!(listed.iter().all(|b| b.entries.is_some()));
    // The copies in the second folder too.
    let old = Secret::new(PASS);
    for e in walk(&second) {
        if e.extension().is_some_and(|x| x == "json") {
            let text = fs::read_to_string(&e).unwrap();
            let now = fs::read_to_string(path.join("vault.json")).unwrap();
            assert_eq!(text, now, "{}", e.display());
        }
    }
    drop(old);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[tokio::test]
async fn the_state_before_a_restore_outlives_the_rotation() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("one")).await.unwrap();
    let first = tv.vault.backup_now("manual").await.unwrap().backup.name;
    let TempVault {
        dir: _dir,
        mut vault,
    } = tv;
    vault.restore(&first).await.unwrap();
    for _ in 0..7 {
        vault.backup_now("manual").await.unwrap();
    }
    let list = vault.backups().await;
    let before = list
        .iter()
        .find(|b| b.reason == "before-restore")
        .expect("still kept");
    assert!(before.protected);
    vault.lock().await;
}

#[tokio::test]
async fn every_file_the_vault_holds_is_private_and_leftovers_go() {
    let tv = TempVault::new().await;
    let backups = tv.path().join("backups");
    fs::create_dir_all(&backups).unwrap();
    let leftovers = [
        "vault-20261201T000000.000Z-daily.json.tmp",
        "vault-20261201T000000.000Z-daily.sqlite.partial",
        "vault-20261201T000000.000Z-daily.sqlite.partial-wal",
        "vault-20261201T000000.000Z-daily.sqlite.partial-shm",
        "vault-20261201T000000.000Z-daily.sqlite.partial-journal",
    ];
    for l in leftovers {
        fs::write(backups.join(l), b"x").unwrap();
    }
    let b = tv.vault.backup_now("manual").await.unwrap().backup.name;
    for l in leftovers {
        assert!(!backups.join(l).exists(), "{l}");
    }
    assert_eq!(mode(&backups.join(&b)), 0o600);
    assert_eq!(mode(&backups.join(&b).with_extension("json")), 0o600);
    assert_eq!(mode(&tv.path().join("vault.lock")), 0o600);
    assert_eq!(mode(&backups), 0o700);
    // A restore killed before its last step leaves a copy that the next unlock clears.
    let path = tv.path();
    fs::write(path.join("vault.sqlite.restoring"), b"half").unwrap();
    let TempVault { dir: _dir, vault } = tv;
    vault.lock().await;
    Vault::unlock(&path, &pass()).await.unwrap().lock().await;
    assert!(!path.join("vault.sqlite.restoring").exists());
}

#[tokio::test]
async fn a_backup_from_the_future_does_not_stop_the_daily_one() {
    let tv = TempVault::new().await;
    tv.vault.backup_now("manual").await.unwrap();
    let backups = tv.path().join("backups");
    let future = backups.join("vault-20991231T000000.000Z-daily.sqlite");
    let newest = fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .find(|e| e.file_name().to_string_lossy().ends_with(".sqlite"))
        .unwrap()
        .path();
    fs::copy(&newest, &future).unwrap();
    let later = Timestamp::now() + SignedDuration::from_hours(25);
    assert!(tv.vault.backup_if_due(later).await.unwrap().is_some());
    let report = tv.vault.check().await.unwrap();
    assert_eq!(
        report.from_the_future,
        ["vault-20991231T000000.000Z-daily.sqlite"]
    );
    assert!(!report.ok, "check says so");
}

#[tokio::test]
async fn a_linked_backups_folder_is_not_followed() {
    let tv = TempVault::new().await;
    let elsewhere = tv.dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::set_permissions(&elsewhere, fs::Permissions::from_mode(0o755)).unwrap();
    let theirs = elsewhere.join("vault-20200101T000000.000Z-daily.sqlite");
    fs::write(&theirs, b"not ours").unwrap();
    std::os::unix::fs::symlink(&elsewhere, tv.path().join("backups")).unwrap();
    let err = tv.vault.backup_now("manual").await.unwrap_err();
    assert!(err.to_string().contains("link"), "{err}");
    assert_eq!(mode(&elsewhere), 0o755, "its target is not chmod-ed");
    assert!(theirs.exists(), "nothing there is pruned");
}

/// The CLI as a careless script drives it (no terminal, stdin closed) on a
/// journal that was emptied: it is named as damage with the way back, and
/// the way back works without opening the journal.
#[test]
fn the_command_line_restores_a_journal_that_will_not_open() {
    use crate::cli::{glimmer, ok_json, with_one_entry};
    let (dir, p) = with_one_entry();
    let v = dir.path().join("vault");
    let taken = ok_json(glimmer(&v, p, &["backup", "now", "--json"], None));
    let name = taken["backup"]["name"].as_str().unwrap().to_string();
    fs::write(v.join("vault.sqlite"), b"").unwrap();

    let out = glimmer(&v, p, &["list"], None);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("empty") && said.contains(&name), "{said}");
    assert!(said.contains("glimmer backup restore"), "{said}");
    let out = glimmer(&v, p, &["check"], None);
    assert!(!out.status.success(), "check does not call it sound");

    let list = ok_json(glimmer(&v, p, &["backup", "list", "--json"], None));
    assert_eq!(list[0]["entries"], 1);
    let out = glimmer(&v, p, &["backup", "restore", &name], None);
    assert!(!out.status.success(), "no terminal to ask on, and no --yes");
    let out = glimmer(&v, p, &["backup", "restore", &name, "--yes"], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = ok_json(glimmer(&v, p, &["list", "--json"], None));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert!(
        fs::read_dir(&v).unwrap().flatten().any(|e| e
            .file_name()
            .to_string_lossy()
            .starts_with("vault.sqlite.damaged-")),
        "the emptied file is kept aside"
    );
}

#[test]
fn a_missing_key_file_is_named_not_taken_for_no_vault() {
    use crate::cli::{glimmer, ok_json};
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    ok_json(glimmer(&v, p, &["init", "--json"], None));
    fs::remove_file(v.join("vault.json")).unwrap();
    let out = glimmer(&v, p, &["list"], None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        said.contains("vault.json is missing") && !said.contains("glimmer init"),
        "{said}"
    );
}

/// A damaged page deep in the journal: the vault may still open, and the
/// check names the damage instead of "something went wrong inside Glimmer".
#[tokio::test]
async fn a_check_names_a_damaged_page_as_damage() {
    let tv = TempVault::new().await;
    for i in 0..300 {
        let body = format!(
            "entry {i} {}",
            "the light came back a little today. ".repeat(30)
        );
        tv.vault.journal().create(&text(&body)).await.unwrap();
    }
    let path = tv.path();
    let TempVault { dir: _dir, vault } = tv;
    vault.lock().await;
    let db = path.join("vault.sqlite");
    let mut b = fs::read(&db).unwrap();
    let page = b.len() / 4096 - 3;
    for x in &mut b[4096 * page..4096 * (page + 1)] {
        *x ^= 0x5a;
    }
    fs::write(&db, &b).unwrap();
    match Vault::unlock(&path, &pass()).await {
        Ok(v) => {
            let report = v.check().await.unwrap();
            assert!(!report.ok);
            assert!(
                !report.database.contains("inside Glimmer") && report.database != "ok",
                "{}",
                report.database
            );
            v.lock().await;
        }
        Err(e) => {
            assert!(matches!(e, Error::Damaged(_)), "{e:?}");
            assert!(
                e.to_string().contains("newest sound backup")
                    || e.to_string().contains("no sound backup"),
                "{e}"
            );
        }
    }
}

#[test]
fn a_journal_without_its_key_file_is_still_a_vault_to_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let paths = glimmer::VaultPaths::new(dir.path());
    assert!(!paths.exists());
    fs::write(paths.database(), b"x").unwrap();
    assert!(paths.exists(), "the unlock screen, not first-run setup");
}

/// A backups folder on a full disk: the person is told the disk is full, not
/// that the backup is bad, and no partial copy is left. Needs a small tmpfs
/// (root, as CI runs); elsewhere it says so and checks nothing.
#[tokio::test]
async fn a_full_disk_is_said_as_such_and_leaves_no_partial_backup() {
    let tv = TempVault::new().await;
    for i in 0..200 {
        let body = format!(
            "entry {i} {}",
            "the light came back a little today. ".repeat(20)
        );
        tv.vault.journal().create(&text(&body)).await.unwrap();
    }
    let backups = tv.path().join("backups");
    fs::create_dir_all(&backups).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs"])
        .arg(&backups)
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: no small tmpfs could be mounted here");
        return;
    }
    let result = tv.vault.backup_now("manual").await;
    let left: Vec<_> = fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let _ = std::process::Command::new("umount").arg(&backups).status();
    let err = result.unwrap_err();
    assert!(matches!(err, Error::DiskFull), "{err:?}");
    assert!(left.is_empty(), "{left:?}");
}
