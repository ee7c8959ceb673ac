//! Preferences kept inside the encrypted vault (they say something about the
//! person too). One JSON document; unknown or missing fields take defaults, so
//! older and newer Glimmers can share a vault.

use std::path::Path;

use jiff::civil::Time;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteExecutor, SqlitePool};

use crate::error::{Error, Result};
use crate::mindful::Pace;
use crate::storage::{OnConflict, Table, Tx, json};
use crate::vault::{SyncWarning, sync_warning};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(default)]
pub struct Settings {
    /// Lock after this many idle minutes; 0 turns idle locking off.
    pub auto_lock_minutes: u32,
    /// Lock when the computer's screen locks.
    pub lock_with_screen: bool,
    /// A second folder (an external drive, a synced folder) that receives a
    /// copy of every backup, still encrypted.
    pub backup_folder: Option<String>,
    /// Name the activity in a reminder. Off by default: a notification can
    /// be read by anyone near the screen, so it only says something planned
    /// is coming up. Never while the vault is locked.
    pub reminder_names: bool,
    /// Quiet hours, "HH:MM" local: no reminders from `quiet_start` until
    /// `quiet_end` (across midnight when the end is earlier). Both or neither.
    pub quiet_start: Option<String>,
    pub quiet_end: Option<String>,
    /// At most this many reminders a day; 0 turns them off.
    pub reminders_per_day: u32,
    /// Start Glimmer in the tray when the person logs in, so reminders can
    /// come without opening it. The system's login items hold the effect.
    pub start_at_login: bool,
    /// A gentle daily reminder to check in, "HH:MM" local; off when `None`.
    pub checkin_reminder: Option<String>,
    /// A gentle reminder of the PHQ-9 self-check two weeks after the last one.
    pub self_check_reminder: bool,
    /// How loud the timer's bells are, 0–100; 0 is silent.
    pub bell_volume: u8,
    /// How fast the breathing pacers go, chosen on the Breathe page.
    pub breath_pace: Pace,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            auto_lock_minutes: 10,
            lock_with_screen: true,
            backup_folder: None,
            reminder_names: false,
            quiet_start: None,
            quiet_end: None,
            reminders_per_day: 3,
            start_at_login: false,
            checkin_reminder: None,
            self_check_reminder: false,
            bell_volume: 60,
            breath_pace: Pace::Usual,
        }
    }
}

const KEY: &str = "app";

/// The settings row that follows the person to every computer they sync.
pub const SYNCED_KEY: &str = KEY;

/// Fields of [`Settings`] that belong to one computer: a path on it, and
/// its login items. Sync leaves them as each computer has them.
pub const DEVICE_LOCAL: [&str; 2] = ["backup_folder", "start_at_login"];

/// The vault folder the person was last told is synced (a JSON string). A
/// row of its own rather than a field of [`Settings`]: the front ends save
/// their copy of the settings whole, and a copy read before the warning would
/// forget that it was given.
const SYNC_WARNED: &str = "sync_warning_for";

/// The longest idle time one may choose: four hours, beyond every choice the
/// front ends offer.
pub const MAX_AUTO_LOCK_MINUTES: u32 = 240;

/// More reminders a day than anyone plans activities for.
pub const MAX_REMINDERS_PER_DAY: u32 = 20;

