//! Presets: the guided practices built into Glimmer (a minute of the senses,
//! savor and stop, three breathing pacers, body scans, and a scan of what is
//! around that stays outside the body) and the person's own timers, any
//! length or open-ended, with a settling-in delay and bells.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::words;
use crate::error::{Error, Result};
use crate::storage::{Tx, check_name, json, small};

/// The longest timer: a day. There is no hour cap; this only keeps typos out.
pub const MAX_SECONDS: u32 = 86_400;
/// The longest settling-in delay.
pub const MAX_DELAY_SECONDS: u32 = 120;
/// The most bells one timer may list or draw.
pub const MAX_BELLS: usize = 100;
const MAX_NAME_CHARS: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum PresetKind {
    /// Attention to the senses: a minute of smell, texture, taste and
    /// sound, or what is around (sounds, light, what holds you up).
    Senses,
    /// One pleasant moment noticed fully, then let go.
    Savor,
    /// A breathing pacer.
    Breathing,
    BodyScan,
    /// A plain meditation timer; every timer a person makes is one.
    Timer,
}

/// The breathing pattern a pacer follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Pacer {
    /// In 4, out 6, with no holds: the gentlest.
    FourSix,
    /// In 4, hold 4, out 4, hold 4.
    Box,
    /// In 4, hold 7, out 8.
    FourSevenEight,
}

/// One part of a breath.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Breath {
    In,
    Hold,
    Out,
}

impl Breath {
    pub fn label(self) -> &'static str {
        match self {
            Breath::In => "Breathe in",
            Breath::Hold => "Hold",
            Breath::Out => "Breathe out",
        }
    }
}

/// How fast a breathing pacer goes. The counts stay (4, 7, 8); each count
/// lasts a quarter longer or shorter, since the rhythm is what helps and
/// not everyone's breath is as long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    Slower,
    #[default]
    Usual,
    Faster,
}

impl Pace {
    /// A count of one second at this pace, in milliseconds.
    pub fn count_ms(self) -> u32 {
        match self {
            Pace::Slower => 1250,
            Pace::Usual => 1000,
            Pace::Faster => 750,
        }
    }
}

/// One part of a breath at a pace: what to do, how many counts, how long.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phase {
    pub breath: Breath,
    /// "Breathe in", "Hold", "Breathe out".
    pub label: String,
    pub counts: u32,
    pub ms: u32,
}

impl Pacer {
    /// One breath: each part and its counts.
    fn pattern(self) -> &'static [(Breath, u32)] {
        match self {
            Pacer::FourSix => &[(Breath::In, 4), (Breath::Out, 6)],
            Pacer::Box => &[
                (Breath::In, 4),
                (Breath::Hold, 4),
                (Breath::Out, 4),
                (Breath::Hold, 4),
            ],
            Pacer::FourSevenEight => &[(Breath::In, 4), (Breath::Hold, 7), (Breath::Out, 8)],
        }
    }

    /// One breath at `pace`, part by part.
    pub fn phases(self, pace: Pace) -> Vec<Phase> {
        self.pattern()
            .iter()
            .map(|&(breath, counts)| Phase {
                breath,
                label: breath.label().into(),
                counts,
                ms: counts * pace.count_ms(),
            })
            .collect()
    }

    /// How long one whole breath lasts at `pace`.
    pub fn breath_ms(self, pace: Pace) -> u64 {
        let counts: u32 = self.pattern().iter().map(|p| p.1).sum();
        u64::from(counts * pace.count_ms())
    }

    /// The part of the breath at `elapsed_ms` into the practice and the
    /// counts left in it (4, 3, 2, 1), for a text count.
    pub fn phase_at(self, pace: Pace, elapsed_ms: u64) -> (&'static str, u32) {
        let count = u64::from(pace.count_ms());
        let mut into = elapsed_ms % self.breath_ms(pace);
        for &(breath, counts) in self.pattern() {
            let len = u64::from(counts) * count;
            if into < len {
                return (breath.label(), (len - into).div_ceil(count) as u32);
            }
            into -= len;
        }
        let (first, counts) = self.pattern()[0];
        (first.label(), counts)
    }
}

/// A bell sound; the UI synthesises each one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum BellSound {
    #[default]
    Bowl,
    Chime,
    Wood,
}

