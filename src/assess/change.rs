//! What a PHQ-9 result means beside the ones before it: the total next to the
//! last one and its date, a note fitted to the band, and prompts to talk with
//! a doctor or therapist when things look heavier. Every sentence is
//! Glimmer's own and none is a diagnosis: a number is put beside another
//! number, never turned into a verdict.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde::Serialize;
use uuid::Uuid;

use super::{Assessment, Band};

/// A rise of this many points since the last self-check is worth a word.
pub const RISE_POINTS: u8 = 5;
/// Totals from which a talk with a clinician soon is suggested.
pub const HIGH_TOTALS: [u8; 2] = [15, 20];
/// The PHQ-9 asks about the last two weeks.
pub const PERIOD_DAYS: i64 = 14;

/// Why a prompt is shown; the words are in [`Phq9Prompt::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum Phq9PromptKind {
    /// The total rose by [`RISE_POINTS`] or more since the last self-check.
    Rise,
    /// The total is at or above one of [`HIGH_TOTALS`].
    High,
    /// Item 9 is above 0 again, after a self-check where it was 0.
    ThoughtsAgain,
    /// Item 9 was above 0 on this self-check and the one before.
    ThoughtsTwice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phq9Prompt {
    pub kind: Phq9PromptKind,
    pub text: &'static str,
}

/// Said after every prompt: what can be done now, without pressure.
pub const PROMPT_CLOSING: &str = "If it helps, bring your self-check results with you when you go.";

impl Phq9PromptKind {
    fn text(self) -> &'static str {
        match self {
            Phq9PromptKind::Rise => {
                "Things seem heavier than at your last self-check. It could help to talk with a doctor or therapist soon, and tell them what has changed."
            }
            Phq9PromptKind::High => {
                "Your answers describe a lot to carry right now. It could help to talk with a doctor or therapist soon; you don't have to wait until it gets worse."
            }
            Phq9PromptKind::ThoughtsAgain => {
                "Thoughts of being better off dead or of hurting yourself have come back. You don't have to hold them alone: please talk with a doctor or therapist soon."
            }
            Phq9PromptKind::ThoughtsTwice => {
                "Thoughts of being better off dead or of hurting yourself were there at your last self-check too. Please talk with a doctor or therapist soon about them; you deserve support with this."
            }
        }
    }
}

/// The self-check before this one, as it is compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phq9Previous {
    pub id: Uuid,
    pub created_at: Timestamp,
    pub total: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Phq9Change {
    pub previous: Option<Phq9Previous>,
    /// "3 points higher than on 12 November"; `None` for a first self-check.
    pub compared: Option<String>,
    /// A few plain words fitted to the band, never a diagnosis.
    pub band_note: &'static str,
    /// Empty when nothing calls for a word.
    pub prompts: Vec<Phq9Prompt>,
    /// The last self-check was less than two weeks before this one.
    pub within_period: bool,
}

/// A few words for the band: what may help, in plain language.
pub fn band_note(band: Band) -> &'static str {
    match band {
        Band::Minimal => {
            "Few of these problems are weighing on you just now. Keep doing what helps; you can take this again whenever you like."
        }
        Band::Mild => {
            "Some of these problems are with you. Small steps, like a check-in or a planned activity, can help, and if they stay, a doctor can help too."
        }
        Band::Moderate => {
            "These problems are weighing on you. Talking them through with a doctor or therapist could help."
        }
        Band::ModeratelySevere => {
            "These problems are weighing heavily on you. Please think about talking with a doctor or therapist soon."
        }
        Band::Severe => {
            "These problems are weighing very heavily on you right now. Please talk with a doctor or therapist soon, and use “Need help now” if you feel unsafe."
        }
    }
}

/// A day as people say it: "12 November", with the year when it is not this one.
fn day_words(t: Timestamp, now: Timestamp, zone: &TimeZone) -> String {
    let day = t.to_zoned(zone.clone());
    if day.year() == now.to_zoned(zone.clone()).year() {
        day.strftime("%-d %B").to_string()
    } else {
        day.strftime("%-d %B %Y").to_string()
    }
}

