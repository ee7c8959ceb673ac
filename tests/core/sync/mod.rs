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

/// How many entries are marked "edited on two computers".
pub async fn copies(v: &Vault) -> usize {
    v.sync().status().await.unwrap().edited_twice.len()
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
    assert_eq!(copies(&a.vault).await, 0);
    assert_eq!(a.vault.journal().trash_list().await.unwrap().len(), 1);
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
    b.lock().await;
}

/// An entry on A and B changed on both before either synced: the copy's id.
async fn edited_twice(a: &Vault, b: &Vault, id: &str, on_a: &str, on_b: &str) -> String {
    let edit = |s: &str, tag: &str| EntryPatch {
        body: Some(s.into()),
        tags: Some(vec![tag.into()]),
        ..Default::default()
    };
    a.journal().update(id, &edit(on_a, "a")).await.unwrap();
    b.journal().update(id, &edit(on_b, "b")).await.unwrap();
    for v in [a, b, a, b] {
        v.sync().now().await.unwrap();
    }
    let status = a.sync().status().await.unwrap();
    assert_eq!(status.edited_twice.len(), 1, "{status:?}");
    status.edited_twice[0].copy.clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_versions_merge_into_one_or_stay_as_two() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    let e = a.vault.journal().create(&text("first")).await.unwrap();
    let id = e.id.to_string();
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();

    // Merged on A: both texts and both tags in the entry, the copy in the
    // trash; B has the same after a sync.
    let copy = edited_twice(&a.vault, &b, &id, "a finch at noon", "a wren at dusk").await;
    let merged = a.vault.sync().merge(&copy).await.unwrap();
    assert!(
        merged.body.contains("a finch at noon") && merged.body.contains("a wren at dusk"),
        "{}",
        merged.body
    );
    let mut tags = merged.tags.clone();
    tags.sort();
    assert_eq!(tags, ["a", "b"]);
    assert_eq!(copies(&a.vault).await, 0);
    assert_eq!(a.vault.journal().trash_list().await.unwrap().len(), 1);
    a.vault.sync().now().await.unwrap();
    b.sync().now().await.unwrap();
    assert_eq!(b.journal().get(&id).await.unwrap().body, merged.body);
    assert_eq!(copies(&b).await, 0);

    // Kept as two: both entries stay, neither marked, nothing in the trash.
    let copy = edited_twice(&a.vault, &b, &id, "rain", "sun").await;
    b.sync().keep_both(&copy).await.unwrap();
    assert_eq!(copies(&b).await, 0);
    assert_eq!(b.journal().get(&copy).await.unwrap().deleted_at, None);
    assert_eq!(bodies(&b).await, ["rain", "sun"]);

    // A copy no longer marked is named plainly.
    let e = b.sync().merge(&copy).await.unwrap_err();
    assert_eq!(e.code(), glimmer::ErrorCode::NotFound);
    b.lock().await;
    a.vault.lock().await;
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

/// This computer's device id, and its own batch files in `folder` by sequence.
async fn own_batches(v: &Vault, folder: &Path) -> (String, Vec<String>) {
    let status = v.sync().status().await.unwrap();
    let me = status.devices.iter().find(|d| d.this_computer).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(folder.join("devices").join(&me.device))
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (me.device.clone(), names)
}

const FIRST: &str = "0000000001.glimmer-batch";

#[tokio::test(flavor = "multi_thread")]
async fn a_computer_that_has_not_read_them_holds_back_compaction_and_a_join_after_it_gets_everything()
 {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    a.vault.sync().init(&folder).await.unwrap();
    a.vault.sync().set_compaction(2).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    b.sync().set_compaction(2).await.unwrap();
    // B says it is there, then goes offline: A writes on and on.
    a.vault.sync().now().await.unwrap();
    for i in 0..6 {
        let t = format!("written while B was away {i}");
        a.vault.journal().create(&text(&t)).await.unwrap();
        a.vault.sync().now().await.unwrap();
    }
    let (before_dir, before) = own_batches(&a.vault, &folder).await;
    assert!(
        before.len() >= 7 && before[0] == FIRST,
        "nothing B has not read is folded: {before:?}"
    );

    let mine = |name: &str| folder.join("devices").join(&before_dir).join(name);
    let first = std::fs::read(mine(FIRST)).unwrap();

    // B reads them and says so; then A folds them into one snapshot.
    let r = b.sync().now().await.unwrap();
    assert_eq!(r.applied, 6, "{r:?}");
    assert_eq!(r.batches_written, 1, "B says what it has read: {r:?}");
    a.vault.sync().now().await.unwrap();
    let (_, after) = own_batches(&a.vault, &folder).await;
    assert!(after.len() < 3 && after[0] != FIRST, "{after:?}");

    // Both go on as before, and a third computer joining now has everything.
    b.journal()
        .create(&text("written on B after"))
        .await
        .unwrap();
    a.vault
        .journal()
        .create(&text("written on A after"))
        .await
        .unwrap();
    for v in [&b, &a.vault, &b] {
        v.sync().now().await.unwrap();
    }
    let third = tempfile::tempdir().unwrap();
    let c = join(&folder, third.path(), &pass()).await.unwrap();
    assert_eq!(bodies(&c).await.len(), 8);
    let dump = a.vault.sync().dump().await.unwrap();
    assert_eq!(dump, b.sync().dump().await.unwrap());
    assert_eq!(dump, c.sync().dump().await.unwrap());
    // A batch a snapshot stands for, put back by a sync service, is harmless.
    std::fs::write(mine(FIRST), &first).unwrap();
    for v in [&a.vault, &b, &c] {
        assert_eq!(v.sync().now().await.unwrap().waiting, 0);
    }
    assert_eq!(dump, c.sync().dump().await.unwrap());
    assert_eq!(dump, a.vault.sync().dump().await.unwrap());
}

/// Bytes of the files under `dir` whose names start with `prefix`.
fn bytes_under(dir: &Path, prefix: &str) -> u64 {
    walk(dir)
        .iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .map(|p| std::fs::metadata(p).unwrap().len())
        .sum()
}

/// Words that do not repeat much, so compression does not hide growth.
fn prose(seed: &mut u64, words: usize) -> String {
    (0..words)
        .map(|_| {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            format!("w{:x}", *seed >> 52)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test(flavor = "multi_thread")]
async fn after_many_edits_the_folder_stays_within_twice_the_vault() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    let mut seed = 7;
    let mut ids = vec![];
    for _ in 0..100 {
        let e = a
            .vault
            .journal()
            .create(&text(&prose(&mut seed, 200)))
            .await
            .unwrap();
        ids.push(e.id.to_string());
    }
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    // Every entry rewritten eight times, a sync on both after each round:
    // without compaction the folder would hold every version.
    for _ in 0..8 {
        for id in &ids {
            let patch = EntryPatch {
                body: Some(prose(&mut seed, 200)),
                ..Default::default()
            };
            a.vault.journal().update(id, &patch).await.unwrap();
        }
        a.vault.sync().now().await.unwrap();
        b.sync().now().await.unwrap();
    }
    a.vault.sync().now().await.unwrap();
    let (_, mine) = own_batches(&a.vault, &folder).await;
    assert_ne!(mine[0], FIRST, "A compacted: {mine:?}");
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
    let folder_bytes = bytes_under(&folder.join("devices"), "");
    let TempVault { dir, vault } = a;
    vault.lock().await;
    let vault_bytes = bytes_under(&dir.path().join("v"), "vault.sqlite");
    assert!(
        folder_bytes < 2 * vault_bytes,
        "folder {folder_bytes} bytes, vault {vault_bytes}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_backup_restored_after_compaction_reads_the_snapshot_and_keeps_what_it_holds() {
    let mut a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    let purged = a
        .vault
        .journal()
        .create(&text("deleted, then wanted back"))
        .await
        .unwrap();
    a.vault.sync().init(&folder).await.unwrap();
    a.vault.sync().set_compaction(2).await.unwrap();
    let backup = a.vault.backup_now("test").await.unwrap().backup.name;

    // After the backup: new entries, and one deleted for good; compacted.
    let mut expected = vec!["deleted, then wanted back".to_string()];
    for i in 0..4 {
        let t = format!("written after the backup {i}");
        a.vault.journal().create(&text(&t)).await.unwrap();
        a.vault.sync().now().await.unwrap();
        expected.push(t);
    }
    let id = purged.id.to_string();
    a.vault.journal().trash(&id).await.unwrap();
    a.vault.journal().empty_trash().await.unwrap();
    a.vault.sync().now().await.unwrap();
    let (_, mine) = own_batches(&a.vault, &folder).await;
    assert_ne!(mine[0], FIRST, "compacted: {mine:?}");

    // Restored, A reads its own snapshot back: what it wrote since, and the
    // deletion, which the backup's entry outlives and is written again.
    a.vault.restore(&backup).await.unwrap();
    a.vault.sync().now().await.unwrap();
    a.vault.sync().now().await.unwrap();
    expected.sort();
    assert_eq!(bodies(&a.vault).await, expected);
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    assert_eq!(bodies(&b).await, expected);
    assert_eq!(
        a.vault.sync().dump().await.unwrap(),
        b.sync().dump().await.unwrap()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_passphrase_changed_on_one_computer_is_changed_in_the_folder_and_on_the_others() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    a.vault.journal().create(&text("a wren")).await.unwrap();
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();
    b.backup_now("daily").await.unwrap();
    let b_dir = other.path().join("v");

    // Changed on A after sync was set up: the next sync puts it in the folder.
    let new = "a new passphrase by the river";
    a.vault.change_passphrase(&Secret::new(new)).await.unwrap();
    assert!(
        a.vault
            .sync()
            .status()
            .await
            .unwrap()
            .passphrase_out_of_step
    );
    let r = a.vault.sync().now().await.unwrap();
    assert_eq!(
        r.passphrase_from, None,
        "written there, not taken from there"
    );
    assert!(
        !a.vault
            .sync()
            .status()
            .await
            .unwrap()
            .passphrase_out_of_step
    );

    // A computer joining now needs the new passphrase; the old one opens
    // nothing in the folder.
    let third = tempfile::tempdir().unwrap();
    let e = join(&folder, third.path(), &pass()).await.unwrap_err();
    assert_eq!(e.code(), glimmer::ErrorCode::WrongPassphrase);
    let c = join(
        &folder,
        third.path(),
        &Credential::Passphrase(Secret::new(new)),
    )
    .await
    .unwrap();
    assert_eq!(bodies(&c).await, ["a wren"]);
    c.lock().await;

    // B takes it at its next sync, and says from where.
    assert!(b.sync().status().await.unwrap().passphrase_out_of_step);
    let r = b.sync().now().await.unwrap();
    assert!(r.passphrase_from.is_some(), "{r:?}");
    assert!(!b.verify_passphrase(&Secret::new(PASS)).unwrap());
    assert!(b.verify_passphrase(&Secret::new(new)).unwrap());
    assert!(
        b.sync().now().await.unwrap().passphrase_from.is_none(),
        "taken once"
    );
    // B's backups no longer open with the old passphrase either.
    let e = Vault::backups_in_dir(&b_dir, &pass()).await.unwrap_err();
    assert_eq!(e.code(), glimmer::ErrorCode::WrongPassphrase);
    assert!(
        !Vault::backups_in_dir(&b_dir, &Credential::Passphrase(Secret::new(new)))
            .await
            .unwrap()
            .is_empty()
    );
    b.lock().await;
    let e = Vault::unlock(&b_dir, &pass()).await.unwrap_err();
    assert_eq!(e.code(), glimmer::ErrorCode::WrongPassphrase);
    let b = Vault::unlock(&b_dir, &Credential::Passphrase(Secret::new(new)))
        .await
        .unwrap();
    assert_eq!(bodies(&b).await, ["a wren"]);
    b.lock().await;
    a.vault.lock().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_passphrase_changes_at_once_settle_on_the_later_and_a_forged_one_is_not_taken() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    a.vault.sync().init(&folder).await.unwrap();
    let other = tempfile::tempdir().unwrap();
    let b = join(&folder, other.path(), &pass()).await.unwrap();

    // Both change it before either has synced: the one written last wins
    // on both computers.
    a.vault
        .change_passphrase(&Secret::new("chosen on the laptop"))
        .await
        .unwrap();
    b.change_passphrase(&Secret::new("chosen on the desktop"))
        .await
        .unwrap();
    a.vault.sync().now().await.unwrap();
    assert!(b.sync().now().await.unwrap().passphrase_from.is_none());
    assert!(
        a.vault
            .sync()
            .now()
            .await
            .unwrap()
            .passphrase_from
            .is_some()
    );
    for v in [&a.vault, &b] {
        assert!(
            v.verify_passphrase(&Secret::new("chosen on the desktop"))
                .unwrap()
        );
        assert!(
            !v.verify_passphrase(&Secret::new("chosen on the laptop"))
                .unwrap()
        );
        assert!(!v.sync().status().await.unwrap().passphrase_out_of_step);
    }

    // Slots put into the folder by someone without the journal's key (here:
    // another journal's, with the tag kept) are not taken; the folder gets
    // this computer's back.
    let file = folder.join("glimmer-sync.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let stranger = TempVault::new().await;
    let stranger_slots: serde_json::Value =
        serde_json::from_slice(&std::fs::read(stranger.path().join("vault.json")).unwrap())
            .unwrap();
    json["slots"] = stranger_slots["slots"].clone();
    json["slots_sha256"] = stranger_slots["slots_sha256"].clone();
    json["keys_at"] = serde_json::json!(i64::MAX / 2);
    std::fs::write(&file, serde_json::to_vec(&json).unwrap()).unwrap();
    assert!(b.sync().now().await.unwrap().passphrase_from.is_none());
    assert!(
        b.verify_passphrase(&Secret::new("chosen on the desktop"))
            .unwrap()
    );
    assert!(!b.sync().status().await.unwrap().passphrase_out_of_step);
    b.lock().await;
    a.vault.lock().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vault_copied_by_hand_to_another_place_syncs_as_a_computer_of_its_own() {
    let a = TempVault::new().await;
    let folder = a.dir.path().join("shared");
    a.vault
        .journal()
        .create(&text("before the copy"))
        .await
        .unwrap();
    a.vault.sync().init(&folder).await.unwrap();
    let TempVault { dir, vault } = a;
    vault.lock().await;
    // The vault folder copied to "another computer", as a person might.
    let copy = tempfile::tempdir().unwrap();
    let copied = copy.path().join("v");
    std::fs::create_dir(&copied).unwrap();
    for f in std::fs::read_dir(dir.path().join("v")).unwrap().flatten() {
        if f.path().is_file() {
            std::fs::copy(f.path(), copied.join(f.file_name())).unwrap();
        }
    }
    let a = Vault::unlock(dir.path().join("v"), &pass()).await.unwrap();
    let c = Vault::unlock(&copied, &pass()).await.unwrap();

    // Both write before either reads the other: nothing is lost.
    a.journal()
        .create(&text("written on the original"))
        .await
        .unwrap();
    c.journal()
        .create(&text("written on the copy"))
        .await
        .unwrap();
    for v in [&a, &c, &a, &c] {
        v.sync().now().await.unwrap();
    }
    let all = [
        "before the copy",
        "written on the copy",
        "written on the original",
    ];
    assert_eq!(bodies(&a).await, all);
    assert_eq!(bodies(&c).await, all);
    let me = |s: glimmer::sync::Status| {
        s.devices
            .into_iter()
            .find(|d| d.this_computer)
            .unwrap()
            .device
    };
    let (on_a, on_c) = (
        me(a.sync().status().await.unwrap()),
        me(c.sync().status().await.unwrap()),
    );
    assert_ne!(on_a, on_c, "the copy took an id of its own");
    // The original keeps its id when it opens in its own place again.
    a.lock().await;
    let a = Vault::unlock(dir.path().join("v"), &pass()).await.unwrap();
    a.sync().now().await.unwrap();
    assert_eq!(me(a.sync().status().await.unwrap()), on_a);
    a.lock().await;
    c.lock().await;
}
