//! `glimmer search`.

use std::io::IsTerminal;

use clap::Args;
use glimmer::Kind;
use glimmer::journal::{SearchQuery, SearchResults};
use jiff::Timestamp;

use super::with_vault;
use crate::args::{parse_day_end, parse_day_start};
use crate::output::{Out, headline, local, mark, say, say_each, tag_list};
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

impl Out {
    fn search(&self, r: &SearchResults) {
        if self.json {
            return self.json(r);
        }
        let empty = "Nothing matches that. Try fewer words, or a prefix like numb*.";
        say_each(&r.hits, empty, |h| {
            let title = terminal_snippet(&h.title_html);
            say!(
                "{}  {}  {}{}  {}",
                h.entry.id,
                local(h.entry.created_at),
                mark(h.entry.kind),
                headline(&title, ""),
                tag_list(&h.entry.tags)
            );
            say!(
                "    {}",
                terminal_snippet(&h.snippet_html).replace('\n', " ")
            );
        });
        if r.has_more {
            say!("(more matches: use --limit to see them)");
        }
    }
}

/// Turns a highlighted snippet back into terminal text: bold matches on a
/// terminal, plain words in a pipe.
fn terminal_snippet(html: &str) -> String {
    let bold = std::io::stdout().is_terminal();
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}
