//! Importing from Daylio, jrnl and Glimmer's own export into real vaults,
//! with fixtures made by hand (`tests/fixtures/import/`), and the CLI.
//! Day One has its own file (`import_dayone.rs`), with these helpers.

use std::path::{Path, PathBuf};

use glimmer::activation::{ActivityInput, LifeArea, NewPlan, OccurrenceId, Outcome};
use glimmer::checkin::{Checkin, CheckinInput};
use glimmer::export::{self, FileFormat};
use glimmer::import::{self, Format, ImportReport, MoodFound, MoodSource, Options, Parsed, Place};
use glimmer::journal::{DraftInput, NewPicture, Picture, PictureOwner};
use glimmer::mindful::{BellSound, Bells, NewSession, PresetInput};
use glimmer::safety::SafetyPlan;
use glimmer::{Entry, ErrorCode, Kind, NewEntry, Settings};
use jiff::civil::{DateTime, date, time};
use jiff::tz::TimeZone;

use crate::cli::{glimmer, ok_json};
use crate::util::{TempVault, text};

const ZONE: &str = "Europe/Berlin";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn berlin() -> Options {
    Options {
        tz: Some(ZONE.into()),
        ..Options::default()
    }
}

fn read(name: &str, opts: &Options) -> Parsed {
    import::read(&fixture(name), opts).unwrap()
}

pub async fn apply(
    tv: &TempVault,
    parsed: &Parsed,
    skip_bad: bool,
) -> glimmer::Result<ImportReport> {
    tv.vault.import(parsed, skip_bad, &mut |_| {}).await
}

/// Every entry, oldest first.
pub async fn entries(tv: &TempVault) -> Vec<Entry> {
    let page = tv.vault.journal().list(500, None).await.unwrap();
    let mut all = Vec::new();
    for s in page.items.iter().rev() {
        all.push(tv.vault.journal().get(&s.id.to_string()).await.unwrap());
    }
    all
}

async fn checkins(tv: &TempVault) -> Vec<Checkin> {
    tv.vault.checkins().between(None, None).await.unwrap()
}

/// What the preview says of one mood name.
fn mood<'p>(parsed: &'p Parsed, name: &str) -> &'p MoodFound {
    parsed
        .preview
        .moods
        .iter()
        .find(|m| m.name == name)
        .unwrap()
}

pub fn local(t: jiff::Timestamp, tz: &str) -> DateTime {
    t.to_zoned(TimeZone::get(tz).unwrap()).datetime()
}

#[tokio::test]
async fn daylio_2018_with_fugly_and_12_hour_times() {
    let tv = TempVault::new().await;
    let parsed = read("daylio-2018.csv", &berlin());
    assert_eq!(parsed.preview.format, Format::Daylio);
    assert_eq!((parsed.preview.entries, parsed.preview.checkins), (2, 3));
    assert_eq!(parsed.preview.first_day, Some(date(2018, 5, 18)));
    assert_eq!(parsed.preview.last_day, Some(date(2018, 5, 20)));
    assert!(parsed.preview.time_zone.contains(ZONE));
    let fugly = mood(&parsed, "fugly");
    assert_eq!((fugly.level, fugly.source), (Some(-2), MoodSource::Default));

    let report = apply(&tv, &parsed, false).await.unwrap();
    assert_eq!((report.entries_added, report.checkins_added), (2, 3));
    assert!(report.backup.contains("before-import"), "{}", report.backup);
    let listed = tv.vault.backups().await;
    assert!(listed.iter().any(|b| b.reason == "before-import"));

    let cs = checkins(&tv).await;
    let moods: Vec<_> = cs.iter().map(|c| c.mood).collect();
    assert_eq!(moods, [Some(0), Some(-2), Some(3)]);
    assert_eq!(
        cs.iter()
            .map(|c| local(c.created_at, &c.tz))
            .collect::<Vec<_>>(),
        [
            date(2018, 5, 18).at(7, 15, 0, 0),
            date(2018, 5, 19).at(11, 5, 0, 0),
            date(2018, 5, 20).at(21, 40, 0, 0),
        ]
    );
    assert!(cs.iter().all(|c| c.tz == ZONE && c.intensity.is_none()));
    assert_eq!(cs[2].note, "Activities: friends, cooking, music");

    let es = entries(&tv).await;
    assert_eq!(es.len(), 2);
    let dal = &es[1];
    assert_eq!(dal.body, "Cooked dal with Priya, we sang badly.");
    assert_eq!(dal.tags, ["friends", "cooking", "music"]);
    assert_eq!(dal.kind, Kind::Entry);
    // The entry and its check-in share their instant: nothing else links them.
    assert_eq!(dal.created_at, cs[2].created_at);
}

