//! The little HTML that notes are written in (Daylio: `<br>`, `<b>`, `<i>`,
//! lists, entities) turned into markdown, and titles into one plain line.
//! Anything else is left out as tags and kept as text; what the journal
//! renders is sanitised again there, so nothing here needs to be safe HTML.

/// Markdown for a note's HTML.
pub(crate) fn to_markdown(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    walk(html, &mut |piece| match piece {
        Piece::Text(t) => out.push_str(&t),
        Piece::Tag { name, closing } => match name.as_str() {
            "br" => out.push('\n'),
            "b" | "strong" => out.push_str("**"),
            "i" | "em" => out.push('*'),
            "s" | "strike" | "del" => out.push_str("~~"),
            "p" | "div" | "ul" | "ol" => paragraph(&mut out),
            "li" if !closing => {
                line(&mut out);
                out.push_str("- ");
            }
            "li" => line(&mut out),
            _ => {}
        },
    });
    tidy(&out)
}

/// One plain line for a title: tags left out, entities read, spaces folded.
pub(crate) fn to_line(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    walk(html, &mut |piece| match piece {
        Piece::Text(t) => out.push_str(&t),
        Piece::Tag { name, .. } if BLOCKS.contains(&name.as_str()) => out.push(' '),
        Piece::Tag { .. } => {}
    });
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Tags that break a line: in a title, a space.
const BLOCKS: [&str; 6] = ["br", "p", "div", "li", "ul", "ol"];

enum Piece {
    Text(String),
    Tag { name: String, closing: bool },
}

/// Reads `html` as text and tags; a `<` that opens no tag is text.
fn walk(html: &str, emit: &mut dyn FnMut(Piece)) {
    let html = html.replace("\r\n", "\n");
    let mut rest = html.as_str();
    while let Some(at) = rest.find(['<', '&']) {
        if at > 0 {
            emit(Piece::Text(rest[..at].to_string()));
        }
        rest = &rest[at..];
        if rest.starts_with('<') {
            match tag(rest) {
                Some((piece, len)) => {
                    emit(piece);
                    rest = &rest[len..];
                }
                None => {
                    emit(Piece::Text("<".into()));
                    rest = &rest[1..];
                }
            }
        } else {
            let (text, len) = entity(rest);
            emit(Piece::Text(text));
            rest = &rest[len..];
        }
    }
    if !rest.is_empty() {
        emit(Piece::Text(rest.to_string()));
    }
}

/// A tag at the start of `s` (`<b>`, `</li>`, `<br/>`, `<span class="x">`)
/// and its length.
fn tag(s: &str) -> Option<(Piece, usize)> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((Piece::Tag { name, closing }, end + 1))
}

/// An entity at the start of `s` and its length; an unknown one is text.
fn entity(s: &str) -> (String, usize) {
    let literal = ("&".to_string(), 1);
    // Counted in bytes: a cut at 12 could fall inside a character.
    let Some(end) = s.bytes().take(12).position(|b| b == b';') else {
        return literal;
    };
    let name = &s[1..end];
    let ch = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "hellip" => Some('…'),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)
            .filter(|c| *c != '\0'),
    };
    match ch {
        Some(c) => (c.to_string(), end + 1),
        None => literal,
    }
}

fn line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph(out: &mut String) {
    line(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// No trailing spaces on a line, at most one blank line in a row, nothing
/// blank around the whole.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for l in text.lines().map(str::trim_end) {
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_become_markdown() {
        assert_eq!(
            to_markdown("A <b>good</b> day<br>with <i>tea</i> &amp; toast"),
            "A **good** day\nwith *tea* & toast"
        );
        assert_eq!(to_markdown("<p>One</p><p>Two &lt;3</p>"), "One\n\nTwo <3");
        assert_eq!(
            to_markdown("Today:<ul><li>walk</li><li>soup</li></ul>done"),
            "Today:\n\n- walk\n- soup\n\ndone"
        );
        assert_eq!(
            to_markdown("caf&#233; &#x263A; &bogus; a < b"),
            "café ☺ &bogus; a < b"
        );
        assert_eq!(
            to_markdown("line one\r\nline two<br/><br />"),
            "line one\nline two"
        );
        assert_eq!(to_markdown("<span style=\"x\">kept</span>"), "kept");
    }

    #[test]
    fn titles_become_one_plain_line() {
        assert_eq!(
            to_line("A <b>lo</b>ng<br>day &amp; night"),
            "A long day & night"
        );
        assert_eq!(to_line("  "), "");
    }
}