impl BellSound {
    fn key(self) -> &'static str {
        match self {
            BellSound::Bowl => "bowl",
            BellSound::Chime => "chime",
            BellSound::Wood => "wood",
        }
    }
    fn parse(s: &str) -> BellSound {
        match s {
            "chime" => BellSound::Chime,
            "wood" => BellSound::Wood,
            _ => BellSound::Bowl,
        }
    }
}

/// Bells during a timer, counted in seconds from the end of the settling-in
/// delay. The end itself always has its bell (the completion), so a bell
/// listed at the very end is that one.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Bells {
    #[default]
    None,
    /// At every multiple of `seconds`, before the end.
    Every { seconds: u32 },
    /// At each of these offsets (0 is right as the practice begins).
    At { seconds: Vec<u32> },
    /// `count` bells at random offsets between the two, drawn anew for each run.
    Random {
        count: u32,
        min_seconds: u32,
        max_seconds: u32,
    },
}

impl Bells {
    /// The bells in plain words: "a bell every 2 minutes".
    pub fn describe(&self) -> String {
        match self {
            Bells::None => "no bells on the way".into(),
            Bells::Every { seconds } => format!("a bell every {}", words(*seconds)),
            Bells::At { seconds } => {
                let at: Vec<String> = seconds.iter().map(|s| words(*s)).collect();
                format!("bells at {}", at.join(", "))
            }
            Bells::Random {
                count,
                min_seconds,
                max_seconds,
            } => format!(
                "{count} bell{} at random between {} and {}",
                if *count == 1 { "" } else { "s" },
                words(*min_seconds),
                words(*max_seconds)
            ),
        }
    }

    /// Checked against the timer's length (`None`: open-ended), with an
    /// "at" list sorted and without repeats.
    fn checked(&self, seconds: Option<u32>) -> Result<Bells> {
        let bad = |m: String| Err(Error::invalid("bells", m));
        let past_end = |at: u32| seconds.filter(|d| at > *d);
        match self {
            Bells::None => Ok(Bells::None),
            Bells::Every { seconds: 0 } => {
                bad("A bell interval needs to be at least one second long.".into())
            }
            Bells::Every { seconds: every } => match past_end(*every) {
                Some(d) => bad(format!(
                    "A bell every {} is longer than the whole timer ({}); choose a shorter interval.",
                    words(*every),
                    words(d)
                )),
                None => Ok(self.clone()),
            },
            Bells::At { seconds: at } => {
                let mut at = at.clone();
                at.sort_unstable();
                at.dedup();
                if at.is_empty() {
                    return bad("Add at least one time for the bells, or choose no bells.".into());
                }
                if at.len() > MAX_BELLS {
                    return bad(format!(
                        "A timer has room for {MAX_BELLS} bells; this list has {}.",
                        at.len()
                    ));
                }
                if let Some(d) = at.last().and_then(|last| past_end(*last)) {
                    return bad(format!(
                        "A bell at {} comes after the timer ends ({}); bells go from 0 to the end.",
                        words(at[at.len() - 1]),
                        words(d)
                    ));
                }
                Ok(Bells::At { seconds: at })
            }
            Bells::Random {
                count,
                min_seconds,
                max_seconds,
            } => {
                if *count == 0 {
                    return bad("Random bells need at least one bell.".into());
                }
                if *count as usize > MAX_BELLS {
                    return bad(format!(
                        "A timer has room for {MAX_BELLS} bells; {count} is more than that."
                    ));
                }
                if min_seconds >= max_seconds {
                    return bad(
                        "Random bells need a range: the earliest time comes before the latest."
                            .into(),
                    );
                }
                if let Some(d) = past_end(*max_seconds) {
                    return bad(format!(
                        "Random bells up to {} would come after the timer ends ({}).",
                        words(*max_seconds),
                        words(d)
                    ));
                }
                Ok(self.clone())
            }
        }
    }
}

/// A line of guidance shown (and announced) `at_seconds` into the practice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Prompt {
    pub at_seconds: u32,
    pub text: String,
    /// The sense it turns to ("smell", "texture", "taste", "sound") in the
    /// minute of the senses, so "Note a glimmer" can start from it.
    pub sense: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Preset {
    /// A fixed slug for built-ins ("senses-minute"), a UUID for the person's own.
    pub id: String,
    pub name: String,
    pub kind: PresetKind,
    /// How long the practice lasts; `None` runs until stopped.
    pub seconds: Option<u32>,
    /// Time to settle in before the practice begins, 0–120 s.
    pub delay_seconds: u32,
    pub bells: Bells,
    pub sound: BellSound,
    /// How many times each bell strikes, 1–3.
    pub strikes: u8,
    pub prompts: Vec<Prompt>,
    pub pacer: Option<Pacer>,
    /// A pacer's length in whole breaths; `seconds` follows from them and the pace.
    pub breaths: Option<u32>,
    pub pace: Pace,
    /// Said once before the practice begins, while settling in: what keeps
    /// it safe and in the person's hands.
    pub opening: Option<String>,
    pub builtin: bool,
}

