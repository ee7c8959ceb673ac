//! A summary for a clinician: one printable page over the days a person
//! chooses, with only the parts they tick: PHQ-9 totals with their bands,
//! mood and feeling intensity, activities against what was expected, and
//! minutes of practice. Journal text only when ticked. The charts are the
//! ones Insights draws; every word is escaped. The app prints the markup
//! through the webview's print dialog; `glimmer report` writes the document.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Span, Timestamp};
use serde::{Deserialize, Serialize};

use crate::activation::{self, ActivationChart, Status};
use crate::assess::{self, Band};
use crate::charts::{self, Theme};
use crate::error::{Error, Result};
use crate::export::count;
use crate::markdown::escape_html;
use crate::mindful::{self, MindfulChart, week_start};
use crate::storage::{MAX_LIST, check_day, local_date, local_today};
use crate::vault::Vault;

/// The summary's styles, shared with the app's preview.
pub const SUMMARY_CSS: &str = include_str!("report.css");

/// A part of the summary the person can tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Phq9,
    Mood,
    Activities,
    Practice,
    /// The entries' own words.
    Journal,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Phq9 => "PHQ-9 self-checks",
            Section::Mood => "Mood and feeling intensity",
            Section::Activities => "Activities",
            Section::Practice => "Mindfulness practice",
            Section::Journal => "Journal entries",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Section::Phq9 => "phq9",
            Section::Mood => "mood",
            Section::Activities => "activities",
            Section::Practice => "practice",
            Section::Journal => "journal",
        }
    }
}

/// What to summarise: the local days `from` through `to`, and the parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SummaryOptions {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: Date,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: Date,
    pub include: Vec<Section>,
}

impl SummaryOptions {
    /// The days as given, in order, and at least one part ticked.
    pub fn check(&self) -> Result<()> {
        let (from, to) = (check_day("from", self.from)?, check_day("to", self.to)?);
        if from > to {
            return Err(Error::invalid(
                "to",
                format!(
                    "The summary ends on {to}, before it starts on {from}; swap the two dates."
                ),
            ));
        }
        if self.include.is_empty() {
            return Err(Error::invalid(
                "include",
                "Tick at least one part to put in the summary.",
            ));
        }
        Ok(())
    }
}

/// The summary as a standalone page to open in a browser and print. It
/// loads nothing from anywhere: its policy forbids it.
pub async fn summary_html(vault: &Vault, options: &SummaryOptions) -> Result<String> {
    Ok(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>Summary from Glimmer, {} to {}</title><style>{SUMMARY_CSS}</style></head><body>{}</body></html>\n",
        options.from,
        options.to,
        summary_markup(vault, options).await?
    ))
}

/// The summary's markup (no styles): safe to place in a page.
pub async fn summary_markup(vault: &Vault, options: &SummaryOptions) -> Result<String> {
    options.check()?;
    let (from, to) = (options.from, options.to);
    let mut include = options.include.clone();
    include.sort();
    include.dedup();
    let days = Days {
        from,
        to,
        zone: TimeZone::system(),
    };
    let chosen: Vec<&str> = include.iter().map(|s| s.title()).collect();
    let mut html = format!(
        "<div class=\"glimmer-summary\"><header><h1>Summary from Glimmer</h1>\
         <p class=\"period\">{from} to {to} · made on {}</p>\
         <p class=\"about\">Noted by the person themselves in Glimmer, a private journal app: self-reported, not a diagnosis. It shows only what they chose to share: {}.</p></header>",
        local_today(),
        escape_html(&chosen.join(", "))
    );
    for section in include {
        let body = match section {
            Section::Phq9 => phq9(vault, &days).await?,
            Section::Mood => mood(vault, &days).await?,
            Section::Activities => activities(vault, &days).await?,
            Section::Practice => practice(vault, &days).await?,
            Section::Journal => journal(vault, &days).await?,
        };
        let _ = write!(
            html,
            "<section class=\"part\" data-section=\"{}\"><h2>{}</h2>{body}</section>",
            section.key(),
            escape_html(section.title())
        );
    }
    html.push_str("</div>");
    Ok(html)
}

/// The days summarised, and this computer's zone for what keeps none.
struct Days {
    from: Date,
    to: Date,
    zone: TimeZone,
}

impl Days {
    fn holds(&self, day: Date) -> bool {
        self.from <= day && day <= self.to
    }

    /// Instants surely before the first day and after the last, in any
    /// zone; callers keep what is local to the days.
    fn instants(&self) -> (Timestamp, Timestamp) {
        let utc = |d: Date| {
            d.to_zoned(TimeZone::UTC)
                .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp())
        };
        (
            utc(self.from.saturating_sub(Span::new().days(1))),
            utc(self.to.saturating_add(Span::new().days(2))),
        )
    }
}

fn para(text: &str) -> String {
    format!("<p>{}</p>", escape_html(text))
}

