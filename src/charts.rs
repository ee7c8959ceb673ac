//! Charts rendered in Rust with plotters into SVG strings: themed, downsampled
//! to at most two points per pixel, labelled with `<title>`/`<desc>`, and a
//! kind empty state instead of a broken axis when there is too little data.

use jiff::civil::Date;
use plotters::chart::MeshStyle;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};

use crate::assess::Band;
use crate::markdown::escape_html;

use crate::error::{Error, Result};

pub(crate) fn err<E: std::fmt::Display>(e: E) -> Error {
    Error::Internal(format!("drawing a chart: {e}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The UI's palette (ui/src/app.css), so charts sit quietly in either theme.
pub(crate) struct Palette {
    pub(crate) bg: RGBColor,
    pub(crate) text: RGBColor,
    pub(crate) grid: RGBColor,
    pub(crate) mood: RGBColor,
    pub(crate) intensity: RGBColor,
    pub(crate) glimmer: RGBColor,
    bands: [RGBColor; 5],
}

impl Theme {
    pub(crate) fn palette(self) -> Palette {
        match self {
            Theme::Light => Palette {
                bg: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x2e, 0x2a, 0x26),
                grid: RGBColor(0xe4, 0xd9, 0xcc),
                mood: RGBColor(0xa2, 0x4b, 0x26),
                intensity: RGBColor(0x1f, 0x5f, 0xae),
                glimmer: RGBColor(0xd9, 0x8a, 0x1c),
                bands: [
                    RGBColor(0xee, 0xf4, 0xec),
                    RGBColor(0xf7, 0xf1, 0xde),
                    RGBColor(0xf9, 0xe9, 0xd8),
                    RGBColor(0xf7, 0xe0, 0xd6),
                    RGBColor(0xf2, 0xd9, 0xd9),
                ],
            },
            Theme::Dark => Palette {
                bg: RGBColor(0x28, 0x24, 0x21),
                text: RGBColor(0xf3, 0xec, 0xe4),
                grid: RGBColor(0x43, 0x3b, 0x35),
                mood: RGBColor(0xf2, 0xa7, 0x7e),
                intensity: RGBColor(0x8f, 0xbc, 0xff),
                glimmer: RGBColor(0xf5, 0xc8, 0x6b),
                bands: [
                    RGBColor(0x2c, 0x36, 0x2c),
                    RGBColor(0x3a, 0x36, 0x28),
                    RGBColor(0x40, 0x33, 0x27),
                    RGBColor(0x44, 0x2e, 0x28),
                    RGBColor(0x46, 0x2a, 0x2a),
                ],
            },
        }
    }
}

/// One day's check-ins, averaged over the answers given: "I can't tell" is
/// left out, and a day with no such answer has `None`, never a made-up 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DayPoint {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: Date,
    pub mood: Option<f64>,
    pub intensity: Option<f64>,
    pub glimmers: u32,
}

pub const WIDTH: u32 = 720;
pub(crate) const HEIGHT: u32 = 360;

/// Puts `<title>`, `<desc>` and an image role on the chart for screen readers.
/// Ids come from the title, so several charts can share one page.
pub(crate) fn label(svg: String, title: &str, desc: &str) -> String {
    let Some(end) = svg.find('>') else { return svg };
    let (open, rest) = svg.split_at(end);
    let id: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!(
        "{open} role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape_html(title),
        escape_html(desc),
        &rest[1..]
    )
}

/// A calm message where a chart would be, for empty or one-point data.
pub(crate) fn empty_state(theme: Theme, title: &str, message: &str) -> String {
    let p = theme.palette();
    let hex = |c: RGBColor| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    // Wrapped by words, as SVG text does not wrap: one line must fit the width.
    let mut lines: Vec<String> = Vec::new();
    for word in message.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= EMPTY_LINE_CHARS => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    let height = 60 + 24 * lines.len() as u32;
    let spans: String = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            format!(
                "<tspan x=\"50%\" y=\"{}\">{}</tspan>",
                42 + 24 * i,
                escape_html(line)
            )
        })
        .collect();
    let svg = format!(
        "<svg width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <rect width=\"100%\" height=\"100%\" fill=\"{}\"/>\
         <text text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"16\" fill=\"{}\">{spans}</text></svg>",
        hex(p.bg),
        hex(p.text),
    );
    label(svg, title, message)
}

