//! Repeating plans: the part of RFC 5545's RRULE that plans offer (FREQ=DAILY
//! or WEEKLY, INTERVAL, BYDAY, WKST, COUNT or UNTIL), expanded here on jiff.
//!
//! The rule runs on local calendar days; each day's wall time is then placed
//! in the plan's zone, so a 09:00 walk stays at 09:00 across DST changes. The
//! `rrule` crate is not used: it duplicates and skips occurrences at DST
//! changes. `tests/core/activation/recurrence.rs` checks this expansion
//! against python-dateutil's.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, DateTime, Time, Weekday};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use crate::error::{Error, Result};

/// Far enough for "every few months", near enough to catch a typo.
pub const MAX_INTERVAL: u32 = 366;
/// Enough for a daily habit of more than 25 years.
pub const MAX_COUNT: u32 = 10_000;

const DAYS: [(&str, Weekday); 7] = [
    ("MO", Weekday::Monday),
    ("TU", Weekday::Tuesday),
    ("WE", Weekday::Wednesday),
    ("TH", Weekday::Thursday),
    ("FR", Weekday::Friday),
    ("SA", Weekday::Saturday),
    ("SU", Weekday::Sunday),
];

/// Monday to Friday as a BYDAY mask.
const WEEKDAYS: u8 = 0b001_1111;

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("repeat", message)
}

fn bit(day: Weekday) -> u8 {
    1 << day.to_monday_zero_offset()
}

fn day_code(day: Weekday) -> &'static str {
    DAYS[day.to_monday_zero_offset() as usize].0
}

fn day_name(day: Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day.to_monday_zero_offset() as usize]
}

/// "Mon", "Mon and Wed", "Mon, Wed and Fri".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn parse_day(text: &str) -> Result<Weekday> {
    let upper = text.trim().to_ascii_uppercase();
    if let Some((_, day)) = DAYS.iter().find(|(code, _)| *code == upper) {
        return Ok(*day);
    }
    if upper.len() > 2 && DAYS.iter().any(|(code, _)| upper.ends_with(code)) {
        return Err(invalid(format!(
            "“{text}” picks a weekday within a month or year, which daily and weekly plans do not use; write just the day, like {}.",
            &upper[upper.len() - 2..]
        )));
    }
    Err(invalid(format!(
        "“{text}” is not a day; use MO, TU, WE, TH, FR, SA or SU."
    )))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    Daily,
    Weekly,
}

/// Where a rule stops, in one of the three forms RFC 5545 writes UNTIL in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// `…T…Z`: an instant, the form for a plan with a time of day.
    Instant(Timestamp),
    /// `…T…` without `Z`: a wall time in the plan's zone.
    Local(DateTime),
    /// `YYYYMMDD`: through that day, the form for a plan without a time.
    Day(Date),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Never,
    Count(u32),
    Until(Until),
}

/// A parsed repeat rule. `to_string()` writes it back in RFC 5545 form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub freq: Freq,
    /// Days or weeks between repeats, 1 to [`MAX_INTERVAL`].
    pub interval: u32,
    /// BYDAY as bits, Monday = bit 0; 0 when the rule names no days.
    by_day: u8,
    /// The day weeks start on (WKST), which matters for INTERVAL>1 with BYDAY.
    pub week_start: Weekday,
    pub end: End,
}

impl Rule {
    fn new(freq: Freq, by_day: u8) -> Rule {
        Rule {
            freq,
            interval: 1,
            by_day,
            week_start: Weekday::Monday,
            end: End::Never,
        }
    }

    pub fn daily() -> Rule {
        Rule::new(Freq::Daily, 0)
    }

    pub fn weekly() -> Rule {
        Rule::new(Freq::Weekly, 0)
    }

    /// Monday to Friday.
    pub fn weekdays() -> Rule {
        Rule::new(Freq::Weekly, WEEKDAYS)
    }

    /// The BYDAY days, Monday first.
    pub fn by_day(&self) -> Vec<Weekday> {
        DAYS.iter()
            .map(|(_, d)| *d)
            .filter(|d| self.by_day & bit(*d) != 0)
            .collect()
    }

