-- Mindfulness timers: the person's own timers (the guided ones are built into
-- the code and never stored) and every session sat, finished or stopped
-- early, or added by hand. See src/mindful/.

CREATE TABLE mindful_presets (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,        -- UUIDv7
    name          TEXT NOT NULL COLLATE NOCASE UNIQUE,
    seconds       INTEGER CHECK (seconds BETWEEN 1 AND 86400), -- NULL: open-ended
    delay_seconds INTEGER NOT NULL DEFAULT 0 CHECK (delay_seconds BETWEEN 0 AND 120),
    bells         TEXT NOT NULL DEFAULT '{"kind":"none"}', -- JSON, as the Bells type serialises
    sound         TEXT NOT NULL DEFAULT 'bowl' CHECK (sound IN ('bowl', 'chime', 'wood')),
    strikes       INTEGER NOT NULL DEFAULT 1 CHECK (strikes BETWEEN 1 AND 3),
    prompts       TEXT NOT NULL DEFAULT '[]',  -- JSON, as a list of Prompt serialises
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;

-- No foreign key to mindful_presets: built-in presets live in the code, and a
-- session keeps its name after its timer is deleted.
CREATE TABLE mindful_sessions (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,     -- UUIDv7
    preset_id        TEXT,                     -- a built-in slug or a preset's id
    name             TEXT NOT NULL,
    started_at       INTEGER NOT NULL,         -- Unix ms, UTC
    tz               TEXT NOT NULL,            -- IANA zone it was sat in
    planned_seconds  INTEGER CHECK (planned_seconds BETWEEN 1 AND 86400), -- NULL: open-ended
    actual_seconds   INTEGER NOT NULL CHECK (actual_seconds BETWEEN 0 AND 86400),
    completed        INTEGER NOT NULL CHECK (completed IN (0, 1)),
    manual           INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1)),
    intensity_before INTEGER CHECK (intensity_before BETWEEN 0 AND 10),
    intensity_after  INTEGER CHECK (intensity_after BETWEEN 0 AND 10),
    created_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX mindful_sessions_by_time ON mindful_sessions (started_at);
