//! The summary for a clinician: only the parts ticked, over the days chosen,
//! never the journal's words unless they are ticked, and every word escaped.

use glimmer::ErrorCode;
use glimmer::activation::ActivityInput;
use glimmer::report::{self, Section, SummaryOptions};
use jiff::civil::{Date, date};

use crate::export::{SECRET, fill};
use crate::util::TempVault;

fn options(from: Date, to: Date, include: &[Section]) -> SummaryOptions {
    SummaryOptions {
        from,
        to,
        include: include.to_vec(),
    }
}

/// The `data-section` of each part, in the order shown.
fn sections(html: &str) -> Vec<&str> {
    html.split("data-section=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect()
}

fn today() -> Date {
    jiff::Zoned::now().date()
}

#[tokio::test]
async fn only_the_parts_ticked_are_shown_and_the_journal_only_when_ticked() {
    let tv = TempVault::new().await;
    fill(&tv.vault).await;
    let v = &tv.vault;
    let march = |include: &[Section]| options(date(2024, 3, 1), today(), include);
    let without_journal = [
        Section::Practice,
        Section::Phq9,
        Section::Mood,
        Section::Activities,
    ];
    let html = report::summary_html(v, &march(&without_journal))
        .await
        .unwrap();
    assert_eq!(
        sections(&html),
        ["phq9", "mood", "activities", "practice"],
        "in a fixed order, whatever the order ticked"
    );
    assert!(!html.contains(SECRET), "no journal text unless ticked");
    assert!(!html.contains("Small good thing"));
    assert!(!html.contains("Cold air"));
    // What each part shows, with the core's charts.
    assert!(html.contains("1 self-check in this period"), "{html}");
    assert!(
        html.contains(
            "<td>9</td><td>mild</td><td>1 1 1 1 1 1 1 1 1</td><td>Somewhat difficult</td>"
        )
    );
    assert!(html.contains("PHQ-9 scores over time"));
    assert!(html.contains("2 check-ins on 2 days"));
    assert!(html.contains("Mood and feeling intensity over time"));
    assert!(html.contains("calm (1), grateful (1)"));
    assert!(
        html.contains("1 activity planned: 1 done, 0 partly done"),
        "{html}"
    );
    assert!(html.contains("<td>Go for a short walk</td><td>1</td><td>7.0</td><td>5.0</td>"));
    assert!(html.contains("10 minutes of practice in 1 session"));
    assert!(html.contains("Minutes of practice each week"));
    assert_eq!(html.matches("<svg").count(), 4, "a chart for each part");
    assert!(
        html.contains("default-src 'none'"),
        "the page loads nothing"
    );

    let only_mood = report::summary_markup(v, &march(&[Section::Mood]))
        .await
        .unwrap();
    assert_eq!(sections(&only_mood), ["mood"]);
    assert!(!only_mood.contains("PHQ-9"));
    assert!(!only_mood.contains("Go for a short walk"));

    let journal = report::summary_markup(v, &march(&[Section::Journal]))
        .await
        .unwrap();
    assert_eq!(sections(&journal), ["journal"]);
    assert!(journal.contains(SECRET), "ticked, the text is there");
    assert!(journal.contains("4 entries, as written"));
    assert!(!journal.contains("In the trash"), "the trash stays out");
    assert!(
        journal.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "titles escaped: {journal}"
    );
    assert!(journal.contains(&format!("{SECRET} &lt;b&gt;bold&lt;/b&gt; &amp; more")));
    assert!(!journal.contains("<script"), "nothing runs");
    assert!(!journal.contains("<b>"));
}

#[tokio::test]
async fn the_days_chosen_bound_every_part() {
    let tv = TempVault::new().await;
    fill(&tv.vault).await;
    let v = &tv.vault;
    // Only the 1st and 2nd of March: the later entry, check-in, activity
    // and today's self-check fall outside.
    let all = [
        Section::Phq9,
        Section::Mood,
        Section::Activities,
        Section::Practice,
        Section::Journal,
    ];
    let html = report::summary_markup(v, &options(date(2024, 3, 1), date(2024, 3, 2), &all))
        .await
        .unwrap();
    assert!(html.contains("No PHQ-9 self-checks in this period."));
    assert!(html.contains("1 check-in on 1 day"), "{html}");
    assert!(html.contains("No activities were planned in this period."));
    assert!(html.contains("10 minutes of practice"));
    assert!(html.contains("3 entries, as written"), "{html}");
    assert!(!html.contains(SECRET));
    assert!(
        html.contains("2024-03-02 01:30"),
        "the Tokyo glimmer, at its local time"
    );

    // The 5th alone: the session of the 2nd is not counted.
    let fifth = report::summary_markup(v, &options(date(2024, 3, 5), date(2024, 3, 5), &all))
        .await
        .unwrap();
    assert!(
        fifth.contains("No mindfulness practice in this period."),
        "{fifth}"
    );
    assert!(fifth.contains("1 entry, as written"));
}

#[tokio::test]
async fn activity_names_are_escaped_and_wrong_requests_are_plain_refusals() {
    let tv = TempVault::new().await;
    let v = &tv.vault;
    let a = v
        .activities()
        .add(&ActivityInput {
            name: Some("Tea <img src=x onerror=alert(1)> & \"biscuits\"".into()),
            area: Some(glimmer::activation::LifeArea::Recreation),
            ..Default::default()
        })
        .await
        .unwrap();
    let p = v
        .plans()
        .create(&glimmer::activation::NewPlan {
            activity_id: a.id,
            day: today(),
            time: None,
            tz: None,
            repeat: None,
            predicted: Some(2),
            remind_minutes: None,
        })
        .await
        .unwrap();
    v.plans()
        .done(
            &glimmer::activation::OccurrenceId {
                plan: p.id,
                day: today(),
            },
            &glimmer::activation::Outcome {
                enjoyment: Some(6),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let html = report::summary_markup(v, &options(today(), today(), &[Section::Activities]))
        .await
        .unwrap();
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("Tea &lt;img src=x onerror=alert(1)&gt; &amp; &quot;biscuits&quot;"));

    let backwards = options(date(2024, 3, 2), date(2024, 3, 1), &[Section::Mood]);
    let e = report::summary_markup(v, &backwards).await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(e.to_string().contains("swap the two dates"), "{e}");
    let nothing = options(date(2024, 3, 1), date(2024, 3, 2), &[]);
    let e = report::summary_markup(v, &nothing).await.unwrap_err();
    assert!(e.to_string().contains("Tick at least one part"), "{e}");
    let far = options(date(1800, 1, 1), date(2024, 3, 2), &[Section::Mood]);
    assert_eq!(
        report::summary_markup(v, &far).await.unwrap_err().code(),
        ErrorCode::Invalid
    );
}