    /// The rule in plain words: "Every Mon, Wed and Fri", "Every 2 days, 10 times".
    pub fn describe(&self) -> String {
        let days = self.by_day();
        let names: Vec<&str> = days.iter().map(|d| day_name(*d)).collect();
        let mut words = match (self.freq, self.interval, self.by_day) {
            (Freq::Weekly, 1, WEEKDAYS) => "Every weekday".to_string(),
            (Freq::Daily, 1, 0) => "Every day".to_string(),
            (Freq::Daily, n, 0) => format!("Every {n} days"),
            (Freq::Weekly, 1, 0) => "Every week".to_string(),
            (Freq::Weekly, n, 0) => format!("Every {n} weeks"),
            (_, 1, _) => format!("Every {}", and_list(&names)),
            (Freq::Daily, n, _) => format!("Every {n} days, on {}", and_list(&names)),
            (Freq::Weekly, n, _) => format!("Every {n} weeks on {}", and_list(&names)),
        };
        match self.end {
            End::Never => {}
            End::Count(1) => words.push_str(", once"),
            End::Count(n) => words.push_str(&format!(", {n} times")),
            End::Until(Until::Instant(t)) => {
                words.push_str(&format!(", until {}", t.strftime("%b %-d, %Y")))
            }
            End::Until(Until::Local(dt)) => {
                words.push_str(&format!(", until {}", dt.strftime("%b %-d, %Y")))
            }
            End::Until(Until::Day(d)) => {
                words.push_str(&format!(", until {}", d.strftime("%b %-d, %Y")))
            }
        }
        words
    }

    /// Reads a rule: RFC 5545 text with or without `RRULE:`, in any case and
    /// any order of parts, or one of the words `daily`, `weekdays`, `weekly`.
    pub fn parse(text: &str) -> Result<Rule> {
        let text = text.trim();
        match text.to_ascii_lowercase().as_str() {
            "daily" => return Ok(Rule::daily()),
            "weekdays" => return Ok(Rule::weekdays()),
            "weekly" => return Ok(Rule::weekly()),
            _ => {}
        }
        let body = match text.get(..6) {
            Some(p) if p.eq_ignore_ascii_case("RRULE:") => &text[6..],
            _ => text,
        };
        if body.trim().is_empty() {
            return Err(invalid(
                "The repeat rule is empty. Try FREQ=DAILY, or FREQ=WEEKLY;BYDAY=MO,WE.",
            ));
        }
        let mut seen: Vec<String> = Vec::new();
        let (mut freq, mut interval, mut by_day, mut week_start) = (None, 1, 0u8, Weekday::Monday);
        let (mut count, mut until) = (None, None);
        for part in body.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((name, value)) = part.split_once('=') else {
                return Err(invalid(format!(
                    "“{part}” in the repeat rule needs a value, like INTERVAL=2."
                )));
            };
            let name = name.trim().to_ascii_uppercase();
            let value = value.trim();
            if seen.contains(&name) {
                return Err(invalid(format!(
                    "{name} appears twice in the repeat rule; keep one."
                )));
            }
            seen.push(name.clone());
            match name.as_str() {
                "FREQ" => freq = Some(parse_freq(value)?),
                "INTERVAL" => interval = parse_number(value, "INTERVAL", MAX_INTERVAL)?,
                "COUNT" => count = Some(parse_number(value, "COUNT", MAX_COUNT)?),
                "UNTIL" => until = Some(parse_until(value)?),
                "WKST" => week_start = parse_day(value)?,
                "BYDAY" => {
                    for day in value.split(',') {
                        by_day |= bit(parse_day(day)?);
                    }
                }
                "BYMONTH" | "BYMONTHDAY" | "BYYEARDAY" | "BYWEEKNO" | "BYHOUR" | "BYMINUTE"
                | "BYSECOND" | "BYSETPOS" | "RSCALE" | "SKIP" => {
                    return Err(invalid(format!(
                        "{name} is an iCalendar rule part that plans do not use; a daily or weekly repeat takes INTERVAL, BYDAY, WKST, COUNT or UNTIL."
                    )));
                }
                _ => {
                    return Err(invalid(format!(
                        "“{name}” is not part of a repeat rule; a daily or weekly repeat takes FREQ, INTERVAL, BYDAY, WKST, COUNT or UNTIL."
                    )));
                }
            }
        }
        let Some(freq) = freq else {
            return Err(invalid(
                "The repeat rule needs FREQ=DAILY or FREQ=WEEKLY to say how it repeats.",
            ));
        };
        let end = match (count, until) {
            (Some(_), Some(_)) => {
                return Err(invalid(
                    "A repeat ends after COUNT times or on the UNTIL date, not both; keep one.",
                ));
            }
            (Some(n), None) => End::Count(n),
            (None, Some(u)) => End::Until(u),
            (None, None) => End::Never,
        };
        Ok(Rule {
            freq,
            interval,
            by_day,
            week_start,
            end,
        })
    }
}

