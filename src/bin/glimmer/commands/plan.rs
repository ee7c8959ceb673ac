//! `glimmer plan add|list|done|partly|skip|later|tomorrow|link|waiting|stop|insights|export`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use glimmer::Vault;
use glimmer::activation::{
    ActivationChart, ActivationInsights, GAP_EMPTY, NewPlan, Occurrence, OccurrenceId, Outcome,
    Status,
};
use jiff::Timestamp;

use super::chart::NumbersOrChart;
use super::with_vault;
use crate::args::{day, day_and_time, local_midnight};
use crate::output::{Out, say};
use crate::{CliError, Global, msg};

#[derive(Subcommand)]
pub enum Plan {
    /// Plan an activity, once or repeating
    Add(Add),
    /// What is planned, with local times and ids (today and the next 7 days by default)
    List(List),
    /// Note that it was done, and how it went
    Done(Note),
    /// Note that it was partly done, and how it went
    Partly(Note),
    /// Let it go: not today
    Skip(Id),
    /// Move it to sometime later today
    Later(Id),
    /// Move it to tomorrow
    Tomorrow(Id),
    /// Link a journal entry to it: a glimmer noted from it
    Link(Link),
    /// Times that passed with nothing noted yet: later today, tomorrow, or let it go
    Waiting,
    /// Stop a plan from today on; what was noted stays
    Stop(StopPlan),
    /// Predicted and actual enjoyment, enjoyment and mastery by area and activity,
    /// feeling intensity around activities and this week; or one of them as a chart
    Insights(Insights),
    /// Write every plan to an iCalendar file for a calendar app
    Export(Export),
}

#[derive(Args)]
pub struct Add {
    /// A name or an id from `glimmer activities`
    activity: String,
    /// When: "YYYY-MM-DD HH:MM" (local wall time in --tz)
    #[arg(long, value_name = "\"YYYY-MM-DD HH:MM\"", conflicts_with = "on")]
    at: Option<String>,
    /// Sometime on this day, no set time (YYYY-MM-DD, today or tomorrow)
    #[arg(long, value_name = "DATE")]
    on: Option<String>,
    /// How it repeats: daily, weekdays, weekly, or an RFC 5545 rule like FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8
    #[arg(long, value_name = "RULE")]
    repeat: Option<String>,
    /// The time zone the time is kept in (default: this computer's), e.g. Europe/Berlin
    #[arg(long, value_name = "ZONE")]
    tz: Option<String>,
    /// How much you expect to enjoy it, 0–10
    #[arg(long, value_name = "N")]
    predict: Option<u8>,
    /// Remind this many minutes before
    #[arg(long, value_name = "MINUTES")]
    remind: Option<u32>,
}

