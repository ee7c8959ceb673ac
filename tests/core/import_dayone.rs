//! Importing Day One's JSON export into real vaults: the zip built here from
//! the committed folder `tests/fixtures/import/dayone/` (two journals, one in
//! each JSON style Day One has written, a picture, entries in New York and
//! Tokyo whose local day is not their UTC day, escaped markdown, a video,
//! audio and a PDF), the folder itself, one journal file alone, a malformed
//! export, and the CLI.

use std::io::Write;
use std::path::Path;

use glimmer::import::{self, Count, Format, Options, Place};
use glimmer::journal::PictureOwner;
use glimmer::{Entry, ErrorCode};
use jiff::civil::date;

use crate::cli::{glimmer, ok_json};
use crate::import::{apply, arg, entries, fixture, local, vault_with_pass};
use crate::util::TempVault;

/// The zone entries without one are read in.
const ZONE: &str = "Europe/Berlin";
const NEW_YORK: &str = "America/New_York";
const TOKYO: &str = "Asia/Tokyo";
const PHOTO: &str = "photos/d1e60c49bf3153672eb90d2ea62e3b6d.png";

fn berlin() -> Options {
    Options {
        tz: Some(ZONE.into()),
        ..Options::default()
    }
}

/// The folder's files as Day One zips them, in `dir`.
fn zip_export(folder: &str, dir: &Path) -> std::path::PathBuf {
    fn add(zip: &mut zip::ZipWriter<std::fs::File>, root: &Path, at: &Path) {
        let mut items: Vec<_> = std::fs::read_dir(at).unwrap().flatten().collect();
        items.sort_by_key(|i| i.file_name());
        for item in items {
            let path = item.path();
            if path.is_dir() {
                add(zip, root, &path);
                continue;
            }
            let name = path.strip_prefix(root).unwrap().to_str().unwrap();
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file(name.replace('\\', "/"), opts).unwrap();
            zip.write_all(&std::fs::read(&path).unwrap()).unwrap();
        }
    }
    let path = dir.join("Export - Day One.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    add(&mut zip, &fixture(folder), &fixture(folder));
    zip.finish().unwrap();
    path
}

fn count(what: &'static str, count: usize) -> Count {
    Count { what, count }
}

fn find<'e>(es: &'e [Entry], start: &str) -> &'e Entry {
    es.iter()
        .find(|e| e.title.starts_with(start) || e.body.starts_with(start))
        .unwrap_or_else(|| panic!("no entry starts “{start}”"))
}