impl Preset {
    /// The same practice at `pace`: a pacer's breaths take longer or less
    /// long, so its length follows. A practice without a pacer stays as it is.
    pub fn at_pace(mut self, pace: Pace) -> Preset {
        if let (Some(pacer), Some(breaths)) = (self.pacer, self.breaths) {
            self.pace = pace;
            self.seconds = Some(breath_seconds(pacer, pace, breaths));
        }
        self
    }

    /// How long the practice lasts, to the millisecond: a pacer ends as its
    /// last breath does. `None` runs until stopped.
    pub fn length_ms(&self) -> Option<u64> {
        match (self.pacer, self.breaths) {
            (Some(pacer), Some(n)) => Some(u64::from(n) * pacer.breath_ms(self.pace)),
            _ => self.seconds.map(|s| u64::from(s) * 1000),
        }
    }

    /// "4 breaths, 1 minute 16 seconds", "10 minutes", "open-ended".
    pub fn length(&self) -> String {
        let time = match self.seconds {
            Some(s) => words(s),
            None => "open-ended".into(),
        };
        match self.breaths {
            Some(n) => format!("{n} breaths, {time}"),
            None => time,
        }
    }

    /// "10 minutes, a bell every 2 minutes, 10 seconds to settle in".
    pub fn describe(&self) -> String {
        let mut parts = vec![self.length()];
        if self.bells != Bells::None {
            parts.push(self.bells.describe());
        }
        if self.delay_seconds > 0 {
            parts.push(format!("{} to settle in", words(self.delay_seconds)));
        }
        parts.join(", ")
    }
}

/// A timer the person makes; always of kind [`PresetKind::Timer`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PresetInput {
    pub name: String,
    /// `None` runs until stopped.
    pub seconds: Option<u32>,
    pub delay_seconds: u32,
    pub bells: Bells,
    pub sound: BellSound,
    pub strikes: u8,
    /// Lines shown (and read out) at moments of the person's choosing.
    #[serde(default)]
    pub prompts: Vec<Prompt>,
}

/// More than a timer needs; each prompt is a line to read in a glance.
const MAX_PROMPTS: usize = 20;
const MAX_PROMPT_CHARS: usize = 200;

impl PresetInput {
    /// The input trimmed and checked, each refusal a sentence naming the field.
    pub fn checked(&self) -> Result<PresetInput> {
        let name = self.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::invalid(
                "name",
                "The timer needs a name, like “Morning sit”.",
            ));
        }
        check_name("name", "name", &name)?;
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(Error::invalid(
                "name",
                format!(
                    "A timer's name has room for {MAX_NAME_CHARS} characters; this one is longer."
                ),
            ));
        }
        if let Some(s) = self.seconds.filter(|s| !(1..=MAX_SECONDS).contains(s)) {
            return Err(Error::invalid(
                "seconds",
                format!(
                    "A timer runs from 1 second to 24 hours, or open-ended; {} is outside that.",
                    words(s)
                ),
            ));
        }
        if self.delay_seconds > MAX_DELAY_SECONDS {
            return Err(Error::invalid(
                "delay_seconds",
                format!(
                    "The time to settle in goes from 0 to {MAX_DELAY_SECONDS} seconds; {} is outside that.",
                    self.delay_seconds
                ),
            ));
        }
        if !(1..=3).contains(&self.strikes) {
            return Err(Error::invalid(
                "strikes",
                format!(
                    "A bell strikes 1, 2 or 3 times; {} is outside that.",
                    self.strikes
                ),
            ));
        }
        Ok(PresetInput {
            name,
            bells: self.bells.checked(self.seconds)?,
            prompts: self.checked_prompts()?,
            ..self.clone()
        })
    }

    /// Prompts trimmed, each inside the timer and short, in time order.
    fn checked_prompts(&self) -> Result<Vec<Prompt>> {
        if self.prompts.len() > MAX_PROMPTS {
            return Err(Error::invalid(
                "prompts",
                format!("A timer has room for {MAX_PROMPTS} prompts; this one has more."),
            ));
        }
        let mut prompts = Vec::with_capacity(self.prompts.len());
        for p in &self.prompts {
            let text = p.text.trim().to_string();
            if text.is_empty() || text.chars().count() > MAX_PROMPT_CHARS {
                return Err(Error::invalid(
                    "prompts",
                    format!("A prompt is a line of 1 to {MAX_PROMPT_CHARS} characters."),
                ));
            }
            check_name("prompts", "prompt", &text)?;
            if self.seconds.is_some_and(|s| p.at_seconds >= s) {
                return Err(Error::invalid(
                    "prompts",
                    format!(
                        "The prompt “{text}” comes at {}, after the timer has ended.",
                        words(p.at_seconds)
                    ),
                ));
            }
            prompts.push(Prompt { text, ..p.clone() });
        }
        prompts.sort_by_key(|p| p.at_seconds);
        Ok(prompts)
    }

    /// A timer from this input without keeping it, for a one-off run. Its
    /// id is empty, so a session of it names no preset.
    pub fn unsaved(&self) -> Result<Preset> {
        Ok(self.checked()?.into_preset(String::new()))
    }

    fn into_preset(self, id: String) -> Preset {
        Preset {
            id,
            name: self.name,
            kind: PresetKind::Timer,
            seconds: self.seconds,
            delay_seconds: self.delay_seconds,
            bells: self.bells,
            sound: self.sound,
            strikes: self.strikes,
            prompts: self.prompts,
            pacer: None,
            breaths: None,
            pace: Pace::Usual,
            opening: None,
            builtin: false,
        }
    }
}

