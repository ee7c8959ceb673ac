//! Markdown → sanitised HTML, done in Rust so the webview never renders
//! anything a journal entry could smuggle in (scripts, handlers, `javascript:`).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use uuid::Uuid;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// How an entry's text points at one of its pictures: `![description](picture:<id>)`.
/// Not `glimmer:picture/…`: the reference is indexed for search with the rest
/// of the text, and "glimmer" is a word people search their journal for.
const PICTURE_SCHEME: &str = "picture:";

/// The address an entry's text gives a picture.
pub fn picture_url(id: Uuid) -> String {
    format!("{PICTURE_SCHEME}{id}")
}

/// The markdown that shows a picture; the description is its alt text, kept
/// on one line and without brackets so it cannot end the reference early.
pub fn picture_markdown(id: Uuid, description: &str) -> String {
    let alt: String = description
        .chars()
        .map(|c| match c {
            '[' | ']' | '\\' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
    let alt = if alt.is_empty() { "Picture" } else { &alt };
    format!("![{alt}]({})", picture_url(id))
}

/// Renders markdown to HTML that is safe to insert into the page. References
/// to pictures lose their address (nothing serves them here) and keep their alt text.
pub fn to_safe_html(markdown: &str) -> String {
    render(markdown, None)
}

/// [`to_safe_html`] for a page that can load pictures: each reference points
/// at `served_at` followed by the picture's id (the shell's own scheme).
pub fn to_safe_html_serving_pictures(markdown: &str, served_at: &str) -> String {
    render(markdown, Some(served_at))
}

fn render(markdown: &str, served_at: Option<&str>) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let events = Parser::new_ext(markdown, options()).map(|event| match (event, served_at) {
        (
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }),
            Some(base),
        ) => {
            let dest_url = match picture_id(&dest_url) {
                Some(picture) => CowStr::from(format!("{base}{picture}")),
                None => dest_url,
            };
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        (event, _) => event,
    });
    html::push_html(&mut raw, events);
    let mut schemes: std::collections::HashSet<&str> =
        ["http", "https", "mailto"].into_iter().collect();
    // The serving scheme is allowed only when pictures are served (and the
    // page's CSP admits it for images alone).
    if let Some((scheme, _)) = served_at.and_then(|b| b.split_once(':')) {
        schemes.insert(scheme);
    }
    ammonia::Builder::default()
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// The picture a reference points at, if it is one of Glimmer's.
fn picture_id(url: &str) -> Option<Uuid> {
    url.strip_prefix(PICTURE_SCHEME)
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// Whether two texts read the same once rendered: the same blocks, marks,
/// links and words. An importer tidying a source's markdown (Day One
/// escapes most punctuation) keeps a change only when this says it changes
/// nothing a reader sees.
pub fn reads_the_same(a: &str, b: &str) -> bool {
    /// The events, with the runs of text an escape splits joined again.
    fn events(markdown: &str) -> Vec<Event<'_>> {
        let mut out = Vec::new();
        let mut words = String::new();
        for event in Parser::new_ext(markdown, options()) {
            match event {
                Event::Text(t) => words.push_str(&t),
                other => {
                    if !words.is_empty() {
                        out.push(Event::Text(std::mem::take(&mut words).into()));
                    }
                    out.push(other);
                }
            }
        }
        if !words.is_empty() {
            out.push(Event::Text(words.into()));
        }
        out
    }
    events(a) == events(b)
}

/// The text a reader sees, without markup, cut to about `max_chars` characters
/// at a word boundary. Used for list excerpts.
pub fn plain_excerpt(markdown: &str, max_chars: usize) -> String {
    // Parsing is linear in the input (pulldown-cmark reads every block before
    // the first event), and a search page makes 21 excerpts: the paragraphs
    // that hold the first `max_chars` characters give the same text, unless a
    // link's reference is defined further down.
    let head = leading_paragraphs(markdown, 3 * max_chars);
    if head.len() < markdown.len()
        && !markdown[head.len()..].contains("]:")
        && let Some(excerpt) = excerpt_of(head, max_chars, true)
    {
        return excerpt;
    }
    excerpt_of(markdown, max_chars, false).unwrap_or_default()
}

/// The paragraphs of `markdown` up to the first blank line at or after `bytes`.
fn leading_paragraphs(markdown: &str, bytes: usize) -> &str {
    // '\n' is ASCII, so the cut is a char boundary.
    let blank = markdown
        .as_bytes()
        .get(bytes..)
        .and_then(|rest| rest.windows(2).position(|w| w == b"\n\n"));
    match blank {
        Some(i) => &markdown[..bytes + i],
        None => markdown,
    }
}

/// The excerpt, or `None` if `only_if_full` and the text ran out before
/// `max_chars` (so a longer input could give more).
fn excerpt_of(markdown: &str, max_chars: usize, only_if_full: bool) -> Option<String> {
    let mut out = String::new();
    let mut chars = 0;
    for event in Parser::new_ext(markdown, options()) {
        let before = out.len();
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // Blocks and line breaks become spaces; inline ends (emphasis, links) do not.
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell,
            ) if !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
        chars += out[before..].chars().count();
        if chars > max_chars {
            break;
        }
    }
    let trimmed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.chars().count() <= max_chars {
        return (!only_if_full).then_some(trimmed);
    }
    let cut: String = trimmed.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    Some(format!("{cut}…"))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape_html`] onto the end of `out`, a run of plain text at a time:
/// the characters escaped are ASCII, so a byte search never splits a character.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_comes_out_inert() {
        let md = "Hi <script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n[click](javascript:alert(3)) \
                  <a href=\"javascript:alert(4)\">x</a> <svg onload=alert(5)></svg> <iframe src=\"https://e.invalid\"></iframe>";
        let html = to_safe_html(md);
        let lower = html.to_lowercase();
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "onload",
            "<iframe",
            "alert(1)",
        ] {
            assert!(!lower.contains(bad), "{bad} survived in {html}");
        }
        assert!(
            html.contains("<img src=\"x\">"),
            "the harmless part of the image stays: {html}"
        );
    }

    #[test]
    fn ordinary_markdown_renders() {
        let html = to_safe_html("# Today\n\nA **small** [walk](https://example.org).\n\n- [x] tea");
        assert!(html.contains("<h1>Today</h1>"));
        assert!(html.contains("<strong>small</strong>"));
        assert!(html.contains("href=\"https://example.org\""));
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
    }

    #[test]
    fn texts_read_the_same_when_only_needless_escapes_differ() {
        assert!(reads_the_same(r"ok\. \(yes\)", "ok. (yes)"));
        assert!(reads_the_same(r"a \* b", "a * b"));
        assert!(!reads_the_same(r"\- x", "- x"), "a list now");
        assert!(!reads_the_same(r"\*x\*", "*x*"), "emphasis now");
        assert!(!reads_the_same("`a\\.b`", "`a.b`"), "code is as written");
    }

    #[test]
    fn picture_references_point_at_the_serving_scheme_only_when_asked() {
        let id = Uuid::now_v7();
        let md = format!(
            "{}\n\n![x](picture:not-an-id) [a link](picture:{id})",
            picture_markdown(id, "A heron")
        );
        let served = to_safe_html_serving_pictures(&md, "glimmer-picture://localhost/");
        assert!(
            served.contains(&format!(
                "<img src=\"glimmer-picture://localhost/{id}\" alt=\"A heron\">"
            )),
            "{served}"
        );
        assert!(
            served.contains("<img alt=\"x\">"),
            "not a picture id: {served}"
        );
        assert!(
            served.contains("<a rel=\"noopener noreferrer nofollow\">a link</a>"),
            "only images are served: {served}"
        );
        let plain = to_safe_html(&md);
        assert!(plain.contains("<img alt=\"A heron\">"), "{plain}");
        assert!(!plain.contains("picture:"), "{plain}");
    }

    #[test]
    fn a_description_cannot_break_out_of_its_reference() {
        let id = Uuid::now_v7();
        let md = picture_markdown(id, "a ] b\n[c](javascript:alert(1)) \\");
        assert_eq!(md, format!("![a b c (javascript:alert(1))](picture:{id})"));
        let html = to_safe_html_serving_pictures(&md, "glimmer-picture://localhost/");
        assert!(html.contains(&format!("src=\"glimmer-picture://localhost/{id}\"")));
        assert!(!html.contains("href"), "{html}");
        assert_eq!(
            picture_markdown(id, " \t "),
            format!("![Picture](picture:{id})")
        );
    }

    #[test]
    fn excerpts_drop_markup_and_cut_at_words() {
        assert_eq!(
            plain_excerpt("# Title\n\nSome *soft* light.", 100),
            "Title Some soft light."
        );
        assert_eq!(
            plain_excerpt("*Cold air*, a [heron](https://x.org).", 100),
            "Cold air, a heron."
        );
        assert_eq!(plain_excerpt("- tea\n- toast", 100), "tea toast");
        let e = plain_excerpt("one two three four five six seven", 15);
        assert_eq!(e, "one two three…");
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(
            escape_html("</text><script>&'\""),
            "&lt;/text&gt;&lt;script&gt;&amp;&#39;&quot;"
        );
        // Runs of other text, whatever their script, pass through whole.
        assert_eq!(
            escape_html("naïve<日本>&émoji 🌱\"x"),
            "naïve&lt;日本&gt;&amp;émoji 🌱&quot;x"
        );
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn excerpts_from_the_leading_paragraphs_match_the_whole_entry() {
        let pieces = [
            "Some plain words about the day",
            "a *soft* light on the **wall**",
            "[a heron](https://example.org/a/long/path) by the water",
            "[the shop][s] was open",
            "```\nlet x = 1;\n\nlet y = 2;\n```",
            "- tea\n\n- toast\n\n- a walk",
            "> a quote that goes on\n\n> and on",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "# A heading",
            "    indented code\n\n    more of it",
            "<div>\nsome html\n</div>",
            "[s]: https://example.org/shop",
            "tschüß, naïve café ✨",
        ];
        let mut seed = 7_u64;
        for _ in 0..2_000 {
            let mut md = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                md.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                md.push_str(if seed & 1 == 0 { "\n\n" } else { " " });
            }
            for max in [20, 60, 160] {
                assert_eq!(
                    plain_excerpt(&md, max),
                    excerpt_of(&md, max, false).unwrap_or_default(),
                    "{md:?} at {max}"
                );
            }
        }
    }
}
