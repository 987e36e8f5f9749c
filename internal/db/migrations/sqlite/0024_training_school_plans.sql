-- 校本研修方案 (1+x): a school's plan of one 学年 with one school theme and
-- the teaching groups' own themes (each with its domain of the four and its
-- forms of the four), the activities by month, the budget line, and its
-- 备案 by the county.

CREATE TABLE school_training_plans (
  id              INTEGER PRIMARY KEY,
  org_id          BIGINT NOT NULL REFERENCES orgs(id),
  school_year     INTEGER NOT NULL,
  public_funds    DOUBLE PRECISION NOT NULL DEFAULT 0,
  training_funds  DOUBLE PRECISION NOT NULL DEFAULT 0,
  status          TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'filed', 'returned')),
  review_note     TEXT NOT NULL DEFAULT '',
  reviewed_by     TEXT NOT NULL DEFAULT '',
  reviewed_at     BIGINT NOT NULL DEFAULT 0,
  submitted_at    BIGINT NOT NULL DEFAULT 0,
  version         INTEGER NOT NULL DEFAULT 1,
  created_by      TEXT NOT NULL DEFAULT '',
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  UNIQUE (org_id, school_year)
);
CREATE INDEX school_training_plans_status ON school_training_plans(status, school_year);

CREATE TABLE school_training_themes (
  id          INTEGER PRIMARY KEY,
  plan_id     BIGINT NOT NULL REFERENCES school_training_plans(id),
  sort        INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('school', 'group')),
  group_name  TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL,
  domain      TEXT NOT NULL CHECK (domain IN ('ethics', 'teacher', 'student', 'school')),
  forms       TEXT NOT NULL
);
CREATE INDEX school_training_themes_plan ON school_training_themes(plan_id, sort);

CREATE TABLE school_training_activities (
  id       INTEGER PRIMARY KEY,
  plan_id  BIGINT NOT NULL REFERENCES school_training_plans(id),
  sort     INTEGER NOT NULL,
  month    INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
  title    TEXT NOT NULL
);
CREATE INDEX school_training_activities_plan ON school_training_activities(plan_id, sort);
