//! How the core is put together: writes that span areas are all or nothing,
//! and the error at the bottom of the house depends on no area.

use glimmer::checkin::{self, CheckinInput};
use glimmer::{Error, ErrorCode, assess, journal, safety};

use crate::util::{TempVault, text};

async fn counts(tv: &TempVault) -> (usize, usize, usize) {
    let v = &tv.vault;
    (
        v.journal().list(100, None).await.unwrap().items.len(),
        v.checkins().recent(100).await.unwrap().len(),
        v.assessments().phq9_history().await.unwrap().len(),
    )
}

#[tokio::test]
async fn a_write_across_areas_keeps_all_or_nothing() {
    let tv = TempVault::new().await;
    let calm = CheckinInput {
        mood: Some(1),
        intensity: Some(4),
        ..Default::default()
    };

    // One bad part (a tenth PHQ-9 answer) undoes the entry and check-in before it.
    let mut tx = tv.vault.begin().await.unwrap();
    journal::insert(&mut tx, &text("imported entry"))
        .await
        .unwrap();
    checkin::insert(&mut tx, &calm).await.unwrap();
    let err = assess::insert_phq9(&mut tx, &[0; 10], None)
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    drop(tx);
    assert_eq!(
        counts(&tv).await,
        (0, 0, 0),
        "nothing of a failed write remains"
    );

    let mut tx = tv.vault.begin().await.unwrap();
    let entry = journal::insert(&mut tx, &text("imported entry"))
        .await
        .unwrap()
        .expect("a new id");
    checkin::insert(&mut tx, &calm).await.unwrap();
    assess::insert_phq9(&mut tx, &[1; 9], Some(1))
        .await
        .unwrap();
    let mut plan = safety::SafetyPlan::default();
    plan.reasons_for_living.push("my sister".into());
    safety::save(&mut tx, &plan).await.unwrap();
    // Uncommitted work is not visible yet to other readers.
    assert_eq!(counts(&tv).await, (0, 0, 0));
    tx.commit().await.unwrap();
    assert_eq!(counts(&tv).await, (1, 1, 1));
    assert_eq!(
        tv.vault.safety().plan().await.unwrap().reasons_for_living,
        ["my sister"]
    );

    // Importing the same entry again adds nothing.
    let again = text("imported entry");
    let again = glimmer::NewEntry {
        id: Some(entry.id),
        ..again
    };
    let mut tx = tv.vault.begin().await.unwrap();
    assert!(journal::insert(&mut tx, &again).await.unwrap().is_none());
    tx.commit().await.unwrap();
    assert_eq!(counts(&tv).await, (1, 1, 1));
}

#[test]
fn the_core_error_depends_on_no_area() {
    let src = include_str!("../../src/error.rs");
    let areas = [
        "vault", "journal", "checkin", "assess", "safety", "insights", "charts", "settings",
        "keys", "markdown", "storage", "bench",
    ];
    for line in src.lines().filter(|l| l.trim_start().starts_with("use ")) {
        for area in areas {
            assert!(
                !line.contains(&format!("crate::{area}")),
                "src/error.rs must not use an area: {line}"
            );
        }
    }
}

#[test]
fn errors_carry_plain_sentences_free_of_any_front_end() {
    let e = Error::VaultMissing("/tmp/nowhere".into());
    assert_eq!(e.code(), ErrorCode::VaultMissing);
    assert!(!e.to_string().contains("glimmer "), "{e}");
    let report = glimmer::ErrorReport::from(Error::invalid("mood", "Mood goes from −3 to +3."));
    assert_eq!(report.code, ErrorCode::Invalid);
    assert_eq!(report.message, "Mood goes from −3 to +3.");
}
