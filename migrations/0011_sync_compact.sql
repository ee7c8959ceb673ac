-- Compaction (docs/sync.md "Compaction"): how far each computer has read
-- this one's batches (the `deps` in its batches), so this one knows which of
-- its own batches no one still needs; how often to compact (NULL: the
-- default; tests set it low); and how many batches with changes were read
-- here since this computer last wrote, so it says what it has read in time.
ALTER TABLE sync_devices ADD COLUMN read_mine INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_state ADD COLUMN compact_after INTEGER;
ALTER TABLE sync_state ADD COLUMN unacked INTEGER NOT NULL DEFAULT 0;