/// What fits one line of an empty state at 16 px across the chart's width.
const EMPTY_LINE_CHARS: usize = 64;

/// Averages consecutive points into at most `max` buckets, keeping the shape.
pub fn downsample(points: &[(f64, f64)], max: usize) -> Vec<(f64, f64)> {
    if points.len() <= max || max == 0 {
        return points.to_vec();
    }
    let per = points.len().div_ceil(max);
    points
        .chunks(per)
        .map(|c| {
            let n = c.len() as f64;
            (
                c.iter().map(|p| p.0).sum::<f64>() / n,
                c.iter().map(|p| p.1).sum::<f64>() / n,
            )
        })
        .collect()
}

/// The mean of each point and the ones in the six days before it.
pub fn rolling_mean(points: &[(f64, f64)], days: f64) -> Vec<(f64, f64)> {
    let mut start = 0;
    let mut sum = 0.0;
    let mut out = Vec::with_capacity(points.len());
    for (i, &(x, y)) in points.iter().enumerate() {
        sum += y;
        while points[start].0 <= x - days {
            sum -= points[start].1;
            start += 1;
        }
        out.push((x, sum / (i + 1 - start) as f64));
    }
    out
}

/// One point per pixel of width: within the ≤ 2 per pixel budget, and it keeps
/// ten years of daily data under 200 KB of SVG.
const MAX_POINTS: usize = WIDTH as usize;

pub(crate) fn font(p: &Palette, size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&p.text)
}

/// A drawing area on an SVG string.
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

/// Draws on a canvas of `size` filled with the theme's background, and
/// returns the SVG text (unlabelled: see [`label`]).
pub(crate) fn canvas(
    theme: Theme,
    size: (u32, u32),
    draw: impl FnOnce(&Area<'_>, &Palette) -> Result<()>,
) -> Result<String> {
    let p = theme.palette();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&p.bg).map_err(err)?;
        draw(&root, &p)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// The theme's grid, axes and label font on a chart's mesh.
pub(crate) fn themed<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    p: &Palette,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.light_line_style(p.grid.mix(0.4))
        .bold_line_style(p.grid)
        .axis_style(p.grid)
        .label_style(font(p, 12))
}

/// Text anchored at its right end, vertically centred: row labels.
fn right_aligned(p: &Palette, size: u32) -> TextStyle<'static> {
    font(p, size).pos(Pos::new(HPos::Right, VPos::Center))
}

/// One row of bars drawn across: its label, and a value for each series
/// (`None`: no bar).
pub(crate) struct BarRow {
    pub(crate) label: String,
    pub(crate) values: Vec<Option<f64>>,
}

