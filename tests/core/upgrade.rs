//! Upgrades that cannot lose anything: a vault made by each released Glimmer
//! (`tests/fixtures/vault-*`, made by `scripts/make-upgrade-fixture.sh`) opens
//! with today's, upgraded after a checked backup, with every record intact;
//! and a vault a newer Glimmer has upgraded is refused without a change.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use glimmer::activation::OccurrenceId;
use glimmer::checkin::CheckinInput;
use glimmer::vault::MIGRATOR;
use glimmer::{Credential, Error, Secret, Vault};
use serde::Serialize;
use serde_json::Value;
use sqlx::SqlStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::cli::glimmer;
use crate::util::{TempVault, pass, snapshot, text};

/// Every fixture was made with this passphrase (scripts/make-upgrade-fixture.sh).
const FIXTURE_PASS: &str = "an old vault kept for the upgrade test";

/// The releases whose vaults must open; a new release adds its fixture.
const RELEASES: &[&str] = &["0.1.0", "0.2.0"];

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    found.sort();
    found
}

/// A copy of a fixture's vault in a temp dir, private as Glimmer keeps it.
fn copy_vault(fixture: &Path) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(fixture.join("vault")).unwrap().flatten() {
        std::fs::copy(e.path(), dir.join(e.file_name())).unwrap();
    }
    (tmp, dir)
}

/// `actual` holds every field of `expected` with the same value (objects
/// compared field by field, all the way down; anything else exactly).
fn holds(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (k, v) in e {
                let got = a
                    .get(k)
                    .unwrap_or_else(|| panic!("{at}.{k} is missing: {actual}"));
                holds(got, v, &format!("{at}.{k}"));
            }
        }
        _ => assert_eq!(actual, expected, "{at}"),
    }
}

fn json(v: impl Serialize) -> Value {
    serde_json::to_value(v).unwrap()
}

fn list<'a>(expected: &'a Value, key: &str) -> &'a [Value] {
    expected[key].as_array().map_or(&[], Vec::as_slice)
}

fn id(record: &Value) -> &str {
    record["id"].as_str().unwrap()
}

/// Every record the fixture's manifest lists, read through today's Glimmer.
async fn check_records(vault: &Vault, dir: &Path, expected: &Value, name: &str) {
    for e in list(expected, "entries") {
        let got = vault.journal().get(id(e)).await.unwrap();
        holds(&json(got), e, &format!("{name} entry"));
    }

    let checkins = json(vault.checkins().recent(100).await.unwrap());
    let history = json(vault.assessments().phq9_history().await.unwrap());
    let sessions = json(vault.mindful().sessions(100).await.unwrap());
    let plans = json(vault.plans().list().await.unwrap());
    let activities = json(vault.activities().list(true).await.unwrap());
    for (key, all) in [
        ("checkins", &checkins),
        ("phq9", &history),
        ("sessions", &sessions),
        ("plans", &plans),
        ("activities", &activities),
    ] {
        let all = all.as_array().unwrap();
        for want in list(expected, key) {
            let got = all
                .iter()
                .find(|r| r["id"] == want["id"])
                .unwrap_or_else(|| panic!("{name}: {key} {} is missing", want["id"]));
            holds(got, want, &format!("{name} {key}"));
        }
    }
    for o in list(expected, "occurrences") {
        let occurrence = OccurrenceId::parse(id(o)).unwrap();
        let got = vault.plans().occurrence(&occurrence).await.unwrap();
        holds(&json(got), o, &format!("{name} occurrence"));
    }

    holds(
        &json(vault.safety().plan().await.unwrap()),
        &expected["safety_plan"],
        &format!("{name} safety plan"),
    );
    // 0.1.0 kept the crisis line inside the plan; today's keeps it beside the
    // vault, where it is read while locked.
    let line = glimmer::crisis::load(dir).unwrap_or_else(|| panic!("{name}: no crisis line"));
    holds(
        &json(line),
        &expected["crisis_line"],
        &format!("{name} crisis line"),
    );
}