#[tokio::test]
async fn daylio_2019_and_2021_layouts_with_html_a_bom_and_a_multi_line_note() {
    let tv = TempVault::new().await;
    let r2019 = apply(&tv, &read("daylio-2019.csv", &berlin()), false)
        .await
        .unwrap();
    assert_eq!((r2019.entries_added, r2019.checkins_added), (2, 3));
    let r2021 = apply(&tv, &read("daylio-2021.csv", &berlin()), false)
        .await
        .unwrap();
    assert_eq!((r2021.entries_added, r2021.checkins_added), (3, 3));

    let es = entries(&tv).await;
    let by_title = |t: &str| es.iter().find(|e| e.title == t).unwrap();
    // Each entry's text and local time, as Daylio had them.
    let written = |e: &Entry, body: &str, at: DateTime| {
        assert_eq!(e.body, body);
        assert_eq!(local(e.created_at, ZONE), at, "{body}");
    };
    let sick = es.iter().find(|e| e.body.starts_with("Could not")).unwrap();
    written(
        sick,
        "Could not get out of bed & called in sick.",
        date(2019, 11, 2).at(8, 5, 0, 0),
    );
    let flat = by_title("A flat evening");
    written(
        flat,
        "Watched something.\nFelt far away from it.\n\nTea helped — a bit.",
        date(2021, 9, 28).at(22, 0, 0, 0),
    );
    assert_eq!(flat.tags, ["movies-tv", "tired"]);
    written(
        by_title("Lunch with Jo"),
        "We laughed so hard\nthe waiter came over.\n\nGood day.",
        date(2021, 9, 27).at(13, 20, 0, 0),
    );

    // 02:30 did not exist in Berlin that night: it moves forward to 03:30.
    let clocks = by_title("Clocks changed");
    assert_eq!(
        local(clocks.created_at, ZONE),
        date(2024, 3, 31).at(3, 30, 0, 0)
    );

    // Searchable like any entry.
    let q = glimmer::journal::SearchQuery {
        text: "waiter".into(),
        ..Default::default()
    };
    assert_eq!(tv.vault.journal().search(&q).await.unwrap().hits.len(), 1);
}

#[tokio::test]
async fn the_same_file_twice_adds_nothing() {
    let tv = TempVault::new().await;
    let parsed = read("daylio-2021.csv", &berlin());
    apply(&tv, &parsed, false).await.unwrap();
    let again = apply(&tv, &read("daylio-2021.csv", &berlin()), false)
        .await
        .unwrap();
    assert_eq!((again.entries_added, again.checkins_added), (0, 0));
    assert_eq!(again.already_there, 6);
    assert_eq!(entries(&tv).await.len(), 3);
    assert_eq!(checkins(&tv).await.len(), 3);

    // jrnl's two timestamp styles name the same entries.
    apply(&tv, &read("jrnl-24h.txt", &berlin()), false)
        .await
        .unwrap();
    let twelve = apply(&tv, &read("jrnl-12h.txt", &berlin()), false)
        .await
        .unwrap();
    assert_eq!((twelve.entries_added, twelve.already_there), (0, 2));
}

#[tokio::test]
async fn a_custom_mood_waits_for_the_persons_mapping() {
    let tv = TempVault::new().await;
    let parsed = read("daylio-scales.csv", &berlin());
    let sleepy = mood(&parsed, "sleepy");
    assert_eq!(
        (sleepy.count, sleepy.level, sleepy.source),
        (2, None, MoodSource::Missing)
    );
    assert_eq!(parsed.preview.unmapped(), ["sleepy"]);
    let e = apply(&tv, &parsed, true).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("sleepy"), "{e}");
    assert!(checkins(&tv).await.is_empty());
    assert!(tv.vault.backups().await.is_empty(), "no backup for nothing");

    let opts = Options {
        mood_map: import::parse_mood_map("Sleepy=-1").unwrap(),
        ..berlin()
    };
    let parsed = read("daylio-scales.csv", &opts);
    let sleepy = mood(&parsed, "sleepy");
    assert_eq!((sleepy.level, sleepy.source), (Some(-1), MoodSource::Yours));
    apply(&tv, &parsed, false).await.unwrap();
    let cs = checkins(&tv).await;
    assert_eq!(
        cs.iter().map(|c| c.mood).collect::<Vec<_>>(),
        [Some(-1), Some(2), Some(-1)]
    );
    assert_eq!(
        local(cs[2].created_at, ZONE),
        date(2025, 2, 14).at(10, 4, 0, 0)
    );
    assert_eq!(
        cs[2].note,
        "Activities: sleep early, tea\nScales: Energy: 2"
    );
    assert_eq!(
        local(cs[1].created_at, ZONE),
        date(2025, 2, 13).at(21, 15, 0, 0)
    );
    assert_eq!(cs[0].note, "");
}

