//! Check-ins, the PHQ-9, the safety plan and the charts, on real vaults.

use glimmer::assess::Band;
use glimmer::charts::{self, DayPoint, Theme, WIDTH};
use glimmer::checkin::CheckinInput;
use glimmer::insights::{ChartKind, Range};
use glimmer::safety::SafetyPlan;
use glimmer::{Kind, NewEntry};
use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use crate::util::TempVault;

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("invalid SVG ({e}):\n{}", &svg[..svg.len().min(400)]))
}

/// One chart of the vault's data, as SVG.
async fn chart(v: &glimmer::Vault, kind: ChartKind, range: Range, theme: Theme) -> String {
    v.insights().chart(kind, range, theme).await.unwrap()
}

fn count(doc: &roxmltree::Document, tag: &str) -> usize {
    doc.descendants().filter(|n| n.has_tag_name(tag)).count()
}

fn title_and_desc(doc: &roxmltree::Document) -> (String, String) {
    let text = |tag| {
        doc.descendants()
            .find(|n| n.has_tag_name(tag))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_string()
    };
    (text("title"), text("desc"))
}

#[tokio::test]
async fn checkins_are_saved_edited_and_deleted() {
    let tv = TempVault::new().await;
    let c = tv.vault.checkins();
    let saved = c
        .create(&CheckinInput {
            mood: Some(-1),
            intensity: Some(2),
            energy: Some(3),
            emotions: vec!["Numb".into(), "tired".into()],
            body_areas: vec!["chest".into()],
            note: "grey morning".into(),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(saved.emotions, vec!["numb", "tired"]);
    let bad = c
        .create(&CheckinInput {
            mood: Some(5),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(bad.to_string().contains("−3 to +3"), "{bad}");

    let edited = c
        .update(
            saved.id,
            &CheckinInput {
                mood: Some(1),
                intensity: Some(4),
                emotions: vec!["calm".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (edited.mood, edited.intensity, edited.created_at),
        (Some(1), Some(4), saved.created_at)
    );

    let tv = tv.reopen().await;
    let c = tv.vault.checkins();
    let all = c.between(None, None).await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].emotions, vec!["calm"]);
    assert_eq!(
        c.emotion_counts(None, None).await.unwrap(),
        vec![("calm".to_string(), 1)]
    );
    c.delete(saved.id).await.unwrap();
    assert!(c.between(None, None).await.unwrap().is_empty());
    assert!(c.delete(saved.id).await.is_err());
}

#[tokio::test]
async fn phq9_results_are_kept_with_their_safety_flag() {
    let tv = TempVault::new().await;
    let a = tv.vault.assessments();
    let low = a
        .record_phq9(&[0, 0, 0, 0, 0, 0, 0, 0, 1], Some(0))
        .await
        .unwrap();
    assert_eq!(
        (low.score.total, low.score.band, low.score.safety_flag),
        (1, Band::Minimal, true)
    );
    let mid = a
        .record_phq9(&[2, 2, 1, 2, 1, 1, 1, 0, 0], None)
        .await
        .unwrap();
    assert_eq!(
        (mid.score.total, mid.score.band, mid.score.safety_flag),
        (10, Band::Moderate, false)
    );
    assert!(a.record_phq9(&[0, 0, 0], None).await.is_err());
    assert!(a.record_phq9(&[0; 9], Some(4)).await.is_err());
    // Saved before the safety screen; the difficulty answer arrives afterwards.
    a.set_phq9_difficulty(mid.id, 2).await.unwrap();
    assert!(a.set_phq9_difficulty(mid.id, 4).await.is_err());
    assert!(
        a.set_phq9_difficulty(uuid::Uuid::now_v7(), 1)
            .await
            .is_err()
    );
    let tv = tv.reopen().await;
    let history = tv.vault.assessments().phq9_history().await.unwrap();
    assert_eq!(
        history.iter().map(|h| h.score.total).collect::<Vec<_>>(),
        vec![1, 10]
    );
    assert!(history[0].score.safety_flag);
    assert_eq!(history[1].difficulty, Some(2));
}

#[tokio::test]
async fn the_safety_plan_persists_across_lock_and_unlock() {
    let tv = TempVault::new().await;
    let plan = SafetyPlan {
        warning_signs: vec!["Not answering messages".into(), "  ".into()],
        reasons_for_living: vec!["My sister".into()],
        ..SafetyPlan::default()
    };
    let saved = tv.vault.safety().save(&plan).await.unwrap();
    assert_eq!(
        saved.warning_signs,
        vec!["Not answering messages"],
        "empty lines are dropped"
    );
    let tv = tv.reopen().await;
    let back = tv.vault.safety().plan().await.unwrap();
    assert_eq!(back.reasons_for_living, vec!["My sister"]);
    assert!(back.updated_at.is_some());
}

fn ten_years() -> Vec<DayPoint> {
    let start = Date::new(2016, 1, 1).unwrap();
    (0..3650)
        .map(|i| DayPoint {
            date: start + jiff::Span::new().days(i),
            mood: Some(((i % 7) as f64 - 3.0).clamp(-3.0, 3.0)),
            intensity: Some((i % 11) as f64),
            glimmers: (i % 5 == 0) as u32,
        })
        .collect()
}

#[test]
fn charts_are_valid_labelled_svg_with_capped_points() {
    let days = ten_years();
    let svg = charts::mood_and_intensity(&days, Theme::Light).unwrap();
    let doc = parse(&svg);
    let circles = count(&doc, "circle");
    // Two panels, each at most one point per pixel of width (the budget is two).
    assert!(circles <= 2 * WIDTH as usize, "{circles} points plotted");
    assert!(
        circles >= WIDTH as usize,
        "{circles}: downsampling kept the shape"
    );
    let (title, desc) = title_and_desc(&doc);
    assert_eq!(title, "Mood and feeling intensity over time");
    assert!(desc.contains("3650 days"), "{desc}");
    assert!(svg.len() <= 200_000, "{} bytes", svg.len());

    let small = charts::mood_and_intensity(&days[..30], Theme::Light).unwrap();
    assert_eq!(
        count(&parse(&small), "circle"),
        60,
        "every point shows when there is room"
    );

    for svg in [
        charts::year_in_pixels(2020, &days, Theme::Dark).unwrap(),
        charts::phq9_over_time(
            &(0..26)
                .map(|i| {
                    (
                        Timestamp::UNIX_EPOCH + SignedDuration::from_hours(24 * 14 * i),
                        (i % 28) as u8,
                    )
                })
                .collect::<Vec<_>>(),
            Theme::Light,
        )
        .unwrap(),
        charts::intensity_vs_mood(&[(0, 1), (1, 2), (1, 2), (-3, 0)], Theme::Light).unwrap(),
    ] {
        let doc = parse(&svg);
        let (title, desc) = title_and_desc(&doc);
        assert!(!title.is_empty() && !desc.is_empty());
    }
    let year = charts::year_in_pixels(2020, &days, Theme::Light).unwrap();
    assert_eq!(
        count(&parse(&year), "rect"),
        366 + 1,
        "one square per day of 2020 and the background"
    );
}

#[test]
fn chart_labels_are_escaped() {
    let counts = vec![
        ("</text><script>alert(1)</script>".to_string(), 3),
        ("calm".to_string(), 1),
    ];
    let svg = charts::emotion_frequencies(&counts, Theme::Light).unwrap();
    assert!(!svg.contains("<script"), "{svg}");
    let doc = parse(&svg);
    assert_eq!(count(&doc, "script"), 0);
    assert!(
        doc.descendants()
            .any(|n| n.text().is_some_and(|t| t.contains("</text><script>"))),
        "shown as text"
    );
}

#[test]
fn empty_and_single_point_data_get_a_kind_message() {
    let one = [DayPoint {
        date: Date::new(2026, 1, 1).unwrap(),
        mood: Some(0.0),
        intensity: Some(3.0),
        glimmers: 0,
    }];
    for svg in [
        charts::mood_and_intensity(&[], Theme::Light).unwrap(),
        charts::mood_and_intensity(&one, Theme::Light).unwrap(),
        charts::emotion_frequencies(&[], Theme::Light).unwrap(),
        charts::phq9_over_time(&[], Theme::Light).unwrap(),
        charts::intensity_vs_mood(&[(0, 1)], Theme::Light).unwrap(),
        charts::year_in_pixels(2026, &[], Theme::Light).unwrap(),
    ] {
        let doc = parse(&svg);
        assert_eq!(
            count(&doc, "circle") + count(&doc, "line") + count(&doc, "polyline"),
            0,
            "no broken axis"
        );
        let (_, desc) = title_and_desc(&doc);
        assert!(desc.len() > 10);
    }
}

#[test]
fn light_and_dark_palettes_differ() {
    let days = ten_years();
    let light = charts::mood_and_intensity(&days[..40], Theme::Light).unwrap();
    let dark = charts::mood_and_intensity(&days[..40], Theme::Dark).unwrap();
    assert_ne!(light, dark);
    assert!(
        light.contains("#FFFFFF")
            || light.contains("#ffffff")
            || light.contains("rgb(255,255,255)"),
        "light background"
    );
}

#[tokio::test]
async fn insights_draw_from_the_vault() {
    let tv = TempVault::new().await;
    let now = Timestamp::now();
    for d in 0..10 {
        tv.vault
            .checkins()
            .create(&CheckinInput {
                mood: Some((d % 3) as i8 - 1),
                intensity: Some(d as u8),
                emotions: vec!["flat".into()],
                created_at: Some(now - SignedDuration::from_hours(24 * d)),
                ..Default::default()
            })
            .await
            .unwrap();
    }
    tv.vault
        .journal()
        .create(&NewEntry {
            kind: Kind::Glimmer,
            body: "a warm cup".into(),
            ..NewEntry::default()
        })
        .await
        .unwrap();
    let points = tv.vault.insights().day_points(None).await.unwrap();
    assert_eq!(points.len(), 10);
    assert_eq!(points.iter().map(|p| p.glimmers).sum::<u32>(), 1);
    let svg = chart(&tv.vault, ChartKind::Mood, Range::Days30, Theme::Light).await;
    assert!(count(&parse(&svg), "circle") >= 20);
    let emotions = chart(&tv.vault, ChartKind::Emotions, Range::All, Theme::Dark).await;
    assert!(title_and_desc(&parse(&emotions)).1.contains("flat: 10"));
    let phq = chart(&tv.vault, ChartKind::Phq9, Range::All, Theme::Light).await;
    assert!(
        title_and_desc(&parse(&phq)).1.contains("first self-check"),
        "empty state before any PHQ-9"
    );
}

#[tokio::test]
async fn i_cant_tell_is_stored_as_no_value_and_left_out_of_means_and_charts() {
    let tv = TempVault::new().await;
    let now = Timestamp::now();
    let day = |d: i64| Some(now - SignedDuration::from_hours(24 * d));
    let add = |mood: Option<i8>, intensity: Option<u8>, at| CheckinInput {
        mood,
        intensity,
        emotions: vec!["foggy".into()],
        created_at: at,
        ..Default::default()
    };
    let cs = tv.vault.checkins();
    // Day 2: one answer and one "I can't tell"; day 1: only "I can't tell".
    cs.create(&add(Some(2), Some(8), day(2))).await.unwrap();
    let unsure = cs.create(&add(None, None, day(2))).await.unwrap();
    assert_eq!((unsure.mood, unsure.intensity), (None, None));
    cs.create(&add(None, None, day(1))).await.unwrap();
    cs.create(&add(Some(-2), None, day(0))).await.unwrap();

    let tv = tv.reopen().await;
    let stored = tv.vault.checkins().recent(10).await.unwrap();
    assert_eq!(stored.iter().filter(|c| c.mood.is_none()).count(), 2);

    let points = tv.vault.insights().day_points(None).await.unwrap();
    assert_eq!(points.len(), 3, "every day with a check-in is listed");
    assert_eq!(
        points[0].mood,
        Some(2.0),
        "not pulled toward 0 by the unsure answer"
    );
    assert_eq!(points[0].intensity, Some(8.0));
    assert_eq!((points[1].mood, points[1].intensity), (None, None));
    assert_eq!((points[2].mood, points[2].intensity), (Some(-2.0), None));

    let svg = chart(&tv.vault, ChartKind::Mood, Range::Days30, Theme::Light).await;
    // Two mood days and one intensity day are drawn; nothing stands for "can't tell".
    assert_eq!(count(&parse(&svg), "circle"), 3);
    let scatter = chart(&tv.vault, ChartKind::Scatter, Range::All, Theme::Light).await;
    assert!(
        count(&parse(&scatter), "circle") <= 1,
        "only the one check-in with both answers may be placed"
    );
}

/// A rise is put beside the last self-check, prompts are shown once on Today,
/// and they survive a lock (they are in the vault, not in memory).
#[tokio::test]
async fn a_rise_is_compared_and_its_prompts_are_shown_on_today_once() {
    use glimmer::assess::Phq9PromptKind;
    let tv = TempVault::new().await;
    let a = tv.vault.assessments();
    assert_eq!(a.retake_note().await.unwrap(), None, "no self-check yet");
    let first = a
        .record_phq9(&[1, 1, 1, 0, 0, 0, 0, 0, 0], Some(0))
        .await
        .unwrap();
    let r = a.phq9_result(first.id).await.unwrap();
    assert_eq!((r.change.compared, r.change.prompts.len()), (None, 0));
    assert_eq!(a.unseen_prompts().await.unwrap(), None, "nothing to say");
    let note = a
        .retake_note()
        .await
        .unwrap()
        .expect("taken again the same day");
    assert!(note.contains("last two weeks"), "{note}");

    let second = a
        .record_phq9(&[2, 2, 2, 2, 2, 2, 1, 0, 0], Some(1))
        .await
        .unwrap();
    let r = a.phq9_result(second.id).await.unwrap();
    assert!(
        r.change
            .compared
            .as_deref()
            .unwrap()
            .starts_with("10 points higher than on ")
    );
    assert_eq!(
        r.change.prompts.iter().map(|p| p.kind).collect::<Vec<_>>(),
        [Phq9PromptKind::Rise]
    );
    assert!(r.change.within_period);
    let tv = tv.reopen().await;
    let a = tv.vault.assessments();
    let unseen = a.unseen_prompts().await.unwrap().expect("shown on Today");
    assert_eq!(unseen.assessment.id, second.id);
    a.prompts_shown(second.id).await.unwrap();
    assert_eq!(a.unseen_prompts().await.unwrap(), None, "once");
    // The earlier one keeps its own comparison.
    assert_eq!(a.phq9_result(first.id).await.unwrap().change.previous, None);
    assert!(a.phq9_result(uuid::Uuid::now_v7()).await.is_err());
}
