-- Check-ins, self-assessments (PHQ-9) and the safety plan.
CREATE TABLE checkins (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,          -- UUIDv7
    created_at  INTEGER NOT NULL,              -- Unix ms, UTC
    updated_at  INTEGER NOT NULL,
    tz          TEXT NOT NULL,
    mood        INTEGER NOT NULL CHECK (mood BETWEEN -3 AND 3),
    intensity   INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10), -- how vividly anything is felt
    energy      INTEGER CHECK (energy BETWEEN 0 AND 10),
    emotions    TEXT NOT NULL DEFAULT '[]',    -- JSON array of vocabulary words
    body_areas  TEXT NOT NULL DEFAULT '[]',    -- JSON array
    note        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX checkins_by_time ON checkins (created_at);

CREATE TABLE assessments (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    instrument  TEXT NOT NULL CHECK (instrument IN ('phq9')),
    created_at  INTEGER NOT NULL,
    tz          TEXT NOT NULL,
    answers     TEXT NOT NULL,                 -- JSON array of item scores
    difficulty  INTEGER CHECK (difficulty BETWEEN 0 AND 3),
    total       INTEGER NOT NULL,
    band        TEXT NOT NULL
) STRICT;
CREATE INDEX assessments_by_time ON assessments (instrument, created_at);

CREATE TABLE safety_plan (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    plan        TEXT NOT NULL,                 -- JSON, see src/safety.rs
    updated_at  INTEGER NOT NULL
) STRICT;