#[tokio::test]
async fn a_malformed_row_is_named_and_stops_the_import_unless_the_rest_is_chosen() {
    let tv = TempVault::new().await;
    let parsed = read("daylio-malformed.csv", &berlin());
    let places: Vec<Place> = parsed
        .preview
        .problems
        .iter()
        .map(|p| p.place.clone())
        .collect();
    assert_eq!(places, [Place::Line(3), Place::Line(4)]);
    assert!(parsed.preview.problems[0].message.contains("25:61"));

    let e = apply(&tv, &parsed, false).await.unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
    assert!(e.to_string().contains("Nothing was imported"), "{e}");
    assert!(entries(&tv).await.is_empty() && checkins(&tv).await.is_empty());

    let report = apply(&tv, &parsed, true).await.unwrap();
    assert_eq!(
        (report.entries_added, report.checkins_added, report.left_out),
        (1, 1, 2)
    );
    assert_eq!(entries(&tv).await[0].body, "Weeded the beans.");
}

#[tokio::test]
async fn jrnl_json_and_both_text_styles() {
    for name in ["jrnl.json", "jrnl-24h.txt", "jrnl-12h.txt"] {
        let tv = TempVault::new().await;
        let parsed = read(name, &berlin());
        assert_eq!(parsed.preview.format, Format::Jrnl, "{name}");
        assert!(
            parsed.preview.problems.is_empty(),
            "{name}: {:?}",
            parsed.preview.problems
        );
        let report = apply(&tv, &parsed, false).await.unwrap();
        assert_eq!(report.entries_added, 2, "{name}");
        let es = entries(&tv).await;
        assert_eq!(es[0].title, "Walked to the river.", "{name}");
        assert_eq!(es[0].body, "The water was high and brown. @river", "{name}");
        assert_eq!(es[0].tags, ["river", "starred"], "{name}");
        assert_eq!(
            local(es[0].created_at, ZONE),
            date(2024, 1, 2).at(8, 15, 0, 0)
        );
        assert_eq!(es[1].title, "Tea with Sam", "{name}");
        assert_eq!(es[1].tags, ["sam"], "{name}");
        assert_eq!(
            local(es[1].created_at, ZONE),
            date(2024, 1, 3).at(17, 40, 0, 0)
        );
    }
    // The export and the journal file name the same entries.
    let tv = TempVault::new().await;
    apply(&tv, &read("jrnl.json", &berlin()), false)
        .await
        .unwrap();
    let text = apply(&tv, &read("jrnl-24h.txt", &berlin()), false)
        .await
        .unwrap();
    assert_eq!((text.entries_added, text.already_there), (0, 2));
    assert_eq!(
        entries(&tv).await[1].body,
        "We talked about nothing much, and it was good. @sam\n\nIt rained on the way home."
    );
}

#[test]
fn an_encrypted_jrnl_journal_says_how_to_decrypt_it() {
    for opts in [
        Options::default(),
        Options {
            from: Some(Format::Jrnl),
            ..Options::default()
        },
    ] {
        let e = import::read(&fixture("jrnl-encrypted.txt"), &opts).unwrap_err();
        assert!(e.to_string().contains("jrnl --decrypt"), "{e}");
    }
}

/// `start`, `x`s up to byte 4095, an "é" across the 4 KiB that recognising
/// a file reads, then `end`.
fn across_4_kib(start: &str, end: &str) -> String {
    let text = format!("{start}{}é{end}", "x".repeat(4095 - start.len()));
    assert!(!text.is_char_boundary(4096));
    text
}

/// A long file is recognised whichever character its first 4 KiB end in;
/// one cut in two there used to make it "not a file Glimmer recognises".
#[test]
fn a_long_file_is_recognised_wherever_its_first_4_kib_end() {
    let daylio = across_4_kib(
        "full_date,date,weekday,time,mood,activities,note\n2024-05-02,2 May,Thursday,20:15,good,\"\",\"",
        "\"\n",
    );
    let jrnl_text = across_4_kib("[2024-05-02 20:15] A long one\n", "\n");
    let jrnl_json = across_4_kib(
        r#"{"entries": [{"title": "A long one", "body": ""#,
        r#"", "date": "2024-05-02", "time": "20:15"}]}"#,
    );
    for (text, format) in [
        (daylio, Format::Daylio),
        (jrnl_text, Format::Jrnl),
        (jrnl_json, Format::Jrnl),
    ] {
        let parsed = import::parse(text.as_bytes(), &berlin()).unwrap();
        assert_eq!(parsed.preview.format, format);
        assert_eq!(parsed.preview.entries, 1);
    }
}

