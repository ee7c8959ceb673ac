//! Practice's charts, drawn like the others (see [`crate::charts`]): themed
//! SVG with `<title>` and a `<desc>` that says the numbers, and a kind
//! message where there is nothing to draw yet.

use plotters::style::{Color, RGBColor};
use serde::{Deserialize, Serialize};

use super::insights::{INTENSITY_EMPTY, MindfulInsights, WeekMinutes};
use crate::charts::{Column, Theme, columns, empty_state, label};
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum MindfulChart {
    /// Practice minutes in each week.
    MinutesPerWeek,
    /// Feeling intensity before and after sessions.
    Intensity,
}

/// Draws one chart of `insights`.
pub fn draw(insights: &MindfulInsights, kind: MindfulChart, theme: Theme) -> Result<String> {
    match kind {
        MindfulChart::MinutesPerWeek => minutes_per_week(&insights.weeks, theme),
        MindfulChart::Intensity => intensity(insights, theme),
    }
}

/// Past this many weeks, only some columns are labelled and none carry a note.
const LABELLED_WEEKS: usize = 12;

fn minutes(m: f64) -> String {
    match m.round() as u64 {
        1 => "1 minute".into(),
        n => format!("{n} minutes"),
    }
}

/// One column a week.
pub fn minutes_per_week(weeks: &[WeekMinutes], theme: Theme) -> Result<String> {
    let title = "Minutes of practice each week";
    if weeks.iter().all(|w| w.sessions == 0) {
        return Ok(empty_state(
            theme,
            title,
            "The time you spend with a timer, even a single minute, adds up here week by week.",
        ));
    }
    let p = theme.palette();
    let every = weeks.len().div_ceil(LABELLED_WEEKS);
    let cols: Vec<Column> = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| Column {
            label: if i % every == 0 {
                w.week_start.strftime("%b %-d").to_string()
            } else {
                String::new()
            },
            segments: vec![(w.minutes, p.intensity.mix(0.8))],
            note: if every == 1 && w.sessions > 0 {
                format!("{:.0}", w.minutes)
            } else {
                String::new()
            },
        })
        .collect();
    let most = weeks.iter().map(|w| w.minutes).fold(0.0, f64::max);
    let svg = columns(&cols, (most * 1.15).max(10.0).ceil(), "minutes", theme)?;
    let each: Vec<String> = weeks
        .iter()
        .map(|w| {
            format!(
                "week of {}: {} ({} session{})",
                w.week_start.strftime("%b %-d, %Y"),
                minutes(w.minutes),
                w.sessions,
                if w.sessions == 1 { "" } else { "s" }
            )
        })
        .collect();
    let desc = format!(
        "Practice minutes per week, weeks starting on Monday. {}.",
        each.join("; ")
    );
    Ok(label(svg, title, &desc))
}

/// Mean feeling intensity before and after, over the sessions with both.
pub fn intensity(i: &MindfulInsights, theme: Theme) -> Result<String> {
    let title = "Feeling intensity before and after practice";
    let (Some(before), Some(after)) = (i.intensity_before, i.intensity_after) else {
        return Ok(empty_state(theme, title, INTENSITY_EMPTY));
    };
    let p = theme.palette();
    let column = |label: &str, mean: f64, color: RGBColor| Column {
        label: label.into(),
        segments: vec![(mean, color.mix(0.8))],
        note: format!("{mean:.1}"),
    };
    let cols = [
        column("Before", before, p.intensity),
        column("After", after, p.glimmer),
    ];
    let svg = columns(&cols, 10.0, "feeling intensity", theme)?;
    Ok(label(svg, title, &i.intensity_sentence()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    fn week(day: i8, minutes: f64, sessions: u32) -> WeekMinutes {
        WeekMinutes {
            week_start: Date::constant(2025, 3, day),
            minutes,
            sessions,
        }
    }

    #[test]
    fn charts_say_their_numbers_and_are_kind_when_empty() {
        let empty = MindfulInsights {
            weeks: vec![],
            intensity_before: None,
            intensity_after: None,
            pairs: 0,
        };
        for kind in [MindfulChart::MinutesPerWeek, MindfulChart::Intensity] {
            let svg = draw(&empty, kind, Theme::Dark).unwrap();
            assert!(svg.contains("<title") && svg.contains("<desc"), "{svg}");
            assert!(!svg.contains("<line"), "no empty axes: {svg}");
        }
        let some = MindfulInsights {
            weeks: vec![week(3, 10.0, 1), week(10, 0.0, 0), week(17, 7.2, 2)],
            intensity_before: Some(2.5),
            intensity_after: Some(4.0),
            pairs: 2,
        };
        let bars = draw(&some, MindfulChart::MinutesPerWeek, Theme::Light).unwrap();
        assert!(
            bars.contains("week of Mar 17, 2025: 7 minutes (2 sessions)"),
            "{bars}"
        );
        assert!(
            bars.contains("\nMar 10\n"),
            "a label under each week: {bars}"
        );
        let both = draw(&some, MindfulChart::Intensity, Theme::Light).unwrap();
        assert!(both.contains("2.5 before, 4.0 after"), "{both}");
        assert!(both.contains("\nBefore\n") && both.contains("\nAfter\n"));
    }
}
