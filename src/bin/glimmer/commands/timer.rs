//! `glimmer timer presets|run|log|add|insights`: mindfulness timers in the
//! terminal. Minutes may have decimals (0.5 is 30 seconds) and are rounded
//! to whole seconds, which is what the timer counts in.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use glimmer::Vault;
use glimmer::mindful::{
    BellSound, Bells, MindfulChart, MindfulInsights, NewSession, Pace, Preset, PresetInput,
    PresetKind, Session, Timer, TimerEvent, TimerState, clock, words,
};
use jiff::Timestamp;

use super::chart::NumbersOrChart;
use super::with_vault;
use crate::args::{day, local_instant};
use crate::output::{Out, local, say, say_each};
use crate::signals::Caught;
use crate::{CliError, Global, msg};

#[derive(Subcommand)]
pub enum TimerCommand {
    /// The guided practices and your own timers
    Presets,
    /// Sit with a timer here: a countdown, prompts, and a bell (Ctrl+C stops it; the time is kept)
    Run(Run),
    /// Your sessions, newest first, stopped early or not
    Log(Log),
    /// Add a session by hand, sat without the timer
    Add(Add),
    /// Minutes per week and feeling intensity before and after; or one of them as a chart
    Insights(Insights),
}

#[derive(Args)]
pub struct Run {
    /// A name or id from `glimmer timer presets`, e.g. "a minute of the senses"
    #[arg(required_unless_present_any = ["minutes", "open"])]
    preset: Option<String>,
    /// How long, in minutes; decimals are fine (0.5 is 30 seconds)
    #[arg(long, value_name = "N", conflicts_with_all = ["preset", "open"])]
    minutes: Option<String>,
    /// No set length: it runs until you stop it
    #[arg(long, conflicts_with = "preset")]
    open: bool,
    /// Seconds to settle in before it begins, 0–120
    #[arg(long, value_name = "S", conflicts_with = "preset")]
    delay: Option<u32>,
    /// A bell every M minutes
    #[arg(long, value_name = "M", conflicts_with_all = ["preset", "bells"])]
    bell_every: Option<String>,
    /// Bells at these minutes from the start, e.g. 0,25,30
    #[arg(long, value_name = "M,M,…", conflicts_with = "preset")]
    bells: Option<String>,
    /// Silent: no terminal bell on the way or at the end
    #[arg(long)]
    no_bell: bool,
    /// How fast a breathing guide counts; each count a quarter longer or
    /// shorter (default: the pace chosen on the Breathe page)
    #[arg(long, value_enum, conflicts_with_all = ["minutes", "open"])]
    pace: Option<Pace>,
}

#[derive(Args)]
pub struct Log {
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

#[derive(Args)]
pub struct Add {
    /// How long it was, in minutes (decimals are fine)
    #[arg(long, value_name = "N")]
    minutes: String,
    /// When it started, "YYYY-MM-DD HH:MM" in local time (default: now)
    #[arg(long, value_name = "\"YYYY-MM-DD HH:MM\"")]
    at: Option<String>,
    /// What it was, e.g. "Sitting by the window"
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// How vividly you felt things before, 0–10
    #[arg(long, value_name = "N")]
    before: Option<u8>,
    /// And after, 0–10
    #[arg(long, value_name = "N")]
    after: Option<u8>,
}

#[derive(Args)]
pub struct Insights {
    /// Only sessions on or after this day (YYYY-MM-DD or today)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    #[command(flatten)]
    view: NumbersOrChart<MindfulChart>,
}

/// Minutes as typed, to whole seconds.
fn seconds(text: &str, flag: &str) -> Result<u32, CliError> {
    let t = text.trim();
    let minutes: f64 = t.parse().map_err(|_| {
        msg(format!(
            "{flag} takes minutes, like 10 or 0.5; “{t}” is not a number."
        ))
    })?;
    if !(0.0..=24.0 * 60.0).contains(&minutes) {
        return Err(msg(format!(
            "{flag} goes from 0 to 1440 minutes (a day); “{t}” is outside that."
        )));
    }
    Ok((minutes * 60.0).round() as u32)
}

impl Run {
    /// The one-off timer the flags describe, checked before any passphrase is asked.
    fn one_off(&self) -> Result<Option<Preset>, CliError> {
        if self.preset.is_some() {
            return Ok(None);
        }
        let length = match &self.minutes {
            Some(m) => match seconds(m, "--minutes")? {
                0 => return Err(msg("--minutes needs to come to at least one second.")),
                s => Some(s),
            },
            None => None,
        };
        let bells = match (&self.bell_every, &self.bells) {
            (Some(m), _) => Bells::Every {
                seconds: seconds(m, "--bell-every")?,
            },
            (None, Some(list)) => Bells::At {
                seconds: list
                    .split(',')
                    .map(|m| seconds(m, "--bells"))
                    .collect::<Result<_, _>>()?,
            },
            (None, None) => Bells::None,
        };
        let input = PresetInput {
            name: "Timer".into(),
            seconds: length,
            delay_seconds: self.delay.unwrap_or(0),
            bells,
            sound: BellSound::Bowl,
            strikes: 1,
            prompts: Vec::new(),
        };
        Ok(Some(input.unsaved()?))
    }
}

impl TimerCommand {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let out = g.out();
        match self {
            TimerCommand::Presets => {
                let all = with_vault(g, async |v| Ok(v.mindful().presets().await?)).await?;
                out.timer_presets(&all);
            }
            TimerCommand::Run(r) => {
                let one_off = r.one_off()?;
                let session = with_vault(g, async |v| {
                    let preset = match (one_off, &r.preset) {
                        (Some(p), _) => p,
                        (None, Some(name)) => {
                            let pace = match r.pace {
                                Some(pace) => pace,
                                None => v.settings().load().await?.breath_pace,
                            };
                            v.mindful().preset(name).await?.at_pace(pace)
                        }
                        (None, None) => {
                            return Err(msg(
                                "Say which timer: a name from `glimmer timer presets`, or --minutes N.",
                            ));
                        }
                    };
                    sit(v, preset, !r.no_bell && !g.json, g.json).await
                })
                .await?;
                out.timer_ended(&session);
            }
            TimerCommand::Log(l) => {
                let list =
                    with_vault(g, async |v| Ok(v.mindful().sessions(l.limit).await?)).await?;
                out.timer_sessions(&list);
            }
            TimerCommand::Add(a) => {
                let length = seconds(&a.minutes, "--minutes")?;
                let started_at = a.at.as_deref().map(local_instant).transpose()?;
                let new = NewSession {
                    preset_id: None,
                    name: a.name.clone().unwrap_or_default(),
                    started_at,
                    planned_seconds: (length > 0).then_some(length),
                    actual_seconds: length,
                    completed: true,
                    manual: true,
                    intensity_before: a.before,
                    intensity_after: a.after,
                };
                let s = with_vault(g, async |v| Ok(v.mindful().log(&new).await?)).await?;
                out.timer_added(&s);
            }
            TimerCommand::Insights(i) => {
                let since = i.since.as_deref().map(day).transpose()?;
                let chart =
                    async |v: &Vault, kind, theme| v.mindful().chart(kind, since, theme).await;
                let numbers = async |v: &Vault| v.mindful().insights(since).await;
                i.view.run(g, chart, numbers, Out::mindful_insights).await?;
            }
        }
        Ok(())
    }
}

