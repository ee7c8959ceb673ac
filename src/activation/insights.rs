//! The numbers behind activation's insights (charts come later): predicted
//! against actual enjoyment, and enjoyment and mastery by life area and by
//! activity. Often the point is the gap: things go better than expected.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{LifeArea, OccurrenceId};

/// One occurrence done or partly done, with its ratings.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub occurrence: OccurrenceId,
    pub activity_id: Uuid,
    pub activity: String,
    pub area: LifeArea,
    pub predicted: Option<u8>,
    pub enjoyment: Option<u8>,
    pub mastery: Option<u8>,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ActivationInsights {
    /// Every occurrence with both a prediction and an actual enjoyment, oldest first.
    pub predicted_vs_actual: Vec<PredictedActual>,
    /// The mean of actual minus predicted: above 0, it went better than expected.
    pub mean_gap: Option<f64>,
    /// All five areas, in their usual order.
    pub by_area: Vec<Averages>,
    /// Activities with anything noted, most often done first.
    pub by_activity: Vec<Averages>,
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

/// Summarises `records` (in the order given, which should be oldest first).
pub fn summarize(records: &[Record]) -> ActivationInsights {
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
    ActivationInsights {
        predicted_vs_actual,
        mean_gap: gap.get(),
        by_area,
        by_activity,
    }
}
