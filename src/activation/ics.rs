//! Plans as iCalendar (RFC 5545) text, for any calendar app: one event per
//! plan with its RRULE, its wall time under its IANA TZID, a VTIMEZONE for
//! each zone, and the reminder as an alarm. Written by hand: the format is
//! small, and this keeps the TZID and the rule exactly as Glimmer keeps them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use super::Plan;
use crate::error::Result;

/// Calendar apps know IANA zones, but RFC 5545 asks for a VTIMEZONE per
/// TZID; its transitions cover this many years past the last start.
const ZONE_YEARS_AHEAD: i16 = 10;

/// Lines of iCalendar text, CRLF-ended and folded at 75 octets.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn prop(&mut self, name: &str, value: &str) {
        let line = format!("{name}:{value}");
        let mut width = 0;
        for c in line.chars() {
            // A folded line starts with a space, which counts towards its 75.
            if width + c.len_utf8() > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        self.0.push_str("\r\n");
    }
}

/// TEXT values escape backslashes, semicolons, commas and line breaks. Other
/// control characters are left out: RFC 5545 allows none in TEXT, and a name
/// kept before Glimmer refused them must not break the file.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `+0100`, or `+053730` where seconds matter.
fn utc_offset(o: Offset) -> String {
    let s = o.seconds();
    let (sign, s) = if s < 0 { ('-', -s) } else { ('+', s) };
    let mut out = format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60);
    if s % 60 != 0 {
        let _ = write!(out, "{:02}", s % 60);
    }
    out
}

fn vtimezone(out: &mut Lines, name: &str, tz: &TimeZone, first: Date, last: Date) {
    let bound = |year: i16| {
        Date::new(year, 1, 1)
            .ok()
            .and_then(|d| d.to_zoned(TimeZone::UTC).ok())
            .map(|z| z.timestamp())
    };
    let from = bound(first.year() - 1).unwrap_or(Timestamp::UNIX_EPOCH);
    let to = bound(last.year().saturating_add(ZONE_YEARS_AHEAD)).unwrap_or(Timestamp::MAX);
    out.prop("BEGIN", "VTIMEZONE");
    out.prop("TZID", name);
    // The rules in force when the window opens, then every change in it.
    let mut changes: Vec<_> = tz.preceding(from).take(1).collect();
    changes.extend(tz.following(from).take_while(|t| t.timestamp() < to));
    let mut any = false;
    for t in &changes {
        let before = tz.to_offset(t.timestamp() - SignedDuration::from_secs(1));
        let kind = if t.dst().is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        out.prop("BEGIN", kind);
        let onset = before.to_datetime(t.timestamp());
        out.prop("DTSTART", &onset.strftime("%Y%m%dT%H%M%S").to_string());
        out.prop("TZOFFSETFROM", &utc_offset(before));
        out.prop("TZOFFSETTO", &utc_offset(t.offset()));
        if !t.abbreviation().is_empty() {
            out.prop("TZNAME", &text(t.abbreviation()));
        }
        out.prop("END", kind);
        any = true;
    }
    if !any {
        // A zone that never changes (UTC, a fixed offset).
        let offset = utc_offset(tz.to_offset(from));
        out.prop("BEGIN", "STANDARD");
        out.prop("DTSTART", "19700101T000000");
        out.prop("TZOFFSETFROM", &offset);
        out.prop("TZOFFSETTO", &offset);
        out.prop("END", "STANDARD");
    }
    out.prop("END", "VTIMEZONE");
}

fn vevent(out: &mut Lines, plan: &Plan, now: Timestamp) -> Result<()> {
    let schedule = plan.schedule()?;
    let a = &plan.activity;
    out.prop("BEGIN", "VEVENT");
    out.prop("UID", &format!("{}@glimmer", plan.id));
    out.prop("DTSTAMP", &now.strftime("%Y%m%dT%H%M%SZ").to_string());
    let day = schedule.start().strftime("%Y%m%d");
    match schedule.time() {
        Some(t) => {
            let when = format!("{day}T{}", t.strftime("%H%M%S"));
            out.prop(&format!("DTSTART;TZID={}", plan.tz), &when);
            if let Some(m) = a.minutes {
                out.prop("DURATION", &format!("PT{m}M"));
            }
        }
        None => out.prop("DTSTART;VALUE=DATE", &day.to_string()),
    }
    if let Some(rule) = schedule.rule() {
        out.prop("RRULE", &rule.to_string());
    }
    out.prop("SUMMARY", &text(&a.name));
    if !a.tiny.is_empty() {
        out.prop("DESCRIPTION", &text(&format!("Tiny version: {}", a.tiny)));
    }
    out.prop("CATEGORIES", &text(a.area.label()));
    if let (Some(m), Some(_)) = (plan.remind_minutes, schedule.time()) {
        out.prop("BEGIN", "VALARM");
        out.prop("ACTION", "DISPLAY");
        out.prop("DESCRIPTION", &text(&a.name));
        out.prop("TRIGGER", &format!("-PT{m}M"));
        out.prop("END", "VALARM");
    }
    out.prop("END", "VEVENT");
    Ok(())
}

/// `plans` as one calendar; `now` is its DTSTAMP.
pub fn calendar(plans: &[Plan], now: Timestamp) -> Result<String> {
    let mut out = Lines::default();
    out.prop("BEGIN", "VCALENDAR");
    out.prop("VERSION", "2.0");
    out.prop("PRODID", "-//Glimmer//Plans//EN");
    out.prop("CALSCALE", "GREGORIAN");
    // Each zone a timed plan uses, with the span of its plans' first days.
    let mut zones: BTreeMap<&str, (Date, Date)> = BTreeMap::new();
    for p in plans.iter().filter(|p| p.start_time.is_some()) {
        let span = zones.entry(&p.tz).or_insert((p.start_day, p.start_day));
        span.0 = span.0.min(p.start_day);
        span.1 = span.1.max(p.start_day);
    }
    for (name, (first, last)) in zones {
        let tz = plans
            .iter()
            .find(|p| p.tz == name)
            .map(|p| p.schedule())
            .transpose()?
            .map(|s| s.tz().clone())
            .unwrap_or(TimeZone::UTC);
        vtimezone(&mut out, name, &tz, first, last);
    }
    for p in plans {
        vevent(&mut out, p, now)?;
    }
    out.prop("END", "VCALENDAR");
    Ok(out.0)
}

impl super::Plans<'_> {
    /// Every plan as iCalendar text (see [`super::ics`]).
    pub async fn export_ics(&self, now: Timestamp) -> Result<String> {
        calendar(&self.list().await?, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let mut l = Lines::default();
        let value = "é".repeat(60);
        l.prop("SUMMARY", &value);
        for line in l.0.split("\r\n").filter(|s| !s.is_empty()) {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = l.0.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{value}\r\n"));
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        // A name kept before control characters were refused: left out.
        assert_eq!(
            text("Tea\u{7} &\r \u{1b}[31mtoast\u{7f}\u{9b}"),
            "Tea & [31mtoast"
        );
        assert_eq!(
            utc_offset(Offset::from_seconds(-(4 * 3600 + 1800)).unwrap()),
            "-0430"
        );
    }
}
