//! Sync through a folder: two or three real vaults on this machine, each
//! with its own copy of the folder (or sharing one), as docs/sync.md says.

use std::path::Path;

use glimmer::{Credential, EntryPatch, Secret, Vault};

use crate::util::{PASS, TempVault, pass, text};

mod cli;
mod prop;

/// A second computer joining `folder`, in `dir`/v.
pub async fn join(folder: &Path, dir: &Path, credential: &Credential) -> glimmer::Result<Vault> {
    glimmer::sync::join(folder, dir.join("v"), credential, &mut |_| {}).await
}

/// The bodies of the entries outside the trash, sorted.
pub async fn bodies(v: &Vault) -> Vec<String> {
    let mut out = vec![];
    for e in v.journal().list(500, None).await.unwrap().items {
        out.push(v.journal().get(&e.id.to_string()).await.unwrap().body);
    }
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn an_entry_written_on_one_computer_is_read_on_the_other() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    a.vault
        .journal()
        .create(&text("heron at the pond"))
        .await
        .unwrap();
    let first = a.vault.sync().init(&folder).await.unwrap();
    assert!(
        first.written > 40,
        "everything, starter activities too: {first:?}"
    );

    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    assert_eq!(bodies(&b).await, ["heron at the pond"]);
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap(),
        "the same records on both"
    );
    // A search on the other computer finds it: the index follows.
    let q = glimmer::journal::SearchQuery {
        text: "heron".into(),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(b.journal().search(&q).await.unwrap().hits.len(), 1);

    // And back: written on B, read on A.
    b.journal().create(&text("a kingfisher")).await.unwrap();
    let w = b.sync().now().await.unwrap();
    assert_eq!((w.written, w.batches_written), (1, 1));
    let r = a.vault.sync().now().await.unwrap();
    // B's first batch, written as it joined, says it is there; then its entry.
    assert_eq!((r.batches_read, r.applied), (2, 1));
    assert_eq!(
        bodies(&a.vault).await,
        ["a kingfisher", "heron at the pond"]
    );

    // Nothing in the folder is plaintext.
    for f in walk(&folder) {
        let bytes = std::fs::read(&f).unwrap();
        for word in [&b"heron"[..], b"kingfisher", b"Send a friend"] {
            assert!(
                !bytes.windows(word.len()).any(|w| w == word),
                "{}",
                f.display()
            );
        }
    }
    let status = a.vault.sync().status().await.unwrap();
    assert_eq!(status.devices.len(), 2);
    assert_eq!(status.pending, 0);
    b.lock().await;
    a.vault.lock().await;
}

pub fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_passphrase_or_another_journal_cannot_join() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let wrong = Credential::Passphrase(Secret::new("not the passphrase"));
    let e = join(&folder, other.path(), &wrong).await.unwrap_err();
    assert_eq!(e.code(), glimmer::ErrorCode::WrongPassphrase);
    assert!(!other.path().join("v").exists(), "no vault made");

    // Another journal cannot set up sync in this folder.
    let c = TempVault::new().await;
    let e = c.vault.sync().init(&folder).await.unwrap_err();
    assert!(e.to_string().contains("another journal"), "{e}");
    let _ = PASS;
}