/// Rows of bars drawn across from 0 to `x_max`, the first row at the top
/// with each label at its left; one bar per series in a row, and a legend
/// above when there is more than one series.
pub(crate) fn bars_across(
    rows: &[BarRow],
    series: &[(&str, RGBColor)],
    x_max: f64,
    theme: Theme,
) -> Result<String> {
    let n = rows.len() as f64;
    let k = series.len().max(1);
    let legend: u32 = if k > 1 { 28 } else { 0 };
    let row_px = 14 + 14 * k as u32;
    let longest = rows.iter().map(|r| r.label.chars().count()).max();
    // Room for the longest label at about 7 px a character, within bounds.
    let label_px = (longest.unwrap_or(0) as u32 * 7 + 20).clamp(130, 260);
    let height = 50 + legend + row_px * rows.len() as u32;
    canvas(theme, (WIDTH, height), |root, p| {
        if k > 1 {
            for (i, (name, color)) in series.iter().enumerate() {
                let x0 = label_px as i32 + 10 + 170 * i as i32;
                root.draw(&Rectangle::new(
                    [(x0, 10), (x0 + 12, 22)],
                    color.mix(0.8).filled(),
                ))
                .map_err(err)?;
                root.draw(&Text::new(name.to_string(), (x0 + 18, 9), font(p, 13)))
                    .map_err(err)?;
            }
        }
        let area = root.margin(legend, 0, 0, 0);
        let mut chart = ChartBuilder::on(&area)
            .margin(10)
            .x_label_area_size(24)
            .y_label_area_size(label_px)
            .build_cartesian_2d(0.0..x_max, 0.0..n)
            .map_err(err)?;
        themed(&mut chart.configure_mesh(), p)
            .disable_y_mesh()
            .y_labels(0)
            .x_labels((x_max.ceil() as usize + 1).min(11))
            .x_label_formatter(&|v| format!("{v:.0}"))
            .draw()
            .map_err(err)?;
        // Each row's bars share the middle of its band, first series on top.
        let row = |i: usize| n - 1.0 - i as f64;
        let band = 0.6 / k as f64;
        for (s, (_, color)) in series.iter().enumerate() {
            chart
                .draw_series(rows.iter().enumerate().filter_map(|(i, r)| {
                    let v = r.values.get(s).copied().flatten()?;
                    let top = row(i) + 0.8 - band * s as f64;
                    Some(Rectangle::new(
                        [(0.0, top - band), (v, top)],
                        color.mix(0.8).filled(),
                    ))
                }))
                .map_err(err)?;
        }
        let style = right_aligned(p, 13);
        chart
            .draw_series(rows.iter().enumerate().map(|(i, r)| {
                EmptyElement::at((0.0, row(i) + 0.5))
                    + Text::new(r.label.clone(), (-8, 0), style.clone())
            }))
            .map_err(err)?;
        Ok(())
    })
}

/// A column of stacked segments, with its label under it and a note above
/// (either may be empty).
pub(crate) struct Column {
    pub(crate) label: String,
    pub(crate) segments: Vec<(f64, RGBAColor)>,
    pub(crate) note: String,
}

fn anchored(p: &Palette, size: u32, v: VPos) -> TextStyle<'static> {
    font(p, size).pos(Pos::new(HPos::Center, v))
}

/// Columns from 0 to `y_max`, segments stacked from the bottom.
pub(crate) fn columns(cols: &[Column], y_max: f64, y_desc: &str, theme: Theme) -> Result<String> {
    let n = cols.len() as f64;
    canvas(theme, (WIDTH, HEIGHT), |root, p| {
        let mut chart = ChartBuilder::on(root)
            .margin(10)
            .margin_top(24)
            .x_label_area_size(32)
            .y_label_area_size(40)
            .build_cartesian_2d(0.0..n, 0.0..y_max)
            .map_err(err)?;
        themed(&mut chart.configure_mesh(), p)
            .disable_x_mesh()
            .x_labels(0)
            .y_labels((y_max as usize + 1).min(11))
            .y_desc(y_desc)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()
            .map_err(err)?;
        let x = |i: usize| i as f64;
        chart
            .draw_series(cols.iter().enumerate().flat_map(|(i, c)| {
                let mut base = 0.0;
                c.segments
                    .iter()
                    .filter(|s| s.0 > 0.0)
                    .map(move |&(v, color)| {
                        let r = Rectangle::new(
                            [(x(i) + 0.2, base), (x(i) + 0.8, base + v)],
                            color.filled(),
                        );
                        base += v;
                        r
                    })
            }))
            .map_err(err)?;
        let (below, above) = (anchored(p, 13, VPos::Top), anchored(p, 12, VPos::Bottom));
        chart
            .draw_series(cols.iter().enumerate().flat_map(|(i, c)| {
                let top: f64 = c.segments.iter().map(|s| s.0).sum();
                [
                    EmptyElement::at((x(i) + 0.5, 0.0))
                        + Text::new(c.label.clone(), (0, 8), below.clone()),
                    EmptyElement::at((x(i) + 0.5, top))
                        + Text::new(c.note.clone(), (0, -4), above.clone()),
                ]
            }))
            .map_err(err)?;
        Ok(())
    })
}

