-- An import puts its entries into the search index in one statement at its
-- end (src/journal/write.rs, `settle_index`), as a plain FTS5 table takes
-- the same text: fed by the insert trigger a few thousand at a time, each
-- statement left a small segment of the index of its own, to merge again
-- (docs/benchmarks.md). While an import writes, inside its own transaction,
-- the one row here says which entries wait: those after `after_seq`.
-- Outside an import it is empty.
CREATE TABLE index_waiting (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    after_seq INTEGER NOT NULL
) STRICT;

DROP TRIGGER entries_fts_insert;
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries
WHEN new.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM index_waiting) BEGIN
    INSERT INTO entries_fts (rowid, title, body, tags) VALUES (new.seq, new.title, new.body, new.tags);
END;
