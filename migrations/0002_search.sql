-- Full-text index over entries (external content: the text is stored once).
-- remove_diacritics 2 lets "cafe" find "café"; the prefix index speeds up "nu*".
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, tags,
    content = 'entries',
    content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, tags) VALUES (new.seq, new.title, new.body, new.tags);
END;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, tags) VALUES ('delete', old.seq, old.title, old.body, old.tags);
END;

CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, tags ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, tags) VALUES ('delete', old.seq, old.title, old.body, old.tags);
    INSERT INTO entries_fts (rowid, title, body, tags) VALUES (new.seq, new.title, new.body, new.tags);
END;

INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
