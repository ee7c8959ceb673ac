//! Entries, glimmers, tags, the trash, drafts and import, on real vaults.

use glimmer::Error;
use glimmer::journal::DraftInput;
use glimmer::{EntryPatch, Kind, NewEntry};
use jiff::{SignedDuration, Timestamp};

use crate::util::{TempVault, text};

#[tokio::test]
async fn entries_are_created_read_and_updated() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let e = j
        .create(&NewEntry {
            kind: Kind::Glimmer,
            title: "Sunlight".into(),
            body: "Warm light on the *kitchen* floor.".into(),
            tags: vec!["#Morning".into(), "light".into()],
            intensity: Some(6),
            ..NewEntry::default()
        })
        .await
        .unwrap();
    assert_eq!(e.tags, vec!["morning", "light"]);
    assert_eq!(e.id.get_version_num(), 7, "ids are UUIDv7");
    assert!(!e.tz.is_empty());

    let got = j.get(&e.id.to_string()).await.unwrap();
    assert_eq!(got, e);
    assert_eq!(
        got.html(),
        "<p>Warm light on the <em>kitchen</em> floor.</p>\n"
    );

    std::thread::sleep(std::time::Duration::from_millis(5));
    let upd = j
        .update(
            &e.id.to_string(),
            &EntryPatch {
                body: Some("Warm light, and the cat.".into()),
                tags: Some(vec!["cat".into()]),
                ..EntryPatch::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(upd.title, "Sunlight", "fields left out stay as they were");
    assert_eq!(upd.body, "Warm light, and the cat.");
    assert_eq!(upd.tags, vec!["cat"]);
    assert_eq!(upd.intensity, Some(6));
    assert_eq!(upd.created_at, e.created_at);
    assert!(upd.updated_at > e.updated_at, "updated_at moves on an edit");

    let tv = tv.reopen().await;
    assert_eq!(
        tv.vault.journal().get(&e.id.to_string()).await.unwrap(),
        upd
    );
}

#[tokio::test]
async fn ids_resolve_by_unique_prefix() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let a = j.create(&text("one")).await.unwrap();
    let b = j.create(&text("two")).await.unwrap();
    let (sa, sb) = (a.id.to_string(), b.id.to_string());
    let common = sa
        .chars()
        .zip(sb.chars())
        .take_while(|(x, y)| x == y)
        .count();
    let unique = &sa[..(common + 1).max(4)];
    assert_eq!(j.get(unique).await.unwrap().id, a.id);
    assert_eq!(j.get(&sa.to_uppercase()).await.unwrap().id, a.id);
    if common >= 4 {
        assert!(matches!(
            j.get(&sa[..common]).await,
            Err(Error::Invalid { field: "id", .. })
        ));
    }
    assert!(matches!(j.get("ffffffff").await, Err(Error::NotFound(_))));
    assert!(matches!(j.get("no").await, Err(Error::NotFound(_))));
}

#[tokio::test]
async fn bad_input_is_refused_and_saves_nothing() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let empty = j.create(&text("   ")).await.unwrap_err();
    assert!(empty.to_string().contains("nothing was saved"), "{empty}");
    let loud = j
        .create(&NewEntry {
            body: "x".into(),
            intensity: Some(11),
            ..NewEntry::default()
        })
        .await
        .unwrap_err();
    assert!(loud.to_string().contains("0 to 10"), "{loud}");
    let e = j.create(&text("keep me")).await.unwrap();
    let blank = j
        .update(
            &e.id.to_string(),
            &EntryPatch {
                body: Some(String::new()),
                ..EntryPatch::default()
            },
        )
        .await;
    assert!(blank.is_err());
    assert_eq!(j.get(&e.id.to_string()).await.unwrap().body, "keep me");
    assert_eq!(j.list(10, None).await.unwrap().items.len(), 1);
}

