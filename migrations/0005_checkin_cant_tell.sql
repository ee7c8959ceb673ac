-- "I can't tell" is an answer: mood and feeling intensity may be left unset
-- (NULL), so a skipped answer is never stored as "okay, 5/10". SQLite cannot
-- drop NOT NULL in place, so the table is rebuilt with the same rows.
CREATE TABLE checkins_new (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,          -- UUIDv7
    created_at  INTEGER NOT NULL,              -- Unix ms, UTC
    updated_at  INTEGER NOT NULL,
    tz          TEXT NOT NULL,
    mood        INTEGER CHECK (mood BETWEEN -3 AND 3),            -- NULL: "I can't tell"
    intensity   INTEGER CHECK (intensity BETWEEN 0 AND 10),       -- how vividly anything is felt; NULL: "I can't tell"
    energy      INTEGER CHECK (energy BETWEEN 0 AND 10),
    emotions    TEXT NOT NULL DEFAULT '[]',    -- JSON array of vocabulary words
    body_areas  TEXT NOT NULL DEFAULT '[]',    -- JSON array
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO checkins_new (seq, id, created_at, updated_at, tz, mood, intensity, energy, emotions, body_areas, note)
    SELECT seq, id, created_at, updated_at, tz, mood, intensity, energy, emotions, body_areas, note FROM checkins;
DROP TABLE checkins;
ALTER TABLE checkins_new RENAME TO checkins;
CREATE INDEX checkins_by_time ON checkins (created_at);