fn figure(svg: String) -> String {
    format!("<figure>{svg}</figure>")
}

/// A table with a header row; every cell is escaped.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cells = |row: &[String], tag: &str| -> String {
        row.iter()
            .map(|c| format!("<{tag}>{}</{tag}>", escape_html(c)))
            .collect()
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let body: String = rows
        .iter()
        .map(|r| format!("<tr>{}</tr>", cells(r, "td")))
        .collect();
    format!(
        "<table><thead><tr>{}</tr></thead><tbody>{body}</tbody></table>",
        cells(&head, "th")
    )
}

fn one_decimal(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{v:.1}"))
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

async fn phq9(vault: &Vault, days: &Days) -> Result<String> {
    let taken: Vec<assess::Assessment> = vault
        .assessments()
        .phq9_history()
        .await?
        .into_iter()
        .filter(|a| days.holds(a.created_at.to_zoned(days.zone.clone()).date()))
        .collect();
    if taken.is_empty() {
        return Ok(para("No PHQ-9 self-checks in this period."));
    }
    let points: Vec<(Timestamp, u8)> = taken
        .iter()
        .map(|a| (a.created_at, a.score.total))
        .collect();
    let rows: Vec<Vec<String>> = taken
        .iter()
        .map(|a| {
            vec![
                a.created_at
                    .to_zoned(days.zone.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string(),
                a.score.total.to_string(),
                a.score.band.label().to_string(),
                a.answers
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                a.difficulty
                    .and_then(|d| assess::PHQ9_DIFFICULTY_ANSWERS.get(usize::from(d)))
                    .map_or("—".to_string(), |d| d.to_string()),
            ]
        })
        .collect();
    let bands: Vec<String> = Band::ALL
        .iter()
        .map(|b| {
            let (lo, hi) = b.range();
            format!("{} {lo}–{hi}", b.label())
        })
        .collect();
    Ok(format!(
        "{}{}{}{}<p class=\"small\">{}</p>",
        para(&format!(
            "{} in this period. Bands: {}.",
            count(taken.len(), "self-check", "self-checks"),
            bands.join(", ")
        )),
        figure(charts::phq9_over_time(&points, Theme::Light)?),
        table(
            &[
                "Taken",
                "Total",
                "Band",
                "Answers, items 1 to 9 (0–3)",
                "Difficulty"
            ],
            &rows
        ),
        para(assess::CLINICIAN_NOTE),
        escape_html(assess::PHQ9_ATTRIBUTION)
    ))
}

async fn mood(vault: &Vault, days: &Days) -> Result<String> {
    let (since, until) = days.instants();
    let checkins: Vec<_> = vault
        .checkins()
        .between(Some(since), Some(until))
        .await?
        .into_iter()
        .filter(|c| days.holds(local_date(c.created_at, &c.tz)))
        .collect();
    if checkins.is_empty() {
        return Ok(para("No check-ins in this period."));
    }
    let points: Vec<charts::DayPoint> = vault
        .insights()
        .day_points(Some(since))
        .await?
        .into_iter()
        .filter(|d| days.holds(d.date))
        .collect();
    let mut weeks: BTreeMap<Date, Vec<&crate::checkin::Checkin>> = BTreeMap::new();
    for c in &checkins {
        weeks
            .entry(week_start(local_date(c.created_at, &c.tz)))
            .or_default()
            .push(c);
    }
    let moods =
        |cs: &[&crate::checkin::Checkin]| mean(cs.iter().filter_map(|c| c.mood).map(f64::from));
    let intensities = |cs: &[&crate::checkin::Checkin]| {
        mean(cs.iter().filter_map(|c| c.intensity).map(f64::from))
    };
    let rows: Vec<Vec<String>> = weeks
        .iter()
        .map(|(week, cs)| {
            vec![
                week.to_string(),
                cs.len().to_string(),
                one_decimal(moods(cs)),
                one_decimal(intensities(cs)),
            ]
        })
        .collect();
    let all: Vec<&crate::checkin::Checkin> = checkins.iter().collect();
    let cant_tell = checkins.iter().filter(|c| c.intensity.is_none()).count();
    let mut words: BTreeMap<&str, usize> = BTreeMap::new();
    for w in checkins.iter().flat_map(|c| &c.emotions) {
        *words.entry(w).or_default() += 1;
    }
    let mut words: Vec<(&str, usize)> = words.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let words: Vec<String> = words
        .iter()
        .take(10)
        .map(|(w, n)| format!("{w} ({n})"))
        .collect();
    let mut html = para(&format!(
        "{} on {}. Mood runs from −3 (very low) to +3 (very good), feeling intensity from 0 (can't feel anything) to 10 (feelings vivid). Mean mood {}, mean feeling intensity {}.{}",
        count(checkins.len(), "check-in", "check-ins"),
        count(points.len(), "day", "days"),
        moods(&all).map_or("not given".into(), |m| format!("{m:.1}")),
        intensities(&all).map_or("not given".into(), |m| format!("{m:.1}")),
        match cant_tell {
            0 => String::new(),
            n => format!(
                " Feeling intensity was answered \"I can't tell\" {}.",
                count(n, "time", "times")
            ),
        }
    ));
    // One day makes no line; the table says it.
    if points.len() > 1 {
        html.push_str(&figure(charts::mood_and_intensity(&points, Theme::Light)?));
    }
    html.push_str(&table(
        &[
            "Week of",
            "Check-ins",
            "Mean mood",
            "Mean feeling intensity",
        ],
        &rows,
    ));
    if !words.is_empty() {
        html.push_str(&para(&format!(
            "Emotion words chosen most often: {}.",
            words.join(", ")
        )));
    }
    Ok(html)
}

async fn activities(vault: &Vault, days: &Days) -> Result<String> {
    let planned = vault.plans().on_days(days.from, days.to).await?;
    if planned.is_empty() {
        return Ok(para("No activities were planned in this period."));
    }
    let with = |s: Status| planned.iter().filter(|o| o.status == s).count();
    let insights = vault.plans().insights_between(days.from, days.to).await?;
    let rows: Vec<Vec<String>> = insights
        .by_activity
        .iter()
        .map(|a| {
            vec![
                a.label.clone(),
                a.count.to_string(),
                one_decimal(a.enjoyment),
                one_decimal(a.mastery),
            ]
        })
        .collect();
    let mut html = para(&format!(
        "{} planned: {} done, {} partly done, {} let go, {} with nothing noted.",
        count(planned.len(), "activity", "activities"),
        with(Status::Done),
        with(Status::Partly),
        with(Status::NotToday),
        with(Status::Planned),
    ));
    // Charts and sentences only where there is something to show: their
    // empty states speak to the person, not to a reader of the summary.
    if !insights.predicted_vs_actual.is_empty() {
        if let Some(gap) = &insights.gap_sentence {
            html.push_str(&para(gap));
        }
        html.push_str(&figure(activation::draw_chart(
            &insights,
            ActivationChart::PredictedActual,
            Theme::Light,
        )?));
    }
    if !rows.is_empty() {
        html.push_str(&table(
            &[
                "Activity",
                "Done or partly",
                "Mean enjoyment (0–10)",
                "Mean mastery (0–10)",
            ],
            &rows,
        ));
    }
    let felt = &insights.intensity;
    if felt.days_with.is_some() || felt.days_without.is_some() || !felt.after.is_empty() {
        html.push_str(&para(&insights.intensity_sentence));
    }
    Ok(html)
}

async fn practice(vault: &Vault, days: &Days) -> Result<String> {
    let insights = vault.mindful().insights_between(days.from, days.to).await?;
    let sessions: u32 = insights.weeks.iter().map(|w| w.sessions).sum();
    if sessions == 0 {
        return Ok(para("No mindfulness practice in this period."));
    }
    let before_after = if insights.pairs > 0 {
        para(&insights.intensity_sentence())
    } else {
        String::new()
    };
    Ok(format!(
        "{}{}{before_after}",
        para(&format!(
            "{} of practice in {}.",
            count(
                insights.total_minutes().round() as usize,
                "minute",
                "minutes"
            ),
            count(sessions as usize, "session", "sessions")
        )),
        figure(mindful::draw_chart(
            &insights,
            MindfulChart::MinutesPerWeek,
            Theme::Light
        )?)
    ))
}

async fn journal(vault: &Vault, days: &Days) -> Result<String> {
    let (since, until) = days.instants();
    let mut html = String::new();
    let mut after: Option<String> = None;
    let mut n = 0;
    loop {
        let page = vault
            .journal()
            .full_page(Some(since), Some(until), MAX_LIST, after.as_deref())
            .await?;
        for e in &page.items {
            let zone = TimeZone::get(&e.tz).unwrap_or(TimeZone::UTC);
            let at = e.created_at.to_zoned(zone);
            if !days.holds(at.date()) {
                continue;
            }
            n += 1;
            let mut meta = Vec::new();
            if !e.tags.is_empty() {
                meta.push(format!("tags: {}", e.tags.join(", ")));
            }
            if let Some(i) = e.intensity {
                meta.push(format!("feeling intensity {i}"));
            }
            let _ = write!(
                html,
                "<article><h3>{}{}</h3>{}<div class=\"text\">{}</div></article>",
                at.strftime("%Y-%m-%d %H:%M"),
                if e.title.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", escape_html(&e.title))
                },
                if meta.is_empty() {
                    String::new()
                } else {
                    format!("<p class=\"small\">{}</p>", escape_html(&meta.join("; ")))
                },
                escape_html(&e.body)
            );
        }
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    if n == 0 {
        return Ok(para("No journal entries in this period."));
    }
    Ok(format!(
        "{}{html}",
        para(&format!("{}, as written.", count(n, "entry", "entries")))
    ))
}