/// Mood (−3…+3) and feeling intensity (0…10) per day with 7-day means, in two panels.
pub fn mood_and_intensity(days: &[DayPoint], theme: Theme) -> Result<String> {
    let title = "Mood and feeling intensity over time";
    if days.len() < 2 {
        return Ok(empty_state(
            theme,
            title,
            "A few check-ins on different days, and your days will show here.",
        ));
    }
    let p = theme.palette();
    let first = days[0].date;
    let x = |d: Date| (d - first).get_days() as f64;
    let span = x(days[days.len() - 1].date).max(1.0);
    let series = |f: fn(&DayPoint) -> Option<f64>| -> Vec<(f64, f64)> {
        days.iter()
            .filter_map(|d| Some((x(d.date), f(d)?)))
            .collect()
    };
    let mood = series(|d| d.mood);
    let intensity = series(|d| d.intensity);
    let date_label = move |v: &f64| {
        (first + jiff::Span::new().days(*v as i64))
            .strftime("%b %-d, %Y")
            .to_string()
    };

    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT * 3 / 2)).into_drawing_area();
        root.fill(&p.bg).map_err(err)?;
        let panels = root.split_evenly((2, 1));
        for (panel, (name, points, range, color)) in panels.iter().zip([
            ("Mood", &mood, -3.0..3.0, p.mood),
            ("Feeling intensity", &intensity, 0.0..10.0, p.intensity),
        ]) {
            let mut chart = ChartBuilder::on(panel)
                .caption(name, font(&p, 15))
                .margin(10)
                .x_label_area_size(28)
                .y_label_area_size(36)
                .build_cartesian_2d(0.0..span, range)
                .map_err(err)?;
            themed(&mut chart.configure_mesh(), &p)
                .x_labels(5)
                .x_label_formatter(&date_label)
                .y_label_formatter(&|v| format!("{v:.0}"))
                .draw()
                .map_err(err)?;
            let dots = downsample(points, MAX_POINTS);
            chart
                .draw_series(
                    dots.iter()
                        .map(|&pt| Circle::new(pt, 2, color.mix(0.55).filled())),
                )
                .map_err(err)?;
            let mean = downsample(&rolling_mean(points, 7.0), MAX_POINTS);
            chart
                .draw_series(LineSeries::new(mean, color.stroke_width(2)))
                .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    let desc = format!(
        "{} days from {} to {}. Dots are daily averages; lines are 7-day means.",
        days.len(),
        first,
        days[days.len() - 1].date
    );
    Ok(label(svg, title, &desc))
}

