//! Mindfulness timers: guided practices for when everything feels muted (a
//! minute of the senses, savor and stop, breathing pacers, body scans) and
//! the person's own meditation timers with a settling-in delay and bells.
//! The timer is a state machine on an injected monotonic clock; the shell
//! runs it, so closing the window does not stop it. Every session counts,
//! stopped early or added by hand, and adds up by week; no count of days in
//! a row is kept.

pub mod charts;
pub mod insights;
pub mod presets;
pub mod sessions;
pub mod timer;

use jiff::civil::Date;
use sqlx::SqlitePool;
use uuid::Uuid;

use crate::charts::Theme;
use crate::error::{Error, Result};
use crate::storage::{MAX_LIST, Tx, check_day, local_today, since_day_ms};

pub use charts::MindfulChart;
pub use insights::{INTENSITY_EMPTY, MindfulInsights, WeekMinutes, week_start};
pub use presets::{
    BellSound, Bells, Breath, LIGHT_HEADED, Pace, Pacer, Phase, Preset, PresetInput, PresetKind,
    Prompt, builtins,
};
pub use sessions::{NewSession, Session};
pub use timer::{Timer, TimerEvent, TimerState, TimerView};

/// Seconds in words: "45 seconds", "10 minutes", "1 minute 30 seconds", "1 hour".
pub fn words(seconds: u32) -> String {
    let unit = |n: u32, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let parts: Vec<String> = [(h, "hour"), (m, "minute"), (s, "second")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, one)| unit(n, one))
        .collect();
    if parts.is_empty() {
        unit(0, "second")
    } else {
        parts.join(" ")
    }
}

/// A clock reading of a duration: "7:12", "1:02:03".
pub fn clock(ms: u64) -> String {
    let s = ms / 1000;
    match s / 3600 {
        0 => format!("{}:{:02}", s / 60, s % 60),
        h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
    }
}

pub(crate) fn no_preset(what: &str) -> Error {
    Error::NotFound(format!("No timer matches “{}”.", what.trim()))
}

/// A handle on the timers and sessions of an unlocked vault.
pub struct Mindful<'v> {
    pool: &'v SqlitePool,
}

impl crate::vault::Vault {
    /// Timer presets and the session log.
    pub fn mindful(&self) -> Mindful<'_> {
        Mindful::new(self.pool())
    }
}

impl<'v> Mindful<'v> {
    pub(crate) fn new(pool: &'v SqlitePool) -> Self {
        Self { pool }
    }

    /// The built-in practices first, then the person's own timers.
    pub async fn presets(&self) -> Result<Vec<Preset>> {
        let mut all = builtins();
        all.extend(presets::list(&mut *self.pool.acquire().await?).await?);
        Ok(all)
    }

    /// A preset by id, or by name in any case.
    pub async fn preset(&self, id: &str) -> Result<Preset> {
        if let Some(p) = presets::builtin(id) {
            return Ok(p);
        }
        presets::find(&mut *self.pool.acquire().await?, id)
            .await?
            .ok_or_else(|| no_preset(id))
    }

    pub async fn add_preset(&self, input: &PresetInput) -> Result<Preset> {
        let mut tx = Tx::begin(self.pool).await?;
        let p = presets::insert(&mut tx, input).await?;
        tx.commit().await?;
        Ok(p)
    }

    /// Deletes one of the person's timers (by id or name); built-ins stay.
    pub async fn delete_preset(&self, id: &str) -> Result<()> {
        presets::delete(&mut *self.pool.acquire().await?, id).await
    }

    /// Logs a session; an empty name becomes its preset's.
    pub async fn log(&self, s: &NewSession) -> Result<Session> {
        let mut named = s.clone();
        if named.name.trim().is_empty()
            && let Some(id) = &s.preset_id
        {
            named.name = self.preset(id).await.map(|p| p.name).unwrap_or_default();
        }
        let mut tx = Tx::begin(self.pool).await?;
        let session = sessions::insert(&mut tx, &named).await?;
        tx.commit().await?;
        Ok(session)
    }

    /// Notes (or with `None`, clears) how vividly things are felt after a session.
    pub async fn set_intensity_after(&self, id: Uuid, intensity: Option<u8>) -> Result<Session> {
        sessions::set_intensity_after(&mut *self.pool.acquire().await?, id, intensity).await
    }

    /// The newest sessions first, at most [`MAX_LIST`].
    pub async fn sessions(&self, limit: u32) -> Result<Vec<Session>> {
        sessions::recent(&mut *self.pool.acquire().await?, limit.min(MAX_LIST)).await
    }

    pub async fn delete_session(&self, id: Uuid) -> Result<()> {
        sessions::delete(&mut *self.pool.acquire().await?, id).await
    }

    /// Minutes per week and feeling intensity before and after, over the
    /// sessions from `since` (a local day) on.
    pub async fn insights(&self, since: Option<Date>) -> Result<MindfulInsights> {
        self.insights_at(since, local_today()).await
    }

    /// [`Mindful::insights`] with the weeks running to `today`'s.
    pub async fn insights_at(&self, since: Option<Date>, today: Date) -> Result<MindfulInsights> {
        since.map(|d| check_day("since", d)).transpose()?;
        // Sessions are local to their own zones.
        let from = since_day_ms(since);
        let all = sessions::since(&mut *self.pool.acquire().await?, from).await?;
        Ok(insights::summarize(&all, since, today))
    }

    /// One chart of [`Mindful::insights`] as an SVG string (with a fixed
    /// today: [`charts::draw`] on [`Mindful::insights_at`]).
    pub async fn chart(
        &self,
        kind: MindfulChart,
        since: Option<Date>,
        theme: Theme,
    ) -> Result<String> {
        charts::draw(&self.insights(since).await?, kind, theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words_and_clocks() {
        assert_eq!(words(0), "0 seconds");
        assert_eq!(words(1), "1 second");
        assert_eq!(words(90), "1 minute 30 seconds");
        assert_eq!(words(600), "10 minutes");
        assert_eq!(words(3605), "1 hour 5 seconds");
        assert_eq!(clock(432_999), "7:12");
        assert_eq!(clock(3_723_000), "1:02:03");
    }
}