#[derive(Args)]
pub struct List {
    /// First day (YYYY-MM-DD or today; default today)
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day (YYYY-MM-DD; default a week after --from)
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

#[derive(Args)]
pub struct Note {
    /// An id from `glimmer plan list`
    id: String,
    /// How much you enjoyed it, 0–10
    #[arg(long, value_name = "N")]
    enjoyment: Option<u8>,
    /// How much of a sense of achievement it gave, 0–10
    #[arg(long, value_name = "N")]
    mastery: Option<u8>,
    /// How vividly you felt anything afterwards, 0–10
    #[arg(long, value_name = "N")]
    intensity: Option<u8>,
    #[arg(long)]
    note: Option<String>,
}

#[derive(Args)]
pub struct Id {
    /// An id from `glimmer plan list`
    id: String,
}

#[derive(Args)]
pub struct Link {
    /// An id from `glimmer plan list`
    id: String,
    /// The journal entry's id (or its first characters)
    entry: String,
}

#[derive(Args)]
pub struct StopPlan {
    /// The plan's id (the part of an occurrence id before the @)
    plan: String,
}

#[derive(Args)]
pub struct Insights {
    /// Only what happened on or after this day (YYYY-MM-DD or today)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[command(flatten)]
    view: NumbersOrChart<ActivationChart>,
}

#[derive(Args)]
pub struct Export {
    /// The .ics file to write
    #[arg(long, value_name = "FILE")]
    ics: PathBuf,
}

fn occurrence(text: &str) -> Result<OccurrenceId, CliError> {
    Ok(OccurrenceId::parse(text)?)
}

impl Plan {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        match self {
            Plan::Add(a) => {
                let (when, time) = match (&a.at, &a.on) {
                    (Some(at), _) => {
                        let (d, t) = day_and_time(at)?;
                        (d, Some(t))
                    }
                    (None, Some(on)) => (day(on)?, None),
                    (None, None) => {
                        return Err(msg(
                            "Say when: --at \"2025-03-10 09:00\", or --on 2025-03-10 for sometime that day. Nothing was planned.",
                        ));
                    }
                };
                let (plan, next) = with_vault(g, async |v| {
                    let activity = v.activities().find(&a.activity).await?;
                    let plan = v
                        .plans()
                        .create(&NewPlan {
                            activity_id: activity.id,
                            day: when,
                            time,
                            tz: a.tz.clone(),
                            repeat: a.repeat.clone(),
                            predicted: a.predict,
                            remind_minutes: a.remind,
                        })
                        .await?;
                    let schedule = plan.schedule()?;
                    let first = schedule.iter().next().map(|i| i.day);
                    let next = match first {
                        Some(d) => Some(
                            v.plans()
                                .occurrence(&OccurrenceId {
                                    plan: plan.id,
                                    day: d,
                                })
                                .await?,
                        ),
                        None => None,
                    };
                    Ok((plan, next))
                })
                .await?;
                out.plan_saved(&plan, next.as_ref());
            }
            Plan::List(l) => {
                let from = match &l.from {
                    Some(f) => day(f)?,
                    None => day("today")?,
                };
                let to = match &l.to {
                    Some(t) => day(t)?,
                    None => from.saturating_add(jiff::Span::new().days(7)),
                };
                if to < from {
                    return Err(msg("--to is before --from, so there is nothing to show."));
                }
                let start = local_midnight(from).map_err(msg)?;
                let end =
                    local_midnight(to.tomorrow().map_err(|e| msg(e.to_string()))?).map_err(msg)?;
                let list =
                    with_vault(g, async |v| Ok(v.plans().occurrences(start, end).await?)).await?;
                out.occurrences(&list, "Nothing planned for those days. Plan something small with: glimmer plan add NAME --on today");
            }
            Plan::Done(n) => record(g, n, Status::Done).await?,
            Plan::Partly(n) => record(g, n, Status::Partly).await?,
            Plan::Skip(i) => {
                let id = occurrence(&i.id)?;
                let o = with_vault(g, async |v| Ok(v.plans().let_go(&id).await?)).await?;
                out.occurrence_saved("Let go for today; that's fine.", &o);
            }
            Plan::Later(i) => {
                let id = occurrence(&i.id)?;
                let now = Timestamp::now();
                let o = with_vault(g, async |v| Ok(v.plans().later_today(&id, now).await?)).await?;
                out.occurrence_saved("Moved to later today.", &o);
            }
            Plan::Tomorrow(i) => {
                let id = occurrence(&i.id)?;
                let now = Timestamp::now();
                let o = with_vault(g, async |v| Ok(v.plans().tomorrow(&id, now).await?)).await?;
                out.occurrence_saved("Moved to tomorrow.", &o);
            }
            Plan::Link(l) => {
                let id = occurrence(&l.id)?;
                let o =
                    with_vault(g, async |v| Ok(v.plans().link_entry(&id, &l.entry).await?)).await?;
                out.occurrence_saved("Linked.", &o);
            }
            Plan::Waiting => {
                let now = Timestamp::now();
                let list = with_vault(g, async |v| Ok(v.plans().waiting(now).await?)).await?;
                out.occurrences(&list, "Nothing is waiting.");
            }
            Plan::Stop(s) => {
                let id = glimmer::storage::parse_id(&s.plan, "plan")?;
                let kept = with_vault(g, async |v| {
                    Ok(v.plans().stop(id, Timestamp::now()).await?)
                })
                .await?;
                out.message(match kept {
                    Some(_) => "Stopped from today on. What you noted stays.",
                    None => "Removed: it had no days before today.",
                });
            }
            Plan::Insights(i) => {
                let since = i.since.as_deref().map(day).transpose()?;
                let chart =
                    async |v: &Vault, kind, theme| v.plans().chart(kind, since, theme).await;
                let numbers = async |v: &Vault| v.plans().insights(since).await;
                i.view
                    .run(g, chart, numbers, Out::activation_insights)
                    .await?;
            }
            Plan::Export(e) => {
                let now = Timestamp::now();
                let ics = with_vault(g, async |v| Ok(v.plans().export_ics(now).await?)).await?;
                let file = &e.ics;
                std::fs::write(file, ics).map_err(|err| {
                    msg(format!("Glimmer could not write {}: {err}", file.display()))
                })?;
                out.message(&format!("Plans written to {}.", file.display()));
            }
        }
        Ok(())
    }
}

