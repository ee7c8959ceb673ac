//! The safety plan as a card to carry: one page, at wallet size (panels the
//! size of a bank card, to cut out and fold) or on A4/Letter. The markup is
//! made here once; the app prints it through the webview's print dialog and
//! `glimmer safety print` writes it as a standalone HTML file.

use serde::{Deserialize, Serialize};

use super::{CREDIT, SECTIONS, SafetyPlan};
use crate::crisis::{CrisisLine, NO_LINE};
use crate::markdown::escape_html;

/// The card's styles, shared with the app's preview.
pub const CARD_CSS: &str = include_str!("card.css");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum CardSize {
    /// Panels of 85.6 × 54 mm, to cut out and fold.
    Wallet,
    /// One A4 or Letter page.
    Page,
}

/// Which steps share a wallet panel, so related ones stay together.
const PANELS: [&[&str]; 4] = [
    &["warning_signs", "coping_strategies"],
    &["distractions", "people_to_ask"],
    &["professionals", "safer_environment"],
    &["reasons_for_living"],
];

fn line_html(line: Option<&CrisisLine>) -> String {
    let Some(line) = line else {
        return format!(
            "<div class=\"line\"><p><strong>{}</strong></p></div>",
            escape_html(NO_LINE)
        );
    };
    let ways = |call: &str, text: &str| {
        let mut ways = Vec::new();
        if !call.is_empty() {
            ways.push(format!("call <strong>{}</strong>", escape_html(call)));
        }
        if !text.is_empty() {
            ways.push(format!("text <strong>{}</strong>", escape_html(text)));
        }
        ways.join(" or ")
    };
    let mut html = format!(
        "<div class=\"line\"><p>{}: {}</p>",
        escape_html(&line.name),
        ways(&line.call, &line.text)
    );
    for more in &line.more {
        html.push_str(&format!(
            "<p>{}: {}, {}</p>",
            escape_html(&more.about),
            escape_html(&more.name),
            ways(&more.call, &more.text)
        ));
    }
    if !line.emergency.is_empty() {
        html.push_str(&format!(
            "<p>Emergency: <strong>{}</strong></p>",
            escape_html(&line.emergency)
        ));
    }
    html.push_str("</div>");
    html
}

/// One step with its lines; nothing for a step left empty.
fn section_html(plan: &SafetyPlan, key: &str) -> String {
    let lines: Vec<_> = plan
        .section(key)
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let Some(section) = SECTIONS.iter().find(|s| s.key == key) else {
        return String::new();
    };
    if lines.is_empty() {
        return String::new();
    }
    let items: String = lines
        .iter()
        .map(|l| format!("<li>{}</li>", escape_html(l)))
        .collect();
    format!("<h2>{}</h2><ul>{items}</ul>", escape_html(section.title))
}

/// The card's markup (no styles): safe to place in a page, every word escaped.
pub fn card_html(plan: &SafetyPlan, line: Option<&CrisisLine>, size: CardSize) -> String {
    let head = format!("<h1>My safety plan</h1>{}", line_html(line));
    let credit = format!("<p class=\"credit\">{}</p>", escape_html(CREDIT));
    match size {
        CardSize::Page => {
            let body: String = SECTIONS.iter().map(|s| section_html(plan, s.key)).collect();
            format!("<div class=\"safety-card page\">{head}{body}{credit}</div>")
        }
        CardSize::Wallet => {
            let panels: String = PANELS
                .iter()
                .map(|keys| {
                    keys.iter()
                        .map(|k| section_html(plan, k))
                        .collect::<String>()
                })
                .filter(|p| !p.is_empty())
                .map(|p| format!("<div class=\"panel\">{p}</div>"))
                .collect();
            format!(
                "<div class=\"safety-card card\"><div class=\"panel\">{head}{credit}</div>{panels}</div>"
            )
        }
    }
}

/// A standalone page to open in a browser and print.
pub fn card_document(plan: &SafetyPlan, line: Option<&CrisisLine>, size: CardSize) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>My safety plan</title><style>{CARD_CSS}</style></head><body>{}</body></html>\n",
        card_html(plan, line, size)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> SafetyPlan {
        SafetyPlan {
            warning_signs: vec!["Not sleeping".into()],
            coping_strategies: vec!["Walk to the <river>".into(), "  ".into()],
            people_to_ask: vec!["Sam 555 0101".into()],
            reasons_for_living: vec!["My cat & the garden".into()],
            ..SafetyPlan::default()
        }
    }

    fn samaritans() -> CrisisLine {
        CrisisLine {
            name: "Samaritans".into(),
            call: "116 123".into(),
            emergency: "999".into(),
            ..CrisisLine::default()
        }
    }

    #[test]
    fn the_card_holds_the_line_the_steps_written_and_escapes_every_word() {
        for size in [CardSize::Wallet, CardSize::Page] {
            let html = card_html(&plan(), Some(&samaritans()), size);
            assert!(
                html.contains("Samaritans: call <strong>116 123</strong>"),
                "{html}"
            );
            assert!(html.contains("Emergency: <strong>999</strong>"));
            assert!(html.contains("<li>Walk to the &lt;river&gt;</li>"));
            assert!(html.contains("<li>My cat &amp; the garden</li>"));
            assert!(html.contains("Step 4: People I can ask for help"));
            // Empty steps and blank lines are left out rather than printed bare.
            assert!(!html.contains("Step 5"), "{html}");
            assert!(!html.contains("<li></li>"));
            assert!(html.contains("Stanley"));
        }
        let wallet = card_html(&plan(), Some(&samaritans()), CardSize::Wallet);
        assert_eq!(
            wallet.matches("class=\"panel\"").count(),
            4,
            "line + 3 panels with words"
        );
        assert!(card_html(&plan(), None, CardSize::Page).contains(NO_LINE));
        // A country's further lines go on the card too.
        let be = crate::crisis::builtin("BE").unwrap();
        let html = card_html(&plan(), Some(&be), CardSize::Wallet);
        assert!(html.contains("call <strong>0800 32 123</strong>"), "{html}");
    }

    #[test]
    fn the_document_stands_alone_with_its_styles() {
        let doc = card_document(&plan(), None, CardSize::Wallet);
        assert!(doc.starts_with("<!doctype html>"));
        assert!(doc.contains("85.6mm") && doc.contains("<meta charset=\"utf-8\">"));
        assert!(!doc.contains("<script"), "nothing runs in it");
    }
}