#[tokio::test]
async fn a_day_one_zip_with_two_journals_comes_in_with_local_times_tags_text_and_pictures() {
    let tv = TempVault::new().await;
    let zip = zip_export("dayone", tv.dir.path());
    let parsed = import::read(&zip, &berlin()).unwrap();
    let p = &parsed.preview;
    assert_eq!(p.format, Format::DayOne);
    assert_eq!((p.entries, p.checkins), (5, 0));
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!((p.pictures, p.more.len()), (1, 0));
    assert_eq!(
        p.left_behind,
        [
            count("videos", 1),
            count("audio recordings", 1),
            count("PDFs", 1),
            count("pictures not in the export", 1),
        ]
    );
    // Local days: New York's evening of the 9th, Tokyo's night of the 10th.
    assert_eq!(p.first_day, Some(date(2024, 3, 9)));
    assert_eq!(p.last_day, Some(date(2024, 3, 12)));
    assert!(
        p.time_zone.contains(NEW_YORK) && p.time_zone.contains(TOKYO),
        "{}",
        p.time_zone
    );
    let notes = p.notes.join("\n");
    for said in [
        "1 entry has no time zone Glimmer knows, so its time is read as local to Europe/Berlin",
        "“Journal” → journal, “Travel” → travel",
        "Not brought in: 1 video, 1 audio recording and 1 PDF",
        "Pictures that cannot come in: 1 not in the export.",
        "the tag “starred”",
    ] {
        assert!(notes.contains(said), "{said}: {notes}");
    }

    let report = apply(&tv, &parsed, false).await.unwrap();
    assert_eq!(
        (
            report.entries_added,
            report.pictures_added,
            report.already_there
        ),
        (5, 1, 0)
    );
    assert!(report.backup.contains("before-import"), "{}", report.backup);

    let es = entries(&tv).await;
    assert_eq!(es.len(), 5);
    // Created 2024-03-10T03:30:00Z: the evening before, in New York.
    let walk = find(&es, "Late walk");
    assert_eq!(walk.tz, NEW_YORK);
    assert_eq!(
        local(walk.created_at, NEW_YORK),
        date(2024, 3, 9).at(22, 30, 0, 0)
    );
    assert_eq!(walk.title, "Late walk");
    assert_eq!(walk.tags, ["walk", "night-time", "journal", "starred"]);
    let pictures = tv
        .vault
        .journal()
        .pictures()
        .list(PictureOwner::Entry(walk.id))
        .await
        .unwrap();
    assert_eq!(pictures.len(), 1);
    assert_eq!(pictures[0].media_type, "image/png");
    assert_eq!(
        walk.body,
        format!(
            "The streets were quiet. I counted 3-4 lit windows! (Maybe more.)\n\n{}\n\n\\- not a list, just a dash\n\n(A video was here in Day One; Glimmer brings in pictures only.)",
            pictures[0].markdown
        )
    );
    let data = tv
        .vault
        .journal()
        .pictures()
        .data(pictures[0].id)
        .await
        .unwrap();
    assert_eq!(
        data.bytes,
        std::fs::read(fixture("dayone").join(PHOTO)).unwrap()
    );

    // Created 2024-03-09T16:30:00Z: past midnight, in Tokyo.
    let tokyo = find(&es, "Tokyo, first night!");
    assert_eq!(
        local(tokyo.created_at, TOKYO),
        date(2024, 3, 10).at(1, 30, 0, 0)
    );
    assert_eq!(tokyo.tags, ["food", "travel"]);
    assert_eq!(
        tokyo.body,
        "Ramen at 1 a.m. The sign said `OPEN 24h\\.` and meant it.\n\n\
         (An audio recording was here in Day One; Glimmer brings in pictures only.)\n\n\
         (A PDF was here in Day One; Glimmer brings in pictures only.)"
    );
    let kyoto = find(&es, "Train to Kyoto");
    assert_eq!(kyoto.title, "");
    assert_eq!(
        kyoto.body, "Train to Kyoto. *Tired* but \\*happy\\*.",
        "an escape that keeps a star a star stays"
    );
    assert_eq!(
        local(kyoto.created_at, TOKYO),
        date(2024, 3, 11).at(18, 0, 0, 512_000_000)
    );
    assert_eq!(kyoto.tags, ["travel"]);

    // No zone in Day One: the person's.
    let tea = find(&es, "Tea in the afternoon");
    assert_eq!(
        (tea.tz.as_str(), tea.body.as_str()),
        (ZONE, "Tea in the afternoon. Nothing else.")
    );
    assert_eq!(
        local(tea.created_at, ZONE),
        date(2024, 3, 11).at(13, 0, 0, 0)
    );
    // No text, and its picture not in the export: the entry says so.
    let missing = find(&es, "(A picture was here");
    assert_eq!(
        missing.body,
        "(A picture was here in Day One, but it was not in the export.)"
    );

    // Found like any entry.
    let q = glimmer::journal::SearchQuery {
        text: "ramen".into(),
        ..Default::default()
    };
    assert_eq!(tv.vault.journal().search(&q).await.unwrap().hits.len(), 1);
}

