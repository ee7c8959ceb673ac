-- The key slots this computer last wrote into the sync folder or took from
-- it (their SHA-256, docs/sync.md "A changed passphrase"): so it can tell a
-- passphrase changed here from one changed on another computer. NULL: not
-- known yet (sync set up before this column).
ALTER TABLE sync_state ADD COLUMN keys_sha256 TEXT;

-- Where this vault was when it last synced: the computer's name and the
-- vault's folder. A vault copied by hand to another place would write as the
-- same computer as the original and lose changes where their batches share
-- names; seen in another place, it takes a new device id first.
ALTER TABLE sync_state ADD COLUMN place TEXT;