#[tokio::test]
async fn vaults_made_by_every_release_open_upgraded_with_every_record() {
    let fixtures = fixtures();
    for fixture in &fixtures {
        let expected: Value =
            serde_json::from_slice(&std::fs::read(fixture.join("expected.json")).unwrap()).unwrap();
        let name = format!("vault-{}", expected["version"].as_str().unwrap());
        let (_tmp, dir) = copy_vault(fixture);
        let credential = Credential::Passphrase(Secret::new(FIXTURE_PASS));

        let vault = Vault::unlock(&dir, &credential).await.unwrap();
        assert_eq!(vault.integrity_check().await.unwrap(), "ok", "{name}");
        let backups = vault.backups().await;
        let upgrade: Vec<_> = backups
            .iter()
            .filter(|b| b.reason.starts_with("before-upgrade"))
            .collect();
        assert_eq!(
            upgrade.len(),
            1,
            "{name}: one backup before the upgrade: {backups:?}"
        );
        let taken = upgrade[0];
        assert!(taken.protected, "{name}: kept outside the rotation");
        // The copy holds the journal as the old Glimmer left it.
        let entries = list(&expected, "entries").len() as i64;
        let checkins = list(&expected, "checkins").len() as i64;
        assert_eq!(
            (taken.entries, taken.checkins),
            (Some(entries), Some(checkins)),
            "{name}"
        );

        check_records(&vault, &dir, &expected, &name).await;

        // Every table of today's schema is there: new kinds of record save.
        vault
            .journal()
            .create(&text("written after the upgrade"))
            .await
            .unwrap();
        let cant_tell = CheckinInput {
            note: "after the upgrade".into(),
            ..CheckinInput::default()
        };
        let saved = vault.checkins().create(&cant_tell).await.unwrap();
        assert_eq!((saved.mood, saved.intensity), (None, None), "{name}");
        vault
            .assessments()
            .record_phq9(&[0; 9], None)
            .await
            .unwrap();
        assert!(vault.assessments().unseen_prompts().await.is_ok(), "{name}");
        vault.lock().await;

        // Opened again: no second upgrade, so no second backup.
        let vault = Vault::unlock(&dir, &credential).await.unwrap();
        assert_eq!(vault.backups().await.len(), backups.len(), "{name}");
        check_records(&vault, &dir, &expected, &name).await;
        vault.lock().await;
    }
    let names: Vec<String> = fixtures
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for release in RELEASES {
        assert!(
            names.contains(&format!("vault-{release}")),
            "no fixture for {release}: {names:?}"
        );
    }
}

/// Today's migrations and one more, as a newer Glimmer would carry.
fn newer_glimmer() -> Migrator {
    let next = MIGRATOR.migrations.last().unwrap().version + 1;
    let mut migrations = MIGRATOR.migrations.to_vec();
    migrations.push(Migration::new(
        next,
        Cow::Borrowed("from the future"),
        MigrationType::Simple,
        SqlStr::from_static("CREATE TABLE future_things (id INTEGER PRIMARY KEY) STRICT;"),
        false,
    ));
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

#[tokio::test]
async fn a_vault_a_newer_glimmer_upgraded_is_refused_plainly_and_left_alone() {
    let tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("written by today's"))
        .await
        .unwrap();
    let path = tv.path();
    tv.vault.lock().await;
    let newer = Vault::unlock_with(&path, &pass(), &newer_glimmer())
        .await
        .unwrap();
    newer
        .journal()
        .create(&text("written by a newer one"))
        .await
        .unwrap();
    newer.lock().await;

    let before = snapshot(&path);
    let err = Vault::unlock(&path, &pass()).await.unwrap_err();
    assert!(matches!(err, Error::NewerVersion { .. }), "{err:?}");
    let said = err.to_string();
    assert!(said.contains("opened by a newer Glimmer"), "{said}");
    assert!(said.contains(env!("CARGO_PKG_VERSION")), "{said}");
    assert!(said.contains("Nothing was changed"), "{said}");
    for jargon in ["reader version", "migration", "schema"] {
        assert!(!said.contains(jargon), "{said}");
    }
    assert_eq!(snapshot(&path), before, "byte for byte unchanged");

    // The CLI says the same sentence, and `--json` gives its code.
    let out = glimmer(&path, crate::util::PASS, &["list"], None);
    assert!(!out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim(), said);
    let out = glimmer(&path, crate::util::PASS, &["list", "--json"], None);
    let error: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(error["error"]["code"], "newer_version");
    assert_eq!(error["error"]["message"], said.as_str());
    assert_eq!(snapshot(&path), before, "the CLI changed nothing either");

    // The newer Glimmer still opens it, with what it wrote.
    let newer = Vault::unlock_with(&path, &pass(), &newer_glimmer())
        .await
        .unwrap();
    assert_eq!(newer.journal().list(10, None).await.unwrap().items.len(), 2);
    newer.lock().await;
}
