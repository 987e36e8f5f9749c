-- Researchers in schools: visits (到校), researcher training, 联系学校 rounds
-- with teams, links and follow-up, and 蹲点视导 station plans.

CREATE TABLE visits (
  id               INTEGER PRIMARY KEY,
  researcher_id    BIGINT NOT NULL REFERENCES people(id),
  school_id        BIGINT NOT NULL REFERENCES orgs(id),
  purpose          TEXT NOT NULL CHECK (purpose IN ('liaison','station','inspection','service','stint','other')),
  start_date       TEXT NOT NULL,
  end_date         TEXT NOT NULL,
  days             INTEGER NOT NULL,
  school_year      INTEGER NOT NULL,
  half             INTEGER NOT NULL CHECK (half IN (1, 2)),
  lessons_observed INTEGER NOT NULL DEFAULT 0,
  demo_lessons     INTEGER NOT NULL DEFAULT 0,
  meetings         INTEGER NOT NULL DEFAULT 0,
  notes            TEXT NOT NULL DEFAULT '',
  link_id          BIGINT,
  station_id       BIGINT,
  station_phase    TEXT NOT NULL DEFAULT '' CHECK (station_phase IN ('', 'opening', 'midterm', 'final')),
  version          INTEGER NOT NULL DEFAULT 1,
  created_by       TEXT NOT NULL DEFAULT '',
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE INDEX visits_researcher ON visits(researcher_id, school_year);
CREATE INDEX visits_school ON visits(school_id, school_year);

CREATE TABLE visit_members (
  visit_id  BIGINT NOT NULL REFERENCES visits(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (visit_id, person_id)
);

CREATE TABLE training_entries (
  id            INTEGER PRIMARY KEY,
  researcher_id BIGINT NOT NULL REFERENCES people(id),
  kind          TEXT NOT NULL CHECK (kind IN ('training','research')),
  program       TEXT NOT NULL,
  hours         INTEGER NOT NULL DEFAULT 0,
  on_date       TEXT NOT NULL,
  school_year   INTEGER NOT NULL,
  half          INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  created_by    TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL
);
CREATE INDEX training_entries_researcher ON training_entries(researcher_id, school_year);

CREATE TABLE liaison_rounds (
  id              INTEGER PRIMARY KEY,
  region_code     TEXT NOT NULL REFERENCES regions(code),
  name            TEXT NOT NULL,
  first_year      INTEGER NOT NULL,
  prepare_start   TEXT NOT NULL,
  prepare_end     TEXT NOT NULL,
  implement_start TEXT NOT NULL,
  implement_end   TEXT NOT NULL,
  summary_start   TEXT NOT NULL,
  summary_end     TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('draft','published','closed')),
  summary         TEXT NOT NULL DEFAULT '',
  outcomes        TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  updated_by      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE liaison_targets (
  round_id  BIGINT NOT NULL REFERENCES liaison_rounds(id),
  school_id BIGINT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (round_id, school_id)
);

CREATE TABLE liaison_teams (
  id            INTEGER PRIMARY KEY,
  round_id      BIGINT NOT NULL REFERENCES liaison_rounds(id),
  researcher_id BIGINT NOT NULL REFERENCES people(id),
  capacity      INTEGER NOT NULL DEFAULT 4,
  UNIQUE (round_id, researcher_id)
);

CREATE TABLE liaison_team_members (
  team_id   BIGINT NOT NULL REFERENCES liaison_teams(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (team_id, person_id)
);

CREATE TABLE liaison_links (
  id          INTEGER PRIMARY KEY,
  round_id    BIGINT NOT NULL REFERENCES liaison_rounds(id),
  team_id     BIGINT NOT NULL REFERENCES liaison_teams(id),
  school_id   BIGINT NOT NULL REFERENCES orgs(id),
  proposed    BOOLEAN NOT NULL DEFAULT FALSE,
  survey      TEXT NOT NULL DEFAULT '',
  improvement TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  BIGINT NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT '',
  UNIQUE (round_id, school_id)
);

CREATE TABLE liaison_exchanges (
  id          INTEGER PRIMARY KEY,
  link_id     BIGINT NOT NULL REFERENCES liaison_links(id),
  school_year INTEGER NOT NULL,
  half        INTEGER NOT NULL,
  on_date     TEXT NOT NULL,
  note        TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);

CREATE TABLE guidance_plans (
  id         INTEGER PRIMARY KEY,
  link_id    BIGINT NOT NULL REFERENCES liaison_links(id),
  teacher_id BIGINT NOT NULL REFERENCES people(id),
  goal       TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE guidance_followups (
  id         INTEGER PRIMARY KEY,
  plan_id    BIGINT NOT NULL REFERENCES guidance_plans(id),
  on_date    TEXT NOT NULL,
  note       TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE station_plans (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  name        TEXT NOT NULL,
  first_year  INTEGER NOT NULL,
  first_half  INTEGER NOT NULL,
  terms       INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('draft','published')),
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE stations (
  id            INTEGER PRIMARY KEY,
  plan_id       BIGINT NOT NULL REFERENCES station_plans(id),
  researcher_id BIGINT NOT NULL REFERENCES people(id),
  school_id     BIGINT NOT NULL REFERENCES orgs(id),
  school_year   INTEGER NOT NULL,
  half          INTEGER NOT NULL,
  UNIQUE (plan_id, researcher_id, school_year, half)
);

-- Built-in permissions already handed to built-in roles: a permission added
-- in a later release is granted once; one a security administrator removed
-- stays removed.
CREATE TABLE role_defaults (
  role_code  TEXT NOT NULL,
  permission TEXT NOT NULL,
  PRIMARY KEY (role_code, permission)
);
