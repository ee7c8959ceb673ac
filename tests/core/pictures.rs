//! Pictures in entries, on real vaults: added, listed, shown, removed with
//! undo, purged with the trash, carried by backups, moved from a draft to its
//! entry, and never written anywhere in plaintext.

use glimmer::journal::{
    self, DraftInput, MAX_PICTURE_BYTES, NewPicture, PictureOwner, SearchQuery,
};
use glimmer::{ErrorCode, Kind, NewEntry};
use uuid::Uuid;

use crate::util::{TempVault, text};

/// A PNG signature followed by a marker no other file in a vault would hold,
/// so a test can look for the bytes in every file of the vault.
fn png(marker: &str) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(marker.as_bytes());
    bytes
}

fn picture<'a>(owner: PictureOwner, bytes: &'a [u8], description: &'a str) -> NewPicture<'a> {
    NewPicture {
        owner,
        bytes,
        description,
        id: None,
    }
}

async fn entry_with(tv: &TempVault, body: &str) -> Uuid {
    tv.vault.journal().create(&text(body)).await.unwrap().id
}

#[tokio::test]
async fn a_picture_is_added_listed_shown_removed_and_restored() {
    let tv = TempVault::new().await;
    let entry = entry_with(&tv, "A heron by the river.").await;
    let owner = PictureOwner::Entry(entry);
    let pictures = tv.vault.journal().pictures();
    let bytes = png("heron at dusk");

    let added = pictures
        .add(&picture(owner, &bytes, "A grey heron [standing]"))
        .await
        .unwrap();
    assert_eq!(added.owner, owner);
    assert_eq!(added.media_type, "image/png");
    assert_eq!(added.size as usize, bytes.len());
    assert_eq!(added.description, "A grey heron [standing]");
    assert_eq!(added.url, format!("picture:{}", added.id));
    assert_eq!(
        added.markdown,
        format!("![A grey heron standing](picture:{})", added.id),
        "brackets would end the alt text early"
    );
    // The SHA-256 of the bytes, as `sha256sum` prints it.
    assert_eq!(added.sha256.len(), 64);
    let again = pictures.add(&picture(owner, &bytes, "")).await.unwrap();
    assert_eq!(again.sha256, added.sha256, "same bytes, same digest");
    assert_ne!(
        pictures
            .add(&picture(owner, &png("other"), ""))
            .await
            .unwrap()
            .sha256,
        added.sha256
    );
    assert_eq!(
        again.markdown,
        format!("![Picture](picture:{})", again.id),
        "no description gives the alt text “Picture”"
    );

    let listed = pictures.list(owner).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!(listed[0], added);
    let data = pictures.data(added.id).await.unwrap();
    assert_eq!((data.media_type, data.bytes), ("image/png", bytes.clone()));

    let removed = pictures.remove(added.id).await.unwrap();
    assert!(removed.deleted_at.is_some());
    assert_eq!(pictures.list(owner).await.unwrap().len(), 2);
    let err = pictures.data(added.id).await.unwrap_err();
    assert_eq!(
        err.code(),
        ErrorCode::NotFound,
        "a removed picture is not shown"
    );

    // Undo, even after locking and unlocking.
    let tv = tv.reopen().await;
    let pictures = tv.vault.journal().pictures();
    let back = pictures.restore(added.id).await.unwrap();
    assert_eq!(back, added);
    assert_eq!(pictures.data(added.id).await.unwrap().bytes, bytes);
    assert_eq!(
        pictures.remove(Uuid::now_v7()).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
}

#[tokio::test]
async fn too_big_or_not_a_picture_is_refused_with_a_reason_and_nothing_kept() {
    let tv = TempVault::new().await;
    let owner = PictureOwner::Entry(entry_with(&tv, "text").await);
    let pictures = tv.vault.journal().pictures();

    let mut big = png("big");
    big.resize(MAX_PICTURE_BYTES + 1, 7);
    let err = pictures.add(&picture(owner, &big, "")).await.unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    let message = err.to_string();
    assert!(
        message.contains("at most 20 MB") && message.contains("smaller copy"),
        "{message}"
    );

    for not_a_picture in [
        &b"just some text"[..],
        b"",
        b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
        b"%PDF-1.7",
    ] {
        let err = pictures
            .add(&picture(owner, not_a_picture, ""))
            .await
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid);
        assert!(err.to_string().contains("PNG, JPEG, GIF, WebP and HEIC"));
    }

    let missing = PictureOwner::Entry(Uuid::now_v7());
    let err = pictures
        .add(&picture(missing, &png("x"), ""))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
    assert!(pictures.list(owner).await.unwrap().is_empty());

    // Exactly at the cap is fine.
    big.truncate(MAX_PICTURE_BYTES);
    let kept = pictures.add(&picture(owner, &big, "")).await.unwrap();
    assert_eq!(kept.size as usize, MAX_PICTURE_BYTES);
}