fn prompt(at_seconds: u32, text: &str, sense: Option<&str>) -> Prompt {
    Prompt {
        at_seconds,
        text: text.into(),
        sense: sense.map(str::to_string),
    }
}

/// A guided preset: ends with one bowl strike and no bells on the way.
fn guided(
    id: &str,
    name: &str,
    kind: PresetKind,
    seconds: u32,
    delay_seconds: u32,
    prompts: Vec<Prompt>,
) -> Preset {
    Preset {
        id: id.into(),
        name: name.into(),
        kind,
        seconds: Some(seconds),
        delay_seconds,
        bells: Bells::None,
        sound: BellSound::Bowl,
        strikes: 1,
        prompts,
        pacer: None,
        breaths: None,
        pace: Pace::Usual,
        opening: None,
        builtin: true,
    }
}

/// Said before every breathing pacer: paced breathing, and holding the
/// breath most of all, can make someone new to it light-headed.
pub const LIGHT_HEADED: &str = "If you feel light-headed, stop and breathe normally.";

/// Whole seconds of `breaths` at `pace`, rounded up.
fn breath_seconds(pacer: Pacer, pace: Pace, breaths: u32) -> u32 {
    (u64::from(breaths) * pacer.breath_ms(pace)).div_ceil(1000) as u32
}

/// A breathing pacer of `breaths` at the usual pace, with the caution said first.
fn breathing(id: &str, name: &str, pacer: Pacer, breaths: u32, guide: &str) -> Preset {
    Preset {
        pacer: Some(pacer),
        breaths: Some(breaths),
        opening: Some(LIGHT_HEADED.into()),
        ..guided(
            id,
            name,
            PresetKind::Breathing,
            breath_seconds(pacer, Pace::Usual, breaths),
            5,
            vec![prompt(0, guide, None)],
        )
    }
}

/// The body, feet to face, then all of it: a body scan's prompts.
const BODY: [&str; 10] = [
    "Settle in. Let your breath find its own pace; there is nothing to get right.",
    "Bring your attention to your feet. Notice whatever is there: warmth, pressure, tingling, or nothing at all.",
    "Move up to your lower legs and knees. Just notice.",
    "Your thighs and hips, and where you are resting on the chair, floor or bed.",
    "Your belly, rising and falling a little with each breath.",
    "Your chest and upper back. Notice the breath here too.",
    "Your hands and arms, from the fingertips to the shoulders.",
    "Your shoulders and neck. If they want to soften, let them.",
    "Your face: the jaw, the eyes, the forehead.",
    "Now the whole body at once, breathing. Stay with it until the bell.",
];