/// A year in pixels: one square per day coloured by mood, a dot for glimmers.
pub fn year_in_pixels(year: i16, days: &[DayPoint], theme: Theme) -> Result<String> {
    let title = format!("{year} in pixels");
    let in_year: Vec<&DayPoint> = days.iter().filter(|d| d.date.year() == year).collect();
    if in_year.is_empty() {
        return Ok(empty_state(theme, &title, "No check-ins this year yet."));
    }
    let p = theme.palette();
    let jan1 = Date::new(year, 1, 1).map_err(err)?;
    let cell = 12i32;
    let (w, h) = (53 * cell + 80, 7 * cell + 60);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w as u32, h as u32)).into_drawing_area();
        root.fill(&p.bg).map_err(err)?;
        let offset = jan1.weekday().to_monday_zero_offset() as i32;
        for d in &in_year {
            let n = (d.date - jan1).get_days() + offset;
            let (col, row) = (n / 7, n % 7);
            let (x0, y0) = (40 + col * cell, 30 + row * cell);
            // Low mood is a pale wash, good mood the full accent: no red for "bad" days.
            // A day whose mood was "I can't tell" is a grey square.
            let fill = match d.mood {
                Some(m) => p.mood.mix(0.15 + 0.85 * ((m + 3.0) / 6.0).clamp(0.0, 1.0)),
                None => p.grid.mix(0.6),
            };
            root.draw(&Rectangle::new(
                [(x0, y0), (x0 + cell - 2, y0 + cell - 2)],
                fill.filled(),
            ))
            .map_err(err)?;
            if d.glimmers > 0 {
                root.draw(&Circle::new(
                    (x0 + cell / 2 - 1, y0 + cell / 2 - 1),
                    2,
                    p.glimmer.filled(),
                ))
                .map_err(err)?;
            }
        }
        for (i, m) in ["Jan", "Apr", "Jul", "Oct"].iter().enumerate() {
            let month = Date::new(year, 1 + 3 * i as i8, 1).map_err(err)?;
            let col = ((month - jan1).get_days() + offset) / 7;
            root.draw(&Text::new(
                m.to_string(),
                (40 + col * cell, 12),
                font(&p, 12),
            ))
            .map_err(err)?;
        }
        root.present().map_err(err)?;
    }
    let glimmer_days = in_year.iter().filter(|d| d.glimmers > 0).count();
    let desc = format!(
        "{} days with check-ins in {year}, coloured from pale (low mood) to deep (good mood), grey where the mood was \"I can't tell\"; {glimmer_days} days held glimmers, marked with a dot.",
        in_year.len()
    );
    Ok(label(svg, &title, &desc))
}

/// How often each emotion word was chosen, most first (the top 15).
pub fn emotion_frequencies(counts: &[(String, i64)], theme: Theme) -> Result<String> {
    let title = "Emotion words you chose";
    if counts.is_empty() {
        return Ok(empty_state(
            theme,
            title,
            "No emotion words chosen in this period.",
        ));
    }
    let top: Vec<&(String, i64)> = counts.iter().take(15).collect();
    let max = top.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    // Most chosen at the top; each word written beside its bar.
    let rows: Vec<BarRow> = top
        .iter()
        .map(|c| BarRow {
            label: c.0.clone(),
            values: vec![Some(c.1 as f64)],
        })
        .collect();
    let svg = bars_across(
        &rows,
        &[("times chosen", theme.palette().mood)],
        (max + 1) as f64,
        theme,
    )?;
    let desc = top
        .iter()
        .map(|c| format!("{}: {}", c.0, c.1))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(label(svg, title, &desc))
}

/// PHQ-9 totals over time, over the severity bands.
pub fn phq9_over_time(points: &[(jiff::Timestamp, u8)], theme: Theme) -> Result<String> {
    let title = "PHQ-9 scores over time";
    if points.is_empty() {
        return Ok(empty_state(
            theme,
            title,
            "Your PHQ-9 scores will show here after your first self-check.",
        ));
    }
    let p = theme.palette();
    let t0 = points[0].0;
    let xs: Vec<(f64, f64)> = points
        .iter()
        .map(|(t, v)| {
            (
                (t.as_second() - t0.as_second()) as f64 / 86_400.0,
                f64::from(*v),
            )
        })
        .collect();
    let span = xs.last().map(|x| x.0).unwrap_or(0.0).max(14.0);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&p.bg).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(28)
            .y_label_area_size(36)
            .build_cartesian_2d(0.0..span, 0.0..27.0)
            .map_err(err)?;
        chart
            .draw_series(Band::ALL.iter().zip(p.bands).map(|(b, color)| {
                let (lo, hi) = b.range();
                let top = if hi == 27 { 27.0 } else { f64::from(hi) + 1.0 };
                Rectangle::new([(0.0, f64::from(lo)), (span, top)], color.filled())
            }))
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .axis_style(p.grid)
            .label_style(font(&p, 12))
            .x_desc("days since the first self-check")
            .y_desc("total")
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(xs.clone(), p.mood.stroke_width(2)))
            .map_err(err)?;
        chart
            .draw_series(xs.iter().map(|&pt| Circle::new(pt, 3, p.mood.filled())))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    let desc = format!(
        "{} self-checks; the latest total is {} ({}). Shaded bands: minimal 0–4, mild 5–9, moderate 10–14, moderately severe 15–19, severe 20–27.",
        points.len(),
        points[points.len() - 1].1,
        Band::of(points[points.len() - 1].1).label()
    );
    Ok(label(svg, title, &desc))
}

