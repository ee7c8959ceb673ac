//! The timer: a pure state machine on a monotonic clock the caller injects
//! (milliseconds), so it never sleeps and tests need no real time. Every
//! event's time comes from the start, the settling-in delay and the pauses
//! added up, never from adding tick intervals, so nothing drifts.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::presets::{Bells, MAX_SECONDS, Phase, Preset, Prompt};
use super::sessions::NewSession;
use crate::error::{Error, Result};
use crate::rng::SplitMix;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum TimerState {
    Ready,
    /// The settling-in delay, before the practice itself.
    SettlingIn,
    Running,
    Paused,
    Completed,
    /// Stopped before the end.
    Stopped,
}

impl TimerState {
    /// Completed or stopped: nothing more happens.
    pub fn is_finished(self) -> bool {
        matches!(self, TimerState::Completed | TimerState::Stopped)
    }
}

/// Something that happens at a moment of the timer, reported once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TimerEvent {
    /// The practice begins: the settling-in delay is over (at once when there is none).
    SettledIn,
    /// The `index`-th bell on the way (from 0), struck `strikes` times.
    Bell { index: u32, strikes: u8 },
    /// `preset.prompts[index]` is reached.
    Prompt { index: u32 },
    /// The end; rung with the preset's sound like a bell.
    Completed,
}

/// What a front end shows of a timer at one moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct TimerView {
    pub preset: Preset,
    pub state: TimerState,
    /// Practice time so far: the settling-in delay and pauses left out.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub elapsed_ms: u64,
    /// `None` for an open-ended timer.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub remaining_ms: Option<u64>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub delay_left_ms: u64,
    /// The latest prompt reached.
    pub prompt: Option<Prompt>,
    pub bells_rung: u32,
    /// One breath of the pacer at the preset's pace, part by part; empty
    /// without a pacer. The screen draws exactly what the timer counts.
    pub phases: Vec<Phase>,
}

/// What comes next on the timeline; at equal times, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Due {
    Settle,
    Bell,
    Prompt,
    Complete,
}

#[derive(Debug, Clone)]
pub struct Timer {
    /// Its prompts sorted by time, so event indexes point into them.
    preset: Preset,
    state: TimerState,
    delay_ms: u64,
    /// `None`: open-ended.
    duration_ms: Option<u64>,
    /// Bells at offsets from the practice's start (after the delay), sorted.
    bell_offsets: Vec<u64>,
    /// Or a bell at every multiple of this.
    every_ms: Option<u64>,
    /// The clock reading at `start`.
    started: u64,
    /// The length of the pauses that have ended.
    paused_ms: u64,
    paused_at: Option<u64>,
    /// The timeline position it ended at, once completed or stopped.
    ended_at: Option<u64>,
    settled: bool,
    bells_rung: u32,
    prompts_reached: usize,
}

fn refuse(message: &str) -> Error {
    Error::invalid("timer", message)
}

impl Timer {
    /// A timer ready to start. Random bells are drawn from `seed`, so one
    /// seed always gives the same bells.
    pub fn new(mut preset: Preset, seed: u64) -> Timer {
        preset.prompts.sort_by_key(|p| p.at_seconds);
        let ms = |s: u32| u64::from(s) * 1000;
        let (bell_offsets, every_ms) = match &preset.bells {
            Bells::None => (Vec::new(), None),
            Bells::Every { seconds } => (Vec::new(), Some(ms((*seconds).max(1)))),
            Bells::At { seconds } => {
                let mut at: Vec<u64> = seconds.iter().map(|s| ms(*s)).collect();
                at.sort_unstable();
                at.dedup();
                (at, None)
            }
            Bells::Random {
                count,
                min_seconds,
                max_seconds,
            } => {
                let mut rng = SplitMix(seed);
                let (lo, hi) = (ms(*min_seconds), ms(*max_seconds));
                let span = hi.saturating_sub(lo) as f64;
                let mut at: Vec<u64> = (0..*count)
                    .map(|_| lo + (rng.unit() * span) as u64)
                    .collect();
                at.sort_unstable();
                (at, None)
            }
        };
        Timer {
            delay_ms: ms(preset.delay_seconds),
            duration_ms: preset.length_ms(),
            preset,
            state: TimerState::Ready,
            bell_offsets,
            every_ms,
            started: 0,
            paused_ms: 0,
            paused_at: None,
            ended_at: None,
            settled: false,
            bells_rung: 0,
            prompts_reached: 0,
        }
    }

