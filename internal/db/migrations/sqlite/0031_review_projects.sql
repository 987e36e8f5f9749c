-- 课题 (research projects) established from a 课题申报 campaign's final
-- list, and their stages: 立项 → 开题 → 中期检查 → 结题 → 成果推广.

CREATE TABLE review_projects (
  id             INTEGER PRIMARY KEY,
  submission_id  BIGINT NOT NULL UNIQUE REFERENCES review_submissions(id),
  campaign_id    BIGINT NOT NULL REFERENCES review_campaigns(id),
  number         TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  level          TEXT NOT NULL CHECK (level IN ('city','county','school')),
  leader_id      BIGINT NOT NULL REFERENCES people(id),
  org_id         BIGINT NOT NULL REFERENCES orgs(id),
  org_path       TEXT NOT NULL,
  county_code    TEXT NOT NULL DEFAULT '',
  subject        TEXT NOT NULL DEFAULT '',
  year           INTEGER NOT NULL,
  status         TEXT NOT NULL DEFAULT 'established',
  due_open       TEXT NOT NULL,
  due_mid        TEXT NOT NULL,
  due_end        TEXT NOT NULL,
  outcome        TEXT NOT NULL DEFAULT '',
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX review_projects_path ON review_projects(org_path);
CREATE INDEX review_projects_leader ON review_projects(leader_id);

CREATE TABLE review_project_events (
  id          INTEGER PRIMARY KEY,
  project_id  BIGINT NOT NULL REFERENCES review_projects(id),
  stage       TEXT NOT NULL,
  on_date     TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX review_project_events_project ON review_project_events(project_id);