impl Out {
    fn timer_presets(&self, all: &[Preset]) {
        if self.json {
            return self.json(&all);
        }
        let (guided, own): (Vec<&Preset>, Vec<&Preset>) =
            all.iter().partition(|p| p.kind != PresetKind::Timer);
        say!("Guided");
        for p in guided {
            say!("  {}  ({})  {}", p.name, p.describe(), p.id);
        }
        say!();
        say!("Your timers");
        if own.is_empty() {
            say!("  None yet. Any length works: glimmer timer run --minutes 10 --bell-every 2");
        }
        for p in own {
            say!("  {}  ({})  {}", p.name, p.describe(), p.id);
        }
    }

    /// After `timer run`: what was kept, kindly, whichever way it ended.
    fn timer_ended(&self, s: &Session) {
        if self.json {
            return self.json(s);
        }
        let sat = clock(u64::from(s.actual_seconds) * 1000);
        if s.completed {
            say!("Done: {sat} of “{}”. It's in your log.", s.name);
        } else {
            say!("Stopped at {sat}. That time counts, and it's in your log.");
        }
        if s.preset_id.as_deref() == Some("senses-minute") {
            say!(
                "If something you noticed felt even a little alive, you could note it: glimmer write --glimmer \"…\""
            );
        }
    }

    fn timer_added(&self, s: &Session) {
        if self.json {
            return self.json(s);
        }
        say!(
            "Added: {} on {}. {}",
            clock(u64::from(s.actual_seconds) * 1000),
            local(s.started_at),
            s.id
        );
    }

    fn timer_sessions(&self, all: &[Session]) {
        let empty =
            "No sessions yet. A minute is plenty: glimmer timer run \"a minute of the senses\"";
        self.rows(all, empty, |s| {
            let sat = clock(u64::from(s.actual_seconds) * 1000);
            let length = match (s.completed, s.planned_seconds) {
                (false, Some(p)) => format!("{sat} of {}", clock(u64::from(p) * 1000)),
                _ => sat,
            };
            let how = match (s.manual, s.completed) {
                (true, _) => "added by hand",
                (false, true) => "finished",
                (false, false) => "stopped early",
            };
            let feeling = match (s.intensity_before, s.intensity_after) {
                (None, None) => String::new(),
                (b, a) => {
                    let n = |v: Option<u8>| v.map_or("—".into(), |v| v.to_string());
                    format!("  feeling {} → {}", n(b), n(a))
                }
            };
            say!(
                "{}  {}  {length}, {how}{feeling}  {}",
                local(s.started_at),
                s.name,
                s.id
            );
        });
    }

