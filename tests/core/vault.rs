//! The vault on disk: encryption, passphrases, recovery, upgrades, refusals.

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

use glimmer::journal::Journal;
use glimmer::vault::{MIGRATOR, READER_VERSION};
use glimmer::{Credential, Error, NewEntry, Secret, Vault};
use sqlx::migrate::Migrator;

use crate::util::{PASS, TempVault, light_kdf, pass, snapshot, text};

const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

async fn count(j: &Journal<'_>) -> usize {
    j.list(1000, None).await.unwrap().items.len()
}

#[tokio::test]
async fn files_on_disk_hold_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let (vault, _) = Vault::create(&path, &Secret::new(PASS)).await.unwrap();
    let marker = "zanzibarquokka7731";
    vault
        .journal()
        .create(&NewEntry {
            title: format!("title {marker}"),
            body: format!("I felt {marker} today, and {marker} again."),
            tags: vec![marker.into()],
            ..NewEntry::default()
        })
        .await
        .unwrap();
    vault
        .journal()
        .search(&glimmer::journal::SearchQuery {
            text: marker.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    let check = |when: &str| {
        let mut seen = 0;
        for (p, bytes) in snapshot(&path) {
            seen += 1;
            assert!(
                !contains(&bytes, marker.as_bytes()),
                "{} holds plaintext {when}",
                p.display()
            );
            if p.extension().is_some_and(|e| e == "sqlite") {
                assert!(
                    !bytes.starts_with(SQLITE_HEADER),
                    "{} has a plain SQLite header",
                    p.display()
                );
            }
        }
        seen
    };
    // While open the entry sits in the WAL; after locking it is checkpointed into the file.
    let wal = std::fs::read(path.join("vault.sqlite-wal")).unwrap();
    assert!(wal.len() > 4096, "the WAL holds the new pages");
    assert!(!contains(&wal, marker.as_bytes()));
    assert!(check("while open") >= 3);
    vault.lock().await;
    check("after locking");
    assert!(
        std::fs::metadata(path.join("vault.sqlite")).unwrap().len() > 4096,
        "after locking the entry is in the database file itself"
    );
}

#[tokio::test]
async fn wrong_passphrase_is_refused_and_changes_nothing() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("kept safe")).await.unwrap();
    let path = tv.path();
    tv.vault.lock().await;
    let before = snapshot(&path);
    let err = Vault::unlock(
        &path,
        &Credential::Passphrase(Secret::new("a quiet morning by the rivers")),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase), "{err:?}");
    assert_eq!(err.code(), glimmer::ErrorCode::WrongPassphrase);
    assert_eq!(
        snapshot(&path),
        before,
        "a failed unlock must not touch the vault"
    );
    let vault = Vault::unlock(&path, &pass()).await.unwrap();
    assert_eq!(count(&vault.journal()).await, 1);
}

#[tokio::test]
async fn recovery_key_unlocks_and_passphrase_changes_rewrap_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let (vault, recovery) = Vault::create(&path, &Secret::new(PASS)).await.unwrap();
    let shown = recovery.display().to_string();
    vault
        .journal()
        .create(&text("the kettle sang"))
        .await
        .unwrap();
    vault.lock().await;
    let db_before = std::fs::read(path.join("vault.sqlite")).unwrap();

    let typed = shown.to_lowercase().replace('-', " ");
    let vault = Vault::unlock(&path, &Credential::RecoveryKey(Secret::new(typed)))
        .await
        .unwrap();
    assert_eq!(count(&vault.journal()).await, 1);
    vault
        .change_passphrase(&Secret::new("a new and longer passphrase"))
        .await
        .unwrap();
    vault.lock().await;

    let old = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(matches!(old, Error::WrongPassphrase), "{old:?}");
    let vault = Vault::unlock(
        &path,
        &Credential::Passphrase(Secret::new("a new and longer passphrase")),
    )
    .await
    .unwrap();
    let list = vault.journal().list(10, None).await.unwrap();
    assert_eq!(list.items[0].excerpt, "the kettle sang");
    vault.lock().await;
    assert_eq!(
        std::fs::read(path.join("vault.sqlite")).unwrap(),
        db_before,
        "changing the passphrase re-wraps the key and leaves the database alone"
    );

    let wrong = Vault::unlock(
        &path,
        &Credential::RecoveryKey(Secret::new("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")),
    )
    .await
    .unwrap_err();
    assert!(matches!(wrong, Error::WrongRecoveryKey(_)), "{wrong:?}");
    assert!(wrong.to_string().contains("doesn't open this vault"));
    let malformed = Vault::unlock(&path, &Credential::RecoveryKey(Secret::new("hello")))
        .await
        .unwrap_err();
    assert!(
        matches!(malformed, Error::WrongRecoveryKey(_)),
        "{malformed:?}"
    );
    assert!(
        malformed
            .to_string()
            .contains("doesn't look like a recovery key")
    );
    Vault::unlock(&path, &Credential::RecoveryKey(Secret::new(shown)))
        .await
        .expect("the recovery key still works after a passphrase change");
}