    pub fn preset(&self) -> &Preset {
        &self.preset
    }

    pub fn state(&self) -> TimerState {
        self.state
    }

    /// Starts at `now_ms` and returns what is due at once (with no delay:
    /// the start itself, and any bell or prompt at 0).
    pub fn start(&mut self, now_ms: u64) -> Result<Vec<TimerEvent>> {
        match self.state {
            TimerState::Ready => {}
            s if s.is_finished() => {
                return Err(refuse(
                    "This timer has finished; start a new one to sit again.",
                ));
            }
            _ => return Err(refuse("This timer is already going.")),
        }
        self.started = now_ms;
        self.state = TimerState::SettlingIn;
        Ok(self.tick(now_ms))
    }

    pub fn pause(&mut self, now_ms: u64) -> Result<()> {
        match self.state {
            TimerState::SettlingIn | TimerState::Running => {
                self.paused_at = Some(now_ms.max(self.started));
                self.state = TimerState::Paused;
                Ok(())
            }
            TimerState::Ready => Err(refuse(
                "The timer hasn't started yet, so there is nothing to pause.",
            )),
            TimerState::Paused => Err(refuse("The timer is already paused.")),
            _ => Err(refuse(
                "This timer has finished; there is nothing to pause.",
            )),
        }
    }

    pub fn resume(&mut self, now_ms: u64) -> Result<()> {
        let TimerState::Paused = self.state else {
            return Err(refuse(match self.state {
                TimerState::Ready => "The timer hasn't started yet; start it instead.",
                s if s.is_finished() => "This timer has finished; start a new one to sit again.",
                _ => "The timer is already going; there is nothing to resume.",
            }));
        };
        let since = self.paused_at.take().unwrap_or(now_ms);
        self.paused_ms += now_ms.saturating_sub(since);
        self.state = if self.settled {
            TimerState::Running
        } else {
            TimerState::SettlingIn
        };
        Ok(())
    }

    /// Ends the timer early. Once its end has passed (the tick that would
    /// have said so just hadn't come yet) it counts as completed.
    pub fn stop(&mut self, now_ms: u64) -> Result<()> {
        match self.state {
            TimerState::Ready => {
                return Err(refuse(
                    "The timer hasn't started yet, so there is nothing to stop.",
                ));
            }
            s if s.is_finished() => return Err(refuse("This timer has already finished.")),
            _ => {}
        }
        let at = self.position(now_ms);
        match self.end() {
            Some(end) if at >= end => {
                self.ended_at = Some(end);
                self.state = TimerState::Completed;
            }
            _ => {
                self.ended_at = Some(at);
                self.state = TimerState::Stopped;
            }
        }
        self.paused_at = None;
        Ok(())
    }

    /// Everything due up to `now_ms` that was not reported yet, in order:
    /// each event once, and `Completed` once. While paused, what came due
    /// before the pause.
    pub fn tick(&mut self, now_ms: u64) -> Vec<TimerEvent> {
        let mut events = Vec::new();
        if !matches!(
            self.state,
            TimerState::SettlingIn | TimerState::Running | TimerState::Paused
        ) {
            return events;
        }
        let at = self.position(now_ms);
        while let Some((when, due)) = self.next_due() {
            if when > at {
                break;
            }
            events.push(match due {
                Due::Settle => {
                    self.settled = true;
                    if self.state == TimerState::SettlingIn {
                        self.state = TimerState::Running;
                    }
                    TimerEvent::SettledIn
                }
                Due::Bell => {
                    self.bells_rung += 1;
                    TimerEvent::Bell {
                        index: self.bells_rung - 1,
                        strikes: self.preset.strikes,
                    }
                }
                Due::Prompt => {
                    self.prompts_reached += 1;
                    TimerEvent::Prompt {
                        index: self.prompts_reached as u32 - 1,
                    }
                }
                Due::Complete => {
                    self.ended_at = Some(when);
                    self.paused_at = None;
                    self.state = TimerState::Completed;
                    TimerEvent::Completed
                }
            });
            if due == Due::Complete {
                break;
            }
        }
        events
    }

