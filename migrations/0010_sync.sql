-- Sync through a folder (docs/sync.md): what this computer is in the sync,
-- the records changed here since it last wrote, the version of every synced
-- record, and what it has read of each computer. All local to this computer.
-- `sync_copies` and `sync_removed` are shared records, synced like the rest.

CREATE TABLE sync_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    folder    TEXT NOT NULL,
    sync_id   TEXT NOT NULL,                 -- names the folder's journal
    device    TEXT NOT NULL,                 -- this computer, 16 hex digits
    clock     TEXT NOT NULL DEFAULT '',      -- the last hybrid clock value given or seen
    applying  INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)) -- 1 while others' changes are applied
) STRICT;

-- Records changed here and not yet written; `hlc` is set only for a version
-- made while applying (a copy of an entry edited on two computers).
CREATE TABLE sync_pending (
    tbl  TEXT NOT NULL,
    key  TEXT NOT NULL,
    hlc  TEXT,
    PRIMARY KEY (tbl, key)
) STRICT, WITHOUT ROWID;

-- The current version of each synced record, deleted ones too.
CREATE TABLE sync_versions (
    tbl  TEXT NOT NULL,
    key  TEXT NOT NULL,
    hlc  TEXT NOT NULL,
    PRIMARY KEY (tbl, key)
) STRICT, WITHOUT ROWID;

-- Every computer seen in the folder, this one too: how far its batches are applied.
CREATE TABLE sync_devices (
    device    TEXT PRIMARY KEY,
    name      TEXT NOT NULL DEFAULT '',
    applied   INTEGER NOT NULL DEFAULT 0,     -- its batches 1..applied are applied
    wrote_at  INTEGER                          -- Unix ms of its last batch applied
) STRICT;

-- An entry kept as a copy because it was edited on two computers at once,
-- until the person merges or dismisses it. Synced.
CREATE TABLE sync_copies (
    id         TEXT PRIMARY KEY,              -- the copy's entry id
    entry_id   TEXT NOT NULL,                 -- the entry it was copied beside
    made_from  TEXT NOT NULL                  -- the clock of the version it keeps
) STRICT;

-- A computer removed from the sync: its batches after `after_seq` are not read. Synced.
CREATE TABLE sync_removed (
    device     TEXT PRIMARY KEY,
    after_seq  INTEGER NOT NULL
) STRICT;

-- Capture: each synced table records what changed while sync is set up and
-- nothing is being applied (with no sync_state row, the WHEN is NULL: false).

