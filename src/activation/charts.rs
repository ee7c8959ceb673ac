//! Activation's charts, drawn like the check-in charts (see [`crate::charts`]):
//! themed SVG with `<title>` and a `<desc>` that says the numbers in words,
//! and a kind message instead of an empty axis.

use std::collections::BTreeMap;

use jiff::civil::Date;
use plotters::prelude::*;
use serde::{Deserialize, Serialize};

use super::insights::{
    ActivationInsights, Averages, GAP_EMPTY, GAP_MIN_PAIRS, INTENSITY_EMPTY, IntensityAround,
    PredictedActual, WeekDay, days, gap_sentence, times,
};
use crate::charts::{
    BarRow, Column, HEIGHT, Theme, WIDTH, bars_across, canvas, columns, empty_state, err, font,
    label, themed,
};
use crate::error::Result;
use crate::storage::local_today;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ActivationChart {
    /// Expected against actual enjoyment, a dot for each pair.
    PredictedActual,
    /// Enjoyment and mastery by life area.
    ByArea,
    /// Enjoyment and mastery by activity, the ten done most often.
    ByActivity,
    /// Feeling intensity on days with an activity and days without.
    Intensity,
    /// The last seven days: what was done and partly done.
    Week,
}

/// Draws one chart of `insights`.
pub fn draw(insights: &ActivationInsights, kind: ActivationChart, theme: Theme) -> Result<String> {
    match kind {
        ActivationChart::PredictedActual => {
            predicted_vs_actual(&insights.predicted_vs_actual, theme)
        }
        ActivationChart::ByArea => by_area(&insights.by_area, theme),
        ActivationChart::ByActivity => by_activity(&insights.by_activity, theme),
        ActivationChart::Intensity => intensity(&insights.intensity, theme),
        ActivationChart::Week => week(&insights.week, theme),
    }
}

fn one_decimal(v: Option<f64>) -> String {
    v.map_or("not rated".into(), |v| format!("{v:.1}"))
}

/// Expected enjoyment across, actual enjoyment up, and the diagonal where
/// they are equal: dots above it went better than expected. One dot per
/// distinct pair, larger for pairs that came up more often, so the chart
/// stays small however much is noted.
pub fn predicted_vs_actual(pairs: &[PredictedActual], theme: Theme) -> Result<String> {
    let title = "Expected and actual enjoyment";
    if pairs.len() < GAP_MIN_PAIRS {
        return Ok(empty_state(theme, title, GAP_EMPTY));
    }
    let mut tally: BTreeMap<(u8, u8), u32> = BTreeMap::new();
    for pa in pairs {
        *tally
            .entry((pa.predicted.min(10), pa.actual.min(10)))
            .or_default() += 1;
    }
    let most = f64::from(tally.values().copied().max().unwrap_or(1));
    let svg = canvas(theme, (WIDTH, HEIGHT), |root, p| {
        let mut chart = ChartBuilder::on(root)
            .caption("Above the line: more enjoyable than expected", font(p, 13))
            .margin(10)
            .x_label_area_size(32)
            .y_label_area_size(36)
            .build_cartesian_2d(-0.5..10.5, -0.5..10.5)
            .map_err(err)?;
        themed(&mut chart.configure_mesh(), p)
            .x_desc("expected enjoyment")
            .y_desc("actual enjoyment")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                [(0.0, 0.0), (10.0, 10.0)],
                p.text.mix(0.35).stroke_width(1),
            ))
            .map_err(err)?;
        chart
            .draw_series(tally.iter().map(|(&(x, y), &n)| {
                let r = 4 + (8.0 * (f64::from(n) / most).sqrt()) as i32;
                Circle::new((f64::from(x), f64::from(y)), r, p.mood.mix(0.7).filled())
            }))
            .map_err(err)?;
        Ok(())
    })?;
    let more = pairs.iter().filter(|x| x.actual > x.predicted).count();
    let less = pairs.iter().filter(|x| x.actual < x.predicted).count();
    let gap = pairs
        .iter()
        .map(|x| f64::from(x.actual) - f64::from(x.predicted))
        .sum::<f64>()
        / pairs.len() as f64;
    let desc = format!(
        "{} activities rated before and after, expected enjoyment across and actual enjoyment up, both from 0 to 10. \
         {more} more enjoyable than expected (above the diagonal), {} as expected, {less} less enjoyable. {}",
        pairs.len(),
        pairs.len() - more - less,
        gap_sentence(pairs.len(), Some(gap)).unwrap_or_default()
    );
    Ok(label(svg, title, &desc))
}