    /// The clock reading at which the next event is due, to sleep until;
    /// `None` when paused, not started, finished, or open-ended with
    /// nothing more to come.
    pub fn next_event_ms(&self) -> Option<u64> {
        match self.state {
            TimerState::SettlingIn | TimerState::Running => self
                .next_due()
                .map(|(when, _)| self.started + self.paused_ms + when),
            _ => None,
        }
    }

    /// Practice time so far, without the settling-in delay and pauses.
    pub fn elapsed_ms(&self, now_ms: u64) -> u64 {
        let practice = self.position(now_ms).saturating_sub(self.delay_ms);
        self.duration_ms.map_or(practice, |d| practice.min(d))
    }

    pub fn view(&self, now_ms: u64) -> TimerView {
        let elapsed_ms = self.elapsed_ms(now_ms);
        TimerView {
            preset: self.preset.clone(),
            state: self.state,
            elapsed_ms,
            remaining_ms: self.duration_ms.map(|d| d - elapsed_ms),
            delay_left_ms: self.delay_ms.saturating_sub(self.position(now_ms)),
            prompt: self
                .prompts_reached
                .checked_sub(1)
                .map(|i| self.preset.prompts[i].clone()),
            bells_rung: self.bells_rung,
            phases: self
                .preset
                .pacer
                .map(|p| p.phases(self.preset.pace))
                .unwrap_or_default(),
        }
    }

    /// The session to log for this timer at `now_ms`: its practice time in
    /// whole seconds, and completed when it reached its end (or, open-ended,
    /// whenever it was stopped: it had no end to reach). `started_at` is the
    /// wall-clock time it was started. Up to a day is kept, as a session holds.
    pub fn new_session(&self, now_ms: u64, started_at: Timestamp) -> NewSession {
        let p = &self.preset;
        NewSession {
            preset_id: (!p.id.is_empty()).then(|| p.id.clone()),
            name: p.name.clone(),
            started_at: Some(started_at),
            planned_seconds: p.seconds,
            // An open-ended timer left running past a day keeps a day.
            actual_seconds: (self.elapsed_ms(now_ms) / 1000).min(u64::from(MAX_SECONDS)) as u32,
            completed: self.state == TimerState::Completed
                || (p.seconds.is_none() && self.state == TimerState::Stopped),
            manual: false,
            intensity_before: None,
            intensity_after: None,
        }
    }

    /// Where on its timeline (delay included, pauses not) the timer is.
    fn position(&self, now_ms: u64) -> u64 {
        if let Some(end) = self.ended_at {
            return end;
        }
        if self.state == TimerState::Ready {
            return 0;
        }
        let now = self.paused_at.unwrap_or(now_ms);
        now.saturating_sub(self.started)
            .saturating_sub(self.paused_ms)
    }

    /// Where on the timeline the end is.
    fn end(&self) -> Option<u64> {
        self.duration_ms.map(|d| self.delay_ms + d)
    }

    /// The next event not yet reported and where on the timeline it falls.
    fn next_due(&self) -> Option<(u64, Due)> {
        if !self.settled {
            return Some((self.delay_ms, Due::Settle));
        }
        // Bells and prompts at or past the end give way to the end itself.
        let before_end = |offset: u64| self.duration_ms.is_none_or(|d| offset < d);
        let bell = match self.every_ms {
            Some(every) => Some(every * (u64::from(self.bells_rung) + 1)),
            None => self.bell_offsets.get(self.bells_rung as usize).copied(),
        }
        .filter(|o| before_end(*o))
        .map(|o| (self.delay_ms + o, Due::Bell));
        let prompt = self
            .preset
            .prompts
            .get(self.prompts_reached)
            .map(|p| u64::from(p.at_seconds) * 1000)
            .filter(|o| before_end(*o))
            .map(|o| (self.delay_ms + o, Due::Prompt));
        let end = self.end().map(|e| (e, Due::Complete));
        [bell, prompt, end].into_iter().flatten().min()
    }
}