CREATE TRIGGER sync_entries_insert AFTER INSERT ON entries WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('entries', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_entries_update AFTER UPDATE ON entries WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('entries', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'entries', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_entries_delete AFTER DELETE ON entries WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('entries', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_pictures_insert AFTER INSERT ON pictures WHEN (SELECT applying FROM sync_state) = 0 AND new.entry_id IS NOT NULL BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('pictures', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_pictures_update AFTER UPDATE ON pictures WHEN (SELECT applying FROM sync_state) = 0 AND (old.entry_id IS NOT NULL OR new.entry_id IS NOT NULL) BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('pictures', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'pictures', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_pictures_delete AFTER DELETE ON pictures WHEN (SELECT applying FROM sync_state) = 0 AND old.entry_id IS NOT NULL BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('pictures', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_checkins_insert AFTER INSERT ON checkins WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('checkins', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_checkins_update AFTER UPDATE ON checkins WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('checkins', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'checkins', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_checkins_delete AFTER DELETE ON checkins WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('checkins', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_assessments_insert AFTER INSERT ON assessments WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('assessments', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_assessments_update AFTER UPDATE ON assessments WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('assessments', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'assessments', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_assessments_delete AFTER DELETE ON assessments WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('assessments', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_safety_plan_insert AFTER INSERT ON safety_plan WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('safety_plan', CAST(new.id AS TEXT)) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_safety_plan_update AFTER UPDATE ON safety_plan WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('safety_plan', CAST(new.id AS TEXT)) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'safety_plan', CAST(old.id AS TEXT) WHERE CAST(old.id AS TEXT) <> CAST(new.id AS TEXT) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_safety_plan_delete AFTER DELETE ON safety_plan WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('safety_plan', CAST(old.id AS TEXT)) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_settings_insert AFTER INSERT ON settings WHEN (SELECT applying FROM sync_state) = 0 AND new.key = 'app' BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('settings', new.key) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_settings_update AFTER UPDATE ON settings WHEN (SELECT applying FROM sync_state) = 0 AND (old.key = 'app' OR new.key = 'app') BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('settings', new.key) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'settings', old.key WHERE old.key <> new.key ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_settings_delete AFTER DELETE ON settings WHEN (SELECT applying FROM sync_state) = 0 AND old.key = 'app' BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('settings', old.key) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_life_areas_insert AFTER INSERT ON life_areas WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('life_areas', new.area) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_life_areas_update AFTER UPDATE ON life_areas WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('life_areas', new.area) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'life_areas', old.area WHERE old.area <> new.area ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_life_areas_delete AFTER DELETE ON life_areas WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('life_areas', old.area) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_activities_insert AFTER INSERT ON activities WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('activities', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_activities_update AFTER UPDATE ON activities WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('activities', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'activities', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_activities_delete AFTER DELETE ON activities WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('activities', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_plans_insert AFTER INSERT ON plans WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('plans', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_plans_update AFTER UPDATE ON plans WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('plans', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'plans', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_plans_delete AFTER DELETE ON plans WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('plans', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_occurrences_insert AFTER INSERT ON occurrences WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('occurrences', new.plan_id || '/' || new.day) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_occurrences_update AFTER UPDATE ON occurrences WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('occurrences', new.plan_id || '/' || new.day) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'occurrences', old.plan_id || '/' || old.day WHERE old.plan_id || '/' || old.day <> new.plan_id || '/' || new.day ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_occurrences_delete AFTER DELETE ON occurrences WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('occurrences', old.plan_id || '/' || old.day) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_mindful_presets_insert AFTER INSERT ON mindful_presets WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('mindful_presets', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_mindful_presets_update AFTER UPDATE ON mindful_presets WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('mindful_presets', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'mindful_presets', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_mindful_presets_delete AFTER DELETE ON mindful_presets WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('mindful_presets', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_mindful_sessions_insert AFTER INSERT ON mindful_sessions WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('mindful_sessions', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_mindful_sessions_update AFTER UPDATE ON mindful_sessions WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('mindful_sessions', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'mindful_sessions', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_mindful_sessions_delete AFTER DELETE ON mindful_sessions WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('mindful_sessions', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_sync_copies_insert AFTER INSERT ON sync_copies WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('sync_copies', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_sync_copies_update AFTER UPDATE ON sync_copies WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('sync_copies', new.id) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'sync_copies', old.id WHERE old.id <> new.id ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_sync_copies_delete AFTER DELETE ON sync_copies WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('sync_copies', old.id) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

CREATE TRIGGER sync_sync_removed_insert AFTER INSERT ON sync_removed WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('sync_removed', new.device) ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_sync_removed_update AFTER UPDATE ON sync_removed WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('sync_removed', new.device) ON CONFLICT DO UPDATE SET hlc = NULL;
    INSERT INTO sync_pending (tbl, key) SELECT 'sync_removed', old.device WHERE old.device <> new.device ON CONFLICT DO UPDATE SET hlc = NULL;
END;
CREATE TRIGGER sync_sync_removed_delete AFTER DELETE ON sync_removed WHEN (SELECT applying FROM sync_state) = 0 BEGIN
    INSERT INTO sync_pending (tbl, key) VALUES ('sync_removed', old.device) ON CONFLICT DO UPDATE SET hlc = NULL;
END;