impl FromStr for Rule {
    type Err = Error;
    fn from_str(s: &str) -> Result<Rule> {
        Rule::parse(s)
    }
}

fn parse_freq(value: &str) -> Result<Freq> {
    match value.to_ascii_uppercase().as_str() {
        "DAILY" => Ok(Freq::Daily),
        "WEEKLY" => Ok(Freq::Weekly),
        "SECONDLY" | "MINUTELY" | "HOURLY" | "MONTHLY" | "YEARLY" => Err(invalid(format!(
            "Plans repeat daily or weekly (FREQ=DAILY or FREQ=WEEKLY); FREQ={value} is not offered."
        ))),
        _ => Err(invalid(format!(
            "“{value}” is not a frequency; use FREQ=DAILY or FREQ=WEEKLY."
        ))),
    }
}

fn parse_number(value: &str, name: &str, max: u32) -> Result<u32> {
    match value.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(invalid(format!(
            "{name} takes a whole number from 1 to {max}; “{value}” is not one."
        ))),
    }
}

fn parse_until(value: &str) -> Result<Until> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let bad = || {
        invalid(format!(
            "UNTIL “{value}” is not a date; write it as 20250401, 20250401T090000 or 20250401T070000Z."
        ))
    };
    let upper = value.to_ascii_uppercase();
    let (date, time, utc) = match upper.split_once('T') {
        None => (upper.as_str(), None, false),
        Some((d, t)) => match t.strip_suffix('Z') {
            Some(t) => (d, Some(t), true),
            None => (d, Some(t), false),
        },
    };
    if date.len() != 8 || !digits(date) || time.is_some_and(|t| t.len() != 6 || !digits(t)) {
        return Err(bad());
    }
    let day = Date::strptime("%Y%m%d", date).map_err(|_| bad())?;
    let Some(time) = time else {
        return Ok(Until::Day(day));
    };
    let dt = day.to_datetime(Time::strptime("%H%M%S", time).map_err(|_| bad())?);
    if utc {
        let ts = dt.to_zoned(TimeZone::UTC).map_err(|_| bad())?.timestamp();
        Ok(Until::Instant(ts))
    } else {
        Ok(Until::Local(dt))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let freq = match self.freq {
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
        };
        write!(f, "FREQ={freq}")?;
        if self.interval != 1 {
            write!(f, ";INTERVAL={}", self.interval)?;
        }
        if self.by_day != 0 {
            let days: Vec<&str> = self.by_day().into_iter().map(day_code).collect();
            write!(f, ";BYDAY={}", days.join(","))?;
        }
        if self.week_start != Weekday::Monday {
            write!(f, ";WKST={}", day_code(self.week_start))?;
        }
        match self.end {
            End::Never => Ok(()),
            End::Count(n) => write!(f, ";COUNT={n}"),
            End::Until(Until::Instant(t)) => write!(f, ";UNTIL={}", t.strftime("%Y%m%dT%H%M%SZ")),
            End::Until(Until::Local(dt)) => write!(f, ";UNTIL={}", dt.strftime("%Y%m%dT%H%M%S")),
            End::Until(Until::Day(d)) => write!(f, ";UNTIL={}", d.strftime("%Y%m%d")),
        }
    }
}