#[test]
fn a_file_far_larger_than_any_export_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    // Sparse: no disk is used, and the refusal must come before reading.
    let f = std::fs::File::create(&path).unwrap();
    f.set_len(import::MAX_FILE_BYTES + 1).unwrap();
    let e = import::read(&path, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("far larger than any export"), "{e}");
}

/// A PNG signature and then `marker`, as the vault takes it.
fn png(marker: &str) -> Vec<u8> {
    [b"\x89PNG\r\n\x1a\n".as_slice(), marker.as_bytes()].concat()
}

/// The pictures [`everything`] adds, by what they are.
struct Pictured {
    shown: Picture,
    removed: Picture,
    in_trash: Picture,
}

/// A vault with something in every part Glimmer JSON carries: pictures in
/// an entry (one shown in its text, one removed), in an entry in the trash,
/// and in a draft (not carried, as drafts are not).
async fn everything(tv: &TempVault) -> Pictured {
    let v = &tv.vault;
    let j = v.journal();
    let morning = j
        .create(&NewEntry {
            title: "Morning".into(),
            body: "Light on the *wall*.".into(),
            tags: vec!["light".into(), "home".into()],
            ..NewEntry::default()
        })
        .await
        .unwrap();
    let add = async |owner, marker: &str, description: &str| {
        j.pictures()
            .add(&NewPicture {
                owner,
                bytes: &png(marker),
                description,
                id: None,
            })
            .await
            .unwrap()
    };
    let shown = add(
        PictureOwner::Entry(morning.id),
        "the wall at seven",
        "Sun on the wall",
    )
    .await;
    j.update(
        &morning.id.to_string(),
        &glimmer::EntryPatch {
            body: Some(format!("Light on the *wall*.\n\n{}", shown.markdown)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let removed = add(PictureOwner::Entry(morning.id), "blurred", "").await;
    let removed = j.pictures().remove(removed.id).await.unwrap();
    let glimmer = j
        .create(&NewEntry {
            kind: Kind::Glimmer,
            body: "A robin, close.".into(),
            intensity: Some(6),
            tz: Some("Asia/Tokyo".into()),
            ..NewEntry::default()
        })
        .await
        .unwrap();
    let gone = j
        .create(&NewEntry {
            body: "Moved to the trash.".into(),
            ..NewEntry::default()
        })
        .await
        .unwrap();
    let in_trash = add(PictureOwner::Entry(gone.id), "gone too", "").await;
    j.trash(&gone.id.to_string()).await.unwrap();
    let draft = j
        .save_draft(&DraftInput {
            body: "Half a thought".into(),
            ..DraftInput::default()
        })
        .await
        .unwrap();
    add(PictureOwner::Draft(draft.id), "unsaved", "").await;
    j.update(
        &glimmer.id.to_string(),
        &glimmer::EntryPatch {
            tags: Some(vec!["bird".into()]),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    v.checkins()
        .create(&CheckinInput {
            mood: Some(-1),
            intensity: Some(3),
            energy: Some(4),
            emotions: vec!["flat".into(), "tired".into()],
            body_areas: vec!["chest".into()],
            note: "Slow day.".into(),
            created_at: None,
        })
        .await
        .unwrap();
    v.assessments()
        .record_phq9(&[1, 1, 0, 2, 1, 0, 1, 0, 0], Some(1))
        .await
        .unwrap();
    let mut plan = SafetyPlan::default();
    plan.reasons_for_living.push("my sister".into());
    plan.coping_strategies.push("walk to the bridge".into());
    v.safety().save(&plan).await.unwrap();
    v.settings()
        .save(&Settings {
            auto_lock_minutes: 25,
            quiet_start: Some("22:00".into()),
            quiet_end: Some("07:00".into()),
            ..Settings::default()
        })
        .await
        .unwrap();
    let acts = v.activities();
    acts.set_value(LifeArea::Relationships, "Be a present friend")
        .await
        .unwrap();
    let starter = acts.list(false).await.unwrap()[0].clone();
    acts.set_hidden(starter.id, true).await.unwrap();
    let swim = acts
        .add(&ActivityInput {
            name: Some("Swim in the lake".into()),
            area: Some(LifeArea::MindBody),
            tiny: Some("Put your feet in.".into()),
            minutes: Some(Some(30)),
            hidden: None,
        })
        .await
        .unwrap();
    let p = v
        .plans()
        .create(&NewPlan {
            activity_id: swim.id,
            day: date(2025, 6, 2),
            time: Some(time(9, 0, 0, 0)),
            tz: Some(ZONE.into()),
            repeat: Some("weekly".into()),
            predicted: Some(6),
            remind_minutes: Some(15),
        })
        .await
        .unwrap();
    let occurrence = OccurrenceId {
        plan: p.id,
        day: date(2025, 6, 9),
    };
    v.plans()
        .done(
            &occurrence,
            &Outcome {
                enjoyment: Some(8),
                mastery: Some(5),
                note: Some("Cold, then lovely.".into()),
                ..Outcome::default()
            },
        )
        .await
        .unwrap();
    v.mindful()
        .add_preset(&PresetInput {
            name: "Evening sit".into(),
            seconds: Some(600),
            delay_seconds: 10,
            bells: Bells::At {
                seconds: vec![300, 0],
            },
            sound: BellSound::Wood,
            strikes: 2,
            prompts: Vec::new(),
        })
        .await
        .unwrap();
    v.mindful()
        .log(&NewSession {
            preset_id: None,
            name: "Breathing".into(),
            started_at: None,
            planned_seconds: Some(300),
            actual_seconds: 240,
            completed: false,
            manual: true,
            intensity_before: Some(2),
            intensity_after: Some(4),
        })
        .await
        .unwrap();
    Pictured {
        shown,
        removed,
        in_trash,
    }
}

#[tokio::test]
async fn glimmer_json_round_trips_byte_for_byte_and_adds_only_what_is_missing() {
    let source = TempVault::new().await;
    let pictured = everything(&source).await;
    let first = source.vault.export_json().await.unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(doc["format"], "glimmer");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["entries"].as_array().unwrap().len(), 3, "the trash too");
    let mut carried = [&pictured.shown, &pictured.removed, &pictured.in_trash];
    carried.sort_by_key(|p| p.id);
    let pictures = doc["pictures"].as_array().unwrap();
    assert_eq!(
        pictures.iter().map(|p| p["id"].clone()).collect::<Vec<_>>(),
        carried.map(|p| serde_json::Value::from(p.id.to_string())),
        "by id, removed and in the trash too, none of a draft"
    );
    let shown = pictures
        .iter()
        .find(|p| p["id"] == pictured.shown.id.to_string())
        .unwrap();
    let owner = pictured.shown.owner;
    assert_eq!(
        *shown,
        serde_json::json!({
            "id": pictured.shown.id,
            "entry_id": match owner { PictureOwner::Entry(e) => e, PictureOwner::Draft(_) => unreachable!() },
            "media_type": "image/png",
            "description": "Sun on the wall",
            "created_at": pictured.shown.created_at.as_millisecond(),
            "deleted_at": null,
            // Standard base64 of png("the wall at seven").
            "bytes": "iVBORw0KGgp0aGUgd2FsbCBhdCBzZXZlbg==",
        })
    );
    let text = std::str::from_utf8(&first).unwrap();
    assert!(
        text.find("\"bytes\"").unwrap() > text.find("\"timer_sessions\"").unwrap(),
        "pictures come last"
    );
    for part in [
        "checkins",
        "assessments",
        "safety_plan",
        "settings",
        "plans",
        "occurrences",
        "timer_presets",
        "timer_sessions",
    ] {
        assert_eq!(doc[part].as_array().unwrap().len(), 1, "{part}");
    }

    let file = source.dir.path().join("export.json");
    let written = export::write(&source.vault, FileFormat::Json, &file)
        .await
        .unwrap();
    assert_eq!(
        written.summary,
        "everything in your vault (3 entries, 1 check-in and 3 pictures)"
    );
    assert_eq!(std::fs::read(&file).unwrap(), first);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(
        export::write(&source.vault, FileFormat::Json, &file)
            .await
            .is_err(),
        "never over a file"
    );

    let target = TempVault::new().await;
    let parsed = import::read(&file, &Options::default()).unwrap();
    assert_eq!(parsed.preview.format, Format::Glimmer);
    assert_eq!((parsed.preview.entries, parsed.preview.checkins), (3, 1));
    let counted = |what: &str| {
        parsed
            .preview
            .more
            .iter()
            .find(|c| c.what == what)
            .map(|c| c.count)
    };
    assert_eq!(counted("pictures"), Some(3));
    assert!(
        parsed.preview.notes.is_empty(),
        "{:?}",
        parsed.preview.notes
    );
    let report = apply(&target, &parsed, false).await.unwrap();
    assert_eq!((report.entries_added, report.checkins_added), (3, 1));
    let second = target.vault.export_json().await.unwrap();
    assert!(first == second, "the second export differs from the first");

    // The pictures, as they were: the one shown still shows where the text
    // points, the removed one stays removed and can be restored.
    let j = target.vault.journal();
    let morning = match pictured.shown.owner {
        PictureOwner::Entry(e) => e,
        PictureOwner::Draft(_) => unreachable!(),
    };
    let body = j.get(&morning.to_string()).await.unwrap().body;
    assert!(body.contains(&pictured.shown.url), "{body}");
    assert_eq!(
        j.pictures().data(pictured.shown.id).await.unwrap().bytes,
        png("the wall at seven")
    );
    assert_eq!(
        j.pictures().list(pictured.shown.owner).await.unwrap(),
        std::slice::from_ref(&pictured.shown)
    );
    assert_eq!(
        j.pictures()
            .data(pictured.removed.id)
            .await
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert_eq!(
        j.pictures().data(pictured.in_trash.id).await.unwrap().bytes,
        png("gone too"),
        "a picture in an entry in the trash comes with it"
    );

    // What the new vault shows, through the areas themselves.
    let hidden = target.vault.activities().list(true).await.unwrap();
    assert!(
        hidden.iter().any(|a| a.hidden),
        "a hidden starter activity stays hidden"
    );
    assert_eq!(
        target
            .vault
            .settings()
            .load()
            .await
            .unwrap()
            .auto_lock_minutes,
        25
    );
    assert_eq!(
        target
            .vault
            .safety()
            .plan()
            .await
            .unwrap()
            .reasons_for_living,
        ["my sister"]
    );
    let trash = target.vault.journal().trash_list().await.unwrap();
    assert_eq!(trash.len(), 1);
    let found = target
        .vault
        .journal()
        .search(&glimmer::journal::SearchQuery {
            text: "robin".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.hits.len(), 1);
    assert!(
        target
            .vault
            .journal()
            .search(&glimmer::journal::SearchQuery {
                text: "trash".into(),
                ..Default::default()
            })
            .await
            .unwrap()
            .hits
            .is_empty(),
        "the trash stays out of search"
    );

    // Into a vault that has it all already: nothing is added.
    let again = apply(&target, &parsed, false).await.unwrap();
    assert_eq!(
        (again.entries_added, again.checkins_added, again.more_added),
        (0, 0, 0)
    );
    assert_eq!(target.vault.export_json().await.unwrap(), first);
    let back = j.pictures().restore(pictured.removed.id).await.unwrap();
    assert_eq!(back.created_at, pictured.removed.created_at);

    // Into a vault of its own: what it has stays, what is missing comes.
    let own = TempVault::new().await;
    own.vault
        .journal()
        .create(&NewEntry {
            body: "Mine already.".into(),
            ..NewEntry::default()
        })
        .await
        .unwrap();
    apply(&own, &parsed, false).await.unwrap();
    assert_eq!(entries(&own).await.len(), 3, "2 live imported + 1 own");
}

#[tokio::test]
async fn a_glimmer_export_from_a_newer_glimmer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.json");
    std::fs::write(&path, br#"{"format": "glimmer", "version": 99}"#).unwrap();
    let e = import::read(&path, &Options::default()).unwrap_err();
    assert!(e.to_string().contains("newer Glimmer"), "{e}");
}

/// Writes `doc` as a Glimmer export beside `tv`'s vault.
fn write_doc(tv: &TempVault, name: &str, doc: &serde_json::Value) -> PathBuf {
    let path = tv.dir.path().join(name);
    std::fs::write(&path, serde_json::to_vec(doc).unwrap()).unwrap();
    path
}

#[tokio::test]
async fn a_bad_picture_is_a_problem_of_its_entry_and_leaves_with_it() {
    let source = TempVault::new().await;
    // serde_json writes members in alphabetical order, `format` not first.
    let as_glimmer = Options {
        from: Some(Format::Glimmer),
        ..Options::default()
    };
    let j = source.vault.journal();
    for body in ["First, with a bad picture.", "Second, with a good one."] {
        let e = j.create(&text(body)).await.unwrap();
        j.pictures()
            .add(&NewPicture {
                owner: PictureOwner::Entry(e.id),
                bytes: &png(body),
                description: "",
                id: None,
            })
            .await
            .unwrap();
    }
    let mut doc: serde_json::Value =
        serde_json::from_slice(&source.vault.export_json().await.unwrap()).unwrap();
    let first = doc["entries"]
        .as_array()
        .unwrap()
        .iter()
        .position(|e| e["body"].as_str().unwrap().starts_with("First"))
        .unwrap();
    let first_id = doc["entries"][first]["id"].clone();
    let good_id = {
        let pictures = doc["pictures"].as_array_mut().unwrap();
        let bad = pictures
            .iter_mut()
            .find(|p| p["entry_id"] == first_id)
            .unwrap();
        // "%PDF-1.7" in base64: not a picture Glimmer keeps.
        bad["bytes"] = "JVBERi0xLjc=".into();
        pictures.iter().find(|p| p["entry_id"] != first_id).unwrap()["id"].clone()
    };

    let parsed = import::read(&write_doc(&source, "bad.json", &doc), &as_glimmer).unwrap();
    let [problem] = parsed.preview.problems.as_slice() else {
        panic!("{:?}", parsed.preview.problems)
    };
    assert_eq!(problem.place, Place::Entry(first + 1));
    assert!(
        problem.message.contains("One of its pictures") && problem.message.contains("PNG, JPEG"),
        "{}",
        problem.message
    );
    let target = TempVault::new().await;
    assert!(apply(&target, &parsed, false).await.is_err());
    assert!(
        entries(&target).await.is_empty(),
        "nothing without a choice"
    );
    let report = apply(&target, &parsed, true).await.unwrap();
    assert_eq!((report.entries_added, report.more_added), (1, 1));
    let kept = entries(&target).await;
    assert_eq!(kept.len(), 1);
    assert!(kept[0].body.starts_with("Second"));
    let good = target
        .vault
        .journal()
        .pictures()
        .list(PictureOwner::Entry(kept[0].id))
        .await
        .unwrap();
    assert_eq!(good.len(), 1);
    assert_eq!(good[0].id.to_string(), good_id.as_str().unwrap());

    // A picture of an entry in neither the file nor the vault stops the
    // import before anything is written.
    let mut orphan = doc.clone();
    orphan["entries"] = serde_json::json!([]);
    orphan["pictures"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["id"] == good_id);
    let parsed = import::read(&write_doc(&source, "orphan.json", &orphan), &as_glimmer).unwrap();
    let elsewhere = TempVault::new().await;
    let e = apply(&elsewhere, &parsed, false).await.unwrap_err();
    assert!(
        e.to_string()
            .contains("neither in the file nor in this vault"),
        "{e}"
    );
    assert!(entries(&elsewhere).await.is_empty());

    // Bytes that are not base64 are named when the file is read.
    orphan["pictures"][0]["bytes"] = "not base64!".into();
    let e = import::read(&write_doc(&source, "text.json", &orphan), &as_glimmer).unwrap_err();
    assert!(e.to_string().contains("not base64"), "{e}");
}

#[tokio::test]
async fn glimmer_json_goes_into_a_new_folder_when_not_named_json() {
    let tv = TempVault::new().await;
    tv.vault
        .journal()
        .create(&text("Only this."))
        .await
        .unwrap();
    let folder = tv.dir.path().join("Glimmer export");
    let report = export::write(&tv.vault, FileFormat::Json, &folder)
        .await
        .unwrap();
    assert_eq!(report.path, folder.display().to_string());
    assert_eq!(report.files, 1);
    assert_eq!(
        report.summary,
        "everything in your vault (1 entry, 0 check-ins and 0 pictures)"
    );
    let names: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["glimmer.json"]);
    let file = folder.join("glimmer.json");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        tv.vault.export_json().await.unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(&folder), mode(&file)), (0o700, 0o600));
    }
    let e = export::write(&tv.vault, FileFormat::Json, &folder)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("nothing there is overwritten"),
        "{e}"
    );
}

#[tokio::test]
async fn an_export_glimmer_could_not_import_again_is_refused_and_leaves_nothing() {
    let tv = TempVault::new().await;
    let entry = tv
        .vault
        .journal()
        .create(&text("Many photos."))
        .await
        .unwrap();
    // Eight of the largest pictures the vault takes: 160 MB, about 213 MB
    // as base64, past the 200 MB an import reads.
    let mut big = png("big");
    big.resize(glimmer::journal::MAX_PICTURE_BYTES, 0);
    for i in 0..8u8 {
        big[9] = i;
        tv.vault
            .journal()
            .pictures()
            .add(&NewPicture {
                owner: PictureOwner::Entry(entry.id),
                bytes: &big,
                description: "",
                id: None,
            })
            .await
            .unwrap();
    }
    let dest = tv.dir.path().join("everything.json");
    let e = export::write(&tv.vault, FileFormat::Json, &dest)
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    let said = e.to_string();
    assert!(
        said.contains("about 214 MB") && said.contains("up to 200 MB") && said.contains("backup"),
        "{said}"
    );
    let mut names: Vec<_> = std::fs::read_dir(tv.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["v"], "no file and no part of one");
    assert!(tv.vault.export_json().await.is_err());
}

// The command line.

pub fn vault_with_pass() -> (tempfile::TempDir, PathBuf, &'static str) {
    let dir = tempfile::tempdir().unwrap();
    let v = dir.path().join("vault");
    let p = "correct horse battery";
    ok_json(glimmer(&v, p, &["init", "--json"], None));
    (dir, v, p)
}

pub fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn cli_previews_asks_and_imports() {
    let (_dir, v, p) = vault_with_pass();
    let file = fixture("daylio-scales.csv");

    // A dry run needs no passphrase and lists the moods.
    let preview = ok_json(glimmer(
        &v,
        "wrong passphrase",
        &["import", arg(&file), "--dry-run", "--json", "--tz", ZONE],
        None,
    ));
    assert_eq!(preview["format"], "daylio");
    assert_eq!(preview["checkins"], 3);
    let sleepy = preview["moods"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "sleepy")
        .unwrap();
    assert_eq!(sleepy["source"], "missing");
    let text = glimmer(&v, p, &["import", arg(&file), "--dry-run"], None);
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(said.contains("--mood-map \"sleepy=N\""), "{said}");

    // Unmapped: refused before anything is asked.
    let refused = glimmer(&v, p, &["import", arg(&file), "--yes"], None);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("sleepy"));

    // No terminal and no --yes: refused, nothing changed.
    let asked = glimmer(
        &v,
        p,
        &["import", arg(&file), "--mood-map", "sleepy=-1"],
        Some("y\n"),
    );
    assert!(!asked.status.success());
    let why = String::from_utf8_lossy(&asked.stderr);
    assert!(
        why.contains("--yes") && why.contains("nothing was changed"),
        "{why}"
    );
    let none = ok_json(glimmer(&v, p, &["checkins", "--json"], None));
    assert!(none.as_array().unwrap().is_empty());

    let done = ok_json(glimmer(
        &v,
        p,
        &[
            "import",
            arg(&file),
            "--mood-map",
            "sleepy=-1",
            "--yes",
            "--json",
            "--tz",
            ZONE,
        ],
        None,
    ));
    assert_eq!(done["imported"]["checkins_added"], 3);
    assert_eq!(done["imported"]["entries_added"], 2);
    let moods: Vec<i64> = ok_json(glimmer(&v, p, &["checkins", "--json"], None))
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["mood"].as_i64().unwrap())
        .collect();
    assert_eq!(moods, [-1, 2, -1]);
}

