//! How results are printed: plain, friendly text by default, JSON with `--json`.

use std::io::IsTerminal;
use std::path::Path;

use glimmer::bench::Report;
use glimmer::journal::{SearchResults, TagCount};
use glimmer::{Entry, EntrySummary, Kind};
use jiff::Timestamp;
use serde::Serialize;

pub struct Out {
    pub json: bool,
}

fn local(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

fn headline(title: &str, excerpt: &str) -> String {
    if title.is_empty() {
        excerpt.to_string()
    } else {
        title.to_string()
    }
}

fn tag_list(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("#{t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn mark(kind: Kind) -> &'static str {
    match kind {
        Kind::Glimmer => "✦ ",
        Kind::Entry => "",
    }
}

/// Turns a highlighted snippet back into terminal text: bold matches on a
/// terminal, plain words in a pipe.
fn terminal_snippet(html: &str) -> String {
    let bold = std::io::stdout().is_terminal();
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    html.replace("<mark>", open)
        .replace("</mark>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[derive(Serialize)]
struct Created<'a> {
    vault: &'a Path,
    recovery_key: &'a str,
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    html: String,
}

impl Out {
    fn json<T: Serialize>(&self, v: &T) {
        println!(
            "{}",
            serde_json::to_string_pretty(v).expect("output serialises")
        );
    }

    pub fn message(&self, text: &str) {
        if self.json {
            self.json(&serde_json::json!({ "message": text }));
        } else {
            println!("{text}");
        }
    }

    pub fn created(&self, dir: &Path, recovery: &str) {
        if self.json {
            return self.json(&Created {
                vault: dir,
                recovery_key: recovery,
            });
        }
        println!("Your vault is ready at {}.", dir.display());
        println!();
        println!("Your recovery key (shown only now):");
        println!();
        println!("    {recovery}");
        println!();
        println!("Write it down or print it and keep it somewhere safe. If you forget your");
        println!("passphrase, it is the only way back in: `glimmer recover`.");
    }

    pub fn saved(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        let what = if e.kind == Kind::Glimmer {
            "Glimmer noted"
        } else {
            "Saved"
        };
        println!("{what}. {}", e.id);
    }

    pub fn trashed(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        println!(
            "Moved to the trash for 30 days. Undo with: glimmer restore {}",
            e.id
        );
    }

    pub fn restored(&self, e: &Entry) {
        if self.json {
            return self.json(e);
        }
        println!("Restored. {}", e.id);
    }

    pub fn list(&self, items: &[EntrySummary]) {
        if self.json {
            return self.json(&items);
        }
        if items.is_empty() {
            println!("Nothing here yet. Write something with: glimmer write");
        }
        for e in items {
            println!(
                "{}  {}  {}{}  {}",
                e.id,
                local(e.created_at),
                mark(e.kind),
                headline(&e.title, &e.excerpt),
                tag_list(&e.tags)
            );
        }
    }

    pub fn show(&self, e: &Entry, html: bool) {
        if self.json {
            return self.json(&Shown {
                entry: e,
                html: e.html(),
            });
        }
        if html {
            println!("{}", e.html());
            return;
        }
        if !e.title.is_empty() {
            println!("{}", e.title);
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
        println!("{}", meta.join(" · "));
        println!("id {}", e.id);
        println!();
        println!("{}", e.body);
    }

    pub fn search(&self, r: &SearchResults) {
        if self.json {
            return self.json(r);
        }
        if r.hits.is_empty() {
            println!("Nothing matches that. Try fewer words, or a prefix like numb*.");
        }
        for h in &r.hits {
            let title = terminal_snippet(&h.title_html);
            println!(
                "{}  {}  {}{}  {}",
                h.entry.id,
                local(h.entry.created_at),
                mark(h.entry.kind),
                headline(&title, ""),
                tag_list(&h.entry.tags)
            );
            println!(
                "    {}",
                terminal_snippet(&h.snippet_html).replace('\n', " ")
            );
        }
        if r.has_more {
            println!("(more matches: use --limit to see them)");
        }
    }

    pub fn tags(&self, tags: &[TagCount]) {
        if self.json {
            return self.json(&tags);
        }
        if tags.is_empty() {
            println!("No tags yet. Add one with: glimmer write --tag NAME");
        }
        for t in tags {
            println!("#{}  {}", t.tag, t.count);
        }
    }

    pub fn bench(&self, r: &Report) {
        if self.json {
            return self.json(r);
        }
        println!("{}", r.to_markdown());
    }
}