#[tokio::test]
async fn the_trash_hides_restores_and_purges() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let keep = j.create(&text("keep")).await.unwrap();
    let gone = j.create(&text("oops")).await.unwrap();
    let t = j.trash(&gone.id.to_string()).await.unwrap();
    assert!(t.deleted_at.is_some());
    let live: Vec<_> = j
        .list(10, None)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(live, vec![keep.id]);
    assert_eq!(j.trash_list().await.unwrap()[0].id, gone.id);

    let back = j.restore(&gone.id.to_string()).await.unwrap();
    assert!(back.deleted_at.is_none());
    assert_eq!(j.list(10, None).await.unwrap().items.len(), 2);

    j.trash(&gone.id.to_string()).await.unwrap();
    let month_ago = Timestamp::now() - SignedDuration::from_hours(24 * 30);
    assert_eq!(
        j.purge_trash_before(month_ago).await.unwrap(),
        0,
        "recent trash is kept"
    );
    let soon = Timestamp::now() + SignedDuration::from_secs(1);
    assert_eq!(j.purge_trash_before(soon).await.unwrap(), 1);
    assert!(matches!(
        j.get(&gone.id.to_string()).await,
        Err(Error::NotFound(_))
    ));
    assert!(j.get(&keep.id.to_string()).await.is_ok());
}

#[tokio::test]
async fn lists_page_newest_first() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let base = Timestamp::from_second(1_700_000_000).unwrap();
    let batch: Vec<NewEntry> = (0..25)
        .map(|i| NewEntry {
            body: format!("entry {i}"),
            created_at: Some(base + SignedDuration::from_hours(i)),
            ..NewEntry::default()
        })
        .collect();
    j.import(&batch).await.unwrap();
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = j.list(10, cursor.as_deref()).await.unwrap();
        seen.extend(page.items.iter().map(|e| e.excerpt.clone()));
        match page.next {
            Some(n) => cursor = Some(n),
            None => break,
        }
    }
    let expected: Vec<String> = (0..25).rev().map(|i| format!("entry {i}")).collect();
    assert_eq!(seen, expected);
    assert!(j.list(10, Some("garbage")).await.is_err());
}

async fn tag_counts(j: &glimmer::Journal<'_>) -> Vec<(String, i64)> {
    j.tags()
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.tag, t.count))
        .collect()
}

#[tokio::test]
async fn tags_are_counted_outside_the_trash() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    for tags in [vec!["walk", "rain"], vec!["walk"], vec!["Walk", "tea"]] {
        j.create(&NewEntry {
            body: "x".into(),
            tags: tags.into_iter().map(String::from).collect(),
            ..NewEntry::default()
        })
        .await
        .unwrap();
    }
    let counts = tag_counts(&j).await;
    assert_eq!(counts[0], ("walk".to_string(), 3));
    assert_eq!(counts.len(), 3);
    let first = j.list(10, None).await.unwrap().items[0].id;
    j.trash(&first.to_string()).await.unwrap();
    let counts = tag_counts(&j).await;
    assert_eq!(counts[0], ("walk".to_string(), 2));
    assert!(!counts.iter().any(|(t, _)| t == "tea"));
}

#[tokio::test]
async fn drafts_survive_reopening_and_publish_atomically() {
    let tv = TempVault::new().await;
    let d = tv
        .vault
        .journal()
        .save_draft(&DraftInput {
            body: "half a thought".into(),
            ..DraftInput::default()
        })
        .await
        .unwrap();
    let d2 = tv
        .vault
        .journal()
        .save_draft(&DraftInput {
            id: Some(d.id),
            body: "half a thought, then the rest".into(),
            tags: vec!["evening".into()],
            ..DraftInput::default()
        })
        .await
        .unwrap();
    assert_eq!(d2.id, d.id, "saving again overwrites the same draft");

    let tv = tv.reopen().await;
    let j = tv.vault.journal();
    let drafts = j.drafts().await.unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].body, "half a thought, then the rest");
    assert!(
        j.list(10, None).await.unwrap().items.is_empty(),
        "a draft is not an entry"
    );

    let e = j.publish_draft(d.id).await.unwrap();
    assert_eq!(e.body, "half a thought, then the rest");
    assert_eq!(e.tags, vec!["evening"]);
    assert!(j.drafts().await.unwrap().is_empty());

    // A draft of an edit changes the entry when published.
    let edit = j
        .save_draft(&DraftInput {
            entry_id: Some(e.id),
            body: "rewritten".into(),
            ..DraftInput::default()
        })
        .await
        .unwrap();
    let after = j.publish_draft(edit.id).await.unwrap();
    assert_eq!(after.id, e.id);
    assert_eq!(after.body, "rewritten");
    assert_eq!(j.list(10, None).await.unwrap().items.len(), 1);

    // An empty draft can be kept but not published; it stays a draft.
    let empty = j.save_draft(&DraftInput::default()).await.unwrap();
    assert!(j.publish_draft(empty.id).await.is_err());
    assert_eq!(j.drafts().await.unwrap().len(), 1);
    j.discard_draft(empty.id).await.unwrap();
    assert!(j.drafts().await.unwrap().is_empty());
}