/// "3 points higher than on 12 November", "the same as on …": side by side, no verdict.
fn compared(total: u8, previous: &Phq9Previous, now: Timestamp, zone: &TimeZone) -> String {
    let on = day_words(previous.created_at, now, zone);
    let points = |n: u8| {
        if n == 1 {
            "1 point".to_string()
        } else {
            format!("{n} points")
        }
    };
    match total.cmp(&previous.total) {
        std::cmp::Ordering::Greater => {
            format!("{} higher than on {on}", points(total - previous.total))
        }
        std::cmp::Ordering::Less => {
            format!("{} lower than on {on}", points(previous.total - total))
        }
        std::cmp::Ordering::Equal => format!("the same as on {on}"),
    }
}

/// How `current` stands beside `before` (every self-check taken before it,
/// oldest first), with dates in `zone`.
pub fn change(current: &Assessment, before: &[Assessment], zone: &TimeZone) -> Phq9Change {
    let total = current.score.total;
    let thoughts = |a: &Assessment| a.answers.get(8).is_some_and(|v| *v > 0);
    let last = before.last();
    let previous = last.map(|p| Phq9Previous {
        id: p.id,
        created_at: p.created_at,
        total: p.score.total,
    });
    let mut kinds = Vec::new();
    if previous
        .as_ref()
        .is_some_and(|p| total >= p.total.saturating_add(RISE_POINTS))
    {
        kinds.push(Phq9PromptKind::Rise);
    }
    if total >= HIGH_TOTALS[0] {
        kinds.push(Phq9PromptKind::High);
    }
    if thoughts(current) {
        if last.is_some_and(thoughts) {
            kinds.push(Phq9PromptKind::ThoughtsTwice);
        } else if before.iter().any(thoughts) {
            kinds.push(Phq9PromptKind::ThoughtsAgain);
        }
    }
    Phq9Change {
        compared: previous
            .as_ref()
            .map(|p| compared(total, p, current.created_at, zone)),
        within_period: previous.as_ref().is_some_and(|p| {
            current.created_at.duration_since(p.created_at).as_secs() < PERIOD_DAYS * 86_400
        }),
        previous,
        band_note: band_note(current.score.band),
        prompts: kinds
            .into_iter()
            .map(|kind| Phq9Prompt {
                kind,
                text: kind.text(),
            })
            .collect(),
    }
}

