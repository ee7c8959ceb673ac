//! `glimmer activities`, `glimmer activity add|edit|hide|unhide|pick` and `glimmer areas`.

use clap::{Args, Subcommand};
use glimmer::activation::{self, ActivityInput, AreaValue, LifeArea};

use super::with_vault;
use crate::output::{Out, say};
use crate::{CliError, Global, msg};

#[derive(Args)]
pub struct List {
    /// Include hidden activities
    #[arg(long)]
    all: bool,
}

#[derive(Subcommand)]
pub enum Activity {
    /// Add an activity of your own
    Add(Add),
    /// Change an activity's name, area, tiny version or minutes
    Edit(Edit),
    /// Hide an activity from the library (its plans and what was noted stay)
    Hide(Which),
    /// Bring a hidden activity back into the library
    Unhide(Which),
    /// Pick one small activity for me, leaning towards what went well before
    Pick(Pick),
}

#[derive(Args)]
pub struct Add {
    name: String,
    /// relationships, work, recreation, mind-body or responsibilities
    #[arg(long)]
    area: String,
    /// The smallest version, for a low day
    #[arg(long)]
    tiny: Option<String>,
    /// About how many minutes it takes
    #[arg(long)]
    minutes: Option<u32>,
}

#[derive(Args)]
pub struct Edit {
    /// A name or an id from `glimmer activities`
    activity: String,
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    area: Option<String>,
    #[arg(long)]
    tiny: Option<String>,
    #[arg(long)]
    minutes: Option<u32>,
}

#[derive(Args)]
pub struct Which {
    /// A name or an id from `glimmer activities`
    activity: String,
}

#[derive(Args)]
pub struct Pick {
    /// The same seed picks the same activity (for scripts and tests)
    #[arg(long)]
    seed: Option<u64>,
}

#[derive(Args)]
pub struct Areas {
    /// Write what matters to you in an area, e.g. --set relationships "I want to be a present friend"
    #[arg(long, num_args = 2, value_names = ["AREA", "VALUE"])]
    set: Option<Vec<String>>,
}

fn area(text: Option<&str>) -> Result<Option<LifeArea>, CliError> {
    Ok(text.map(LifeArea::parse).transpose()?)
}

impl List {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let all = with_vault(g, async |v| Ok(v.activities().list(self.all).await?)).await?;
        g.out().activities(&all);
        Ok(())
    }
}

impl Activity {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        match self {
            Activity::Add(a) => {
                let input = ActivityInput {
                    name: Some(a.name),
                    area: area(Some(&a.area))?,
                    tiny: a.tiny,
                    minutes: a.minutes.map(Some),
                    hidden: None,
                };
                let saved = with_vault(g, async |v| Ok(v.activities().add(&input).await?)).await?;
                out.activity_saved("Added", &saved);
            }
            Activity::Edit(e) => {
                let input = ActivityInput {
                    name: e.name,
                    area: area(e.area.as_deref())?,
                    tiny: e.tiny,
                    minutes: e.minutes.map(Some),
                    hidden: None,
                };
                if input.name.is_none()
                    && input.area.is_none()
                    && input.tiny.is_none()
                    && input.minutes.is_none()
                {
                    return Err(msg(
                        "Nothing to change: give --name, --area, --tiny or --minutes. Nothing was changed.",
                    ));
                }
                let saved = with_vault(g, async |v| {
                    let a = v.activities().find(&e.activity).await?;
                    Ok(v.activities().update(a.id, &input).await?)
                })
                .await?;
                out.activity_saved("Changed", &saved);
            }
            Activity::Hide(w) => set_hidden(g, &w.activity, true).await?,
            Activity::Unhide(w) => set_hidden(g, &w.activity, false).await?,
            Activity::Pick(p) => {
                let seed = p.seed.unwrap_or_else(|| {
                    jiff::Timestamp::now().as_nanosecond().unsigned_abs() as u64
                });
                let picked =
                    with_vault(g, async |v| Ok(v.activities().pick_one(seed).await?)).await?;
                out.picked(picked.as_ref());
            }
        }
        Ok(())
    }
}

async fn set_hidden(g: &Global, which: &str, hidden: bool) -> Result<(), CliError> {
    let saved = with_vault(g, async |v| {
        let a = v.activities().find(which).await?;
        Ok(v.activities().set_hidden(a.id, hidden).await?)
    })
    .await?;
    let what = if hidden {
        "Hidden"
    } else {
        "Back in the library"
    };
    g.out().activity_saved(what, &saved);
    Ok(())
}

impl Areas {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let set = match self.set.as_deref() {
            Some([a, value]) => Some((LifeArea::parse(a)?, value.clone())),
            _ => None,
        };
        let areas = with_vault(g, async |v| {
            if let Some((a, value)) = &set {
                v.activities().set_value(*a, value).await?;
            }
            Ok(v.activities().areas().await?)
        })
        .await?;
        g.out().areas(&areas);
        Ok(())
    }
}

impl Out {
    fn activities(&self, all: &[activation::Activity]) {
        if self.json {
            return self.json(&all);
        }
        let mut area: Option<LifeArea> = None;
        for a in all {
            if area != Some(a.area) {
                if area.is_some() {
                    say!();
                }
                say!("{}", a.area.label());
                area = Some(a.area);
            }
            let minutes = a.minutes.map_or(String::new(), |m| format!(" · {m} min"));
            let hidden = if a.hidden { " · hidden" } else { "" };
            say!("  {}{minutes}{hidden}  {}", a.name, a.id);
            if !a.tiny.is_empty() {
                say!("      tiny: {}", a.tiny);
            }
        }
    }

    fn activity_saved(&self, what: &str, a: &activation::Activity) {
        if self.json {
            return self.json(a);
        }
        say!("{what}: {} ({}). {}", a.name, a.area.label(), a.id);
    }

    fn picked(&self, a: Option<&activation::Activity>) {
        if self.json {
            return self.json(&a);
        }
        match a {
            Some(a) if !a.tiny.is_empty() => say!("{}\n  The tiny version: {}", a.name, a.tiny),
            Some(a) => say!("{}", a.name),
            None => {
                say!("The library is empty. Add one with: glimmer activity add NAME --area AREA")
            }
        }
    }

    fn areas(&self, areas: &[AreaValue]) {
        if self.json {
            return self.json(&areas);
        }
        for a in areas {
            let value = if a.value.is_empty() { "—" } else { &a.value };
            say!("{} ({}): {value}", a.label, a.area.key());
        }
    }
}
