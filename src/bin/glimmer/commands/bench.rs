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
    /// Measure sync through a folder instead: init, join, one change, sizes
    #[arg(long)]
    sync: bool,
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
            let out = g.out();
            if out.json {
                out.json(&report);
            } else {
                say!("{}", report.to_markdown());
            }
            return Ok(());
        }
        if self.daylio {
            let report = glimmer::bench::daylio(&mut progress)
                .await
                .map_err(|e| msg(e.to_string()))?;
            let out = g.out();
            if out.json {
                out.json(&report);
            } else {
                say!("{}", report.to_markdown());
            }
            return Ok(());
        }
        let report = glimmer::bench::run(self.entries, self.dir.as_deref(), &mut progress)
            .await
            .map_err(|e| msg(e.to_string()))?;
        g.out().bench(&report);
        Ok(())
    }
}

impl Out {
    fn bench(&self, r: &Report) {
        if self.json {
            return self.json(r);
        }
        say!("{}", r.to_markdown());
    }
}