/// Long activity names are cut to fit beside their bars; `<desc>` keeps them whole.
fn short(name: &str) -> String {
    const MAX: usize = 32;
    if name.chars().count() <= MAX {
        return name.to_string();
    }
    let cut: String = name.chars().take(MAX - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Enjoyment and mastery means as paired bars, for the first `limit` rows
/// with either noted; rows with neither are left out.
fn enjoyment_and_mastery(
    title: &str,
    rows: &[Averages],
    limit: usize,
    empty: &str,
    theme: Theme,
) -> Result<String> {
    let rated: Vec<&Averages> = rows
        .iter()
        .filter(|a| a.enjoyment.is_some() || a.mastery.is_some())
        .take(limit)
        .collect();
    if rated.is_empty() {
        return Ok(empty_state(theme, title, empty));
    }
    let p = theme.palette();
    let bars: Vec<BarRow> = rated
        .iter()
        .map(|a| BarRow {
            label: short(&a.label),
            values: vec![a.enjoyment, a.mastery],
        })
        .collect();
    let svg = bars_across(
        &bars,
        &[("enjoyment", p.mood), ("mastery", p.intensity)],
        10.0,
        theme,
    )?;
    let each: Vec<String> = rated
        .iter()
        .map(|a| {
            format!(
                "{}: enjoyment {}, mastery {} ({})",
                a.label,
                one_decimal(a.enjoyment),
                one_decimal(a.mastery),
                times(a.count as usize)
            )
        })
        .collect();
    let desc = format!("Averages from 0 to 10. {}.", each.join("; "));
    Ok(label(svg, title, &desc))
}

/// Enjoyment and mastery by life area.
pub fn by_area(areas: &[Averages], theme: Theme) -> Result<String> {
    enjoyment_and_mastery(
        "Enjoyment and mastery by life area",
        areas,
        areas.len(),
        "Once you note how activities went, each life area's averages show here.",
        theme,
    )
}

/// Enjoyment and mastery for the ten activities done most often (the order
/// [`super::insights::summarize`] gives).
pub fn by_activity(activities: &[Averages], theme: Theme) -> Result<String> {
    enjoyment_and_mastery(
        "Enjoyment and mastery by activity",
        activities,
        10,
        "Once you note how activities went, each activity's averages show here.",
        theme,
    )
}

/// The mean daily feeling intensity on days with an activity against days
/// without, and the intensity noted right after activities where there is any.
pub fn intensity(i: &IntensityAround, theme: Theme) -> Result<String> {
    let title = "Feeling intensity and activities";
    if i.days_with.is_none() && i.days_without.is_none() {
        return Ok(empty_state(theme, title, INTENSITY_EMPTY));
    }
    let p = theme.palette();
    let after = i.after_mean();
    let column = |label: &str, mean: Option<f64>, count: String, color: RGBColor| Column {
        label: label.into(),
        segments: mean.map(|m| (m, color.mix(0.8))).into_iter().collect(),
        note: mean.map_or("no check-ins yet".into(), |m| format!("{m:.1} ({count})")),
    };
    let mut cols = vec![
        column(
            "Days with an activity",
            i.days_with,
            days(i.days_with_count),
            p.mood,
        ),
        column(
            "Days without",
            i.days_without,
            days(i.days_without_count),
            p.intensity,
        ),
    ];
    if after.is_some() {
        cols.push(column(
            "Right after an activity",
            after,
            times(i.after.len()),
            p.glimmer,
        ));
    }
    let svg = columns(&cols, 10.0, "feeling intensity", theme)?;
    Ok(label(svg, title, &i.sentence()))
}

/// Seven columns, one a day: what was done, and partly done in a lighter shade.
pub fn week(week: &[WeekDay], theme: Theme) -> Result<String> {
    let title = "This week's activities";
    if week
        .iter()
        .all(|d| d.done.is_empty() && d.partly.is_empty())
    {
        return Ok(empty_state(
            theme,
            title,
            "What you do this week, even partly, will show here day by day.",
        ));
    }
    let p = theme.palette();
    let counts = |d: &WeekDay| (d.done.len(), d.partly.len());
    let said = |d: &WeekDay| match counts(d) {
        (0, 0) => String::new(),
        (done, 0) => format!("{done} done"),
        (0, partly) => format!("{partly} partly"),
        (done, partly) => format!("{done} done, {partly} partly"),
    };
    let cols: Vec<Column> = week
        .iter()
        .map(|d| Column {
            label: d.day.strftime("%a %-d").to_string(),
            segments: vec![
                (d.done.len() as f64, p.mood.mix(0.85)),
                (d.partly.len() as f64, p.mood.mix(0.35)),
            ],
            note: said(d),
        })
        .collect();
    let most = week.iter().map(|d| d.done.len() + d.partly.len()).max();
    let svg = columns(&cols, most.unwrap_or(0).max(3) as f64, "activities", theme)?;
    let each: Vec<String> = week
        .iter()
        .map(|d| {
            let what = said(d);
            let what = if what.is_empty() { "none" } else { &what };
            format!("{}: {what}", d.day.strftime("%a %b %-d"))
        })
        .collect();
    let desc = format!(
        "Activities done and partly done each day, from {} to {}. {}.",
        week[0].day,
        week[week.len() - 1].day,
        each.join("; ")
    );
    Ok(label(svg, title, &desc))
}

impl super::Plans<'_> {
    /// One chart of [`Plans::insights`] as an SVG string.
    pub async fn chart(
        &self,
        kind: ActivationChart,
        since: Option<Date>,
        theme: Theme,
    ) -> Result<String> {
        self.chart_at(kind, since, local_today(), theme).await
    }

    /// [`Plans::chart`] with the week ending on `today`.
    pub async fn chart_at(
        &self,
        kind: ActivationChart,
        since: Option<Date>,
        today: Date,
        theme: Theme,
    ) -> Result<String> {
        draw(&self.insights_at(since, today).await?, kind, theme)
    }
}