/// Before a body scan: attention inside the body can bring up more than
/// expected, so the person keeps every choice.
const BODY_OPENING: &str = "Before you begin: your eyes can stay open, resting on one spot. You can skip any part of the body, or move your attention to your feet or to the room around you instead. Stopping is always fine.";

/// A body scan of `minutes`, its prompts at even steps through the time,
/// with time to read the opening first.
fn body_scan(id: &str, minutes: u32) -> Preset {
    let seconds = minutes * 60;
    let n = BODY.len() as u32;
    let prompts = BODY
        .iter()
        .enumerate()
        .map(|(i, text)| prompt(i as u32 * seconds / n, text, None))
        .collect();
    Preset {
        opening: Some(BODY_OPENING.into()),
        ..guided(
            id,
            &format!("Body scan, {minutes} minutes"),
            PresetKind::BodyScan,
            seconds,
            15,
            prompts,
        )
    }
}

/// The guided practices, in the order they are offered.
pub fn builtins() -> Vec<Preset> {
    vec![
        guided(
            "senses-minute",
            "A minute of the senses",
            PresetKind::Senses,
            60,
            0,
            vec![
                prompt(0, "Settle where you are, and take one slow breath.", None),
                prompt(
                    10,
                    "Find one smell near you: a cup, your sleeve, the air by a window. Breathe it in slowly.",
                    Some("smell"),
                ),
                prompt(
                    25,
                    "Touch something close by. Notice its texture: smooth or rough, warm or cool.",
                    Some("texture"),
                ),
                prompt(
                    40,
                    "Take a small sip or bite if you have one, and let it stay a moment. If not, notice the taste in your mouth now.",
                    Some("taste"),
                ),
                prompt(
                    50,
                    "Listen. Find one sound, near or far, and follow it until it fades.",
                    Some("sound"),
                ),
            ],
        ),
        // When nothing feels pleasant, "just okay" is still something to notice.
        guided(
            "savor",
            "Savor and stop",
            PresetKind::Savor,
            90,
            0,
            vec![
                prompt(
                    0,
                    "Find one small pleasant thing, or something that is just okay, here or from today: warmth, light, a taste, a kind word.",
                    None,
                ),
                prompt(
                    15,
                    "Notice it fully. Where do you notice it? What makes it pleasant, or just okay?",
                    None,
                ),
                prompt(
                    45,
                    "Stay with it a little longer. There is nothing to do but notice.",
                    None,
                ),
                prompt(70, "Now let it go, gently. It was real, and you noticed it.", None),
            ],
        ),
        breathing(
            "breathing-4-6",
            "Breathing without holds",
            Pacer::FourSix,
            12,
            "Breathe in for 4 and out for 6, with no holding in between. Let the out-breath be slow and easy.",
        ),
        breathing(
            "box-breathing",
            "Box breathing",
            Pacer::Box,
            11,
            "Breathe in for 4, hold for 4, out for 4, hold for 4. Follow the square at your own pace.",
        ),
        // Four breaths: its originator advises no more than four at a time
        // for the first month, and says light-headedness can come at first
        // (Andrew Weil, https://drweil.com/health-wellness/body-mind-spirit/respiratory/am-i-breathing-wrong).
        breathing(
            "breathing-478",
            "4-7-8 breathing",
            Pacer::FourSevenEight,
            4,
            "Breathe in through your nose for 4, hold for 7, and breathe out slowly through your mouth for 8. Shorter counts are fine; the rhythm is what helps.",
        ),
        body_scan("body-scan-3", 3),
        body_scan("body-scan-5", 5),
        body_scan("body-scan-10", 10),
        // A scan that stays outside the body, for when attention inside it is too much.
        Preset {
            opening: Some(
                "This one stays outside the body: sounds, light, and what holds you up. Your eyes can stay open, and you can stop whenever you like."
                    .into(),
            ),
            ..guided(
                "around-you",
                "Around you: sounds, light, what holds you",
                PresetKind::Senses,
                120,
                10,
                vec![
                    prompt(0, "Let your eyes rest on one spot in the room.", None),
                    prompt(
                        20,
                        "Listen for the farthest sound you can hear. Then find one that is closer.",
                        None,
                    ),
                    prompt(
                        45,
                        "Notice the light: where it is brightest, where it is soft, where the shadows fall.",
                        None,
                    ),
                    prompt(
                        70,
                        "Notice what is holding you up: the chair, the floor, the bed. It takes your weight; you don't have to.",
                        None,
                    ),
                    prompt(
                        95,
                        "Find one thing near you and look at it: its colour, its edges. Stay with it until the bell.",
                        None,
                    ),
                ],
            )
        },
    ]
}

