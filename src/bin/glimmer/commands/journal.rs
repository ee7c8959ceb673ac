//! Entries: write, list, show, edit, rm, restore and tags.

use std::io::Read;

use clap::Args;
use glimmer::journal::{EntryPatch, TagCount};
use glimmer::{Entry, EntrySummary, Kind, NewEntry};
use serde::Serialize;

use super::with_vault;
use crate::editor::{PrivateDir, Written};
use crate::output::{Out, headline, local, mark, say, tag_list};
use crate::{CliError, Global, msg, secrets};

#[derive(Args)]
pub struct Write {
    #[arg(long)]
    title: Option<String>,
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Note a glimmer: a small moment of interest or feeling
    #[arg(long)]
    glimmer: bool,
    /// How vivid the glimmer felt, 0–10
    #[arg(long, requires = "glimmer", value_parser = clap::value_parser!(u8).range(0..=10))]
    intensity: Option<u8>,
    text: Vec<String>,
}

#[derive(Args)]
pub struct List {
    #[arg(long, default_value_t = 20)]
    limit: u32,
    /// Show what is in the trash instead
    #[arg(long)]
    trash: bool,
}

#[derive(Args)]
pub struct Show {
    id: String,
    /// Print the entry as sanitised HTML
    #[arg(long)]
    html: bool,
}

#[derive(Args)]
pub struct Edit {
    id: String,
    #[arg(long)]
    title: Option<String>,
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    text: Vec<String>,
}

/// The entry `rm` and `restore` act on.
#[derive(Args)]
pub struct Id {
    id: String,
}

/// The text typed as words, or standard input for `-`; `None` when neither
/// was given. Standard input is read only when asked for: in a script it may
/// be closed, empty, or meant for some other command.
fn given_text(words: &[String], outcome: &str) -> Result<Option<String>, CliError> {
    match words {
        [] => Ok(None),
        [dash] if dash == "-" => {
            let text = read_stdin()?;
            // What a failed command at the head of a pipe sends.
            if text.trim().is_empty() {
                return Err(msg(format!(
                    "Standard input was empty, so nothing was {outcome}."
                )));
            }
            Ok(Some(text))
        }
        words => Ok(Some(words.join(" "))),
    }
}

/// With no text given the words come from $EDITOR, which needs a terminal
/// (without one, as in cron, ssh or a pipe, nobody could see it) and a private
/// folder for its file. Both are checked before the vault opens.
fn editor_ready(no_text: &str, outcome: &str) -> Result<PrivateDir, CliError> {
    if !secrets::stdin_is_terminal() {
        return Err(msg(format!(
            "{no_text} was given and there is no terminal for an editor, so nothing was {outcome}. Give the text, or `-` to read it from standard input."
        )));
    }
    PrivateDir::find()
}

fn read_stdin() -> Result<String, CliError> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| msg(format!("Glimmer could not read standard input: {e}")))?;
    Ok(s)
}

impl Write {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let text = given_text(&self.text, "saved")?;
        let in_editor = match text {
            None => Some(editor_ready("No text", "saved")?),
            Some(_) => None,
        };
        let kind = if self.glimmer {
            Kind::Glimmer
        } else {
            Kind::Entry
        };
        let entry = with_vault(g, async |v| {
            let mut written = Written {
                title: self.title.unwrap_or_default(),
                tags: self.tags,
                body: String::new(),
            };
            if let Some(body) = text {
                written.body = body;
            } else if let Some(private) = &in_editor {
                written = private.edit(&written)?;
            }
            Ok(v.journal()
                .create(&NewEntry {
                    kind,
                    title: written.title,
                    body: written.body,
                    tags: written.tags,
                    intensity: self.intensity,
                    ..NewEntry::default()
                })
                .await?)
        })
        .await?;
        g.out().saved(&entry);
        Ok(())
    }
}

impl List {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let items = with_vault(g, async |v| {
            Ok(if self.trash {
                v.journal().trash_list().await?
            } else {
                v.journal().list(self.limit, None).await?.items
            })
        })
        .await?;
        g.out().list(&items);
        Ok(())
    }
}

