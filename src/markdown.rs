//! Markdown → sanitised HTML, done in Rust so the webview never renders
//! anything a journal entry could smuggle in (scripts, handlers, `javascript:`).

use pulldown_cmark::{Event, Options, Parser, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Renders markdown to HTML that is safe to insert into the page.
pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

/// The text a reader sees, without markup, cut to about `max_chars` characters
/// at a word boundary. Used for list excerpts.
pub fn plain_excerpt(markdown: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(markdown, options()) {
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
        if out.chars().count() > max_chars {
            break;
        }
    }
    let trimmed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.chars().count() <= max_chars {
        return trimmed;
    }
    let cut: String = trimmed.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{cut}…")
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
    }
}
