//! The numbers behind activation's insights (the charts are in
//! [`super::charts`]): predicted against actual enjoyment, enjoyment and
//! mastery by life area and by activity, feeling intensity on days with and
//! without an activity, and the last seven days. Often the point is the gap:
//! things go better than expected.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use jiff::civil::Time;
use jiff::tz::TimeZone;

use super::recurrence::resolve;
use super::{LifeArea, OccurrenceId, Plans, Status};
use crate::checkin::Checkins;
use crate::error::Result;
use crate::storage::{check_day, local_today, small};

/// How many occurrences with both a prediction and an actual enjoyment it
/// takes before the gap is put into words: one or two say little.
pub const GAP_MIN_PAIRS: usize = 3;

/// Shown where the gap sentence will be, until there are enough pairs.
pub const GAP_EMPTY: &str = "Rate how much you expect to enjoy something, then how it went; after three, the comparison shows here.";

/// One occurrence done or partly done, with its ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub occurrence: OccurrenceId,
    /// The local day it happened on (after a move), in its plan's zone.
    pub date: Date,
    pub activity_id: Uuid,
    pub activity: String,
    pub area: LifeArea,
    pub predicted: Option<u8>,
    pub enjoyment: Option<u8>,
    pub mastery: Option<u8>,
    /// How vividly anything was felt afterwards.
    pub intensity: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PredictedActual {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub occurrence: OccurrenceId,
    pub day: Date,
    pub activity: String,
    pub predicted: u8,
    pub actual: u8,
}

/// Means over the occurrences that noted each rating; `None` where none did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Averages {
    /// The area's key or the activity's id.
    pub key: String,
    pub label: String,
    /// Occurrences done or partly done.
    pub count: u32,
    pub enjoyment: Option<f64>,
    pub mastery: Option<f64>,
}

/// How vividly anything was felt right after one occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IntensityAfter {
    /// The local day it happened on.
    pub day: Date,
    pub activity: String,
    pub intensity: u8,
}

/// Feeling intensity around activities. Check-ins answered "I can't tell"
/// are left out, and so is a day with only such answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct IntensityAround {
    /// Occurrences done or partly done with an intensity noted afterwards, oldest first.
    pub after: Vec<IntensityAfter>,
    /// The mean of the daily check-in intensity on days with something done or partly done.
    pub days_with: Option<f64>,
    /// The same on days with a check-in but nothing done.
    pub days_without: Option<f64>,
    /// How many days `days_with` is the mean of.
    pub days_with_count: u32,
    /// How many days `days_without` is the mean of.
    pub days_without_count: u32,
}

/// Shown where the intensity comparison will be, until a check-in has an intensity.
pub const INTENSITY_EMPTY: &str =
    "Check-ins with a feeling intensity will show here, on days with an activity and days without.";

/// "once", "3 times".
pub(crate) fn times(n: usize) -> String {
    match n {
        1 => "once".into(),
        n => format!("{n} times"),
    }
}

/// "1 day", "3 days".
pub(crate) fn days(n: u32) -> String {
    match n {
        1 => "1 day".into(),
        n => format!("{n} days"),
    }
}

impl IntensityAround {
    /// The mean of the intensities noted right after activities.
    pub fn after_mean(&self) -> Option<f64> {
        let n = self.after.len();
        (n > 0).then(|| {
            self.after
                .iter()
                .map(|a| f64::from(a.intensity))
                .sum::<f64>()
                / n as f64
        })
    }

    /// The comparison in plain words ([`INTENSITY_EMPTY`] before any
    /// check-in has an intensity), then the intensity noted right after.
    pub fn sentence(&self) -> String {
        let side = |mean: Option<f64>, count: u32, which: &str| match mean {
            Some(m) => format!("{m:.1} on {} {which}", days(count)),
            None => format!("no check-ins yet on days {which}"),
        };
        let mut s = if self.days_with.is_none() && self.days_without.is_none() {
            INTENSITY_EMPTY.to_string()
        } else {
            format!(
                "Mean daily feeling intensity from check-ins, 0 to 10: {}, and {}.",
                side(self.days_with, self.days_with_count, "with an activity"),
                side(self.days_without, self.days_without_count, "without one"),
            )
        };
        if let Some(a) = self.after_mean() {
            s.push_str(&format!(
                " Noted right after an activity: {a:.1} on average ({}).",
                times(self.after.len())
            ));
        }
        s
    }
}