#[tokio::test]
async fn a_vault_from_a_newer_glimmer_is_refused_untouched() {
    let tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("from the future"))
        .await
        .unwrap();
    let path = tv.path();
    tv.vault.lock().await;
    let kf = path.join("vault.json");
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&kf).unwrap()).unwrap();
    json["min_reader_version"] = (READER_VERSION + 1).into();
    std::fs::write(&kf, serde_json::to_vec(&json).unwrap()).unwrap();
    let before = snapshot(&path);
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(
        matches!(err, Error::NewerVersion { needed, ours } if needed == READER_VERSION + 1 && ours == READER_VERSION),
        "{err:?}"
    );
    assert!(err.to_string().contains("newer Glimmer"));
    assert_eq!(snapshot(&path), before, "byte-for-byte unchanged");
}

#[tokio::test]
async fn missing_and_foreign_directories_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = Vault::unlock(dir.path().join("nope"), &pass())
        .await
        .unwrap_err();
    assert!(matches!(missing, Error::VaultMissing(_)), "{missing:?}");
    assert!(missing.to_string().contains("There is no Glimmer vault"));

    let foreign = dir.path().join("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("vault.json"), b"{\"hello\": 1}").unwrap();
    let err = Vault::unlock(&foreign, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::NotAVault { .. }), "{err:?}");

    std::fs::write(
        foreign.join("vault.json"),
        b"{\"format\": \"something-else\", \"min_reader_version\": 1, \"slots\": []}",
    )
    .unwrap();
    let err = Vault::unlock(&foreign, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::NotAVault { .. }), "{err:?}");

    let db_only = dir.path().join("db-only");
    std::fs::create_dir(&db_only).unwrap();
    std::fs::write(db_only.join("vault.sqlite"), b"whatever").unwrap();
    let err = Vault::unlock(&db_only, &pass()).await.unwrap_err();
    assert!(err.to_string().contains("vault.json is missing"), "{err}");

    let tv = TempVault::new().await;
    let again = Vault::create_with(tv.path(), &Secret::new("x"), light_kdf())
        .await
        .unwrap_err();
    assert!(matches!(again, Error::VaultExists(_)), "{again:?}");
}

#[tokio::test]
async fn a_database_swapped_for_another_is_not_opened() {
    let a = TempVault::new().await;
    let b = TempVault::new().await;
    let (pa, pb) = (a.path(), b.path());
    a.vault.lock().await;
    b.vault.lock().await;
    std::fs::copy(pb.join("vault.sqlite"), pa.join("vault.sqlite")).unwrap();
    let err = Vault::unlock(&pa, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::Damaged(_)), "{err:?}");
    assert!(err.to_string().contains("another vault"), "{err}");
}

fn first_migrations(n: usize) -> Migrator {
    Migrator {
        migrations: Cow::Owned(MIGRATOR.migrations[..n].to_vec()),
        ..Migrator::DEFAULT
    }
}

#[tokio::test]
async fn upgrading_makes_a_verified_encrypted_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let old = first_migrations(1);
    let (vault, _) = Vault::create_with_migrator(&path, &Secret::new(PASS), light_kdf(), &old)
        .await
        .unwrap();
    vault
        .journal()
        .create(&text("written before the upgrade, marmalade"))
        .await
        .unwrap();
    vault.lock().await;
    assert!(!path.join("backups").exists());

    let vault = Vault::unlock(&path, &pass()).await.unwrap();
    let backups: Vec<_> = std::fs::read_dir(path.join("backups"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(backups.len(), 1, "one backup before the upgrade");
    let name = backups[0].file_name().to_string_lossy().to_string();
    assert!(name.contains("before-upgrade-from-1"), "{name}");
    let bytes = std::fs::read(backups[0].path()).unwrap();
    assert!(
        !bytes.starts_with(SQLITE_HEADER),
        "the backup is encrypted too"
    );
    assert!(!contains(&bytes, b"marmalade"));

    // The upgrade built the search index over what was already there.
    let hits = vault
        .journal()
        .search(&glimmer::journal::SearchQuery {
            text: "marmalade".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(hits.hits.len(), 1);
    assert_eq!(vault.integrity_check().await.unwrap(), "ok");
    vault.lock().await;

    // A current vault needs no upgrade, so no new backup.
    Vault::unlock(&path, &pass()).await.unwrap().lock().await;
    assert_eq!(std::fs::read_dir(path.join("backups")).unwrap().count(), 1);
}

#[tokio::test]
async fn an_upgrade_waits_while_another_glimmer_has_the_vault_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let old = first_migrations(2);
    let (open_elsewhere, _) =
        Vault::create_with_migrator(&path, &Secret::new(PASS), light_kdf(), &old)
            .await
            .unwrap();
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::Busy(_)), "{err:?}");
    assert_eq!(err.code(), glimmer::ErrorCode::VaultBusy);
    // Two Glimmers of the same version may share the vault.
    let second = Vault::unlock_with(&path, &pass(), &old).await.unwrap();
    second.lock().await;
    open_elsewhere.lock().await;
    Vault::unlock(&path, &pass())
        .await
        .expect("upgrades once the vault is free");
}