#[tokio::test]
async fn pictures_are_never_written_in_plaintext() {
    let tv = TempVault::new().await;
    let owner = PictureOwner::Entry(entry_with(&tv, "text").await);
    let marker = "a very particular heron, only in this picture";
    tv.vault
        .journal()
        .pictures()
        .add(&picture(owner, &png(marker), ""))
        .await
        .unwrap();
    tv.vault.backup_now("manual").await.unwrap();
    let dir = tv.path();
    let tv = tv.reopen().await;
    let mut files = 0;
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            files += 1;
            let bytes = std::fs::read(&p).unwrap();
            assert!(
                !bytes.windows(marker.len()).any(|w| w == marker.as_bytes()),
                "{} holds the picture in plaintext",
                p.display()
            );
        }
    }
    assert!(files >= 3, "the database, its keys and a backup were read");
    drop(tv);
}

#[tokio::test]
async fn a_restored_backup_has_its_pictures() {
    let tv = TempVault::new().await;
    let owner = PictureOwner::Entry(entry_with(&tv, "before the backup").await);
    let bytes = png("kept in the backup");
    let kept = tv
        .vault
        .journal()
        .pictures()
        .add(&picture(owner, &bytes, "river"))
        .await
        .unwrap();
    let taken = tv.vault.backup_now("manual").await.unwrap().backup;

    // Gone for good from the live vault...
    tv.vault.journal().pictures().remove(kept.id).await.unwrap();
    tv.vault.empty_trash().await.unwrap();
    assert!(tv.vault.journal().pictures().data(kept.id).await.is_err());

    // ...and back with the backup.
    let TempVault { dir, mut vault } = tv;
    vault.restore(&taken.name).await.unwrap();
    let pictures = vault.journal().pictures();
    assert_eq!(pictures.list(owner).await.unwrap(), vec![kept.clone()]);
    assert_eq!(pictures.data(kept.id).await.unwrap().bytes, bytes);
    vault.lock().await;
    drop(dir);
}

#[tokio::test]
async fn search_reads_the_text_not_the_pictures() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let with = j.create(&text("Tea by the window.")).await.unwrap();
    j.create(&text("Some glimmer of sun today.")).await.unwrap();
    let owner = PictureOwner::Entry(with.id);
    let pic = j
        .pictures()
        .add(&picture(owner, &png("tea"), "A blue teapot"))
        .await
        .unwrap();
    let body = format!("Tea by the window.\n\n{}", pic.markdown);
    j.update(
        &with.id.to_string(),
        &glimmer::EntryPatch {
            body: Some(body),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let found = |words: &str| {
        let q = SearchQuery {
            text: words.into(),
            limit: 10,
            ..SearchQuery::default()
        };
        let j = tv.vault.journal();
        async move {
            j.search(&q)
                .await
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.entry.excerpt)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(found("window").await.len(), 1, "the text is found");
    assert_eq!(
        found("teapot").await.len(),
        1,
        "a description is part of the text, so it is found too"
    );
    // The reference's address adds no word people search for.
    assert_eq!(
        found("glimmer").await,
        ["Some glimmer of sun today."],
        "an entry is not found for the word glimmer because it holds a picture"
    );
    assert!(found("png").await.is_empty());
}

#[tokio::test]
async fn removed_pictures_and_trashed_entries_pictures_go_with_the_trash() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let keep = PictureOwner::Entry(entry_with(&tv, "kept").await);
    let trashed = entry_with(&tv, "trashed").await;
    let removed = j
        .pictures()
        .add(&picture(keep, &png("removed"), ""))
        .await
        .unwrap();
    let stays = j
        .pictures()
        .add(&picture(keep, &png("stays"), ""))
        .await
        .unwrap();
    let in_trash = j
        .pictures()
        .add(&picture(PictureOwner::Entry(trashed), &png("in trash"), ""))
        .await
        .unwrap();
    j.pictures().remove(removed.id).await.unwrap();
    j.trash(&trashed.to_string()).await.unwrap();

    // While in the trash, a trashed entry keeps its pictures.
    assert!(j.pictures().data(in_trash.id).await.is_ok());
    j.restore(&trashed.to_string()).await.unwrap();
    j.trash(&trashed.to_string()).await.unwrap();

    // The trash's 30 days have not passed: nothing goes.
    let long_ago = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24);
    j.purge_trash_before(long_ago).await.unwrap();
    assert!(j.pictures().restore(removed.id).await.is_ok());
    j.pictures().remove(removed.id).await.unwrap();

    // They have: both go for good, the picture that stayed is untouched.
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(1);
    assert_eq!(j.purge_trash_before(later).await.unwrap(), 1);
    for gone in [removed.id, in_trash.id] {
        assert_eq!(
            j.pictures().restore(gone).await.unwrap_err().code(),
            ErrorCode::NotFound
        );
    }
    assert_eq!(j.pictures().list(keep).await.unwrap(), vec![stays]);
}

