-- Import batches (one row per committed import, with the file's hash),
-- editable code tables and the school calendar a region sets.

CREATE TABLE import_batches (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  file_name  TEXT NOT NULL DEFAULT '',
  file_hash  TEXT NOT NULL DEFAULT '',
  created    INTEGER NOT NULL DEFAULT 0,
  updated    INTEGER NOT NULL DEFAULT 0,
  unchanged  INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX import_batches_hash ON import_batches(kind, file_hash);

CREATE TABLE dict_entries (
  table_code TEXT NOT NULL,
  code       TEXT NOT NULL,
  name       TEXT NOT NULL,
  aliases    TEXT NOT NULL DEFAULT '',
  parent     TEXT NOT NULL DEFAULT '',
  sort       INTEGER NOT NULL DEFAULT 0,
  enabled    BOOLEAN NOT NULL DEFAULT TRUE,
  version    INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (table_code, code)
);

CREATE TABLE school_calendars (
  region_code  TEXT NOT NULL REFERENCES regions(code),
  school_year  INTEGER NOT NULL,
  term1_start  TEXT NOT NULL,
  term1_end    TEXT NOT NULL,
  term2_start  TEXT NOT NULL,
  term2_end    TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (region_code, school_year)
);

CREATE TABLE job_files (
  job_id  BIGINT NOT NULL REFERENCES jobs(id),
  name    TEXT NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (job_id, name)
);
