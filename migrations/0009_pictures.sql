-- Pictures in entries, kept as blobs inside the encrypted database (never as
-- files beside it), so backups and restores carry them with everything else.
-- A picture belongs to an entry, or to the draft of a new entry until that
-- draft is saved (then it moves to the entry); purging the entry or
-- discarding the draft deletes it too.
CREATE TABLE pictures (
    id          TEXT PRIMARY KEY,                                  -- UUIDv7
    entry_id    TEXT REFERENCES entries (id) ON DELETE CASCADE,
    draft_id    TEXT REFERENCES drafts (id) ON DELETE CASCADE,
    media_type  TEXT NOT NULL,                                     -- from the file's first bytes
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,                                     -- lower-case hex
    description TEXT NOT NULL DEFAULT '',                          -- the alt text
    created_at  INTEGER NOT NULL,
    deleted_at  INTEGER,                                           -- removed, restorable until purged with the trash
    -- Last, so listing reads the small columns without the blob's overflow pages.
    bytes       BLOB NOT NULL,
    CHECK ((entry_id IS NULL) <> (draft_id IS NULL))
) STRICT;

CREATE INDEX pictures_by_entry ON pictures (entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX pictures_by_draft ON pictures (draft_id) WHERE draft_id IS NOT NULL;
CREATE INDEX pictures_removed ON pictures (deleted_at) WHERE deleted_at IS NOT NULL;