async fn record(g: &Global, n: Note, status: Status) -> Result<(), CliError> {
    let id = occurrence(&n.id)?;
    let outcome = Outcome {
        predicted: None,
        enjoyment: n.enjoyment,
        mastery: n.mastery,
        intensity: n.intensity,
        note: n.note,
    };
    let o = with_vault(g, async |v| {
        Ok(v.plans().record(&id, status, &outcome).await?)
    })
    .await?;
    let what = match status {
        Status::Partly => "Noted: partly done. Some is something.",
        _ => "Noted: done.",
    };
    g.out().occurrence_saved(what, &o);
    Ok(())
}

impl Out {
    fn plan_saved(&self, p: &glimmer::activation::Plan, next: Option<&Occurrence>) {
        if self.json {
            return self.json(&serde_json::json!({ "plan": p, "next": next }));
        }
        let repeat = p.rule.as_deref().unwrap_or("once");
        say!(
            "Planned: {} ({repeat}, {}). Plan {}",
            p.activity.name,
            p.tz,
            p.id
        );
        if let Some(m) = p.remind_minutes {
            say!("A reminder comes {m} minutes before.");
        }
        if let Some(o) = next {
            say!("First: {}  {}", when(o), o.id);
        }
    }

    fn occurrences(&self, list: &[Occurrence], empty: &str) {
        self.rows(list, empty, |o| {
            let moved = if o.moved { " (moved)" } else { "" };
            let status = match o.status {
                Status::Planned => String::new(),
                s => format!("  [{}]", s.label()),
            };
            say!("{}  {}{moved}{status}  {}", when(o), o.activity, o.id);
            if o.status == Status::Planned && !o.tiny.is_empty() {
                say!("      tiny: {}", o.tiny);
            }
        });
    }

    fn occurrence_saved(&self, what: &str, o: &Occurrence) {
        if self.json {
            return self.json(o);
        }
        say!("{what} {}, {}.", o.activity, when(o));
    }

    fn activation_insights(&self, i: &ActivationInsights) {
        if self.json {
            return self.json(i);
        }
        let num = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:.1}"));
        match &i.gap_sentence {
            Some(g) => say!(
                "{g} ({} times with both ratings.)",
                i.predicted_vs_actual.len()
            ),
            None => say!("{GAP_EMPTY}"),
        }
        say!();
        say!("{}", i.intensity.sentence());
        if let Some(today) = i.week.last().map(|d| d.day) {
            say!();
            say!("This week:");
            for d in &i.week {
                let mut parts = Vec::new();
                if !d.done.is_empty() {
                    parts.push(format!("done: {}", d.done.join(", ")));
                }
                if !d.partly.is_empty() {
                    parts.push(format!("partly: {}", d.partly.join(", ")));
                }
                // Only today's plans: earlier days show what happened, not what didn't.
                if d.day == today && d.planned > 0 {
                    parts.push(format!("{} planned", d.planned));
                }
                let what = if parts.is_empty() {
                    "—".to_string()
                } else {
                    parts.join("; ")
                };
                say!("  {}  {what}", d.day.strftime("%a %Y-%m-%d"));
            }
        }
        for (heading, rows) in [
            ("By area (times, enjoyment, mastery):", &i.by_area),
            ("By activity:", &i.by_activity),
        ] {
            if rows.is_empty() {
                continue;
            }
            say!();
            say!("{heading}");
            for a in rows {
                say!(
                    "  {}: {}, {}, {}",
                    a.label,
                    a.count,
                    num(a.enjoyment),
                    num(a.mastery)
                );
            }
        }
    }
}

/// An occurrence's local day and time in its plan's zone.
fn when(o: &Occurrence) -> String {
    let time = o
        .time
        .map_or("sometime".into(), |t| t.strftime("%H:%M").to_string());
    format!("{} {time:>8}", o.date.strftime("%a %Y-%m-%d"))
}