/// A wall time in `tz` as an instant, the way RFC 5545 (§3.3.5) reads local
/// times: one that does not exist (skipped when the clocks go forward) is
/// read with the offset before the gap, so 02:30 becomes 03:30; one that
/// happens twice (when the clocks go back) means the first.
pub fn resolve(tz: &TimeZone, dt: DateTime) -> Timestamp {
    let offset = match tz.to_ambiguous_timestamp(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset,
        AmbiguousOffset::Gap { before, .. } => before,
        AmbiguousOffset::Fold { before, .. } => before,
    };
    // Only datetimes at the very ends of jiff's range cannot be placed.
    offset.to_timestamp(dt).unwrap_or(Timestamp::MAX)
}

fn add_days(day: Date, n: i64) -> Option<Date> {
    day.checked_add(SignedDuration::from_hours(n.checked_mul(24)?))
        .ok()
}

/// One occurrence of a schedule: its local day, and for a plan with a time of
/// day, the instant it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instance {
    pub day: Date,
    pub at: Option<Timestamp>,
}

/// When a plan happens: a first day, a wall time or none ("sometime that
/// day"), the zone the wall time is kept in, and a repeat rule or none (once).
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    start: Date,
    time: Option<Time>,
    tz: TimeZone,
    rule: Option<Rule>,
}

impl Schedule {
    /// Checks a plan's timing and writes its rule the way calendars expect:
    /// the first day moved to the rule's first occurrence (a Tuesday start for
    /// "Mondays and Wednesdays" begins on the Wednesday, as it would anyway),
    /// and UNTIL as an instant for a plan with a time of day, as a date for one
    /// without, as RFC 5545 asks.
    pub fn new(start: Date, time: Option<Time>, tz: TimeZone, rule: Option<Rule>) -> Result<Self> {
        let mut s = Schedule {
            start,
            time,
            tz,
            rule,
        };
        let Some(rule) = &mut s.rule else {
            return Ok(s);
        };
        if let End::Until(until) = rule.end {
            rule.end = End::Until(match (until, time) {
                (Until::Local(dt), Some(_)) => Until::Instant(resolve(&s.tz, dt)),
                (Until::Day(d), Some(t)) => Until::Instant(resolve(&s.tz, d.to_datetime(t))),
                (Until::Instant(ts), None) => Until::Day(ts.to_zoned(s.tz.clone()).date()),
                (Until::Local(dt), None) => Until::Day(dt.date()),
                (keep, _) => keep,
            });
        }
        let first = s.iter().next();
        let rule = s.rule.as_ref().expect("checked above");
        match first {
            Some(first) => s.start = first.day,
            None if never_lands(rule, start) => {
                return Err(invalid(format!(
                    "Every {} days from a {:?} never lands on {}, so this repeat would never come round.",
                    rule.interval,
                    start.weekday(),
                    rule.by_day()
                        .iter()
                        .map(|d| format!("{d:?}"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )));
            }
            None => {
                return Err(invalid(
                    "UNTIL is before the first day, so this repeat would never come round.",
                ));
            }
        }
        Ok(s)
    }

    pub fn start(&self) -> Date {
        self.start
    }
    pub fn time(&self) -> Option<Time> {
        self.time
    }
    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }
    pub fn rule(&self) -> Option<&Rule> {
        self.rule.as_ref()
    }

    /// The instant `day` at this schedule's wall time (or midnight) begins.
    pub fn instant(&self, day: Date) -> Timestamp {
        resolve(
            &self.tz,
            day.to_datetime(self.time.unwrap_or(Time::midnight())),
        )
    }

    /// Every occurrence, in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            schedule: self,
            days: Candidates::new(self.start, self.rule.as_ref()),
            emitted: 0,
        }
    }

    /// The occurrences that start in `[from, to)`, or for a plan without a
    /// time of day, whose day overlaps it.
    pub fn between(&self, from: Timestamp, to: Timestamp) -> impl Iterator<Item = Instance> + '_ {
        let mut it = self.iter();
        // COUNT is counted from the first day, so only open-ended rules jump ahead.
        if !matches!(self.rule.as_ref().map(|r| r.end), Some(End::Count(_))) {
            let from_day = from.to_zoned(self.tz.clone()).date();
            it.days
                .skip_before(add_days(from_day, -1).unwrap_or(from_day));
        }
        it.skip_while(move |i| match i.at {
            Some(at) => at < from,
            None => add_days(i.day, 1).is_some_and(|next| self.instant(next) <= from),
        })
        .take_while(move |i| i.at.unwrap_or_else(|| self.instant(i.day)) < to)
    }

    /// Whether `day` is one of this schedule's days.
    pub fn contains(&self, day: Date) -> bool {
        let mut it = self.iter();
        if !matches!(self.rule.as_ref().map(|r| r.end), Some(End::Count(_))) {
            it.days.skip_before(day);
        }
        it.map(|i| i.day)
            .take_while(|d| *d <= day)
            .any(|d| d == day)
    }
}

