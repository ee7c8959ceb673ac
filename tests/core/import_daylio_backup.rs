//! Importing Daylio's backup (`.daylio`) into real vaults: the zip built here
//! from the committed diary `tests/fixtures/import/daylio-backup/diary.json`
//! (written in base64 over lines, as Daylio does) and its picture, a
//! backup that is not one, and the CLI.

use std::io::Write;
use std::path::{Path, PathBuf};

use glimmer::import::{self, Count, Format, MoodFound, MoodSource, Options, Place};
use glimmer::journal::PictureOwner;
use glimmer::{Entry, ErrorCode};
use jiff::civil::date;

use crate::cli::{glimmer, ok_json};
use crate::import::{apply, arg, entries, fixture, local, vault_with_pass};
use crate::util::TempVault;

const ZONE: &str = "Europe/Berlin";

fn berlin() -> Options {
    Options {
        tz: Some(ZONE.into()),
        ..Options::default()
    }
}

/// A zip of `diary` (its base64 in lines of 76, as Daylio writes it) and
/// the fixture's pictures, as Daylio's backup is.
fn backup_bytes(diary: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("backup.daylio", opts).unwrap();
    let text = data_encoding::BASE64.encode(diary);
    for line in text.as_bytes().chunks(76) {
        zip.write_all(line).unwrap();
        zip.write_all(b"\n").unwrap();
    }
    let photos = fixture("daylio-backup/assets/photos/2024/11");
    for item in std::fs::read_dir(&photos).unwrap().flatten() {
        let name = item.file_name();
        zip.start_file(
            format!("assets/photos/2024/11/{}", name.to_str().unwrap()),
            opts,
        )
        .unwrap();
        zip.write_all(&std::fs::read(item.path()).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn diary() -> Vec<u8> {
    std::fs::read(fixture("daylio-backup/diary.json")).unwrap()
}

/// The fixture's backup as a file in `dir`.
fn backup_file(dir: &Path) -> PathBuf {
    let path = dir.join("backup_2025_01_01.daylio");
    std::fs::write(&path, backup_bytes(&diary())).unwrap();
    path
}

fn find<'e>(es: &'e [Entry], start: &str) -> &'e Entry {
    es.iter()
        .find(|e| e.title.starts_with(start) || e.body.starts_with(start))
        .unwrap_or_else(|| panic!("no entry starts “{start}”"))
}

fn mood(name: &str, count: usize, level: i8, source: MoodSource) -> MoodFound {
    MoodFound {
        name: name.into(),
        count,
        level: Some(level),
        source,
    }
}

#[tokio::test]
async fn a_backup_comes_in_with_its_moods_levels_local_times_tags_and_pictures() {
    let tv = TempVault::new().await;
    let path = backup_file(tv.dir.path());
    let parsed = import::read(&path, &berlin()).unwrap();
    let p = &parsed.preview;
    assert_eq!(p.format, Format::DaylioBackup);
    assert_eq!((p.entries, p.checkins, p.pictures), (3, 4, 1));
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.first_day, Some(date(2024, 3, 14)));
    assert_eq!(p.last_day, Some(date(2024, 12, 31)));
    // The person's own names at their group's place; Daylio's own as its defaults.
    assert_eq!(
        p.moods,
        [
            mood("foggy", 1, -2, MoodSource::Group),
            mood("glowing", 1, 3, MoodSource::Group),
            mood("good", 1, 2, MoodSource::Default),
            mood("meh", 1, 0, MoodSource::Default),
        ]
    );
    assert!(p.unmapped().is_empty());
    assert_eq!(
        p.left_behind,
        [
            Count {
                what: "goals",
                count: 1
            },
            Count {
                what: "pictures not in the export",
                count: 1
            },
        ]
    );
    assert!(p.time_zone.contains(ZONE), "{}", p.time_zone);
    let notes = p.notes.join("\n");
    for said in [
        "Daylio's goals (1) are not imported",
        "Pictures that cannot come in: 1 not in the export.",
        "the tag “starred”",
        "importing both it and this backup brings the same days in twice",
    ] {
        assert!(notes.contains(said), "{said}: {notes}");
    }

    let report = apply(&tv, &parsed, false).await.unwrap();
    assert_eq!(
        (
            report.entries_added,
            report.checkins_added,
            report.pictures_added,
            report.already_there
        ),
        (3, 4, 1, 0)
    );

    let es = entries(&tv).await;
    assert_eq!(es.len(), 3);
    let river = find(&es, "A good day");
    assert_eq!(river.body, "Walked by the river.\nThen *tea* & cake.");
    assert_eq!(river.tags, ["walk", "friends"]);
    assert_eq!(river.tz, ZONE);
    assert_eq!(
        local(river.created_at, ZONE),
        date(2024, 3, 14).at(20, 15, 0, 0)
    );

    // Month 10 counted from 0 is November; the entry is its picture alone.
    let photo = es.iter().find(|e| e.body.contains("](picture:")).unwrap();
    assert_eq!(
        local(photo.created_at, ZONE),
        date(2024, 11, 30).at(8, 5, 0, 0)
    );
    assert_eq!(photo.tags, ["movies-tv", "starred"]);
    let pictures = tv
        .vault
        .journal()
        .pictures()
        .list(PictureOwner::Entry(photo.id))
        .await
        .unwrap();
    assert_eq!(pictures.len(), 1);
    assert_eq!(pictures[0].media_type, "image/png");
    assert!(
        photo.body.contains(&pictures[0].id.to_string()),
        "{}",
        photo.body
    );

    // Month 11 is December; its picture is not in the backup.
    let quiet = find(&es, "Quiet evening.");
    assert_eq!(
        local(quiet.created_at, ZONE),
        date(2024, 12, 24).at(23, 40, 0, 0)
    );
    assert_eq!(
        quiet.body,
        "Quiet evening.\n\n(A picture was here in Daylio, but it was not in the export.)"
    );
    assert!(quiet.tags.is_empty());

    let checkins = tv.vault.checkins().between(None, None).await.unwrap();
    let mut levels: Vec<(jiff::civil::DateTime, Option<i8>, String)> = checkins
        .iter()
        .map(|c| (local(c.created_at, ZONE), c.mood, c.note.clone()))
        .collect();
    levels.sort_by_key(|l| l.0);
    assert_eq!(
        levels,
        [
            (
                date(2024, 3, 14).at(20, 15, 0, 0),
                Some(3),
                "Activities: walk, friends".into()
            ),
            (
                date(2024, 11, 30).at(8, 5, 0, 0),
                Some(-2),
                "Activities: movies / tv".into()
            ),
            (date(2024, 12, 24).at(23, 40, 0, 0), Some(2), String::new()),
            (
                date(2024, 12, 31).at(10, 0, 0, 0),
                Some(0),
                "Activities: walk".into()
            ),
        ]
    );
}

