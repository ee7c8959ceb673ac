//! Days and times as typed on the command line, read one way for every command.

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use crate::{CliError, msg};

/// A date as typed, within the years Glimmer keeps (checked before any
/// passphrase is asked).
pub fn parse_day(s: &str) -> Result<Date, String> {
    let day = s
        .parse::<Date>()
        .map_err(|_| format!("“{s}” is not a date like 2026-03-14"))?;
    glimmer::storage::check_day("date", day).map_err(|e| e.to_string())
}

pub fn local_midnight(d: Date) -> Result<Timestamp, String> {
    d.to_zoned(TimeZone::system())
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

/// The start of the given day, for a `value_parser`.
pub fn parse_day_start(s: &str) -> Result<Timestamp, String> {
    local_midnight(parse_day(s)?)
}

/// The end of the given day: the search bound is exclusive, so the day after's midnight.
pub fn parse_day_end(s: &str) -> Result<Timestamp, String> {
    let d = parse_day(s)?;
    local_midnight(d.tomorrow().map_err(|e| e.to_string())?)
}

/// A day as typed: YYYY-MM-DD, today or tomorrow (in this computer's zone).
pub fn day(text: &str) -> Result<Date, CliError> {
    let today = Timestamp::now().to_zoned(TimeZone::system()).date();
    match text.trim().to_lowercase().as_str() {
        "today" => Ok(today),
        "tomorrow" => today.tomorrow().map_err(|e| msg(e.to_string())),
        t => parse_day(t).map_err(|e| msg(format!("{e}. Nothing was changed."))),
    }
}

/// "YYYY-MM-DD HH:MM" (or with a T), as typed.
pub fn day_and_time(text: &str) -> Result<(Date, Time), CliError> {
    let bad = || {
        msg(format!(
            "“{text}” is not a day and time like \"2025-03-10 09:00\". Nothing was changed."
        ))
    };
    let (d, t) = text.trim().split_once([' ', 'T']).ok_or_else(bad)?;
    let (h, m) = t.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let time = Time::new(h, m, 0, 0).map_err(|_| bad())?;
    Ok((day(d)?, time))
}

/// "YYYY-MM-DD HH:MM" as typed, at that wall time in this computer's zone.
pub fn local_instant(text: &str) -> Result<Timestamp, CliError> {
    let (d, t) = day_and_time(text)?;
    d.to_datetime(t)
        .to_zoned(TimeZone::system())
        .map(|z| z.timestamp())
        .map_err(|e| msg(e.to_string()))
}