/// The occurrences of a [`Schedule`], honouring COUNT and UNTIL.
pub struct Iter<'s> {
    schedule: &'s Schedule,
    days: Candidates,
    emitted: u32,
}

impl Iterator for Iter<'_> {
    type Item = Instance;

    fn next(&mut self) -> Option<Instance> {
        let s = self.schedule;
        let end = s.rule.as_ref().map_or(End::Count(1), |r| r.end);
        if let End::Count(n) = end
            && self.emitted >= n
        {
            return None;
        }
        let day = self.days.next()?;
        let at = s.time.map(|t| resolve(&s.tz, day.to_datetime(t)));
        let past = match end {
            End::Until(Until::Day(last)) => day > last,
            End::Until(Until::Instant(last)) => at.unwrap_or_else(|| s.instant(day)) > last,
            End::Until(Until::Local(last)) => {
                at.unwrap_or_else(|| s.instant(day)) > resolve(&s.tz, last)
            }
            End::Count(_) | End::Never => false,
        };
        if past {
            self.days.done = true;
            return None;
        }
        self.emitted += 1;
        Some(Instance { day, at })
    }
}

/// A daily rule whose step is whole weeks only ever meets the first day's
/// weekday; if BYDAY leaves that out, it never lands at all.
fn never_lands(rule: &Rule, start: Date) -> bool {
    rule.freq == Freq::Daily
        && rule.by_day != 0
        && rule.interval.is_multiple_of(7)
        && rule.by_day & bit(start.weekday()) == 0
}

/// The days a rule lands on, before COUNT and UNTIL: every INTERVAL-th day
/// (kept when BYDAY names its weekday), or the BYDAY days of every
/// INTERVAL-th week counted from the week (by WKST) holding the first day.
struct Candidates {
    weekly: bool,
    /// Days between candidates (daily) or between weeks (weekly).
    step: i64,
    /// Daily: the BYDAY mask, 0 for every day. Weekly: unused.
    mask: u8,
    /// Weekly: the BYDAY days as days after the week's start, ascending.
    offsets: Vec<i64>,
    /// Daily: the first day. Weekly: the first day of its week.
    anchor: Date,
    start: Date,
    period: i64,
    slot: usize,
    done: bool,
}

impl Candidates {
    fn new(start: Date, rule: Option<&Rule>) -> Candidates {
        let rule = rule.cloned().unwrap_or_else(Rule::daily);
        let weekly = rule.freq == Freq::Weekly;
        let since_week_start = i64::from(rule.week_start.until(start.weekday()));
        let mut offsets: Vec<i64> = if rule.by_day == 0 {
            vec![since_week_start]
        } else {
            rule.by_day()
                .into_iter()
                .map(|d| i64::from(rule.week_start.until(d)))
                .collect()
        };
        offsets.sort_unstable();
        let step = i64::from(rule.interval) * if weekly { 7 } else { 1 };
        // A daily rule whose step is whole weeks only ever meets one weekday.
        Candidates {
            weekly,
            step,
            mask: if weekly { 0 } else { rule.by_day },
            offsets,
            anchor: if weekly {
                add_days(start, -since_week_start).unwrap_or(start)
            } else {
                start
            },
            start,
            period: 0,
            slot: 0,
            done: never_lands(&rule, start),
        }
    }