#[test]
fn cli_names_a_malformed_row_and_skips_it_when_asked() {
    let (_dir, v, p) = vault_with_pass();
    let file = fixture("daylio-malformed.csv");
    let refused = glimmer(&v, p, &["import", arg(&file), "--yes"], None);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 3"));
    let done = ok_json(glimmer(
        &v,
        p,
        &["import", arg(&file), "--yes", "--skip-bad", "--json"],
        None,
    ));
    assert_eq!(done["imported"]["left_out"], 2);
    assert_eq!(done["preview"]["problems"][1]["place"]["at"], 4);
}

#[test]
fn cli_exports_json_only_the_person_can_read_after_saying_it_is_plaintext() {
    let (dir, v, p) = vault_with_pass();
    ok_json(glimmer(
        &v,
        p,
        &["write", "--json", "a small good thing"],
        None,
    ));
    let out = dir.path().join("glimmer.json");
    let asked = glimmer(&v, p, &["export", "--out", arg(&out)], None);
    assert!(!asked.status.success() && !out.exists());
    assert!(String::from_utf8_lossy(&asked.stderr).contains("--yes"));
    let run = glimmer(
        &v,
        p,
        &["export", "--format", "json", "--out", arg(&out), "--yes"],
        None,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("not encrypted"));
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        said.contains("Wrote everything in your vault (1 entry, 0 check-ins and 0 pictures) to ")
            && said.contains("glimmer.json, readable only by you."),
        "{said}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["entries"][0]["body"], "a small good thing");

    // A name not ending in .json is a new folder, with the same file in it.
    let folder = dir.path().join("to keep");
    let report = ok_json(glimmer(
        &v,
        p,
        &["export", "--out", arg(&folder), "--yes", "--json"],
        None,
    ));
    assert_eq!(report["path"], arg(&folder));
    assert_eq!(report["files"], 1);
    assert_eq!(
        std::fs::read(folder.join("glimmer.json")).unwrap(),
        std::fs::read(&out).unwrap()
    );

    // Into a second vault, through the same command.
    let (_d2, v2, p2) = vault_with_pass();
    let done = ok_json(glimmer(
        &v2,
        p2,
        &["import", arg(&out), "--yes", "--json"],
        None,
    ));
    assert_eq!(done["imported"]["entries_added"], 1);
}