/// The built-in preset of this id, or of this name in any case.
pub(crate) fn builtin(id_or_name: &str) -> Option<Preset> {
    let key = id_or_name.trim();
    builtins()
        .into_iter()
        .find(|p| p.id == key || p.name.eq_ignore_ascii_case(key))
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    seconds: Option<i64>,
    delay_seconds: i64,
    bells: String,
    sound: String,
    strikes: i64,
    prompts: String,
}

impl Row {
    fn into_preset(self) -> Preset {
        PresetInput {
            name: self.name,
            seconds: small(self.seconds),
            delay_seconds: u32::try_from(self.delay_seconds).unwrap_or(0),
            bells: serde_json::from_str(&self.bells).unwrap_or_default(),
            sound: BellSound::parse(&self.sound),
            strikes: u8::try_from(self.strikes).unwrap_or(1),
            prompts: serde_json::from_str(&self.prompts).unwrap_or_default(),
        }
        .into_preset(self.id)
    }
}

const COLUMNS: &str = "id, name, seconds, delay_seconds, bells, sound, strikes, prompts";

/// The person's own timers, oldest first.
pub(crate) async fn list(conn: &mut SqliteConnection) -> Result<Vec<Preset>> {
    let sql = format!("SELECT {COLUMNS} FROM mindful_presets ORDER BY seq");
    let rows: Vec<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(Row::into_preset).collect())
}

/// The person's timer of this id, or of this name in any case.
pub(crate) async fn find(conn: &mut SqliteConnection, id_or_name: &str) -> Result<Option<Preset>> {
    let key = id_or_name.trim();
    let sql = format!("SELECT {COLUMNS} FROM mindful_presets WHERE id = ? OR name = ? LIMIT 1");
    let row: Option<Row> = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(key)
        .bind(key)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Row::into_preset))
}

/// Keeps a timer the person made, inside the caller's write. Its name may
/// not repeat another timer's, built-in or not, since names find timers.
pub async fn insert(tx: &mut Tx<'_>, input: &PresetInput) -> Result<Preset> {
    let input = input.checked()?;
    let taken = || {
        Error::invalid(
            "name",
            format!(
                "There is already a timer called “{}”; choose another name.",
                input.name
            ),
        )
    };
    if builtin(&input.name).is_some() || find(tx.conn(), &input.name).await?.is_some() {
        return Err(taken());
    }
    let now = Timestamp::now().as_millisecond();
    let sql = format!(
        "INSERT INTO mindful_presets ({COLUMNS}, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING {COLUMNS}"
    );
    let row: Row = sqlx::query_as(AssertSqlSafe(sql.as_str()))
        .bind(Uuid::now_v7().to_string())
        .bind(&input.name)
        .bind(input.seconds.map(i64::from))
        .bind(i64::from(input.delay_seconds))
        .bind(json(&input.bells))
        .bind(input.sound.key())
        .bind(i64::from(input.strikes))
        .bind(json(&input.prompts))
        .bind(now)
        .bind(now)
        .fetch_one(tx.conn())
        .await?;
    Ok(row.into_preset())
}