/// Reads "HH:MM" (or "H:MM"), the way the front ends write a time of day.
fn hhmm(field: &'static str, text: &str) -> Result<Time> {
    let bad = || {
        Error::invalid(
            field,
            format!(
                "“{}” is not a time of day; write it like 22:00.",
                text.trim()
            ),
        )
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let num = |s: &str, max: i8| {
        let digits = (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        match s.parse::<i8>() {
            Ok(n) if digits && n <= max => Ok(n),
            _ => Err(bad()),
        }
    };
    Ok(Time::constant(num(h, 23)?, num(m, 59)?, 0, 0))
}

impl Settings {
    /// Quiet hours as times of day, `None` when there are none (or they
    /// cannot be read: a vault edited elsewhere must not stop reminders).
    pub fn quiet_hours(&self) -> Option<(Time, Time)> {
        let start = hhmm("quiet_start", self.quiet_start.as_deref()?).ok()?;
        let end = hhmm("quiet_end", self.quiet_end.as_deref()?).ok()?;
        (start != end).then_some((start, end))
    }

    /// The daily check-in reminder's time, `None` when off (or unreadable).
    pub fn checkin_time(&self) -> Option<Time> {
        hhmm("checkin_reminder", self.checkin_reminder.as_deref()?).ok()
    }

    /// Whether the local time of day `t` falls in quiet hours: from the
    /// start, up to but not including the end.
    pub fn is_quiet(&self, t: Time) -> bool {
        match self.quiet_hours() {
            None => false,
            Some((start, end)) if start < end => start <= t && t < end,
            Some((start, end)) => start <= t || t < end,
        }
    }

    /// Refuses what cannot be saved, with a sentence naming the field; a
    /// front end may ask before acting on a change.
    pub fn check(&self) -> Result<()> {
        let m = self.auto_lock_minutes;
        if m > MAX_AUTO_LOCK_MINUTES {
            return Err(Error::invalid(
                "auto_lock_minutes",
                format!(
                    "Glimmer can lock after 1 to {MAX_AUTO_LOCK_MINUTES} idle minutes, or never (0); {m} minutes is outside that."
                ),
            ));
        }
        let n = self.reminders_per_day;
        if n > MAX_REMINDERS_PER_DAY {
            return Err(Error::invalid(
                "reminders_per_day",
                format!(
                    "Glimmer can show up to {MAX_REMINDERS_PER_DAY} reminders a day, or none (0); {n} is more than that."
                ),
            ));
        }
        if self.bell_volume > 100 {
            return Err(Error::invalid(
                "bell_volume",
                format!(
                    "Bell volume goes from 0 (silent) to 100; {} is outside that.",
                    self.bell_volume
                ),
            ));
        }
        if let Some(at) = self.checkin_reminder.as_deref() {
            hhmm("checkin_reminder", at)?;
        }
        match (self.quiet_start.as_deref(), self.quiet_end.as_deref()) {
            (None, None) => {}
            (Some(start), Some(end)) => {
                if hhmm("quiet_start", start)? == hhmm("quiet_end", end)? {
                    return Err(Error::invalid(
                        "quiet_end",
                        "Quiet hours need to end at another time than they start.",
                    ));
                }
            }
            (start, _) => {
                let field = if start.is_none() {
                    "quiet_start"
                } else {
                    "quiet_end"
                };
                return Err(Error::invalid(
                    field,
                    "Quiet hours need both a start and an end.",
                ));
            }
        }
        Ok(())
    }
}

/// Settings as Glimmer JSON carries them: a vault that has its own keeps them.
pub const EXCHANGE: Table = Table {
    name: "settings",
    columns: &["key", "value"],
    json: &["value"],
    key: "key",
    on_conflict: OnConflict::Keep,
};

/// A handle on the settings of an unlocked vault.
pub struct SettingsStore<'v> {
    pool: &'v SqlitePool,
    dir: &'v Path,
}

impl crate::vault::Vault {
    /// Preferences kept inside the vault.
    pub fn settings(&self) -> SettingsStore<'_> {
        SettingsStore::new(self.pool(), self.dir())
    }
}

impl<'v> SettingsStore<'v> {
    pub(crate) fn new(pool: &'v SqlitePool, dir: &'v Path) -> Self {
        Self { pool, dir }
    }

    pub async fn load(&self) -> Result<Settings> {
        Ok(get(self.pool, KEY)
            .await?
            .and_then(|r| serde_json::from_str(&r).ok())
            .unwrap_or_default())
    }

    pub async fn save(&self, s: &Settings) -> Result<()> {
        let mut tx = Tx::begin(self.pool).await?;
        save(&mut tx, s).await?;
        tx.commit().await
    }

    /// The warning about a synced folder, when the vault is in one and the
    /// person has not been told about this folder yet: once per folder, so
    /// moving the vault into another synced folder tells again.
    pub async fn sync_warning(&self) -> Result<Option<SyncWarning>> {
        let Some(warning) = sync_warning(self.dir) else {
            return Ok(None);
        };
        let told = get(self.pool, SYNC_WARNED).await?;
        Ok((told != Some(json(&warning.folder))).then_some(warning))
    }

    /// Remembers that the warning for the vault's present folder was shown.
    pub async fn sync_warning_shown(&self) -> Result<()> {
        if let Some(warning) = sync_warning(self.dir) {
            put(self.pool, SYNC_WARNED, &json(&warning.folder)).await?;
        }
        Ok(())
    }
}

pub async fn save(tx: &mut Tx<'_>, s: &Settings) -> Result<()> {
    s.check()?;
    put(tx.conn(), KEY, &json(s)).await
}

async fn get(db: impl SqliteExecutor<'_>, key: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(db)
            .await?,
    )
}

async fn put(db: impl SqliteExecutor<'_>, key: &str, value: &str) -> Result<()> {
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(db)
        .await?;
    Ok(())
}