#[tokio::test]
async fn the_same_backup_twice_as_a_file_or_its_bytes_adds_nothing() {
    let tv = TempVault::new().await;
    let path = backup_file(tv.dir.path());
    apply(&tv, &import::read(&path, &berlin()).unwrap(), false)
        .await
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    for again in [
        import::read(&path, &berlin()).unwrap(),
        import::parse(&bytes, &berlin()).unwrap(),
    ] {
        assert_eq!(again.preview.format, Format::DaylioBackup);
        let report = apply(&tv, &again, false).await.unwrap();
        assert_eq!(
            (
                report.entries_added,
                report.checkins_added,
                report.pictures_added,
                report.already_there
            ),
            (0, 0, 0, 7)
        );
    }
    assert_eq!(entries(&tv).await.len(), 3);
}

#[tokio::test]
async fn your_own_mapping_comes_before_the_group() {
    let opts = Options {
        mood_map: import::parse_mood_map("foggy=-1").unwrap(),
        ..berlin()
    };
    let parsed = import::parse(&backup_bytes(&diary()), &opts).unwrap();
    let foggy = parsed
        .preview
        .moods
        .iter()
        .find(|m| m.name == "foggy")
        .unwrap();
    assert_eq!((foggy.level, foggy.source), (Some(-1), MoodSource::Yours));
}

#[test]
fn what_is_not_a_backup_is_refused_in_plain_words() {
    let daylio = Options {
        from: Some(Format::DaylioBackup),
        ..berlin()
    };
    let refused = |bytes: &[u8]| import::parse(bytes, &daylio).unwrap_err();

    let e = refused(b"hello");
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("not a Daylio backup"), "{e}");

    let whole = backup_bytes(&diary());
    let e = refused(&whole[..whole.len() / 2]);
    assert!(e.to_string().contains("could not be opened"), "{e}");
    assert!(e.to_string().contains("Daylio again"), "{e}");

    let e = refused(&backup_bytes(b"this is not JSON"));
    assert!(e.to_string().contains("could not be read"), "{e}");
    assert!(e.to_string().contains("Nothing was imported"), "{e}");

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("backup.daylio", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"{not base64}").unwrap();
    let e = refused(&zip.finish().unwrap().into_inner());
    assert!(e.to_string().contains("not the base64 text"), "{e}");

    // A Day One zip named as a Daylio backup.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("Journal.json", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(br#"{"metadata":{},"entries":[]}"#).unwrap();
    let e = refused(&zip.finish().unwrap().into_inner());
    assert!(e.to_string().contains("not a Daylio backup"), "{e}");
}

#[test]
fn an_entry_that_cannot_be_read_is_named_and_the_rest_come_in() {
    let mut diary: serde_json::Value = serde_json::from_slice(&diary()).unwrap();
    let list = diary["dayEntries"].as_array_mut().unwrap();
    list[1]["month"] = 12.into();
    list[2]["mood"] = 99.into();
    let bytes = backup_bytes(&serde_json::to_vec(&diary).unwrap());
    let parsed = import::parse(&bytes, &berlin()).unwrap();
    let places: Vec<&Place> = parsed.preview.problems.iter().map(|p| &p.place).collect();
    assert_eq!(places, [&Place::Entry(2), &Place::Entry(3)]);
    assert!(
        parsed.preview.problems[1].message.contains("mood"),
        "{:?}",
        parsed.preview.problems
    );
    assert_eq!((parsed.preview.entries, parsed.preview.checkins), (1, 2));
    assert!(parsed.ready(false).is_err());
    assert!(parsed.ready(true).is_ok());
}

#[test]
fn cli_previews_and_imports_a_backup() {
    let (dir, v, p) = vault_with_pass();
    let path = backup_file(dir.path());
    let preview = ok_json(glimmer(
        &v,
        "wrong passphrase",
        &["import", arg(&path), "--dry-run", "--json", "--tz", ZONE],
        None,
    ));
    assert_eq!(preview["format"], "daylio_backup");
    assert_eq!(preview["checkins"], 4);
    let text = glimmer(
        &v,
        p,
        &["import", arg(&path), "--dry-run", "--tz", ZONE],
        None,
    );
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(said.contains("This Daylio backup file holds"), "{said}");
    assert!(said.contains("+3, from its group in Daylio"), "{said}");
    let done = ok_json(glimmer(
        &v,
        p,
        &[
            "import",
            arg(&path),
            "--from",
            "daylio-backup",
            "--yes",
            "--json",
            "--tz",
            ZONE,
        ],
        None,
    ));
    assert_eq!(done["imported"]["entries_added"], 3);
    assert_eq!(done["imported"]["pictures_added"], 1);
}