#[tokio::test]
async fn manual_backups_are_encrypted_and_verified() {
    let tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("blackberries by the fence"))
        .await
        .unwrap();
    let report = tv.vault.backup_now("manual").await.unwrap();
    let backup = tv.path().join("backups").join(&report.backup.name);
    let bytes = std::fs::read(&backup).unwrap();
    assert!(!bytes.starts_with(SQLITE_HEADER));
    assert!(!contains(&bytes, b"blackberries"));
    assert_eq!(
        report.backup.entries,
        Some(1),
        "read from the encrypted copy itself"
    );
}

/// Collects every log record, from sqlx's tracing events too (forwarded to `log`).
struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, r: &log::Record) {
        self.0
            .lock()
            .unwrap()
            .push(format!("{} {}", r.target(), r.args()));
    }
    fn flush(&self) {}
}

fn capture() -> &'static Capture {
    static C: OnceLock<&'static Capture> = OnceLock::new();
    C.get_or_init(|| {
        let c: &'static Capture = Box::leak(Box::new(Capture(Mutex::new(Vec::new()))));
        log::set_logger(c).unwrap();
        log::set_max_level(log::LevelFilter::Trace);
        c
    })
}

#[tokio::test]
async fn neither_the_key_nor_journal_text_reaches_the_log() {
    let logs = capture();
    // Prove the capture works: a pool with sqlx's default logging shows up.
    let probe = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
    sqlx::query("SELECT 'log-probe-statement'")
        .execute(&probe)
        .await
        .unwrap();
    probe.close().await;
    assert!(
        logs.0
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("log-probe-statement")),
        "sqlx statements reach the captured log"
    );

    let tv = TempVault::new().await;
    let secret_words = "lavenderwhisper4410";
    tv.vault
        .journal()
        .create(&text(secret_words))
        .await
        .unwrap();
    let tv = tv.reopen().await;
    tv.vault
        .journal()
        .search(&glimmer::journal::SearchQuery {
            text: secret_words.into(),
            ..Default::default()
        })
        .await
        .unwrap();
    tv.vault.lock().await;
    for line in logs.0.lock().unwrap().iter() {
        assert!(!line.contains(secret_words), "journal text logged: {line}");
        assert!(
            !line.to_lowercase().contains("x'"),
            "key material logged: {line}"
        );
        assert!(
            !line.to_lowercase().contains("pragma key"),
            "key pragma logged: {line}"
        );
    }
}

#[tokio::test]
async fn key_files_asking_too_much_of_the_kdf_are_damaged_not_fatal() {
    let tv = TempVault::new().await;
    let path = tv.path();
    tv.vault.lock().await;
    let kf = path.join("vault.json");
    let original = std::fs::read(&kf).unwrap();
    // Each would abort (allocation) or hang (passes) if trusted blindly.
    for (field, value) in [("m_kib", u32::MAX), ("t", u32::MAX), ("p", 1000)] {
        let mut json: serde_json::Value = serde_json::from_slice(&original).unwrap();
        json["slots"][0]["kdf"][field] = value.into();
        std::fs::write(&kf, serde_json::to_vec(&json).unwrap()).unwrap();
        let err = Vault::unlock(&path, &pass()).await.unwrap_err();
        assert_eq!(err.code(), glimmer::ErrorCode::Damaged, "{field}: {err:?}");
        assert!(err.to_string().contains("vault.json is damaged"), "{err}");
    }
    std::fs::write(&kf, &original).unwrap();

    // A weak slot (as tests make) is replaced by today's parameters on a change.
    let vault = Vault::unlock(&path, &pass()).await.unwrap();
    vault.change_passphrase(&Secret::new(PASS)).await.unwrap();
    vault.lock().await;
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&kf).unwrap()).unwrap();
    let kdf = &json["slots"][0]["kdf"];
    assert_eq!(
        (kdf["m_kib"].as_u64(), kdf["t"].as_u64(), kdf["p"].as_u64()),
        (Some(65536), Some(3), Some(4))
    );
}