/// One local day of the week view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct WeekDay {
    pub day: Date,
    /// The names of the activities done that day.
    pub done: Vec<String>,
    /// And partly done.
    pub partly: Vec<String>,
    /// Occurrences that day with nothing noted yet.
    pub planned: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ActivationInsights {
    /// Every occurrence with both a prediction and an actual enjoyment, oldest first.
    pub predicted_vs_actual: Vec<PredictedActual>,
    /// The mean of actual minus predicted: above 0, it went better than expected.
    pub mean_gap: Option<f64>,
    /// The gap in plain words once there are three pairs; until then `None`,
    /// and [`GAP_EMPTY`] is the line to show instead.
    pub gap_sentence: Option<String>,
    /// All five areas, in their usual order.
    pub by_area: Vec<Averages>,
    /// Activities with anything noted, most often done first.
    pub by_activity: Vec<Averages>,
    /// Feeling intensity around activities.
    pub intensity: IntensityAround,
    /// [`IntensityAround::sentence`], for front ends that show it as it is.
    pub intensity_sentence: String,
    /// The line to show where the gap goes: the sentence, or [`GAP_EMPTY`].
    pub gap_line: String,
    /// The seven local days ending today, oldest first.
    pub week: Vec<WeekDay>,
}

#[derive(Default)]
struct Mean(f64, u32);

impl Mean {
    fn add(&mut self, v: Option<u8>) {
        if let Some(v) = v {
            self.0 += f64::from(v);
            self.1 += 1;
        }
    }
    fn get(&self) -> Option<f64> {
        (self.1 > 0).then(|| self.0 / f64::from(self.1))
    }
}

fn averages<'r>(key: String, label: String, records: impl Iterator<Item = &'r Record>) -> Averages {
    let (mut enjoyment, mut mastery, mut count) = (Mean::default(), Mean::default(), 0);
    for r in records {
        enjoyment.add(r.enjoyment);
        mastery.add(r.mastery);
        count += 1;
    }
    Averages {
        key,
        label,
        count,
        enjoyment: enjoyment.get(),
        mastery: mastery.get(),
    }
}

/// The mean gap in neutral words, to one decimal; `None` under
/// [`GAP_MIN_PAIRS`] pairs.
pub fn gap_sentence(pairs: usize, mean_gap: Option<f64>) -> Option<String> {
    let gap = mean_gap.filter(|_| pairs >= GAP_MIN_PAIRS)?;
    // What would print as 0.0 is "about the same", never "0.0 points more".
    Some(if gap.abs() < 0.05 {
        "On average, activities were about as enjoyable as expected.".into()
    } else {
        let way = if gap > 0.0 { "more" } else { "less" };
        format!(
            "On average, activities were {:.1} points {way} enjoyable than expected.",
            gap.abs()
        )
    })
}

/// Daily check-in intensity on days with something done (a day in
/// `records`) against days without. `checkins` are (local day, intensity)
/// with `None` for "I can't tell".
pub fn intensity_around(records: &[Record], checkins: &[(Date, Option<u8>)]) -> IntensityAround {
    let mut days: BTreeMap<Date, Mean> = BTreeMap::new();
    for &(day, intensity) in checkins {
        days.entry(day).or_default().add(intensity);
    }
    let active: BTreeSet<Date> = records.iter().map(|r| r.date).collect();
    let (mut with, mut without) = (Mean::default(), Mean::default());
    for (day, mean) in &days {
        let Some(m) = mean.get() else { continue };
        let side = if active.contains(day) {
            &mut with
        } else {
            &mut without
        };
        side.0 += m;
        side.1 += 1;
    }
    IntensityAround {
        after: records
            .iter()
            .filter_map(|r| {
                Some(IntensityAfter {
                    day: r.date,
                    activity: r.activity.clone(),
                    intensity: r.intensity?,
                })
            })
            .collect(),
        days_with: with.get(),
        days_without: without.get(),
        days_with_count: with.1,
        days_without_count: without.1,
    }
}

/// The seven local days ending `today`, from occurrences as (local day,
/// status, activity name); those on other days are left out.
pub fn week(
    today: Date,
    occurrences: impl IntoIterator<Item = (Date, Status, String)>,
) -> Vec<WeekDay> {
    let mut days: Vec<WeekDay> = (0..7)
        .rev()
        .filter_map(|back| today.checked_sub(jiff::Span::new().days(back)).ok())
        .map(|day| WeekDay {
            day,
            done: Vec::new(),
            partly: Vec::new(),
            planned: 0,
        })
        .collect();
    for (date, status, name) in occurrences {
        let Some(d) = days.iter_mut().find(|d| d.day == date) else {
            continue;
        };
        match status {
            Status::Done => d.done.push(name),
            Status::Partly => d.partly.push(name),
            Status::Planned => d.planned += 1,
            Status::NotToday => {}
        }
    }
    days
}