/// Said before a self-check taken again within two weeks: allowed, with the reason it overlaps.
pub fn retake_note(last: Timestamp, now: Timestamp, zone: &TimeZone) -> Option<String> {
    (now.duration_since(last).as_secs() < PERIOD_DAYS * 86_400).then(|| {
        format!(
            "Your last self-check was on {}. The questions ask about the last two weeks, so this one will overlap with it. You're welcome to take it again.",
            day_words(last, now, zone)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::score_phq9;

    const DAY: i64 = 86_400;

    /// A self-check of `total` with item 9 at `item9`, taken `day` days after 1 Nov 2026 noon UTC.
    fn taken(day: i64, total: u8, item9: u8) -> Assessment {
        let mut answers = vec![0u8; 9];
        answers[8] = item9;
        let mut left = total - item9;
        for v in answers.iter_mut().take(8) {
            *v = left.min(3);
            left -= *v;
        }
        Assessment {
            id: Uuid::now_v7(),
            created_at: Timestamp::from_second(1_793_534_400 + day * DAY).unwrap(),
            score: score_phq9(&answers).unwrap(),
            answers,
            difficulty: None,
        }
    }

    fn kinds(c: &Phq9Change) -> Vec<Phq9PromptKind> {
        c.prompts.iter().map(|p| p.kind).collect()
    }

    #[test]
    fn a_first_self_check_is_compared_with_nothing() {
        let c = change(&taken(0, 6, 0), &[], &TimeZone::UTC);
        assert_eq!(
            (c.previous, c.compared, c.within_period),
            (None, None, false)
        );
        assert!(c.prompts.is_empty());
        assert_eq!(c.band_note, band_note(Band::Mild));
    }

    #[test]
    fn the_total_is_put_beside_the_last_one_and_its_date() {
        let before = [taken(0, 9, 0), taken(11, 4, 0)];
        let zone = TimeZone::UTC;
        let up = change(&taken(25, 7, 0), &before, &zone);
        assert_eq!(
            up.compared.as_deref(),
            Some("3 points higher than on 12 November")
        );
        assert_eq!(up.previous.as_ref().map(|p| p.total), Some(4));
        assert!(!up.within_period, "14 days apart");
        let down = change(&taken(20, 3, 0), &before, &zone);
        assert_eq!(
            down.compared.as_deref(),
            Some("1 point lower than on 12 November")
        );
        assert!(down.within_period, "9 days apart");
        let same = change(&taken(90, 4, 0), &before, &zone);
        assert_eq!(
            same.compared.as_deref(),
            Some("the same as on 12 November 2026"),
            "another year names it"
        );
        assert!(kinds(&up).is_empty() && kinds(&down).is_empty());
    }

    #[test]
    fn a_rise_of_five_or_more_prompts_and_four_does_not() {
        let before = [taken(0, 3, 0)];
        assert_eq!(
            kinds(&change(&taken(14, 7, 0), &before, &TimeZone::UTC)),
            []
        );
        assert_eq!(
            kinds(&change(&taken(14, 8, 0), &before, &TimeZone::UTC)),
            [Phq9PromptKind::Rise]
        );
    }

    #[test]
    fn fifteen_and_above_prompt_whatever_came_before() {
        assert_eq!(kinds(&change(&taken(0, 14, 0), &[], &TimeZone::UTC)), []);
        assert_eq!(
            kinds(&change(&taken(0, 15, 0), &[], &TimeZone::UTC)),
            [Phq9PromptKind::High]
        );
        let before = [taken(0, 21, 0)];
        assert_eq!(
            kinds(&change(&taken(14, 20, 0), &before, &TimeZone::UTC)),
            [Phq9PromptKind::High]
        );
        let from_low = [taken(0, 10, 0)];
        assert_eq!(
            kinds(&change(&taken(14, 20, 0), &from_low, &TimeZone::UTC)),
            [Phq9PromptKind::Rise, Phq9PromptKind::High]
        );
    }

    #[test]
    fn thoughts_of_self_harm_again_or_twice_in_a_row_prompt() {
        let z = TimeZone::UTC;
        // The first time item 9 is above 0 the safety screen speaks; no prompt here.
        assert_eq!(kinds(&change(&taken(0, 2, 1), &[], &z)), []);
        let twice = [taken(0, 3, 0), taken(14, 2, 1)];
        assert_eq!(
            kinds(&change(&taken(28, 2, 1), &twice, &z)),
            [Phq9PromptKind::ThoughtsTwice]
        );
        let again = [taken(0, 2, 1), taken(14, 0, 0)];
        assert_eq!(
            kinds(&change(&taken(28, 2, 1), &again, &z)),
            [Phq9PromptKind::ThoughtsAgain]
        );
        // Gone again: nothing.
        assert_eq!(kinds(&change(&taken(42, 1, 0), &twice, &z)), []);
    }

    #[test]
    fn every_band_has_its_own_note_and_none_diagnoses() {
        let notes: Vec<_> = Band::ALL.iter().map(|b| band_note(*b)).collect();
        for (i, n) in notes.iter().enumerate() {
            assert!(!notes[..i].contains(n), "{n}");
            for word in ["diagnos", "you have depression", "disorder"] {
                assert!(!n.to_lowercase().contains(word), "{n}");
            }
        }
        for k in [
            Phq9PromptKind::Rise,
            Phq9PromptKind::High,
            Phq9PromptKind::ThoughtsAgain,
            Phq9PromptKind::ThoughtsTwice,
        ] {
            assert!(k.text().contains("doctor or therapist"), "{k:?}");
        }
    }

    #[test]
    fn a_retake_within_two_weeks_gets_a_quiet_note() {
        let last = taken(0, 5, 0).created_at;
        let z = TimeZone::UTC;
        let soon = Timestamp::from_second(last.as_second() + 13 * DAY).unwrap();
        let later = Timestamp::from_second(last.as_second() + 14 * DAY).unwrap();
        let note = retake_note(last, soon, &z).unwrap();
        assert!(
            note.starts_with("Your last self-check was on 1 November."),
            "{note}"
        );
        assert!(note.contains("last two weeks"));
        assert_eq!(retake_note(last, later, &z), None);
    }
}