#[tokio::test]
async fn a_missing_database_is_named_and_never_replaced_by_an_empty_one() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("kept safe")).await.unwrap();
    let path = tv.path();
    tv.vault.lock().await;
    std::fs::remove_file(path.join("vault.sqlite")).unwrap();
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert_eq!(err.code(), glimmer::ErrorCode::Damaged, "{err:?}");
    assert!(err.to_string().contains("is missing"), "{err}");
    assert!(
        !path.join("vault.sqlite").exists(),
        "opening an existing vault must never create an empty journal"
    );
}

#[tokio::test]
async fn damage_is_named_as_damage_not_as_a_wrong_passphrase() {
    let tv = TempVault::new().await;
    let path = tv.path();
    tv.vault.lock().await;
    let kf = path.join("vault.json");
    let original = std::fs::read(&kf).unwrap();

    // One flipped bit inside the wrapped key: still valid base64 of the right length.
    let mut json: serde_json::Value = serde_json::from_slice(&original).unwrap();
    let wrapped = json["slots"][0]["wrapped"].as_str().unwrap().to_string();
    let flipped = if wrapped.starts_with('A') { "B" } else { "A" };
    json["slots"][0]["wrapped"] = format!("{flipped}{}", &wrapped[1..]).into();
    std::fs::write(&kf, serde_json::to_vec(&json).unwrap()).unwrap();
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert_eq!(err.code(), glimmer::ErrorCode::Damaged, "{err:?}");
    assert!(err.to_string().contains("vault.json is damaged"), "{err}");
    std::fs::write(&kf, &original).unwrap();

    // A flipped byte in the database's first page: named as the database, not the key.
    let db = path.join("vault.sqlite");
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[100] ^= 0xff;
    std::fs::write(&db, &bytes).unwrap();
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_ne!(err.code(), glimmer::ErrorCode::WrongPassphrase);
}

#[tokio::test]
async fn check_reports_a_sound_vault_and_its_backups() {
    let tv = TempVault::new().await;
    tv.vault.journal().create(&text("checked")).await.unwrap();
    let before = tv.vault.check().await.unwrap();
    assert_eq!(before.database, "ok");
    assert_eq!(
        before.key_slots,
        ["passphrase: whole", "recovery key: whole"]
    );
    assert!(!before.ok, "no backup yet is worth attention");
    tv.vault.backup_now("manual").await.unwrap();
    let after = tv.vault.check().await.unwrap();
    assert_eq!(
        (
            after.backups,
            after.newest_backup_check.as_deref(),
            after.ok
        ),
        (1, Some("ok"), true)
    );
}

/// A process that ends while its vault is still open (dropped without
/// `lock()`, as a command ending early does) must exit cleanly. OpenSSL's exit
/// handler used to race sqlx's worker threads closing their connections and
/// abort about one exit in 150 ("double free or corruption"), so the child
/// runs many times; a regression shows up in most runs of this test.
#[test]
fn a_process_ending_with_its_vault_open_exits_cleanly() {
    const CHILD: &str = "GLIMMER_TEST_EXIT_CHILD";
    if let Some(dir) = std::env::var_os(CHILD) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let (vault, _) = Vault::create_with(&dir, &Secret::new(PASS), light_kdf())
                .await
                .unwrap();
            // Both pooled connections busy at once, each with statements to finalize.
            let (journal, checkins) = (vault.journal(), vault.checkins());
            let (a, b) = tokio::join!(journal.list(10, None), checkins.recent(10));
            a.unwrap();
            b.unwrap();
            // Dropped on a current-thread runtime, its connections close on
            // threads of their own while the process exits: SQLCipher's
            // exit-time clean-up must not pull memory from under them.
            drop(vault);
        });
        std::process::exit(0);
    }
    for run in 0..300 {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "vault::a_process_ending_with_its_vault_open_exits_cleanly",
                "--exact",
                "--test-threads=1",
            ])
            .env(CHILD, dir.path().join("v"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "exit {run} ended with {status}");
    }
}

/// A vault that searched keeps a connection for it; dropped where no runtime
/// runs (an app's state at exit), handing it back must not need one.
#[test]
fn a_vault_that_searched_drops_cleanly_outside_a_runtime() {
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let vault = runtime.block_on(async {
        let (vault, _) = Vault::create_with(dir.path().join("v"), &Secret::new(PASS), light_kdf())
            .await
            .unwrap();
        vault
            .journal()
            .create(&text("a heron by the canal"))
            .await
            .unwrap();
        let found = vault
            .journal()
            .search(&glimmer::journal::SearchQuery {
                text: "heron".into(),
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(found.hits.len(), 1);
        vault
    });
    drop(vault);
    // Its connections closed: the vault opens again at once.
    runtime.block_on(async {
        let vault = Vault::unlock(
            dir.path().join("v"),
            &Credential::Passphrase(Secret::new(PASS)),
        )
        .await
        .unwrap();
        assert_eq!(vault.journal().list(10, None).await.unwrap().items.len(), 1);
        vault.lock().await;
    });
}
