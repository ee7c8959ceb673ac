//! Behavioral activation: small activities in the life areas a person
//! values, planned once or repeating, with what actually happened noted
//! afterwards: done, partly, not today, or moved. Nothing here is ever late.
//! A time that passed with nothing noted is offered again (later today,
//! tomorrow) or let go.

pub mod activities;
pub mod charts;
pub mod ics;
pub mod insights;
pub mod plans;
pub mod recurrence;
pub mod reminders;

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};

pub use activities::{Activities, Activity, ActivityInput, AreaValue, pick_weighted};
pub use charts::ActivationChart;
pub use insights::{
    ActivationInsights, Averages, GAP_EMPTY, INTENSITY_EMPTY, IntensityAfter, IntensityAround,
    PredictedActual, WeekDay,
};
pub use plans::{MoveTo, NewPlan, Occurrence, Outcome, Plan, Plans};
pub use recurrence::{Rule, Schedule};

/// What became of a planned occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(export, rename = "OccurrenceStatus")
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Done,
    Partly,
    /// Let go: not today, and that is fine.
    NotToday,
}

impl Status {
    fn key(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Done => "done",
            Status::Partly => "partly",
            Status::NotToday => "not_today",
        }
    }
    fn parse(s: &str) -> Status {
        match s {
            "done" => Status::Done,
            "partly" => Status::Partly,
            "not_today" => Status::NotToday,
            _ => Status::Planned,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Done => "done",
            Status::Partly => "partly",
            Status::NotToday => "not today",
        }
    }
}

/// The five life areas of behavioral activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum LifeArea {
    Relationships,
    /// Education and work.
    Work,
    /// Recreation and interests.
    Recreation,
    /// Mind, body and spirituality.
    MindBody,
    /// Daily responsibilities.
    Responsibilities,
}

impl LifeArea {
    pub const ALL: [LifeArea; 5] = [
        LifeArea::Relationships,
        LifeArea::Work,
        LifeArea::Recreation,
        LifeArea::MindBody,
        LifeArea::Responsibilities,
    ];

    /// The stored and typed name.
    pub fn key(self) -> &'static str {
        match self {
            LifeArea::Relationships => "relationships",
            LifeArea::Work => "work",
            LifeArea::Recreation => "recreation",
            LifeArea::MindBody => "mind_body",
            LifeArea::Responsibilities => "responsibilities",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LifeArea::Relationships => "Relationships",
            LifeArea::Work => "Education and work",
            LifeArea::Recreation => "Recreation and interests",
            LifeArea::MindBody => "Mind, body and spirituality",
            LifeArea::Responsibilities => "Daily responsibilities",
        }
    }

    /// Reads an area as typed: its key or a word of its label, in any case.
    pub fn parse(text: &str) -> Result<LifeArea> {
        let t = text.trim().to_lowercase().replace(['-', ' '], "_");
        let area = match t.as_str() {
            "relationships" | "relationship" | "people" => LifeArea::Relationships,
            "work" | "education" | "education_and_work" | "study" => LifeArea::Work,
            "recreation" | "interests" | "recreation_and_interests" | "fun" => LifeArea::Recreation,
            "mind_body"
            | "mind"
            | "body"
            | "spirituality"
            | "mind_body_and_spirituality"
            | "mind,_body_and_spirituality" => LifeArea::MindBody,
            "responsibilities" | "daily_responsibilities" | "daily" | "chores" => {
                LifeArea::Responsibilities
            }
            _ => {
                return Err(Error::invalid(
                    "area",
                    format!(
                        "“{}” is not a life area; choose relationships, work, recreation, mind-body or responsibilities.",
                        text.trim()
                    ),
                ));
            }
        };
        Ok(area)
    }
}

impl fmt::Display for LifeArea {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for LifeArea {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        LifeArea::parse(s)
    }
}

/// Names one occurrence of a plan: the plan and the local day it was planned
/// for (a plan happens at most once a day). Written `PLAN-ID@YYYY-MM-DD`;
/// a string in JSON and in the UI's types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OccurrenceId {
    pub plan: Uuid,
    pub day: Date,
}

impl OccurrenceId {
    pub fn parse(text: &str) -> Result<OccurrenceId> {
        let text = text.trim();
        let bad = || {
            Error::invalid(
                "id",
                format!(
                    "“{text}” is not the id of a planned activity; it looks like PLAN-ID@2025-03-10."
                ),
            )
        };
        let (plan, day) = text.split_once('@').ok_or_else(bad)?;
        Ok(OccurrenceId {
            plan: Uuid::parse_str(plan).map_err(|_| bad())?,
            day: day.parse().map_err(|_| bad())?,
        })
    }
}

impl fmt::Display for OccurrenceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.plan, self.day)
    }
}

impl FromStr for OccurrenceId {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        OccurrenceId::parse(s)
    }
}

impl Serialize for OccurrenceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for OccurrenceId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        OccurrenceId::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_and_occurrence_ids_read_as_typed() {
        assert_eq!(LifeArea::parse("Mind-Body").unwrap(), LifeArea::MindBody);
        assert_eq!(LifeArea::parse(" education ").unwrap(), LifeArea::Work);
        let e = LifeArea::parse("hobbies").unwrap_err();
        assert!(e.to_string().contains("not a life area"), "{e}");
        for a in LifeArea::ALL {
            assert_eq!(LifeArea::parse(a.key()).unwrap(), a);
        }
        let id = OccurrenceId {
            plan: Uuid::now_v7(),
            day: Date::constant(2025, 3, 10),
        };
        assert_eq!(OccurrenceId::parse(&id.to_string()).unwrap(), id);
        for bad in [
            "",
            "x@2025-03-10",
            "0190@",
            &format!("{}@2025-02-30", id.plan),
        ] {
            assert!(OccurrenceId::parse(bad).is_err(), "{bad}");
        }
    }
}
