-- Journal entries and their tags. Instants are Unix milliseconds in UTC;
-- `tz` is the IANA zone the entry was written in.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE entries (
    -- Small columns first: filters read them without touching the body's overflow pages.
    seq        INTEGER PRIMARY KEY,          -- rowid, used by the FTS index
    id         TEXT NOT NULL UNIQUE,         -- UUIDv7, stable across export/import
    kind       TEXT NOT NULL CHECK (kind IN ('entry', 'glimmer')),
    deleted_at INTEGER,                      -- set while in the trash
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    tz         TEXT NOT NULL,
    intensity  INTEGER CHECK (intensity BETWEEN 0 AND 10),
    tags       TEXT NOT NULL DEFAULT '',     -- space-joined copy of entry_tags, for search
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX entries_live_by_created ON entries (created_at DESC, seq DESC) WHERE deleted_at IS NULL;
CREATE INDEX entries_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE entry_tags (
    tag       TEXT NOT NULL,
    entry_seq INTEGER NOT NULL REFERENCES entries (seq) ON DELETE CASCADE,
    PRIMARY KEY (tag, entry_seq)
) STRICT, WITHOUT ROWID;

CREATE INDEX entry_tags_by_entry ON entry_tags (entry_seq);
