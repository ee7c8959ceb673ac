//! `glimmer search`.

use clap::Args;
use glimmer::Kind;
use glimmer::journal::SearchQuery;
use jiff::Timestamp;

use super::with_vault;
use crate::{CliError, Global};

#[derive(Args)]
pub struct Search {
    query: Vec<String>,
    #[arg(long)]
    tag: Option<String>,
    /// Only glimmers or only entries
    #[arg(long, value_parser = parse_kind)]
    kind: Option<Kind>,
    /// On or after this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day_start)]
    since: Option<Timestamp>,
    /// On or before this day (YYYY-MM-DD)
    #[arg(long, value_parser = parse_day_end)]
    until: Option<Timestamp>,
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

impl Search {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let query = SearchQuery {
            text: self.query.join(" "),
            tag: self.tag,
            kind: self.kind,
            since: self.since,
            until: self.until,
            limit: self.limit,
            offset: 0,
        };
        let results = with_vault(g, async |v| Ok(v.journal().search(&query).await?)).await?;
        g.out().search(&results);
        Ok(())
    }
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    match s {
        "entry" | "entries" => Ok(Kind::Entry),
        "glimmer" | "glimmers" => Ok(Kind::Glimmer),
        _ => Err("use `entry` or `glimmer`".into()),
    }
}

/// A date as typed, within the years Glimmer keeps (checked before any
/// passphrase is asked).
pub(crate) fn parse_day(s: &str) -> Result<jiff::civil::Date, String> {
    let day = s
        .parse::<jiff::civil::Date>()
        .map_err(|_| format!("“{s}” is not a date like 2026-03-14"))?;
    glimmer::storage::check_day("date", day).map_err(|e| e.to_string())
}

pub(crate) fn local_midnight(d: jiff::civil::Date) -> Result<Timestamp, String> {
    d.to_zoned(jiff::tz::TimeZone::system())
        .map(|z| z.timestamp())
        .map_err(|e| e.to_string())
}

fn parse_day_start(s: &str) -> Result<Timestamp, String> {
    local_midnight(parse_day(s)?)
}

/// The end of the given day: the search bound is exclusive, so the day after's midnight.
fn parse_day_end(s: &str) -> Result<Timestamp, String> {
    let d = parse_day(s)?;
    local_midnight(d.tomorrow().map_err(|e| e.to_string())?)
}