    /// Jumps ahead so the next candidate is the first on or after the period
    /// holding `day`; nothing on or after `day` is left out.
    fn skip_before(&mut self, day: Date) {
        let days = day.duration_since(self.anchor).as_hours() / 24;
        let period = (days / self.step - 1).max(0);
        if period > self.period {
            self.period = period;
            self.slot = 0;
        }
    }
}

impl Iterator for Candidates {
    type Item = Date;

    fn next(&mut self) -> Option<Date> {
        while !self.done {
            let base = self.period.checked_mul(self.step)?;
            let day = if self.weekly {
                let day = add_days(self.anchor, base + self.offsets[self.slot]);
                self.slot += 1;
                if self.slot == self.offsets.len() {
                    self.slot = 0;
                    self.period += 1;
                }
                day
            } else {
                self.period += 1;
                add_days(self.anchor, base)
            };
            let Some(day) = day else {
                self.done = true;
                break;
            };
            let weekday_ok = self.mask == 0 || self.mask & bit(day.weekday()) != 0;
            if day >= self.start && weekday_ok {
                return Some(day);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn ny() -> TimeZone {
        TimeZone::get("America/New_York").unwrap()
    }

    #[test]
    fn rules_read_in_plain_words() {
        for (text, words) in [
            ("daily", "Every day"),
            ("weekdays", "Every weekday"),
            ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "Every Mon, Wed and Fri"),
            ("FREQ=WEEKLY;BYDAY=SA,SU", "Every Sat and Sun"),
            ("FREQ=DAILY;INTERVAL=3", "Every 3 days"),
            ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU", "Every 2 weeks on Tue"),
            ("FREQ=DAILY;COUNT=10", "Every day, 10 times"),
            (
                "FREQ=WEEKLY;UNTIL=20250401",
                "Every week, until Apr 1, 2025",
            ),
        ] {
            assert_eq!(Rule::parse(text).unwrap().describe(), words, "{text}");
        }
    }

    #[test]
    fn rules_read_and_write_back_in_rfc_form() {
        for (text, canonical) in [
            ("FREQ=DAILY", "FREQ=DAILY"),
            ("rrule:freq=weekly;byday=we,mo", "FREQ=WEEKLY;BYDAY=MO,WE"),
            (
                "COUNT=3;INTERVAL=2;FREQ=WEEKLY;WKST=SU",
                "FREQ=WEEKLY;INTERVAL=2;WKST=SU;COUNT=3",
            ),
            ("FREQ=DAILY;INTERVAL=1", "FREQ=DAILY"),
            (
                "FREQ=DAILY;UNTIL=20250401T070000Z",
                "FREQ=DAILY;UNTIL=20250401T070000Z",
            ),
            ("FREQ=DAILY;UNTIL=20250401", "FREQ=DAILY;UNTIL=20250401"),
            ("weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"),
            (" Daily ", "FREQ=DAILY"),
        ] {
            let rule = Rule::parse(text).unwrap();
            assert_eq!(rule.to_string(), canonical, "{text}");
            assert_eq!(Rule::parse(canonical).unwrap(), rule);
        }
    }

    #[test]
    fn a_gap_moves_forward_and_a_fold_takes_the_first() {
        let tz = ny();
        let gap = resolve(&tz, date(2025, 3, 9).at(2, 30, 0, 0));
        assert_eq!(gap.to_zoned(tz.clone()).time(), time(3, 30, 0, 0));
        let fold = resolve(&tz, date(2025, 11, 2).at(1, 30, 0, 0));
        assert_eq!(
            fold.to_string(),
            "2025-11-02T05:30:00Z",
            "01:30 EDT, the first"
        );
    }

    #[test]
    fn candidates_jump_without_losing_days() {
        let rule = Rule::parse("FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SA;WKST=SU").unwrap();
        let all: Vec<Date> = Candidates::new(date(2025, 1, 1), Some(&rule))
            .take(200)
            .collect();
        for probe in [date(2025, 1, 1), date(2025, 6, 17), date(2026, 2, 28)] {
            let mut jumped = Candidates::new(date(2025, 1, 1), Some(&rule));
            jumped.skip_before(probe);
            let next = jumped.find(|d| *d >= probe);
            assert_eq!(next, all.iter().copied().find(|d| *d >= probe), "{probe}");
        }
    }
}