#[tokio::test]
async fn the_same_export_twice_as_zip_or_folder_adds_nothing() {
    let tv = TempVault::new().await;
    let zip = zip_export("dayone", tv.dir.path());
    apply(&tv, &import::read(&zip, &berlin()).unwrap(), false)
        .await
        .unwrap();
    for again in [zip.clone(), fixture("dayone")] {
        let report = apply(&tv, &import::read(&again, &berlin()).unwrap(), false)
            .await
            .unwrap();
        assert_eq!(
            (
                report.entries_added,
                report.pictures_added,
                report.already_there
            ),
            (0, 0, 5),
            "{}",
            again.display()
        );
    }
    let es = entries(&tv).await;
    assert_eq!(es.len(), 5);
    let walk = find(&es, "Late walk");
    let pictures = tv.vault.journal().pictures();
    assert_eq!(
        pictures
            .list(PictureOwner::Entry(walk.id))
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn the_extracted_folder_imports_as_the_zip_does() {
    let tv = TempVault::new().await;
    let parsed = import::read(&fixture("dayone"), &berlin()).unwrap();
    assert_eq!(parsed.preview.format, Format::DayOne);
    assert_eq!(parsed.preview.entries, 5);
    let report = apply(&tv, &parsed, false).await.unwrap();
    assert_eq!((report.entries_added, report.pictures_added), (5, 1));
    let es = entries(&tv).await;
    let walk = find(&es, "Late walk");
    assert!(walk.body.contains("](picture:"), "{}", walk.body);
}

#[tokio::test]
async fn one_journal_file_alone_is_named_by_its_file_when_there_is_one() {
    let path = fixture("dayone/Travel.json");
    let named = import::read(&path, &berlin()).unwrap();
    assert_eq!(named.preview.format, Format::DayOne);
    assert_eq!(named.preview.entries, 2);
    let tv = TempVault::new().await;
    apply(&tv, &named, false).await.unwrap();
    assert_eq!(find(&entries(&tv).await, "Tokyo").tags, ["food", "travel"]);

    // As bytes alone: no name, so no journal tag, and it says so.
    let bytes = std::fs::read(&path).unwrap();
    let unnamed = import::parse(&bytes, &berlin()).unwrap();
    assert_eq!(unnamed.preview.format, Format::DayOne);
    assert!(
        unnamed
            .preview
            .notes
            .iter()
            .any(|n| n.contains("no journal tag")),
        "{:?}",
        unnamed.preview.notes
    );
    let tv = TempVault::new().await;
    apply(&tv, &unnamed, false).await.unwrap();
    assert_eq!(find(&entries(&tv).await, "Tokyo").tags, ["food"]);

    // And a journal whose picture is not beside it says so in words.
    let journal = import::read(&fixture("dayone/Journal.json"), &berlin()).unwrap();
    assert_eq!(journal.preview.pictures, 0);
    assert!(
        journal
            .preview
            .left_behind
            .contains(&count("pictures not in the export", 2))
    );
}

#[tokio::test]
async fn a_malformed_entry_is_named_with_its_journal_and_stops_the_import_unless_the_rest_is_chosen()
 {
    let tv = TempVault::new().await;
    let dir = tempfile::tempdir().unwrap();
    let zip = zip_export("dayone-malformed", dir.path());
    let parsed = import::read(&zip, &berlin()).unwrap();
    let places: Vec<Place> = parsed
        .preview
        .problems
        .iter()
        .map(|p| p.place.clone())
        .collect();
    let at = |entry| Place::JournalEntry {
        journal: "Journal.json".into(),
        entry,
    };
    assert_eq!(places, [at(2), at(3)]);
    assert!(
        parsed.preview.problems[0].message.contains("“yesterday”"),
        "{:?}",
        parsed.preview.problems
    );

    let e = apply(&tv, &parsed, false).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("entry 2 of Journal.json"), "{e}");
    assert!(e.to_string().contains("Nothing was imported"), "{e}");
    assert!(entries(&tv).await.is_empty());
    assert!(tv.vault.backups().await.is_empty(), "no backup for nothing");

    let report = apply(&tv, &parsed, true).await.unwrap();
    assert_eq!((report.entries_added, report.left_out), (2, 2));
    let bodies: Vec<String> = entries(&tv).await.into_iter().map(|e| e.body).collect();
    assert_eq!(bodies, ["Porridge, then the bus.", "Rain all evening."]);
}

#[test]
fn what_is_not_a_day_one_export_is_refused_with_what_to_choose() {
    let dir = tempfile::tempdir().unwrap();
    // A folder of something else.
    std::fs::write(dir.path().join("notes.txt"), "hello").unwrap();
    let e = import::read(dir.path(), &Options::default()).unwrap_err();
    assert!(e.to_string().contains("not a Day One export"), "{e}");
    // A folder, named as another format.
    let daylio = Options {
        from: Some(Format::Daylio),
        ..Options::default()
    };
    let e = import::read(dir.path(), &daylio).unwrap_err();
    assert!(e.to_string().contains("is a folder"), "{e}");
    // A zip of something else.
    let path = dir.path().join("other.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    zip.finish().unwrap();
    let e = import::read(&path, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("not a Day One export"), "{e}");
    // A zip cut short.
    let cut = dir.path().join("cut.zip");
    let whole = std::fs::read(zip_export("dayone", dir.path())).unwrap();
    std::fs::write(&cut, &whole[..whole.len() / 2]).unwrap();
    let e = import::read(&cut, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("could not be opened"), "{e}");
}

#[test]
fn cli_previews_and_imports_a_day_one_export() {
    let (dir, v, p) = vault_with_pass();
    let zip = zip_export("dayone", dir.path());
    let preview = ok_json(glimmer(
        &v,
        "wrong passphrase",
        &["import", arg(&zip), "--dry-run", "--json", "--tz", ZONE],
        None,
    ));
    assert_eq!(preview["format"], "dayone");
    assert_eq!(preview["entries"], 5);
    let text = glimmer(
        &v,
        p,
        &["import", arg(&zip), "--dry-run", "--tz", ZONE],
        None,
    );
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(
        said.contains(
            "This Day One export holds 5 journal entries, 1 picture, from 2024-03-09 to 2024-03-12."
        ),
        "{said}"
    );
    assert!(said.contains("Not brought in: 1 video"), "{said}");

    let folder = fixture("dayone");
    let done = ok_json(glimmer(
        &v,
        p,
        &[
            "import",
            arg(&folder),
            "--from",
            "dayone",
            "--yes",
            "--json",
            "--tz",
            ZONE,
        ],
        None,
    ));
    assert_eq!(done["imported"]["entries_added"], 5);
    assert_eq!(done["imported"]["pictures_added"], 1);
    let said = glimmer(&v, p, &["import", arg(&zip), "--yes", "--tz", ZONE], None);
    let said = String::from_utf8_lossy(&said.stdout);
    assert!(
        said.contains("5 records already in your vault stayed as they were"),
        "{said}"
    );

    let refused = glimmer(&v, p, &["import", arg(dir.path()), "--yes"], None);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("not a Day One export"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

#[tokio::test]
async fn pictures_that_cannot_be_kept_leave_words_in_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir_all(export.join("photos")).unwrap();
    std::fs::write(
        export.join("Journal.json"),
        r#"{"metadata": {"version": "1.0"}, "entries": [{"uuid": "B0", "creationDate": "2024-06-01T10:00:00Z", "timeZone": "Europe/Paris", "text": "Two: ![](dayone-moment://BIG) and ![](dayone-moment://ODD)", "photos": [{"identifier": "BIG", "md5": "aaaa", "type": "jpeg"}, {"identifier": "ODD", "md5": "bbbb", "type": "heic"}]}]}"#,
    )
    .unwrap();
    // Sparse: larger than a picture may be, without using the disk.
    std::fs::File::create(export.join("photos/aaaa.jpeg"))
        .unwrap()
        .set_len(glimmer::journal::MAX_PICTURE_BYTES as u64 + 1)
        .unwrap();
    std::fs::write(export.join("photos/bbbb.heic"), b"not a picture at all").unwrap();
    let parsed = import::read(&export, &berlin()).unwrap();
    assert_eq!(parsed.preview.pictures, 0);
    assert_eq!(
        parsed.preview.left_behind,
        [
            count("pictures too large to keep", 1),
            count("pictures of a kind Glimmer cannot keep", 1)
        ]
    );
    let tv = TempVault::new().await;
    let report = apply(&tv, &parsed, false).await.unwrap();
    assert_eq!((report.entries_added, report.pictures_added), (1, 0));
    assert_eq!(
        entries(&tv).await[0].body,
        "Two: (A picture was here in Day One; it is larger than Glimmer keeps, 20 MB.) and \
         (A picture was here in Day One, in a kind of file Glimmer cannot keep.)"
    );
}
