-- The key slots this computer last wrote into the sync folder or took from
-- it (their SHA-256, docs/sync.md "A changed passphrase"): so it can tell a
-- passphrase changed here from one changed on another computer. NULL: not
-- known yet (sync set up before this column).
ALTER TABLE sync_state ADD COLUMN keys_sha256 TEXT;
