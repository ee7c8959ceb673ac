-- Unsaved work, kept apart from entries so a crash or a closed window loses nothing.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,             -- UUIDv7
    entry_id   TEXT,                         -- the entry being edited, if any
    kind       TEXT NOT NULL CHECK (kind IN ('entry', 'glimmer')),
    title      TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    tags       TEXT NOT NULL DEFAULT '[]',   -- JSON array
    intensity  INTEGER CHECK (intensity BETWEEN 0 AND 10),
    updated_at INTEGER NOT NULL
) STRICT;
