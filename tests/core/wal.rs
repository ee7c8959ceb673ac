//! The WAL stays small: checkpoints complete between writes, reads that stop
//! early leave no snapshot behind, and an import empties the WAL when it ends.

use glimmer::NewEntry;
use glimmer::journal::SearchQuery;
use glimmer::vault::JOURNAL_SIZE_LIMIT;

use crate::util::TempVault;

fn wal_bytes(tv: &TempVault) -> u64 {
    std::fs::metadata(tv.path().join("vault.sqlite-wal")).map_or(0, |m| m.len())
}

/// A passive checkpoint copies every frame only when no connection still
/// reads an older snapshot of the database.
async fn assert_checkpoint_completes(tv: &TempVault, when: &str) {
    let c = tv.vault.wal_checkpoint().await.unwrap();
    assert_eq!(c.busy, 0, "{when}: {c:?}");
    assert_eq!(
        c.log, c.checkpointed,
        "{when}: a reader holds the WAL: {c:?}"
    );
}

fn entry(i: usize, body: &str) -> NewEntry {
    NewEntry {
        title: format!("day {i}"),
        body: format!("{i} {body}"),
        tags: vec!["walk".into(), format!("t{}", i % 7)],
        ..NewEntry::default()
    }
}

#[tokio::test]
async fn a_long_session_of_writes_keeps_the_wal_small() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let body = "a slow morning with tea and a walk by the river. ".repeat(40);
    for i in 0..1_000 {
        let e = j.create(&entry(i, &body)).await.unwrap();
        if i % 100 == 99 {
            // Reads that take one row, or a page of many matches.
            j.get(&e.id.to_string()).await.unwrap();
            let q = SearchQuery {
                text: "tea".into(),
                limit: 5,
                ..SearchQuery::default()
            };
            assert!(j.search(&q).await.unwrap().has_more);
            j.list(10, None).await.unwrap();
            assert!(wal_bytes(&tv) <= JOURNAL_SIZE_LIMIT as u64);
            assert_checkpoint_completes(&tv, &format!("after {} saves", i + 1)).await;
        }
    }
    let batch: Vec<NewEntry> = (1_000..4_000).map(|i| entry(i, &body)).collect();
    j.import(&batch).await.unwrap();
    assert_eq!(wal_bytes(&tv), 0, "the import's pages are in the database");
    assert_checkpoint_completes(&tv, "after the import").await;
    let q = SearchQuery {
        text: "3999".into(),
        ..SearchQuery::default()
    };
    assert_eq!(j.search(&q).await.unwrap().hits.len(), 1);
    assert_eq!(tv.vault.integrity_check().await.unwrap(), "ok");
}
