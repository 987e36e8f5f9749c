-- The audit chain becomes keyed (HMAC under a key derived from the data key,
-- never stored here). key_id is a fingerprint of that key, so a process
-- started with a different key is told so instead of forking the chain; ''
-- until the first keyed write (which seals the rows chained before).
ALTER TABLE audit_head ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