    fn mindful_insights(&self, i: &MindfulInsights) {
        if self.json {
            return self.json(i);
        }
        let empty = "No sessions in this time yet; minutes will add up here by week.";
        say_each(&i.weeks, empty, |w| {
            say!(
                "  week of {}  {:>5.1} min  {} session{}",
                w.week_start.strftime("%a %Y-%m-%d"),
                w.minutes,
                w.sessions,
                if w.sessions == 1 { "" } else { "s" }
            );
        });
        say!();
        say!("{}", i.intensity_sentence());
    }
}

/// The terminal while a timer runs: one status line rewritten in place on a
/// terminal, plain lines in a pipe, nothing but the result with `--json`.
struct Screen {
    tty: bool,
    quiet: bool,
    bell: bool,
}

impl Screen {
    /// Writes and flushes; a closed terminal must not stop the session from being kept.
    fn put(&self, text: &str) {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(text.as_bytes()).and_then(|()| o.flush());
    }

    fn line(&self, text: &str) {
        if self.quiet {
            return;
        }
        // Over the status line, which the next redraw puts back below.
        let clear = if self.tty { "\r\x1b[K" } else { "" };
        self.put(&format!("{clear}{text}\n"));
    }

    fn status(&self, text: &str) {
        if self.tty && !self.quiet {
            self.put(&format!("\r\x1b[K{text}"));
        }
    }

    fn ring(&self) {
        if self.bell {
            self.put("\x07");
        }
    }

    fn events(&self, timer: &Timer, events: &[TimerEvent]) {
        for e in events {
            match e {
                TimerEvent::SettledIn if timer.preset().delay_seconds > 0 => self.line("Begin."),
                TimerEvent::SettledIn => {}
                TimerEvent::Prompt { index } => self.line(&format!(
                    "  {}",
                    timer.preset().prompts[*index as usize].text
                )),
                TimerEvent::Bell { .. } => {
                    self.ring();
                    if !self.tty {
                        self.line("  · bell");
                    }
                }
                TimerEvent::Completed => self.ring(),
            }
        }
    }

    fn redraw(&self, timer: &Timer, now: u64) {
        let v = timer.view(now);
        let p = &v.preset;
        let text = match (v.state, v.remaining_ms) {
            (TimerState::SettlingIn, _) => format!(
                "{}  settling in, {} s",
                p.name,
                v.delay_left_ms.div_ceil(1000)
            ),
            (_, Some(left)) => format!("{}  {} left", p.name, clock(left.div_ceil(1000) * 1000)),
            (_, None) => format!("{}  {}", p.name, clock(v.elapsed_ms)),
        };
        let pacer = p
            .pacer
            .filter(|_| v.state == TimerState::Running)
            .map(|pc| {
                let (what, count) = pc.phase_at(p.pace, v.elapsed_ms);
                format!("  ·  {what} {count}")
            });
        self.status(&format!("{text}{}", pacer.unwrap_or_default()));
    }
}

/// Runs `preset` to its end or to Ctrl+C (or SIGTERM, or the terminal
/// closing) and logs the session either way
/// (stopped early, or completed when open-ended: it had no end to reach).
/// Sleeps until the next event, or the next second for the countdown on a
/// terminal, on the monotonic clock: no busy loop.
async fn sit(v: &Vault, preset: Preset, bell: bool, quiet: bool) -> Result<Session, CliError> {
    let screen = Screen {
        tty: std::io::stdout().is_terminal(),
        quiet,
        bell,
    };
    let seed = Timestamp::now().as_nanosecond() as u64;
    let mut timer = Timer::new(preset, seed);
    let origin = Instant::now();
    let now = || origin.elapsed().as_millis() as u64;

    // Registered now: from here Ctrl+C, SIGTERM or a closed terminal stop
    // the timer, and the time so far is logged, instead of ending Glimmer.
    let mut stop =
        Caught::catch().map_err(|e| msg(format!("Glimmer could not start the timer: {e}")))?;

    let p = timer.preset();
    screen.line(&format!(
        "Starting “{}” ({}). Ctrl+C stops it; the time so far is kept.",
        p.name,
        p.length()
    ));
    if let Some(opening) = &p.opening {
        screen.line(opening);
    }
    if p.delay_seconds > 0 {
        screen.line(&format!("Settling in for {}.", words(p.delay_seconds)));
    }
    let started_at = Timestamp::now();
    let first = timer.start(now())?;
    screen.events(&timer, &first);
    while !timer.state().is_finished() {
        let t = now();
        screen.redraw(&timer, t);
        let next_second = (t / 1000 + 1) * 1000;
        let wake = match (timer.next_event_ms(), screen.tty && !quiet) {
            (Some(e), true) => e.min(next_second),
            (Some(e), false) => e,
            (None, true) => next_second,
            // Open-ended without bells, in a pipe: only Ctrl+C ends it.
            (None, false) => t + 3_600_000,
        };
        let deadline = tokio::time::Instant::from_std(origin + Duration::from_millis(wake));
        tokio::select! {
            () = tokio::time::sleep_until(deadline) => {
                let events = timer.tick(now());
                screen.events(&timer, &events);
            }
            () = stop.next() => timer.stop(now())?,
        }
    }
    screen.status("");
    let new = timer.new_session(now(), started_at);
    Ok(v.mindful().log(&new).await?)
}