#[tokio::test]
async fn importing_twice_adds_nothing_the_second_time() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let batch: Vec<NewEntry> = (0..50)
        .map(|i| NewEntry {
            id: Some(uuid::Uuid::now_v7()),
            body: format!("imported {i}"),
            tags: vec!["old-diary".into()],
            ..NewEntry::default()
        })
        .collect();
    let first = j.import(&batch).await.unwrap();
    assert_eq!((first.added, first.already_present), (50, 0));
    let second = j.import(&batch).await.unwrap();
    assert_eq!((second.added, second.already_present), (0, 50));
    assert_eq!(j.list(100, None).await.unwrap().items.len(), 50);

    // One bad entry rejects the whole import: nothing half-done.
    let mut bad = vec![text("fine")];
    bad.push(text(""));
    assert!(j.import(&bad).await.is_err());
    assert_eq!(j.list(100, None).await.unwrap().items.len(), 50);
}

#[tokio::test]
async fn a_large_import_keeps_tags_first_copies_and_all_or_nothing() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let present = j
        .create(&NewEntry {
            body: "already here".into(),
            tags: vec!["kept".into()],
            ..NewEntry::default()
        })
        .await
        .unwrap();
    let twin = uuid::Uuid::now_v7();
    // More entries than one statement of an import takes.
    let mut batch: Vec<NewEntry> = (0..2_500)
        .map(|i| NewEntry {
            body: format!("imported {i}"),
            tags: vec![format!("#Tag {}", i % 3), "diary".into()],
            ..NewEntry::default()
        })
        .collect();
    let with_id = |id, body: &str, tag: &str| NewEntry {
        id: Some(id),
        body: body.into(),
        tags: vec![tag.into()],
        ..NewEntry::default()
    };
    batch.push(with_id(twin, "first copy", "first"));
    batch.push(with_id(twin, "second copy", "second"));
    batch.push(with_id(present.id, "changed", "changed"));
    let report = j.import(&batch).await.unwrap();
    assert_eq!((report.added, report.already_present), (2_501, 2));
    let tags = j.tags().await.unwrap();
    let count = |t: &str| tags.iter().find(|c| c.tag == t).map_or(0, |c| c.count);
    assert_eq!(count("diary"), 2_500);
    assert_eq!(count("tag-0"), 834);
    assert_eq!(
        (count("first"), count("second"), count("changed")),
        (1, 0, 0)
    );
    assert_eq!(count("kept"), 1);
    assert_eq!(j.get(&twin.to_string()).await.unwrap().body, "first copy");
    assert_eq!(
        j.get(&present.id.to_string()).await.unwrap().body,
        "already here"
    );

    // A bad entry after the first statement's worth undoes that statement too.
    let mut bad: Vec<NewEntry> = (0..2_100).map(|i| text(&format!("later {i}"))).collect();
    bad.push(text(" "));
    assert!(j.import(&bad).await.is_err());
    assert_eq!(j.tags().await.unwrap(), tags);
    let found = j
        .search(&glimmer::journal::SearchQuery {
            text: "later".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(found.hits.is_empty());
}

const HOSTILE: &str =
    "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[x](javascript:alert(3))";

#[tokio::test]
async fn hostile_markdown_in_an_entry_renders_inert() {
    let tv = TempVault::new().await;
    let e = tv.vault.journal().create(&text(HOSTILE)).await.unwrap();
    let html = e.html().to_lowercase();
    for bad in ["<script", "onerror", "href=\"javascript"] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(
        html.contains("<a>x</a>") || html.contains("<a rel"),
        "the link text stays, without its target: {html}"
    );
    assert_eq!(e.body, HOSTILE, "the words themselves are kept as written");
}
