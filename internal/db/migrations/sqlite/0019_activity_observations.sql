-- 听课评课 (issue 16): 评课量表 with immutable versions, and observations
-- scored with one version. An edit of a rubric adds a version; an
-- observation keeps rubric_version_id, its per-indicator scores and its
-- total as scored. st_codes / fias_codes hold the 课堂观察 coding
-- ("TTST…", "5 5 4 8 …"); st_current / fias_current the behaviour the tap
-- pad samples while its timer runs.

CREATE TABLE rubrics (
  id              INTEGER PRIMARY KEY,
  region_code     TEXT NOT NULL REFERENCES regions(code),
  region_path     TEXT NOT NULL,
  org_id          BIGINT NOT NULL REFERENCES orgs(id),
  org_path        TEXT NOT NULL,
  subject         TEXT NOT NULL DEFAULT '',
  name            TEXT NOT NULL,
  current_version INTEGER NOT NULL DEFAULT 1,
  version         INTEGER NOT NULL DEFAULT 1,
  created_by      TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL
);
CREATE INDEX rubrics_region ON rubrics(region_path, subject);

CREATE TABLE rubric_versions (
  id         INTEGER PRIMARY KEY,
  rubric_id  BIGINT NOT NULL REFERENCES rubrics(id),
  number     INTEGER NOT NULL,
  body       TEXT NOT NULL,
  max_score  DOUBLE PRECISION NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (rubric_id, number)
);

CREATE TABLE observations (
  id                INTEGER PRIMARY KEY,
  observer_id       BIGINT NOT NULL REFERENCES people(id),
  teacher_id        BIGINT NOT NULL REFERENCES people(id),
  school_id         BIGINT NOT NULL REFERENCES orgs(id),
  org_path          TEXT NOT NULL,
  subject           TEXT NOT NULL DEFAULT '',
  grade             TEXT NOT NULL DEFAULT '',
  topic             TEXT NOT NULL,
  on_date           TEXT NOT NULL,
  lesson_type       TEXT NOT NULL CHECK (lesson_type IN ('regular', 'demo', 'open', 'research', 'contest')),
  rubric_version_id BIGINT NOT NULL DEFAULT 0,
  scores            TEXT NOT NULL DEFAULT '',
  total             DOUBLE PRECISION NOT NULL DEFAULT 0,
  diagnosis         TEXT NOT NULL DEFAULT '',
  suggestion        TEXT NOT NULL DEFAULT '',
  followup          TEXT NOT NULL DEFAULT '',
  anonymous         BOOLEAN NOT NULL DEFAULT FALSE,
  response          TEXT NOT NULL DEFAULT '',
  st_codes          TEXT NOT NULL DEFAULT '',
  st_current        TEXT NOT NULL DEFAULT '',
  fias_codes        TEXT NOT NULL DEFAULT '',
  fias_current      INTEGER NOT NULL DEFAULT 0,
  state             TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
  school_year       INTEGER NOT NULL,
  half              INTEGER NOT NULL,
  version           INTEGER NOT NULL DEFAULT 1,
  created_by        TEXT NOT NULL DEFAULT '',
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL
);
CREATE INDEX observations_observer ON observations(observer_id, on_date);
CREATE INDEX observations_teacher ON observations(teacher_id, on_date);
CREATE INDEX observations_org ON observations(org_path, on_date, id);
