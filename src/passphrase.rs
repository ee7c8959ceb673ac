//! How hard a new passphrase would be to guess, told gently while it is typed.
//! Only a hint, never a rule: any passphrase that is not empty is accepted
//! (the vault refuses only an empty one). The estimate is zxcvbn's, which
//! knows common passwords, names, years, dates and keyboard patterns, so
//! `Summer2024!` is not mistaken for strong because it mixes character kinds.

use serde::Serialize;
use zxcvbn::feedback::Warning;

/// Words anyone would try first against a Glimmer vault; front ends pass
/// these (and anything else they know about the person) as `user_inputs`.
pub const APP_WORDS: &[&str] = &["glimmer", "journal", "diary", "passphrase", "password"];

/// zxcvbn's scale: 0 is guessed at once, 4 takes more than 10¹⁰ guesses.
pub const STRONG: u8 = 4;
/// zxcvbn calls anything below 3 too weak; below this the CLI speaks up.
pub const GOOD: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Strength {
    /// 0 (easy to guess) to 4 (strong).
    pub score: u8,
    /// A word or two, e.g. "Good"; empty while nothing is typed.
    pub label: String,
    /// One kind sentence on what would help; never empty.
    pub hint: String,
}

impl Strength {
    /// Worth mentioning unasked: zxcvbn's own line between weak and fine.
    pub fn is_low(&self) -> bool {
        self.score < GOOD
    }
}

pub fn strength(passphrase: &str, user_inputs: &[&str]) -> Strength {
    if passphrase.is_empty() {
        return Strength {
            score: 0,
            label: String::new(),
            hint: "A few unrelated words make a passphrase that is easy to remember and hard to guess."
                .into(),
        };
    }
    let estimate = zxcvbn::zxcvbn(passphrase, user_inputs);
    let score = u8::from(estimate.score());
    let (label, hint) = match score {
        STRONG.. => ("Strong", "This will keep your journal safe."),
        GOOD => ("Good", "Good. One more word would make it even stronger."),
        weak => (
            if weak == 2 {
                "Could be stronger"
            } else {
                "Easy to guess"
            },
            why_weak(estimate.feedback().and_then(|f| f.warning())),
        ),
    };
    Strength {
        score,
        label: label.into(),
        hint: hint.into(),
    }
}

/// zxcvbn's warning, said the way Glimmer speaks: what is easy to guess and
/// what would help, without blame.
fn why_weak(warning: Option<Warning>) -> &'static str {
    use Warning::*;
    match warning {
        Some(
            ThisIsATop10Password
            | ThisIsATop100Password
            | ThisIsACommonPassword
            | ThisIsSimilarToACommonlyUsedPassword,
        ) => "This is close to a password many people use. A few unrelated words would be safer.",
        Some(RecentYearsAreEasyToGuess | DatesAreOftenEasyToGuess) => {
            "Years and dates are among the first things tried. A few unrelated words would be safer."
        }
        Some(
            AWordByItselfIsEasyToGuess
            | NamesAndSurnamesByThemselvesAreEasyToGuess
            | CommonNamesAndSurnamesAreEasyToGuess,
        ) => "One word or name on its own is quick to guess. Try adding two or three more.",
        Some(
            StraightRowsOfKeysAreEasyToGuess
            | ShortKeyboardPatternsAreEasyToGuess
            | RepeatsLikeAaaAreEasyToGuess
            | RepeatsLikeAbcAbcAreOnlySlightlyHarderToGuess
            | SequencesLikeAbcAreEasyToGuess,
        ) => {
            "Rows of keys, repeats and runs like 1234 are quick to guess. A few unrelated words would be safer."
        }
        None => "Longer is better: try adding a word or two.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(p: &str) -> Strength {
        strength(p, APP_WORDS)
    }

    #[test]
    fn a_season_or_pet_name_with_a_year_is_not_strong() {
        // Both mix upper case, digits and a symbol: a character-class count called them strong.
        for p in ["Summer2024!", "Dragon2025#"] {
            let s = rate(p);
            assert!(s.is_low(), "{p}: {s:?}");
            assert_ne!(s.label, "Strong", "{p}");
            assert!(s.hint.contains("many people use"), "{p}: {s:?}");
        }
    }

    #[test]
    fn five_random_words_are_strong() {
        for p in [
            "maple orbit tundra quill saffron",
            "velvet cactus harbor nimble quartz",
            "lantern bishop gravel juniper otter",
        ] {
            let s = rate(p);
            assert_eq!((s.score, s.label.as_str()), (STRONG, "Strong"), "{p}");
        }
    }

    #[test]
    fn the_apps_own_words_count_as_easy_to_guess() {
        let p = "glimmerjournal";
        assert!(rate(p).score < strength(p, &[]).score, "{:?}", rate(p));
    }

    #[test]
    fn every_rating_has_a_kind_hint() {
        for p in [
            "",
            "a",
            "password",
            "qwertyuiop",
            "1999",
            "kettle",
            "Summer2024!",
        ] {
            let s = rate(p);
            assert!(s.hint.len() > 20, "{p}: {s:?}");
            assert!(s.score <= STRONG);
            assert_eq!(s.label.is_empty(), p.is_empty(), "{p}: {s:?}");
        }
        assert_eq!(rate("password").label, "Easy to guess");
    }
}
