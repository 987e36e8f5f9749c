-- Sign-in failures (wrong passwords and wrong second-factor codes) count
-- within a window: failed_at is the last failure. A name with no account
-- keeps the same counter in login_counters, so an unknown username answers
-- and locks exactly like a real one.
ALTER TABLE users ADD COLUMN failed_at BIGINT NOT NULL DEFAULT 0;
CREATE TABLE login_counters (
  username     TEXT PRIMARY KEY,
  failed_count INTEGER NOT NULL DEFAULT 0,
  failed_at    BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0
);