/// Summarises `records` (in the order given, which should be oldest first),
/// with the day's check-in intensities (see [`intensity_around`]) and the
/// week as [`week`] gives it.
pub fn summarize(
    records: &[Record],
    checkins: &[(Date, Option<u8>)],
    week: Vec<WeekDay>,
) -> ActivationInsights {
    let predicted_vs_actual: Vec<PredictedActual> = records
        .iter()
        .filter_map(|r| {
            Some(PredictedActual {
                occurrence: r.occurrence,
                day: r.occurrence.day,
                activity: r.activity.clone(),
                predicted: r.predicted?,
                actual: r.enjoyment?,
            })
        })
        .collect();
    let mut gap = Mean::default();
    for p in &predicted_vs_actual {
        gap.0 += f64::from(p.actual) - f64::from(p.predicted);
        gap.1 += 1;
    }
    let by_area = LifeArea::ALL
        .iter()
        .map(|&a| {
            averages(
                a.key().into(),
                a.label().into(),
                records.iter().filter(|r| r.area == a),
            )
        })
        .collect();
    let mut activities: Vec<(Uuid, &str)> = Vec::new();
    for r in records {
        if !activities.iter().any(|(id, _)| *id == r.activity_id) {
            activities.push((r.activity_id, &r.activity));
        }
    }
    let mut by_activity: Vec<Averages> = activities
        .into_iter()
        .map(|(id, name)| {
            averages(
                id.to_string(),
                name.to_string(),
                records.iter().filter(|r| r.activity_id == id),
            )
        })
        .collect();
    by_activity.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let gap_sentence = gap_sentence(predicted_vs_actual.len(), gap.get());
    let intensity = intensity_around(records, checkins);
    ActivationInsights {
        gap_line: gap_sentence
            .clone()
            .unwrap_or_else(|| GAP_EMPTY.to_string()),
        gap_sentence,
        predicted_vs_actual,
        mean_gap: gap.get(),
        by_area,
        by_activity,
        intensity_sentence: intensity.sentence(),
        intensity,
        week,
    }
}

