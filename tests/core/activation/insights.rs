//! Activation's insights and charts on a real vault: the gap in words,
//! feeling intensity on days with and without an activity, the week, and
//! the SVG charts drawn from them.

use glimmer::Vault;
use glimmer::activation::{
    ActivationChart, ActivityInput, GAP_EMPTY, IntensityAfter, LifeArea, NewPlan, OccurrenceId,
    Outcome, Plan, Status,
};
use glimmer::charts::Theme;
use glimmer::checkin::CheckinInput;
use jiff::civil::{Date, date, time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use super::plan;
use crate::util::TempVault;

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("invalid SVG ({e}):\n{svg}"))
}

fn count(doc: &roxmltree::Document, tag: &str) -> usize {
    doc.descendants().filter(|n| n.has_tag_name(tag)).count()
}

fn text_of(doc: &roxmltree::Document, tag: &str) -> String {
    doc.descendants()
        .find(|n| n.has_tag_name(tag))
        .and_then(|n| n.text())
        .unwrap_or_default()
        .to_string()
}

/// Noon on `day` here, where check-ins are noted.
fn noon(day: Date) -> Timestamp {
    day.to_zoned(TimeZone::system()).unwrap().timestamp() + SignedDuration::from_hours(12)
}

const TEA: &str = "Tea <b>& \"biscuits\"";

