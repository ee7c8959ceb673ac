//! Full-text search: the user's words become a safe FTS5 query, ranked by
//! bm25 (title weighs most), with highlighted snippets and filters.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;
use sqlx::query::QueryAs;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqliteExecutor};

use super::{EntryRow, EntrySummary, Journal, Kind, normalize_tags, summary_columns_but_body};
use crate::error::Result;
use crate::markdown::escape_into;
use crate::storage::MAX_LIST;

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// Words (all must match), `"a phrase"`, and `pref*` prefixes.
    pub text: String,
    pub tag: Option<String>,
    pub kind: Option<Kind>,
    /// Inclusive lower bound on when the entry was written.
    pub since: Option<Timestamp>,
    /// Exclusive upper bound.
    pub until: Option<Timestamp>,
    pub limit: u32,
    pub offset: u32,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchHit {
    /// Its `excerpt` is the snippet's text: the words around the match.
    pub entry: EntrySummary,
    /// Escaped HTML with matches in `<mark>`.
    pub title_html: String,
    pub snippet_html: String,
    /// bm25: lower is a better match.
    pub score: f64,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub has_more: bool,
}

// Markers SQLite puts around matches; no journal text contains them after escaping.
const OPEN_BYTE: u8 = 1;
const CLOSE_BYTE: u8 = 2;
const OPEN: &str = "\u{1}";
const CLOSE: &str = "\u{2}";

/// Turns what the user typed into an FTS5 expression, quoting every term so
/// that characters like `-`, `:` or `(` are searched for, never parsed as syntax.
/// `None` when nothing searchable is left.
pub fn to_fts_query(input: &str) -> Option<String> {
    let mut terms = Vec::new();
    let mut rest = input.trim();
    while !rest.is_empty() {
        let (term, prefix, tail) = if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            (&after[..end], false, after.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            let stripped = word.trim_end_matches('*');
            (stripped, stripped.len() != word.len(), &rest[end..])
        };
        if term.chars().any(char::is_alphanumeric) {
            let quoted = format!("\"{}\"", term.replace('"', "\"\""));
            terms.push(if prefix { format!("{quoted}*") } else { quoted });
        }
        rest = tail.trim_start();
    }
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

// A run of text at a time, found by a byte search (the markers are ASCII, so
// no character is split): for a page of 20 hits the text work after SQLite
// was a measurable part of a quick search (docs/benchmarks.md, issue 17).

/// The text before the next highlight marker, and the marker (0 if none).
fn until_marker(s: &str) -> (&str, u8, &str) {
    match s.bytes().position(|b| b == OPEN_BYTE || b == CLOSE_BYTE) {
        Some(i) => (&s[..i], s.as_bytes()[i], &s[i + 1..]),
        None => (s, 0, ""),
    }
}

/// The snippet as one line of plain text, like a list's excerpt.
fn plain_snippet(marked: &str) -> String {
    let mut out = String::with_capacity(marked.len());
    for word in marked.split_whitespace() {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        let mut rest = word;
        while !rest.is_empty() {
            let (text, _, after) = until_marker(rest);
            out.push_str(text);
            rest = after;
        }
        // A word of markers alone is no word.
        if out.len() == start {
            out.truncate(before);
        }
    }
    out
}

fn marked_to_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut rest = s;
    while !rest.is_empty() {
        let (text, marker, after) = until_marker(rest);
        escape_into(&mut out, text);
        out.push_str(match marker {
            OPEN_BYTE => "<mark>",
            CLOSE_BYTE => "</mark>",
            _ => "",
        });
        rest = after;
    }
    out
}

#[derive(sqlx::FromRow)]
struct HitRow {
    #[sqlx(flatten)]
    entry: EntryRow,
    score: f64,
    title_marked: String,
    snippet_marked: String,
}

/// Ranks first, in a sorter that keeps only the best page (entries are joined
/// there only when a filter needs them), then makes highlights and snippets for
/// that page in one more scan of the matches, bounded by the page's lowest and
/// highest rowid, and joins entries to the page last. Measured
/// (docs/benchmarks.md, issue 12): `ORDER BY rank` in one pass keeps every
/// match's positions in FTS5's sorter, which gets no
/// LIMIT: 6× slower for a word in every entry at 100k; a second `MATCH` per
/// hit (rowid = ?) expands a prefix once per hit: 3× slower for `numb*`.
/// The page is a CTE of its own (issue 17): with `entries` joined in the same
/// SELECT, SQLite 3.54 scans the whole page for every match in the range
/// instead of building an index on it, which made a search for a word in
/// every entry 1.7× the plain FTS5 table's time.
const SEARCH_SQL: &str = "WITH top AS MATERIALIZED ( \
        SELECT f.rowid AS hit, bm25(entries_fts, 4.0, 1.0, 2.0) AS score \
        FROM entries_fts f {FILTER_JOIN} WHERE entries_fts MATCH ?1 {FILTERS} \
        ORDER BY score LIMIT ?6 OFFSET ?7), \
    page AS MATERIALIZED ( \
        SELECT top.hit, top.score, \
            highlight(entries_fts, 0, ?8, ?9) AS title_marked, \
            snippet(entries_fts, 1, ?8, ?9, '…', 24) AS snippet_marked \
        FROM entries_fts CROSS JOIN top ON top.hit = entries_fts.rowid \
        WHERE entries_fts MATCH ?1 \
            AND entries_fts.rowid BETWEEN (SELECT min(hit) FROM top) AND (SELECT max(hit) FROM top)) \
    SELECT {COLUMNS}, page.score AS score, page.title_marked, page.snippet_marked \
    FROM page CROSS JOIN entries e ON e.seq = page.hit \
    ORDER BY page.score";

