-- Jobs: status 'interrupted' (the process running it stopped), the owner's
-- heartbeat, parameters for a rerun, the input file's name and the time a
-- job ended (for file retention). job_files now hold AES-GCM ciphertext only;
-- the plain rows of earlier versions are deleted, not converted (they are
-- past use: no job survives a restart), with secure_delete so their bytes do
-- not linger in free pages. scheduled_tasks is the scheduler: one row per
-- task, claimed by one process per due time.
PRAGMA secure_delete = ON;
-- split
DROP TABLE job_files;
-- split
CREATE TABLE jobs_new (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','interrupted')),
  progress     INTEGER NOT NULL DEFAULT 0,
  total        INTEGER NOT NULL DEFAULT 0,
  message      TEXT NOT NULL DEFAULT '',
  result       TEXT NOT NULL DEFAULT '',
  created_by   BIGINT NOT NULL DEFAULT 0,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  params       TEXT NOT NULL DEFAULT '',
  input_name   TEXT NOT NULL DEFAULT '',
  owner        TEXT NOT NULL DEFAULT '',
  heartbeat_at BIGINT NOT NULL DEFAULT 0,
  finished_at  BIGINT NOT NULL DEFAULT 0,
  rerun_of     BIGINT NOT NULL DEFAULT 0
);
-- split
INSERT INTO jobs_new (id, kind, status, progress, total, message, result, created_by, created_at, updated_at,
  heartbeat_at, finished_at)
SELECT id, kind, status, progress, total, message, result, created_by, created_at, updated_at, updated_at,
  CASE WHEN status IN ('done','failed') THEN updated_at ELSE 0 END
FROM jobs;
-- split
DROP TABLE jobs;
-- split
ALTER TABLE jobs_new RENAME TO jobs;
-- split
CREATE INDEX jobs_live ON jobs (status, heartbeat_at);
-- split
CREATE INDEX jobs_finished ON jobs (finished_at);
-- split
CREATE TABLE job_files (
  job_id  BIGINT NOT NULL REFERENCES jobs(id),
  name    TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('input','output')),
  content BLOB NOT NULL,
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
-- split
PRAGMA secure_delete = OFF;
