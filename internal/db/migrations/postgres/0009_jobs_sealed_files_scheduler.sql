-- Jobs: status 'interrupted' (the process running it stopped), the owner's
-- heartbeat, parameters for a rerun, the input file's name and the time a
-- job ended (for file retention). job_files now hold AES-GCM ciphertext only;
-- the plain rows of earlier versions are deleted, not converted (they are
-- past use: no job survives a restart). scheduled_tasks is the scheduler: one
-- row per task, claimed by one process per due time (FOR UPDATE SKIP LOCKED).
ALTER TABLE jobs DROP CONSTRAINT jobs_status_check;
-- split
ALTER TABLE jobs ADD CONSTRAINT jobs_status_check CHECK (status IN ('queued','running','done','failed','interrupted'));
-- split
ALTER TABLE jobs
  ADD COLUMN params       TEXT NOT NULL DEFAULT '',
  ADD COLUMN input_name   TEXT NOT NULL DEFAULT '',
  ADD COLUMN owner        TEXT NOT NULL DEFAULT '',
  ADD COLUMN heartbeat_at BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN finished_at  BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN rerun_of     BIGINT NOT NULL DEFAULT 0;
-- split
UPDATE jobs SET heartbeat_at = updated_at,
  finished_at = CASE WHEN status IN ('done','failed') THEN updated_at ELSE 0 END;
-- split
CREATE INDEX jobs_live ON jobs (status, heartbeat_at);
-- split
CREATE INDEX jobs_finished ON jobs (finished_at);
-- split
DROP TABLE job_files;
-- split
CREATE TABLE job_files (
  job_id  BIGINT NOT NULL REFERENCES jobs(id),
  name    TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('input','output')),
  content BYTEA NOT NULL,
  PRIMARY KEY (job_id, name)
);
-- split
CREATE TABLE scheduled_tasks (
  name          TEXT PRIMARY KEY,
  every_ms      BIGINT NOT NULL,
  next_run_at   BIGINT NOT NULL,
  last_run_at   BIGINT NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  runs          BIGINT NOT NULL DEFAULT 0,
  claimed_by    TEXT NOT NULL DEFAULT '',
  claimed_until BIGINT NOT NULL DEFAULT 0
);
