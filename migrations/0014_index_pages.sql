-- FTS5 writes its index in leaves of about 4,050 bytes, sized for a plain
-- database's 4,096-byte page. A page of this encrypted one holds 4,016 bytes
-- (SQLCipher keeps 80 for its IV and HMAC), so every leaf spilled onto a
-- second page, read and decrypted on each search. Leaves of 3,940 bytes fit
-- one page with room for SQLite's own cell and record headers. Segments
-- written before keep their size until FTS5 merges them into new ones.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('pgsz', 3940);
