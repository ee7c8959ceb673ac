-- Full-text index over the entries outside the trash (external content: the
-- text is stored once). remove_diacritics 2 lets "cafe" find "café"; the
-- prefix index speeds up short prefixes like "nu*". Trashed entries leave the
-- index, so a search never has to look at them.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, tags,
    content = 'entries',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO entries_fts (rowid, title, body, tags) VALUES (new.seq, new.title, new.body, new.tags);
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries WHEN old.deleted_at IS NULL BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, tags) VALUES ('delete', old.seq, old.title, old.body, old.tags);
END;

-- One trigger, so the old text always leaves the index before the new arrives.
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, tags, deleted_at ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, tags)
        SELECT 'delete', old.seq, old.title, old.body, old.tags WHERE old.deleted_at IS NULL;
    INSERT INTO entries_fts (rowid, title, body, tags)
        SELECT new.seq, new.title, new.body, new.tags WHERE new.deleted_at IS NULL;
END;

INSERT INTO entries_fts (rowid, title, body, tags)
    SELECT seq, title, body, tags FROM entries WHERE deleted_at IS NULL;