const FILTER_JOIN: &str = "CROSS JOIN entries e ON e.seq = f.rowid";
const FILTERS: &str = "AND (?2 IS NULL OR e.kind = ?2) \
    AND (?3 IS NULL OR e.created_at >= ?3) \
    AND (?4 IS NULL OR e.created_at < ?4) \
    AND (?5 IS NULL OR EXISTS (SELECT 1 FROM entry_tags t WHERE t.tag = ?5 AND t.entry_seq = e.seq))";

fn search_sql(q: &SearchQuery) -> String {
    let filtered = q.kind.is_some() || q.since.is_some() || q.until.is_some() || q.tag.is_some();
    let (join, filters) = if filtered {
        (FILTER_JOIN, FILTERS)
    } else {
        ("", "")
    };
    SEARCH_SQL
        .replace("{FILTER_JOIN}", join)
        .replace("{FILTERS}", filters)
        .replace("{COLUMNS}", summary_columns_but_body!())
}

impl Journal<'_> {
    pub async fn search(&self, q: &SearchQuery) -> Result<SearchResults> {
        let Some(fts) = to_fts_query(&q.text) else {
            return Ok(SearchResults {
                hits: vec![],
                has_more: false,
            });
        };
        let limit = if q.limit == 0 {
            20
        } else {
            q.limit.min(MAX_LIST)
        };
        let tag = match &q.tag {
            Some(t) => normalize_tags(std::slice::from_ref(t))?.into_iter().next(),
            None => None,
        };
        let tag = tag.as_deref();
        let rows = match self.reader {
            Some(reader) => {
                let mut conn = reader.get(self.pool).await?;
                run_search(&mut *conn, &fts, q, tag, limit + 1).await?
            }
            None => run_search(self.pool, &fts, q, tag, limit + 1).await?,
        };
        let has_more = rows.len() > limit as usize;
        let hits = rows
            .into_iter()
            .take(limit as usize)
            .map(|r| SearchHit {
                title_html: marked_to_html(&r.title_marked),
                snippet_html: marked_to_html(&r.snippet_marked),
                score: r.score,
                // The snippet is taken from the text as written, so the
                // summary needs neither the body nor a markdown pass.
                entry: r.entry.into_summary_with(plain_snippet(&r.snippet_marked)),
            })
            .collect();
        Ok(SearchResults { hits, has_more })
    }
}

impl Journal<'_> {
    /// The query plan of a search, one line per step; tests check that the
    /// full-text index drives it.
    #[doc(hidden)]
    pub async fn explain_search(&self, q: &SearchQuery) -> Result<Vec<String>> {
        let fts = to_fts_query(&q.text).unwrap_or_default();
        let sql = format!("EXPLAIN QUERY PLAN {}", search_sql(q));
        let rows: Vec<(i64, i64, i64, String)> = bind_search(
            sqlx::query_as(AssertSqlSafe(sql.as_str())),
            &fts,
            q,
            q.tag.as_deref(),
            20,
        )
        .fetch_all(self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| r.3).collect())
    }
}

fn bind_search<'q, O>(
    query: QueryAs<'q, Sqlite, O, SqliteArguments>,
    fts: &'q str,
    q: &SearchQuery,
    tag: Option<&'q str>,
    limit: u32,
) -> QueryAs<'q, Sqlite, O, SqliteArguments> {
    query
        .bind(fts)
        .bind(q.kind.map(Kind::as_str))
        .bind(q.since.map(|t| t.as_millisecond()))
        .bind(q.until.map(|t| t.as_millisecond()))
        .bind(tag)
        .bind(i64::from(limit))
        .bind(i64::from(q.offset))
        .bind(OPEN)
        .bind(CLOSE)
}

async fn run_search(
    conn: impl SqliteExecutor<'_>,
    fts: &str,
    q: &SearchQuery,
    tag: Option<&str>,
    limit: u32,
) -> Result<Vec<HitRow>> {
    let sql = search_sql(q);
    Ok(bind_search(
        sqlx::query_as(AssertSqlSafe(sql.as_str())),
        fts,
        q,
        tag,
        limit,
    )
    .fetch_all(conn)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_becomes_quoted_terms() {
        assert_eq!(to_fts_query("numb*").as_deref(), Some("\"numb\"*"));
        assert_eq!(
            to_fts_query("  \"small walk\" cafe ").as_deref(),
            Some("\"small walk\" AND \"cafe\"")
        );
        assert_eq!(to_fts_query("a-b:c (").as_deref(), Some("\"a-b:c\""));
        assert_eq!(
            to_fts_query("say \"hi").as_deref(),
            Some("\"say\" AND \"hi\"")
        );
        assert_eq!(to_fts_query(" - * \"\" "), None);
        assert_eq!(to_fts_query("x\"y").as_deref(), Some("\"x\"\"y\""));
    }

    #[test]
    fn a_plain_snippet_is_one_line_without_markers() {
        assert_eq!(
            plain_snippet("a walk\n(\u{1}numb\u{2}) and\t\u{1}cold\u{2}…"),
            "a walk (numb) and cold…"
        );
        // Space at either end goes; a marker between letters joins nothing.
        assert_eq!(
            plain_snippet(" \n\u{1}fog\u{2}gy \u{1}\n\u{2} day\t"),
            "foggy day"
        );
        assert_eq!(plain_snippet("\u{1}\u{2}"), "");
    }

    #[test]
    fn snippets_are_escaped_before_marking() {
        assert_eq!(
            marked_to_html("<b>\u{1}numb\u{2}</b>"),
            "&lt;b&gt;<mark>numb</mark>&lt;/b&gt;"
        );
        assert_eq!(
            marked_to_html("\"it's\" & \u{1}más\u{2}"),
            "&quot;it&#39;s&quot; &amp; <mark>más</mark>"
        );
    }
}