impl Show {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let entry = with_vault(g, async |v| Ok(v.journal().get(&self.id).await?)).await?;
        g.out().show(&entry, self.html);
        Ok(())
    }
}

impl Edit {
    pub async fn run(self, g: &Global) -> Result<(), CliError> {
        let text = given_text(&self.text, "changed")?;
        // Likely an unset shell variable; taken as is it would wipe the entry.
        if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(msg("The new text is empty, so nothing was changed."));
        }
        let in_editor = if text.is_none() && self.title.is_none() && self.tags.is_empty() {
            Some(editor_ready("No new text", "changed")?)
        } else {
            None
        };
        let entry = with_vault(g, async |v| {
            let journal = v.journal();
            let patch = if let Some(private) = &in_editor {
                let current = journal.get(&self.id).await?;
                let w = private.edit(&Written {
                    title: current.title,
                    tags: current.tags,
                    body: current.body,
                })?;
                EntryPatch {
                    title: Some(w.title),
                    body: Some(w.body),
                    tags: Some(w.tags),
                    intensity: None,
                }
            } else {
                // What was not given stays as it is.
                EntryPatch {
                    title: self.title,
                    body: text,
                    tags: (!self.tags.is_empty()).then_some(self.tags),
                    intensity: None,
                }
            };
            Ok(journal.update(&self.id, &patch).await?)
        })
        .await?;
        g.out().saved(&entry);
        Ok(())
    }
}

impl Id {
    pub async fn trash(self, g: &Global) -> Result<(), CliError> {
        let entry = with_vault(g, async |v| Ok(v.journal().trash(&self.id).await?)).await?;
        g.out().trashed(&entry);
        Ok(())
    }

    pub async fn restore(self, g: &Global) -> Result<(), CliError> {
        let entry = with_vault(g, async |v| Ok(v.journal().restore(&self.id).await?)).await?;
        g.out().restored(&entry);
        Ok(())
    }
}

pub async fn tags(g: &Global) -> Result<(), CliError> {
    let tags = with_vault(g, async |v| Ok(v.journal().tags().await?)).await?;
    g.out().tags(&tags);
    Ok(())
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    html: String,
}

impl Out {
    fn saved(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        let what = if e.kind == Kind::Glimmer {
            "Glimmer noted"
        } else {
            "Saved"
        };
        say!("{what}. {}", e.id);
    }

    fn trashed(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        say!(
            "Moved to the trash for 30 days. Undo with: glimmer restore {}",
            e.id
        );
    }

    fn restored(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        say!("Restored. {}", e.id);
    }

    fn list(&self, items: &[EntrySummary]) {
        let empty = "Nothing here yet. Write something with: glimmer write";
        self.rows(items, empty, |e| {
            say!(
                "{}  {}  {}{}  {}",
                e.id,
                local(e.created_at),
                mark(e.kind),
                headline(&e.title, &e.excerpt),
                tag_list(&e.tags)
            );
        });
    }

    fn show(&self, e: &Entry, html: bool) {
        if self.json {
            return self.json(&Shown {
                entry: e,
                html: e.html(),
            });
        }
        if html {
            say!("{}", e.html());
            return;
        }
        if !e.title.is_empty() {
            say!("{}", e.title);
        }
        let mut meta = vec![format!("{} ({})", local(e.created_at), e.tz)];
        if e.kind == Kind::Glimmer {
            meta.push("glimmer".into());
        }
        if let Some(i) = e.intensity {
            meta.push(format!("intensity {i}/10"));
        }
        if !e.tags.is_empty() {
            meta.push(tag_list(&e.tags));
        }
        if e.deleted_at.is_some() {
            meta.push("in the trash".into());
        }
        say!("{}", meta.join(" · "));
        say!("id {}", e.id);
        say!();
        say!("{}", e.body);
    }

    fn tags(&self, tags: &[TagCount]) {
        let empty = "No tags yet. Add one with: glimmer write --tag NAME";
        self.rows(tags, empty, |t| say!("#{}  {}", t.tag, t.count));
    }
}