/// Deletes one of the person's timers; its sessions keep their name.
pub(crate) async fn delete(conn: &mut SqliteConnection, id_or_name: &str) -> Result<()> {
    if let Some(p) = builtin(id_or_name) {
        return Err(Error::invalid(
            "id",
            format!(
                "“{}” is part of Glimmer and stays; the timers you made can be deleted.",
                p.name
            ),
        ));
    }
    let Some(p) = find(&mut *conn, id_or_name).await? else {
        return Err(super::no_preset(id_or_name));
    };
    sqlx::query("DELETE FROM mindful_presets WHERE id = ?")
        .bind(&p.id)
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(seconds: Option<u32>, bells: Bells) -> PresetInput {
        PresetInput {
            name: " Morning sit ".into(),
            seconds,
            delay_seconds: 10,
            bells,
            sound: BellSound::Chime,
            strikes: 2,
            prompts: Vec::new(),
        }
    }

    fn refusal(i: &PresetInput) -> (&'static str, String) {
        match i.checked() {
            Err(Error::Invalid { field, message }) => (field, message),
            other => panic!("{i:?} was not refused: {other:?}"),
        }
    }

    #[test]
    fn builtins_have_fixed_ids_and_their_prompts_in_order() {
        let all = builtins();
        let ids: Vec<&str> = all.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "senses-minute",
                "savor",
                "breathing-4-6",
                "box-breathing",
                "breathing-478",
                "body-scan-3",
                "body-scan-5",
                "body-scan-10",
                "around-you"
            ]
        );
        for p in &all {
            assert!(p.builtin && p.sound == BellSound::Bowl && p.strikes == 1);
            assert_eq!(p.bells, Bells::None, "{}", p.name);
            let at: Vec<u32> = p.prompts.iter().map(|x| x.at_seconds).collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{}: {at:?}", p.name);
            assert!(at.iter().all(|a| *a < p.seconds.unwrap()));
        }
        let senses = &all[0];
        assert_eq!(senses.seconds, Some(60));
        let senses_at: Vec<(u32, Option<&str>)> = senses
            .prompts
            .iter()
            .map(|p| (p.at_seconds, p.sense.as_deref()))
            .collect();
        assert_eq!(
            senses_at,
            [
                (0, None),
                (10, Some("smell")),
                (25, Some("texture")),
                (40, Some("taste")),
                (50, Some("sound"))
            ]
        );
        let scan = builtin("BODY SCAN, 5 MINUTES").unwrap();
        let at: Vec<u32> = scan.prompts.iter().map(|p| p.at_seconds).collect();
        assert_eq!(at, (0..10).map(|i| i * 30).collect::<Vec<_>>());
        assert_eq!(builtin("box-breathing").unwrap().pacer, Some(Pacer::Box));
        // A pacer ends as its last breath does.
        for p in all.iter().filter(|p| p.pacer.is_some()) {
            let (pacer, n) = (p.pacer.unwrap(), u64::from(p.breaths.unwrap()));
            assert_eq!(p.length_ms(), Some(n * pacer.breath_ms(Pace::Usual)));
            assert_eq!(u64::from(p.seconds.unwrap()) * 1000, p.length_ms().unwrap());
        }
    }

    #[test]
    fn pacers_count_down_each_phase() {
        let usual = |p: Pacer, ms| p.phase_at(Pace::Usual, ms);
        assert_eq!(usual(Pacer::Box, 0), ("Breathe in", 4));
        assert_eq!(usual(Pacer::Box, 3_999), ("Breathe in", 1));
        assert_eq!(usual(Pacer::Box, 4_000), ("Hold", 4));
        assert_eq!(usual(Pacer::Box, 12_500), ("Hold", 4));
        assert_eq!(usual(Pacer::Box, 16_000), ("Breathe in", 4));
        assert_eq!(usual(Pacer::FourSevenEight, 11_000), ("Breathe out", 8));
        assert_eq!(usual(Pacer::FourSevenEight, 19_000), ("Breathe in", 4));
        assert_eq!(usual(Pacer::FourSix, 4_000), ("Breathe out", 6));
        assert_eq!(usual(Pacer::FourSix, 9_999), ("Breathe out", 1));
        assert_eq!(usual(Pacer::FourSix, 10_000), ("Breathe in", 4));
    }

    #[test]
    fn in_four_out_six_has_no_holds() {
        let parts: Vec<(Breath, u32, u32)> = Pacer::FourSix
            .phases(Pace::Usual)
            .into_iter()
            .map(|p| (p.breath, p.counts, p.ms))
            .collect();
        assert_eq!(parts, [(Breath::In, 4, 4_000), (Breath::Out, 6, 6_000)]);
        let p = builtin("breathing-4-6").unwrap();
        assert_eq!(p.pacer, Some(Pacer::FourSix));
        assert!(!p.prompts[0].text.to_lowercase().contains("hold for"));
    }

    #[test]
    fn the_pace_stretches_or_shortens_every_count_and_the_length_follows() {
        for (pace, count) in [
            (Pace::Slower, 1_250),
            (Pace::Usual, 1_000),
            (Pace::Faster, 750),
        ] {
            let ms: Vec<u32> = Pacer::FourSevenEight
                .phases(pace)
                .iter()
                .map(|p| p.ms)
                .collect();
            assert_eq!(ms, [4 * count, 7 * count, 8 * count], "{pace:?}");
            let counts: Vec<u32> = Pacer::FourSevenEight
                .phases(pace)
                .iter()
                .map(|p| p.counts)
                .collect();
            assert_eq!(counts, [4, 7, 8], "the counts stay at every pace");
        }
        // Slower: a count is 1.25 s, so the hold of 7 begins at 5 s and counts down from 7.
        assert_eq!(
            Pacer::FourSevenEight.phase_at(Pace::Slower, 5_000),
            ("Hold", 7)
        );
        assert_eq!(
            Pacer::FourSevenEight.phase_at(Pace::Faster, 3_000),
            ("Hold", 7)
        );
        assert_eq!(
            Pacer::Box.phase_at(Pace::Faster, 9_000),
            ("Hold", 4),
            "the fourth part of a 12 s box begins at 9 s"
        );

        let four = builtin("breathing-478").unwrap();
        assert_eq!((four.breaths, four.seconds), (Some(4), Some(76)));
        let slower = four.clone().at_pace(Pace::Slower);
        assert_eq!((slower.pace, slower.seconds), (Pace::Slower, Some(95)));
        assert_eq!(slower.length_ms(), Some(95_000));
        assert_eq!(slower.length(), "4 breaths, 1 minute 35 seconds");
        assert_eq!(four.clone().at_pace(Pace::Faster).seconds, Some(57));
        // A practice without a pacer keeps its length and pace.
        let scan = builtin("body-scan-3").unwrap();
        assert_eq!(scan.clone().at_pace(Pace::Slower), scan);
    }

    #[test]
    fn input_is_trimmed_and_at_bells_sorted() {
        let ok = input(
            Some(1800),
            Bells::At {
                seconds: vec![1800, 0, 1500, 0],
            },
        )
        .checked()
        .unwrap();
        assert_eq!(ok.name, "Morning sit");
        assert_eq!(
            ok.bells,
            Bells::At {
                seconds: vec![0, 1500, 1800]
            }
        );
        // Open-ended: any offsets, any interval.
        assert!(
            input(None, Bells::Every { seconds: 7200 })
                .checked()
                .is_ok()
        );
        let one_off = input(Some(60), Bells::None).unsaved().unwrap();
        assert_eq!((one_off.id.as_str(), one_off.kind), ("", PresetKind::Timer));
    }

    #[test]
    fn bad_input_gets_a_plain_sentence_naming_the_field() {
        let at = |s: Vec<u32>| Bells::At { seconds: s };
        let random = |count, min_seconds, max_seconds| Bells::Random {
            count,
            min_seconds,
            max_seconds,
        };
        let cases = [
            (
                PresetInput {
                    name: "  ".into(),
                    ..input(Some(60), Bells::None)
                },
                "name",
                "needs a name",
            ),
            (
                input(Some(0), Bells::None),
                "seconds",
                "1 second to 24 hours",
            ),
            (
                input(Some(MAX_SECONDS + 1), Bells::None),
                "seconds",
                "outside that",
            ),
            (
                PresetInput {
                    delay_seconds: 121,
                    ..input(Some(60), Bells::None)
                },
                "delay_seconds",
                "0 to 120 seconds",
            ),
            (
                PresetInput {
                    strikes: 0,
                    ..input(Some(60), Bells::None)
                },
                "strikes",
                "1, 2 or 3",
            ),
            (
                PresetInput {
                    strikes: 4,
                    ..input(Some(60), Bells::None)
                },
                "strikes",
                "1, 2 or 3",
            ),
            (
                input(Some(60), Bells::Every { seconds: 0 }),
                "bells",
                "at least one second",
            ),
            (
                input(Some(600), Bells::Every { seconds: 660 }),
                "bells",
                "longer than the whole timer (10 minutes)",
            ),
            (input(Some(60), at(vec![])), "bells", "at least one time"),
            (
                input(Some(600), at(vec![0, 601])),
                "bells",
                "after the timer ends",
            ),
            (
                input(Some(600), random(0, 10, 20)),
                "bells",
                "at least one bell",
            ),
            (
                input(Some(600), random(2, 30, 30)),
                "bells",
                "earliest time comes before the latest",
            ),
            (
                input(Some(600), random(2, 30, 700)),
                "bells",
                "after the timer ends",
            ),
            (
                input(Some(600), random(101, 0, 600)),
                "bells",
                "room for 100 bells",
            ),
        ];
        for (i, field, words) in cases {
            let (f, m) = refusal(&i);
            assert_eq!(f, field, "{m}");
            assert!(m.contains(words), "{m:?} lacks {words:?}");
            assert!(m.ends_with('.'), "{m}");
        }
    }
}