/// Feeling intensity against mood: one circle per (mood, intensity) pair,
/// sized by how often it occurred, so the chart stays small at any data size.
pub fn intensity_vs_mood(points: &[(i8, u8)], theme: Theme) -> Result<String> {
    let title = "Feeling intensity and mood together";
    if points.len() < 2 {
        return Ok(empty_state(
            theme,
            title,
            "A few more check-ins, and patterns will show here.",
        ));
    }
    let p = theme.palette();
    let mut grid = [[0u32; 11]; 7];
    for (m, i) in points {
        grid[(m.clamp(&-3, &3) + 3) as usize][(*i).min(10) as usize] += 1;
    }
    let max = grid.iter().flatten().copied().max().unwrap_or(1).max(1) as f64;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&p.bg).map_err(err)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(10)
            .x_label_area_size(32)
            .y_label_area_size(36)
            .build_cartesian_2d(-3.5..3.5, -0.5..10.5)
            .map_err(err)?;
        themed(&mut chart.configure_mesh(), &p)
            .x_desc("mood")
            .y_desc("feeling intensity")
            .x_label_formatter(&|v| format!("{v:+.0}"))
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()
            .map_err(err)?;
        let cells = grid.iter().enumerate().flat_map(|(m, row)| {
            row.iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(move |(i, n)| (m as f64 - 3.0, i as f64, *n))
        });
        chart
            .draw_series(cells.map(|(m, i, n)| {
                let r = 3 + (9.0 * (f64::from(n) / max).sqrt()) as i32;
                Circle::new((m, i), r, p.intensity.mix(0.6).filled())
            }))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    let desc = format!(
        "{} check-ins placed by mood (−3 to +3) and feeling intensity (0 to 10).",
        points.len()
    );
    Ok(label(svg, title, &desc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_state_wraps_to_fit_and_keeps_the_whole_sentence_for_screen_readers() {
        let message = "Rate how much you expect to enjoy something, then how it went; after three, the comparison shows here.";
        let svg = empty_state(Theme::Light, "Expected & actual", message);
        let lines: Vec<&str> = svg
            .split("<tspan")
            .skip(1)
            .map(|t| &t[t.find('>').unwrap() + 1..t.find("</tspan>").unwrap()])
            .collect();
        assert_eq!(lines.len(), 2, "{svg}");
        assert!(lines.iter().all(|l| l.chars().count() <= EMPTY_LINE_CHARS));
        assert_eq!(lines.join(" "), message);
        assert!(
            svg.contains(&format!(
                "<desc id=\"expected---actual-desc\">{message}</desc>"
            )),
            "{svg}"
        );
    }

    #[test]
    fn downsampling_caps_points_and_keeps_means() {
        let pts: Vec<(f64, f64)> = (0..3650).map(|i| (i as f64, (i % 10) as f64)).collect();
        let d = downsample(&pts, MAX_POINTS);
        assert!(d.len() <= MAX_POINTS, "{}", d.len());
        assert!(d.len() >= MAX_POINTS * 2 / 3);
        let mean = |v: &[(f64, f64)]| v.iter().map(|p| p.1).sum::<f64>() / v.len() as f64;
        assert!((mean(&d) - mean(&pts)).abs() < 0.1);
        assert_eq!(downsample(&pts[..10], MAX_POINTS).len(), 10);
    }

    #[test]
    fn rolling_mean_looks_back_seven_days() {
        let pts = [(0.0, 0.0), (1.0, 10.0), (7.0, 4.0), (20.0, 2.0)];
        let r = rolling_mean(&pts, 7.0);
        assert_eq!(r[1].1, 5.0);
        assert_eq!(r[2].1, 7.0, "day 0 has left the window by day 7");
        assert_eq!(r[3].1, 2.0);
    }
}