/// The queries behind [`ActivationInsights`]: what was done, the check-ins
/// around it, and this week.
impl Plans<'_> {
    /// Predicted against actual enjoyment, enjoyment and mastery by life
    /// area and by activity, and feeling intensity around activities, over
    /// what was done or partly done from `since` on; and this week.
    pub async fn insights(&self, since: Option<Date>) -> Result<ActivationInsights> {
        self.insights_at(since, local_today()).await
    }

    /// [`Plans::insights`] with the week ending on `today` (a local day).
    pub async fn insights_at(
        &self,
        since: Option<Date>,
        today: Date,
    ) -> Result<ActivationInsights> {
        since.map(|d| check_day("since", d)).transpose()?;
        let records = self.records(since).await?;
        let checkins = Checkins::new(self.pool).intensities_since(since).await?;
        let week = self.week(today).await?;
        Ok(summarize(&records, &checkins, week))
    }

    /// What was done or partly done on `since` or later, oldest first.
    async fn records(&self, since: Option<Date>) -> Result<Vec<Record>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            plan_id: String,
            day: String,
            date: String,
            predicted: Option<i64>,
            enjoyment: Option<i64>,
            mastery: Option<i64>,
            intensity: Option<i64>,
            activity_id: String,
            name: String,
            area: String,
        }
        // The day it happened is the one it was moved to, if it was.
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT o.plan_id, o.day, coalesce(o.moved_day, o.day) AS date, \
             coalesce(o.predicted, p.predicted) AS predicted, o.enjoyment, o.mastery, o.intensity, \
             a.id AS activity_id, a.name, a.area \
             FROM occurrences o JOIN plans p ON p.id = o.plan_id JOIN activities a ON a.id = p.activity_id \
             WHERE o.status IN ('done', 'partly') AND coalesce(o.moved_day, o.day) >= ? \
             ORDER BY date, a.name",
        )
        .bind(since.map(|d| d.to_string()).unwrap_or_default())
        .fetch_all(self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some(Record {
                    occurrence: OccurrenceId {
                        plan: Uuid::parse_str(&r.plan_id).ok()?,
                        day: r.day.parse().ok()?,
                    },
                    date: r.date.parse().ok()?,
                    activity_id: Uuid::parse_str(&r.activity_id).ok()?,
                    activity: r.name,
                    area: LifeArea::parse(&r.area).ok()?,
                    predicted: small(r.predicted),
                    enjoyment: small(r.enjoyment),
                    mastery: small(r.mastery),
                    intensity: small(r.intensity),
                })
            })
            .collect())
    }

    /// The seven local days ending `today`, from every plan's occurrences.
    async fn week(&self, today: Date) -> Result<Vec<WeekDay>> {
        let tz = TimeZone::system();
        let start = |d: Date| resolve(&tz, d.to_datetime(Time::midnight()));
        // A day of margin each side: plans keep their own zones; the days
        // themselves are picked by each occurrence's local date.
        let from = start(today.saturating_sub(jiff::Span::new().days(7)));
        let to = start(today.saturating_add(jiff::Span::new().days(2)));
        let occurrences = self.occurrences(from, to).await?;
        Ok(week(
            today,
            occurrences
                .into_iter()
                .map(|o| (o.date, o.status, o.activity)),
        ))
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    /// A done occurrence on 2025-06-`d` of activity `n` (its name "A`n`").
    fn rec(
        d: i8,
        n: u128,
        area: LifeArea,
        predicted: Option<u8>,
        enjoyment: Option<u8>,
        mastery: Option<u8>,
        intensity: Option<u8>,
    ) -> Record {
        Record {
            occurrence: OccurrenceId {
                plan: Uuid::from_u128(n),
                day: date(2025, 6, d),
            },
            date: date(2025, 6, d),
            activity_id: Uuid::from_u128(n),
            activity: format!("A{n}"),
            area,
            predicted,
            enjoyment,
            mastery,
            intensity,
        }
    }

    fn fixed() -> Vec<Record> {
        use LifeArea::*;
        vec![
            rec(2, 1, MindBody, Some(2), Some(6), Some(5), Some(7)),
            rec(2, 2, Relationships, Some(5), Some(5), Some(3), None),
            rec(3, 1, MindBody, Some(3), Some(4), None, Some(4)),
            rec(5, 3, Responsibilities, Some(1), Some(3), Some(9), None),
            rec(5, 1, MindBody, None, Some(8), Some(7), None),
        ]
    }

    #[test]
    fn the_gap_and_the_means_come_from_what_was_noted() {
        let i = summarize(&fixed(), &[], Vec::new());
        // Gaps 4, 0, 1, 2 (the last has no prediction).
        assert_eq!(i.predicted_vs_actual.len(), 4);
        assert_eq!(i.mean_gap, Some(1.75));
        assert_eq!(
            i.gap_sentence.as_deref(),
            Some("On average, activities were 1.8 points more enjoyable than expected.")
        );
        assert_eq!(Some(i.gap_line.as_str()), i.gap_sentence.as_deref());
        let area = |a: LifeArea| i.by_area.iter().find(|x| x.key == a.key()).unwrap();
        let mind = area(LifeArea::MindBody);
        assert_eq!(mind.count, 3);
        assert_eq!(mind.enjoyment, Some(6.0), "(6 + 4 + 8) / 3");
        assert_eq!(
            mind.mastery,
            Some(6.0),
            "(5 + 7) / 2: the unrated one is left out"
        );
        assert_eq!(
            (area(LifeArea::Work).count, area(LifeArea::Work).enjoyment),
            (0, None)
        );
        assert_eq!(i.by_activity[0].label, "A1");
        assert_eq!(i.by_activity[0].count, 3);
    }

    #[test]
    fn the_gap_sentence_says_which_way_in_plain_words_and_waits_for_three() {
        assert_eq!(gap_sentence(2, Some(3.0)), None);
        assert_eq!(gap_sentence(3, None), None);
        assert_eq!(
            gap_sentence(3, Some(2.14)).as_deref(),
            Some("On average, activities were 2.1 points more enjoyable than expected.")
        );
        assert_eq!(
            gap_sentence(5, Some(-1.26)).as_deref(),
            Some("On average, activities were 1.3 points less enjoyable than expected.")
        );
        for tiny in [0.0, 0.049, -0.049] {
            assert_eq!(
                gap_sentence(4, Some(tiny)).as_deref(),
                Some("On average, activities were about as enjoyable as expected."),
                "{tiny}"
            );
        }
        // Two pairs: the mean is there, the sentence waits.
        let two = summarize(&fixed()[..2], &[], Vec::new());
        assert_eq!((two.mean_gap, two.gap_sentence), (Some(2.0), None));
        assert_eq!(
            two.gap_line, GAP_EMPTY,
            "under three, the kind line instead"
        );
        let worse: Vec<Record> = fixed()
            .into_iter()
            .map(|r| Record {
                predicted: r.predicted.map(|p| p + 4),
                ..r
            })
            .collect();
        let worse = summarize(&worse, &[], Vec::new());
        assert_eq!(worse.mean_gap, Some(-2.25));
        assert!(
            worse
                .gap_sentence
                .as_deref()
                .is_some_and(|s| s.contains("2.2 points less enjoyable than expected")
                    || s.contains("2.3 points less enjoyable than expected")),
            "{worse:?}"
        );
        let words = [GAP_EMPTY.to_string(), gap_sentence(3, Some(-2.0)).unwrap()];
        for w in words {
            let lower = w.to_lowercase();
            for shame in ["should", "failed", "missed", "overdue", "streak", "worse"] {
                assert!(!lower.contains(shame), "{w}");
            }
        }
    }

    #[test]
    fn feeling_intensity_compares_days_with_and_without_an_activity() {
        let checkins = [
            // Days with something done: the 2nd (8 and 6: 7), the 3rd (4), the 5th (only "I can't tell").
            (date(2025, 6, 2), Some(8)),
            (date(2025, 6, 2), Some(6)),
            (date(2025, 6, 2), None),
            (date(2025, 6, 3), Some(4)),
            (date(2025, 6, 5), None),
            // Days without: the 4th (2), the 6th (3 and 4: 3.5).
            (date(2025, 6, 4), Some(2)),
            (date(2025, 6, 6), Some(3)),
            (date(2025, 6, 6), Some(4)),
            (date(2025, 6, 7), None),
        ];
        let i = intensity_around(&fixed(), &checkins);
        assert_eq!(i.days_with, Some(5.5), "(7 + 4) / 2");
        assert_eq!(
            i.days_with_count, 2,
            "a day of only \"I can't tell\" has no intensity"
        );
        assert_eq!(i.days_without, Some(2.75), "(2 + 3.5) / 2");
        assert_eq!(i.days_without_count, 2);
        let after: Vec<(Date, &str, u8)> = i
            .after
            .iter()
            .map(|a| (a.day, a.activity.as_str(), a.intensity))
            .collect();
        assert_eq!(
            after,
            [(date(2025, 6, 2), "A1", 7), (date(2025, 6, 3), "A1", 4)]
        );
        let said = i.sentence();
        assert!(said.contains("5.5 on 2 days with an activity"), "{said}");
        assert!(
            said.contains("5.5 on average (twice)") || said.contains("5.5 on average (2 times)"),
            "{said}"
        );
        let none = intensity_around(&fixed(), &[(date(2025, 6, 2), None)]);
        assert_eq!((none.days_with, none.days_without), (None, None));
        assert_eq!((none.days_with_count, none.days_without_count), (0, 0));
        assert!(
            none.sentence().starts_with(INTENSITY_EMPTY),
            "{}",
            none.sentence()
        );
    }

    #[test]
    fn the_week_is_seven_days_ending_today() {
        let today = date(2025, 6, 8);
        let w = week(
            today,
            [
                (date(2025, 6, 8), Status::Done, "Walk".to_string()),
                (date(2025, 6, 8), Status::Partly, "Dishes".to_string()),
                (date(2025, 6, 8), Status::Planned, "Call".to_string()),
                (date(2025, 6, 2), Status::Done, "Stretch".to_string()),
                (date(2025, 6, 2), Status::NotToday, "Read".to_string()),
                // Outside the week.
                (date(2025, 6, 1), Status::Done, "Early".to_string()),
                (date(2025, 6, 9), Status::Planned, "Later".to_string()),
            ],
        );
        let days: Vec<Date> = w.iter().map(|d| d.day).collect();
        assert_eq!(days.len(), 7);
        assert_eq!((days[0], days[6]), (date(2025, 6, 2), today));
        assert_eq!(
            (&w[6].done[..], &w[6].partly[..], w[6].planned),
            (&["Walk".to_string()][..], &["Dishes".to_string()][..], 1)
        );
        assert_eq!(
            (&w[0].done[..], w[0].planned),
            (&["Stretch".to_string()][..], 0)
        );
        assert!(w[1..6].iter().all(|d| d.done.is_empty() && d.planned == 0));
    }
}
