//! `glimmer bench`: measures a generated vault of its own, never the user's.

use std::path::PathBuf;

use clap::Args;
use glimmer::bench::Report;

use crate::output::{Out, say};
use crate::{CliError, Global, msg};

#[derive(Args)]
pub struct Bench {
    /// How many entries to generate
    #[arg(long, default_value_t = 10_000)]
    entries: usize,
    /// Where to build the vault (default: a temporary directory, removed after)
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Measure importing a generated ten-year Daylio file instead
    #[arg(long)]
    daylio: bool,
    /// Measure sync through a folder instead: init, join, one change, edits, sizes
    #[arg(long)]
    sync: bool,
    /// Measure importing a generated Day One export instead (a zip of 20,000 entries with 2,000 pictures): time, memory, and the same work done plainly
    #[arg(long, conflicts_with_all = ["daylio", "sync"])]
    dayone: bool,
}

impl Bench {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let mut progress = |step: &str| {
            if !g.json {
                eprintln!("… {step}");
            }
        };
        if self.sync {
            let report = glimmer::bench::sync(self.entries, &mut progress)
                .await
                .map_err(|e| msg(e.to_string()))?;
            return g.out().table_bench(&report, report.to_markdown());
        }
        if self.daylio {
            let report = glimmer::bench::daylio(&mut progress)
                .await
                .map_err(|e| msg(e.to_string()))?;
            return g.out().table_bench(&report, report.to_markdown());
        }
        if self.dayone {
            let report = glimmer::bench::dayone(&mut progress)
                .await
                .map_err(|e| msg(e.to_string()))?;
            return g.out().table_bench(&report, report.to_markdown());
        }
        let report = glimmer::bench::run(self.entries, self.dir.as_deref(), &mut progress)
            .await
            .map_err(|e| msg(e.to_string()))?;
        g.out().bench(&report);
        Ok(())
    }
}

impl Out {
    fn table_bench(&self, report: &impl serde::Serialize, table: String) -> Result<(), CliError> {
        if self.json {
            self.json(report);
        } else {
            say!("{table}");
        }
        Ok(())
    }

    fn bench(&self, r: &Report) {
        if self.json {
            return self.json(r);
        }
        say!("{}", r.to_markdown());
    }
}
