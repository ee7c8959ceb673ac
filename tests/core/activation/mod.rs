//! Behavioral activation: recurrence, plans and occurrences, reminders, the
//! .ics export and the command line.

mod cli;
mod ics;
mod insights;
mod plans;
mod recurrence;
mod reminders;

use glimmer::Vault;
use glimmer::activation::{NewPlan, Plan};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

pub fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap()
}

/// Plans a starter activity (by name) at `time` on `day` in `tz`.
pub async fn plan(
    v: &Vault,
    activity: &str,
    day: Date,
    time: Option<Time>,
    tz: &str,
    repeat: Option<&str>,
    remind: Option<u32>,
) -> Plan {
    let a = v.activities().find(activity).await.unwrap();
    v.plans()
        .create(&NewPlan {
            activity_id: a.id,
            day,
            time,
            tz: Some(tz.into()),
            repeat: repeat.map(str::to_string),
            predicted: None,
            remind_minutes: remind,
        })
        .await
        .unwrap()
}
