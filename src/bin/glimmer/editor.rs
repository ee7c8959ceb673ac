//! Writing in `$EDITOR`. The text has to pass through a file for the editor;
//! it lives in the per-user runtime directory (memory-backed on Linux), is
//! readable only by the user, and is removed as soon as the editor closes.

use std::io::Write;
use std::process::Command;

use crate::CliError;

/// What the user wrote: an optional title and tags above a `---` line, then the text.
#[derive(Debug, Default, PartialEq)]
pub struct Written {
    pub title: String,
    pub tags: Vec<String>,
    pub body: String,
}

pub fn template(w: &Written) -> String {
    format!(
        "Title: {}\nTags: {}\n---\n{}",
        w.title,
        w.tags.join(", "),
        w.body
    )
}

pub fn parse(text: &str) -> Written {
    let Some((head, body)) = text
        .split_once("\n---\n")
        .or_else(|| text.strip_suffix("\n---").map(|h| (h, "")))
    else {
        return Written {
            body: text.trim().to_string(),
            ..Written::default()
        };
    };
    let mut w = Written {
        body: body.trim().to_string(),
        ..Written::default()
    };
    for line in head.lines() {
        if let Some(t) = line.strip_prefix("Title:") {
            w.title = t.trim().to_string();
        } else if let Some(t) = line.strip_prefix("Tags:") {
            w.tags = t
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
        }
    }
    w
}

pub fn edit(initial: &Written) -> Result<Written, CliError> {
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "nano".into());
    let dir = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let mut file = tempfile::Builder::new()
        .prefix("glimmer-")
        .suffix(".md")
        .tempfile_in(&dir)
        .map_err(|e| {
            crate::msg(format!(
                "Glimmer could not prepare a file for your editor: {e}"
            ))
        })?;
    file.write_all(template(initial).as_bytes())
        .and_then(|_| file.flush())
        .map_err(|e| {
            crate::msg(format!(
                "Glimmer could not prepare a file for your editor: {e}"
            ))
        })?;
    // The editor may be "code --wait" or similar: split off its arguments.
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("nano");
    let status = Command::new(program)
        .args(parts)
        .arg(file.path())
        .status()
        .map_err(|e| {
            crate::msg(format!(
                "Glimmer could not start your editor “{editor}”: {e}. Set $EDITOR."
            ))
        })?;
    let text = std::fs::read_to_string(file.path())
        .map_err(|e| crate::msg(format!("Glimmer could not read back what you wrote: {e}")))?;
    // Overwrite before unlinking, so the words do not linger in the file's blocks.
    let _ = std::fs::write(file.path(), vec![0u8; text.len()]);
    drop(file);
    if !status.success() {
        return Err(crate::msg(
            "The editor closed with an error, so nothing was saved.",
        ));
    }
    Ok(parse(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_round_trips() {
        let w = Written {
            title: "A walk".into(),
            tags: vec!["walk".into(), "outside".into()],
            body: "The light on the river.\n\n---\nstill body".into(),
        };
        assert_eq!(parse(&template(&w)), w);
    }

    #[test]
    fn text_without_header_is_all_body() {
        let w = parse("just words\n");
        assert_eq!(w.body, "just words");
        assert!(w.title.is_empty() && w.tags.is_empty());
    }
}