/// A walk and a call every day from Monday 2 June 2025, a tea once on the
/// 4th (expected enjoyment 1, set when planning), what happened with each,
/// and check-ins, some of them "I can't tell".
async fn fixed_week(v: &Vault) {
    let tz = TimeZone::system().iana_name().unwrap_or("UTC").to_string();
    let nine = Some(time(9, 0, 0, 0));
    let daily =
        async |name: &str| plan(v, name, date(2025, 6, 2), nine, &tz, Some("daily"), None).await;
    let walk = daily("Go for a short walk").await;
    let call = daily("Call someone you like").await;
    let tea_activity = v
        .activities()
        .add(&ActivityInput {
            name: Some(TEA.into()),
            area: Some(LifeArea::Recreation),
            ..Default::default()
        })
        .await
        .unwrap();
    let tea = v
        .plans()
        .create(&NewPlan {
            activity_id: tea_activity.id,
            day: date(2025, 6, 4),
            time: nine,
            tz: Some(tz.clone()),
            repeat: None,
            predicted: Some(1),
            remind_minutes: None,
        })
        .await
        .unwrap();
    let on = |p: &Plan, d: i8| OccurrenceId {
        plan: p.id,
        day: date(2025, 6, d),
    };
    let rate = |predicted, enjoyment, mastery, intensity| Outcome {
        predicted,
        enjoyment,
        mastery,
        intensity,
        note: None,
    };
    // The call of the 6th happened on the 7th.
    v.plans()
        .move_to(&on(&call, 6), date(2025, 6, 7), nine)
        .await
        .unwrap();
    let data = [
        (
            on(&walk, 2),
            Status::Done,
            rate(Some(2), Some(6), Some(5), Some(7)),
        ),
        (
            on(&walk, 3),
            Status::Partly,
            rate(Some(3), Some(4), None, Some(4)),
        ),
        (
            on(&call, 2),
            Status::Done,
            rate(Some(5), Some(5), Some(3), None),
        ),
        (
            on(&tea, 4),
            Status::Done,
            rate(None, Some(3), Some(9), None),
        ),
        (on(&walk, 5), Status::NotToday, rate(None, None, None, None)),
        (
            on(&call, 6),
            Status::Done,
            rate(Some(6), Some(8), None, None),
        ),
    ];
    for (id, status, outcome) in data {
        v.plans().record(&id, status, &outcome).await.unwrap();
    }
    // Days with an activity: the 2nd (8), 3rd (4), 4th (only "I can't
    // tell"), 7th (6). Days without: the 5th (2), 6th (3 and 5: 4).
    let checkins = [
        (2, Some(8)),
        (2, None),
        (3, Some(4)),
        (4, None),
        (5, Some(2)),
        (6, Some(3)),
        (6, Some(5)),
        (7, Some(6)),
    ];
    for (d, intensity) in checkins {
        v.checkins()
            .create(&CheckinInput {
                mood: Some(0),
                intensity,
                created_at: Some(noon(date(2025, 6, d))),
                ..Default::default()
            })
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn insights_put_the_gap_in_words_and_compare_days_with_and_without() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    fixed_week(v).await;
    let today = date(2025, 6, 8);
    let i = v.plans().insights_at(None, today).await.unwrap();

    let pairs: Vec<(u8, u8)> = i
        .predicted_vs_actual
        .iter()
        .map(|p| (p.predicted, p.actual))
        .collect();
    // By the day each happened: the moved call counts on the 7th; the tea
    // takes its prediction from the plan.
    assert_eq!(pairs, [(5, 5), (2, 6), (3, 4), (1, 3), (6, 8)]);
    // Gaps 0, 4, 1, 2, 2.
    assert_eq!(i.mean_gap, Some(1.8));
    assert_eq!(
        i.gap_sentence.as_deref(),
        Some("On average, activities were 1.8 points more enjoyable than expected.")
    );
    let rec = i
        .by_area
        .iter()
        .find(|a| a.key == LifeArea::Recreation.key())
        .unwrap();
    assert_eq!(
        (rec.count, rec.enjoyment, rec.mastery),
        (1, Some(3.0), Some(9.0))
    );

    let t = &i.intensity;
    assert_eq!(
        (t.days_with, t.days_with_count),
        (Some(6.0), 3),
        "(8 + 4 + 6) / 3"
    );
    assert_eq!(
        (t.days_without, t.days_without_count),
        (Some(3.0), 2),
        "(2 + 4) / 2"
    );
    let walked = |d, intensity| IntensityAfter {
        day: date(2025, 6, d),
        activity: "Go for a short walk".into(),
        intensity,
    };
    assert_eq!(t.after, [walked(2, 7), walked(3, 4)]);

    let week: Vec<(Date, usize, usize, u32)> = i
        .week
        .iter()
        .map(|d| (d.day, d.done.len(), d.partly.len(), d.planned))
        .collect();
    assert_eq!(
        week,
        [
            (date(2025, 6, 2), 2, 0, 0),
            (date(2025, 6, 3), 0, 1, 1),
            (date(2025, 6, 4), 1, 0, 2),
            (date(2025, 6, 5), 0, 0, 1),
            (date(2025, 6, 6), 0, 0, 1),
            (date(2025, 6, 7), 1, 0, 2),
            (date(2025, 6, 8), 0, 0, 2),
        ]
    );
    assert_eq!(i.week[3].day, date(2025, 6, 5));
    assert_eq!(i.week[2].done, [TEA]);
    assert_eq!(i.week[6].day, today);

    // From the 4th on: two pairs, and only the check-ins from then.
    let later = v
        .plans()
        .insights_at(Some(date(2025, 6, 4)), today)
        .await
        .unwrap();
    assert_eq!(later.predicted_vs_actual.len(), 2);
    assert_eq!(
        later.gap_sentence, None,
        "two pairs are too few to put into words"
    );
    assert_eq!(
        (later.intensity.days_with, later.intensity.days_without),
        (Some(6.0), Some(3.0))
    );
    assert_eq!(later.intensity.days_with_count, 1);
    assert!(later.intensity.after.is_empty());
    assert_eq!(later.week, i.week, "the week does not depend on --since");
}

#[tokio::test]
async fn activation_charts_draw_the_numbers_and_escape_names() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    fixed_week(v).await;
    let today = date(2025, 6, 8);
    let plans = v.plans();
    let chart = |kind, since, theme| plans.chart_at(kind, since, today, theme);

    let svg = chart(ActivationChart::PredictedActual, None, Theme::Light)
        .await
        .unwrap();
    let doc = parse(&svg);
    assert_eq!(count(&doc, "circle"), 5, "one dot per distinct pair");
    assert_eq!(text_of(&doc, "title"), "Expected and actual enjoyment");
    let desc = text_of(&doc, "desc");
    assert!(desc.starts_with("5 activities rated"), "{desc}");
    assert!(desc.contains("4 more enjoyable than expected"), "{desc}");
    assert!(desc.contains("1 as expected"), "{desc}");
    assert!(desc.contains("1.8 points more enjoyable"), "{desc}");
    let dark = chart(ActivationChart::PredictedActual, None, Theme::Dark)
        .await
        .unwrap();
    assert_ne!(svg, dark);

    // Under three pairs: the kind message, and no dots or axes.
    let few = chart(
        ActivationChart::PredictedActual,
        Some(date(2025, 6, 4)),
        Theme::Light,
    )
    .await
    .unwrap();
    let doc = parse(&few);
    assert_eq!(count(&doc, "circle") + count(&doc, "polyline"), 0);
    assert_eq!(text_of(&doc, "desc"), GAP_EMPTY);

    let by_activity = chart(ActivationChart::ByActivity, None, Theme::Light)
        .await
        .unwrap();
    assert!(!by_activity.contains("<b>"), "the name is text, not markup");
    let doc = parse(&by_activity);
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(TEA)),
        "the name is shown as typed"
    );
    let desc = text_of(&doc, "desc");
    assert!(
        desc.contains(&format!("{TEA}: enjoyment 3.0, mastery 9.0 (once)")),
        "{desc}"
    );
    assert!(
        desc.contains("Go for a short walk: enjoyment 5.0, mastery 5.0 (2 times)"),
        "{desc}"
    );

    let by_area = chart(ActivationChart::ByArea, None, Theme::Light)
        .await
        .unwrap();
    let desc = text_of(&parse(&by_area), "desc");
    assert!(
        desc.contains("Relationships: enjoyment 6.5, mastery 3.0 (2 times)"),
        "{desc}"
    );
    assert!(
        !desc.contains("Education and work"),
        "an area with nothing noted is left out"
    );

    let intensity = chart(ActivationChart::Intensity, None, Theme::Light)
        .await
        .unwrap();
    let desc = text_of(&parse(&intensity), "desc");
    assert!(desc.contains("6.0 on 3 days with an activity"), "{desc}");
    assert!(desc.contains("3.0 on 2 days without one"), "{desc}");
    assert!(desc.contains("5.5 on average (2 times)"), "{desc}");

    let week = chart(ActivationChart::Week, None, Theme::Dark)
        .await
        .unwrap();
    let desc = text_of(&parse(&week), "desc");
    assert!(desc.contains("Mon Jun 2: 2 done"), "{desc}");
    assert!(desc.contains("Tue Jun 3: 1 partly"), "{desc}");
    assert!(desc.contains("Thu Jun 5: none"), "{desc}");
    assert!(desc.contains("Sat Jun 7: 1 done"), "{desc}");
}

#[tokio::test]
async fn an_empty_vault_gets_kind_messages_instead_of_charts() {
    let tv = TempVault::new().await;
    for kind in [
        ActivationChart::PredictedActual,
        ActivationChart::ByArea,
        ActivationChart::ByActivity,
        ActivationChart::Intensity,
        ActivationChart::Week,
    ] {
        let svg = tv
            .vault
            .plans()
            .chart(kind, None, Theme::Light)
            .await
            .unwrap();
        let doc = parse(&svg);
        assert_eq!(
            count(&doc, "circle") + count(&doc, "polyline") + count(&doc, "line"),
            0,
            "{kind:?}"
        );
        assert!(text_of(&doc, "desc").len() > 20, "{kind:?}");
    }
    let i = tv.vault.plans().insights(None).await.unwrap();
    assert_eq!(i.gap_sentence, None);
    assert_eq!(i.week.len(), 7);
    assert_eq!(
        i.week[6].day,
        Timestamp::now().to_zoned(TimeZone::system()).date()
    );
}