#[tokio::test(flavor = "multi_thread")]
async fn text_edited_on_two_computers_at_once_is_kept_twice() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    let e = a
        .vault
        .journal()
        .create(&text("first words"))
        .await
        .unwrap();
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();

    let edit = |s: &str| EntryPatch {
        body: Some(s.into()),
        ..Default::default()
    };
    a.vault
        .journal()
        .update(&e.id.to_string(), &edit("written on a"))
        .await
        .unwrap();
    b.journal()
        .update(&e.id.to_string(), &edit("written on b"))
        .await
        .unwrap();
    a.vault.sync().now().await.unwrap();
    b.sync().now().await.unwrap();
    a.vault.sync().now().await.unwrap();
    b.sync().now().await.unwrap();
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
    assert_eq!(bodies(&b).await, ["written on a", "written on b"]);
    let status = b.sync().status().await.unwrap();
    assert_eq!(status.edited_twice.len(), 1, "{status:?}");
    let copy = &status.edited_twice[0];
    assert_eq!(copy.entry, e.id.to_string());

    // Dismissed on one computer, gone from the list on both; in the trash.
    b.sync().dismiss(&copy.copy).await.unwrap();
    b.sync().now().await.unwrap();
    a.vault.sync().now().await.unwrap();
    assert!(
        a.vault
            .sync()
            .status()
            .await
            .unwrap()
            .edited_twice
            .is_empty()
    );
    assert_eq!(a.vault.journal().trash_list().await.unwrap().len(), 1);
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
    b.lock().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_folder_that_is_gone_is_named_and_work_goes_on() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("usb");
    a.vault.sync().init(&folder).await.unwrap();
    std::fs::rename(&folder, a.dir.path().join("unplugged")).unwrap();
    a.vault.journal().create(&text("while away")).await.unwrap();
    let e = a.vault.sync().now().await.unwrap_err();
    assert!(e.to_string().contains("is not there just now"), "{e}");
    assert!(a.vault.sync().status().await.unwrap().folder_missing);
    std::fs::rename(a.dir.path().join("unplugged"), &folder).unwrap();
    let r = a.vault.sync().now().await.unwrap();
    assert_eq!(r.written, 1, "caught up");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restored_backup_brings_back_what_was_deleted_since_and_rolls_nobody_back() {
    let mut a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    let kept = a
        .vault
        .journal()
        .create(&text("kept all along"))
        .await
        .unwrap();
    let purged = a
        .vault
        .journal()
        .create(&text("deleted, then wanted back"))
        .await
        .unwrap();
    a.vault.sync().init(&folder).await.unwrap();
    let backup = a.vault.backup_now("test").await.unwrap().backup.name;

    // After the backup: one entry edited, one emptied from the trash, synced.
    let edit = EntryPatch {
        body: Some("kept, and changed since".into()),
        ..Default::default()
    };
    a.vault
        .journal()
        .update(&kept.id.to_string(), &edit)
        .await
        .unwrap();
    a.vault
        .journal()
        .trash(&purged.id.to_string())
        .await
        .unwrap();
    a.vault.journal().empty_trash().await.unwrap();
    a.vault.sync().now().await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    assert_eq!(bodies(&b).await, ["kept, and changed since"]);
    let batches_before = walk(&folder).len();

    // The backup comes back on A: A catches up with what it wrote since,
    // but keeps the entry the backup holds, and writes it again.
    a.vault.restore(&backup).await.unwrap();
    a.vault.sync().now().await.unwrap();
    let again = a.vault.sync().now().await.unwrap();
    assert_eq!(again.written, 1, "the entry brought back: {again:?}");
    b.sync().now().await.unwrap();
    let expected = ["deleted, then wanted back", "kept, and changed since"];
    assert_eq!(bodies(&a.vault).await, expected);
    assert_eq!(bodies(&b).await, expected);
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
    // No sequence number was written twice: only new files were added.
    assert!(walk(&folder).len() > batches_before);
    b.lock().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pictures_travel_with_their_entry_and_go_when_it_is_deleted_for_good() {
    use glimmer::journal::{NewPicture, PictureOwner};
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    let e = a
        .vault
        .journal()
        .create(&text("with a picture"))
        .await
        .unwrap();
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(b"marker: a picture of an otter");
    let new = NewPicture {
        owner: PictureOwner::Entry(e.id),
        bytes: &bytes,
        description: "an otter",
        id: None,
    };
    let added = a.vault.journal().pictures().add(&new).await.unwrap();
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    let data = b.journal().pictures().data(added.id).await.unwrap();
    assert_eq!(data.bytes, bytes, "the same bytes on the other computer");
    for f in walk(&folder) {
        let held = std::fs::read(&f).unwrap();
        assert!(!held.windows(5).any(|w| w == b"otter"), "{}", f.display());
    }

    // Emptied from the trash on A: on B, the entry and its picture go too.
    a.vault.journal().trash(&e.id.to_string()).await.unwrap();
    a.vault.journal().empty_trash().await.unwrap();
    a.vault.sync().now().await.unwrap();
    b.sync().now().await.unwrap();
    assert!(b.journal().pictures().data(added.id).await.is_err());
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
    b.lock().await;
}