#[tokio::test]
async fn a_drafts_pictures_move_to_its_entry_or_go_with_it() {
    let tv = TempVault::new().await;
    let j = tv.vault.journal();
    let draft = j
        .save_draft(&DraftInput {
            kind: Kind::Entry,
            body: "A new entry, not saved yet".into(),
            ..DraftInput::default()
        })
        .await
        .unwrap();
    let owner = PictureOwner::Draft(draft.id);
    let pic = j
        .pictures()
        .add(&picture(owner, &png("draft"), ""))
        .await
        .unwrap();
    assert_eq!(j.pictures().list(owner).await.unwrap(), vec![pic.clone()]);

    let entry = j.publish_draft(draft.id).await.unwrap();
    assert!(j.pictures().list(owner).await.unwrap().is_empty());
    let moved = j
        .pictures()
        .list(PictureOwner::Entry(entry.id))
        .await
        .unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        (moved[0].id, moved[0].owner),
        (pic.id, PictureOwner::Entry(entry.id))
    );

    // A discarded draft takes its pictures with it.
    let draft = j.save_draft(&DraftInput::default()).await.unwrap();
    let gone = j
        .pictures()
        .add(&picture(
            PictureOwner::Draft(draft.id),
            &png("discarded"),
            "",
        ))
        .await
        .unwrap();
    j.discard_draft(draft.id).await.unwrap();
    assert_eq!(
        j.pictures().restore(gone.id).await.unwrap_err().code(),
        ErrorCode::NotFound
    );
    let err = j
        .pictures()
        .add(&picture(PictureOwner::Draft(draft.id), &png("late"), ""))
        .await
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn an_import_adds_pictures_in_its_own_write_once_or_not_at_all() {
    let tv = TempVault::new().await;
    let bytes = png("imported");
    // One imported entry with its picture, each with the id the source gave it.
    let import = |entry_id: Uuid, picture_id: Uuid, picture_bytes: Vec<u8>| {
        let tv = &tv;
        async move {
            let mut tx = tv.vault.begin().await.unwrap();
            let entry = journal::insert(
                &mut tx,
                &NewEntry {
                    id: Some(entry_id),
                    body: "From another journal".into(),
                    ..NewEntry::default()
                },
            )
            .await
            .unwrap();
            let picture = journal::insert_picture(
                &mut tx,
                &NewPicture {
                    owner: PictureOwner::Entry(entry_id),
                    bytes: &picture_bytes,
                    description: "",
                    id: Some(picture_id),
                },
            )
            .await;
            (tx, entry.is_some(), picture)
        }
    };
    let pictures_of = |entry_id: Uuid| {
        let tv = &tv;
        async move {
            tv.vault
                .journal()
                .pictures()
                .list(PictureOwner::Entry(entry_id))
                .await
                .unwrap()
        }
    };
    let (entry_id, picture_id) = (Uuid::now_v7(), Uuid::now_v7());
    let (tx, entry, picture) = import(entry_id, picture_id, bytes.clone()).await;
    tx.commit().await.unwrap();
    assert!(entry && picture.unwrap().is_some());
    let (tx, entry, picture) = import(entry_id, picture_id, bytes.clone()).await;
    tx.commit().await.unwrap();
    assert!(
        !entry && picture.unwrap().is_none(),
        "the same import twice adds nothing"
    );
    assert_eq!(pictures_of(entry_id).await.len(), 1);

    // A picture that is not one stops the import, and its entry goes with it.
    let (other_entry, other_picture) = (Uuid::now_v7(), Uuid::now_v7());
    let (tx, entry, picture) = import(other_entry, other_picture, b"not a picture".to_vec()).await;
    assert!(entry);
    assert_eq!(picture.unwrap_err().code(), ErrorCode::Invalid);
    drop(tx);
    assert!(pictures_of(other_entry).await.is_empty());
    assert_eq!(
        tv.vault
            .journal()
            .get(&other_entry.to_string())
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
}
