//! Turns check-ins, glimmers and self-checks into the charts of Insights.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::charts::{self, DayPoint, Theme};
use crate::error::Result;
use crate::storage::local_date;
use crate::vault::Vault;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Range {
    #[default]
    #[cfg_attr(feature = "cli", value(name = "30d"))]
    Days30,
    #[cfg_attr(feature = "cli", value(name = "6m"))]
    Months6,
    #[cfg_attr(feature = "cli", value(name = "1y"))]
    Year,
    All,
}

impl Range {
    pub fn since(self, now: Timestamp) -> Option<Timestamp> {
        let days = match self {
            Range::Days30 => 30,
            Range::Months6 => 183,
            Range::Year => 365,
            Range::All => return None,
        };
        Some(now - SignedDuration::from_hours(24 * days))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Mood and feeling intensity per day with 7-day means.
    Mood,
    /// This year, one square a day.
    Year,
    Emotions,
    Phq9,
    /// Feeling intensity against mood.
    Scatter,
}

/// The numbers behind the charts, for the tables screen readers use.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct InsightsData {
    pub days: Vec<DayPoint>,
    #[cfg_attr(feature = "ts", ts(type = "Array<[string, number]>"))]
    pub emotions: Vec<(String, i64)>,
    pub phq9: Vec<(Timestamp, u8)>,
}

/// A handle on the numbers and charts of an unlocked vault.
pub struct Insights<'v> {
    vault: &'v Vault,
}

impl Vault {
    /// Charts and the numbers behind them.
    pub fn insights(&self) -> Insights<'_> {
        Insights::new(self)
    }
}

impl<'v> Insights<'v> {
    pub(crate) fn new(vault: &'v Vault) -> Self {
        Self { vault }
    }

    /// Daily averages of check-ins, with the number of glimmers noted each day.
    pub async fn day_points(&self, since: Option<Timestamp>) -> Result<Vec<DayPoint>> {
        let vault = self.vault;
        /// A running mean over the answers that were given.
        #[derive(Default)]
        struct Mean(f64, u32);
        impl Mean {
            fn add(&mut self, v: f64) {
                self.0 += v;
                self.1 += 1;
            }
            fn mean(&self) -> Option<f64> {
                (self.1 > 0).then(|| self.0 / f64::from(self.1))
            }
        }
        #[derive(Default)]
        struct Acc {
            mood: Mean,
            intensity: Mean,
            n: u32,
            glimmers: u32,
        }
        let mut days: BTreeMap<Date, Acc> = BTreeMap::new();
        for c in vault.checkins().between(since, None).await? {
            let a = days.entry(local_date(c.created_at, &c.tz)).or_default();
            if let Some(m) = c.mood {
                a.mood.add(f64::from(m));
            }
            if let Some(i) = c.intensity {
                a.intensity.add(f64::from(i));
            }
            a.n += 1;
        }
        for (at, tz) in vault.journal().glimmer_times(since).await? {
            days.entry(local_date(at, &tz)).or_default().glimmers += 1;
        }
        Ok(days
            .into_iter()
            .filter(|(_, a)| a.n > 0)
            .map(|(date, a)| DayPoint {
                date,
                mood: a.mood.mean(),
                intensity: a.intensity.mean(),
                glimmers: a.glimmers,
            })
            .collect())
    }

    pub async fn data(&self, range: Range) -> Result<InsightsData> {
        let since = range.since(Timestamp::now());
        Ok(InsightsData {
            days: self.day_points(since).await?,
            emotions: self.vault.checkins().emotion_counts(since, None).await?,
            phq9: self.phq9_points(since).await?,
        })
    }

    /// PHQ-9 totals taken since `since`, oldest first.
    async fn phq9_points(&self, since: Option<Timestamp>) -> Result<Vec<(Timestamp, u8)>> {
        Ok(self
            .vault
            .assessments()
            .phq9_history()
            .await?
            .into_iter()
            .filter(|a| since.is_none_or(|s| a.created_at >= s))
            .map(|a| (a.created_at, a.score.total))
            .collect())
    }

    /// Renders one chart of the vault's data as an SVG string.
    pub async fn chart(&self, kind: ChartKind, range: Range, theme: Theme) -> Result<String> {
        let vault = self.vault;
        let now = Timestamp::now();
        let since = range.since(now);
        Ok(match kind {
            ChartKind::Mood => charts::mood_and_intensity(&self.day_points(since).await?, theme)?,
            ChartKind::Year => {
                // Always the whole of this year, whatever the range.
                let year = now.to_zoned(TimeZone::system()).year();
                let jan1 = Date::new(year, 1, 1)
                    .and_then(|d| d.to_zoned(TimeZone::system()))
                    .map(|z| z.timestamp())
                    .ok();
                charts::year_in_pixels(year, &self.day_points(jan1).await?, theme)?
            }
            ChartKind::Emotions => charts::emotion_frequencies(
                &vault.checkins().emotion_counts(since, None).await?,
                theme,
            )?,
            ChartKind::Phq9 => charts::phq9_over_time(&self.phq9_points(since).await?, theme)?,
            ChartKind::Scatter => {
                let points: Vec<(i8, u8)> = vault
                    .checkins()
                    .between(since, None)
                    .await?
                    .iter()
                    .filter_map(|c| Some((c.mood?, c.intensity?)))
                    .collect();
                charts::intensity_vs_mood(&points, theme)?
            }
        })
    }
}
