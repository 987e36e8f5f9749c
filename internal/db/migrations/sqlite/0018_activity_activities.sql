-- 教研活动 (issue 16): an activity of an organiser (an office or school, or a
-- teaching group or studio of one), its sign-ups and attendance. Times are
-- local (CST) text 'YYYY-MM-DD HH:MM', so both dialects sort them alike.
-- audience_path is the organisation or region path whose people the
-- activity is open to; a teacher's list reads it by the ancestors of their
-- own organisation's path (an IN over the index, never a LIKE scan).
-- signups/attended are maintained counts for the list and the reports.

CREATE TABLE activities (
  id            INTEGER PRIMARY KEY,
  region_code   TEXT NOT NULL REFERENCES regions(code),
  org_id        BIGINT NOT NULL REFERENCES orgs(id),
  org_path      TEXT NOT NULL,
  group_id      BIGINT NOT NULL DEFAULT 0,
  studio_id     BIGINT NOT NULL DEFAULT 0,
  organiser     TEXT NOT NULL,
  kind          TEXT NOT NULL,
  title         TEXT NOT NULL,
  theme         TEXT NOT NULL DEFAULT '',
  plan          TEXT NOT NULL DEFAULT '',
  starts_at     TEXT NOT NULL,
  ends_at       TEXT NOT NULL,
  place         TEXT NOT NULL DEFAULT '',
  online_link   TEXT NOT NULL DEFAULT '',
  audience_path TEXT NOT NULL,
  audience_name TEXT NOT NULL,
  subjects      TEXT NOT NULL DEFAULT '',
  stages        TEXT NOT NULL DEFAULT '',
  capacity      INTEGER NOT NULL DEFAULT 0,
  signup_mode   TEXT NOT NULL CHECK (signup_mode IN ('open', 'invite', 'assign')),
  hours         DOUBLE PRECISION NOT NULL DEFAULT 0,
  outcome_kind  TEXT NOT NULL DEFAULT '' CHECK (outcome_kind IN ('', 'case', 'report')),
  outcome_due   TEXT NOT NULL DEFAULT '',
  record        TEXT NOT NULL DEFAULT '',
  outcome       TEXT NOT NULL DEFAULT '',
  review_note   TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL CHECK (state IN ('draft', 'published', 'running', 'ended', 'submitted', 'archived')),
  signups       INTEGER NOT NULL DEFAULT 0,
  attended      INTEGER NOT NULL DEFAULT 0,
  school_year   INTEGER NOT NULL,
  half          INTEGER NOT NULL,
  owner_user_id BIGINT NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL DEFAULT 1,
  created_by    TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX activities_starts ON activities(starts_at, id);
CREATE INDEX activities_org ON activities(org_path, starts_at);
CREATE INDEX activities_audience ON activities(audience_path, starts_at, id);
CREATE INDEX activities_term ON activities(school_year, half, starts_at, id);

CREATE TABLE activity_signups (
  activity_id   BIGINT NOT NULL REFERENCES activities(id),
  person_id     BIGINT NOT NULL REFERENCES people(id),
  how           TEXT NOT NULL CHECK (how IN ('self', 'invited', 'assigned')),
  cancelled     BOOLEAN NOT NULL DEFAULT FALSE,
  checked_in_at BIGINT NOT NULL DEFAULT 0,
  credit_id     BIGINT NOT NULL DEFAULT 0,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (activity_id, person_id)
);
CREATE INDEX activity_signups_person ON activity_signups(person_id, activity_id);

INSERT INTO dict_entries (table_code, code, name, aliases, parent, sort) VALUES
  ('activity_kind', 'regional', '区域教研', '', '', 1),
  ('activity_kind', 'online', '网络教研', '线上教研', '', 2),
  ('activity_kind', 'integrated', '综合教研', '', '', 3),
  ('activity_kind', 'themed', '主题教研', '专题教研', '', 4),
  ('activity_kind', 'showcase', '教学展示', '展示课', '', 5),
  ('activity_kind', 'onsite', '现场指导', '', '', 6),
  ('activity_kind', 'project', '项目研究', '', '', 7),
  ('activity_kind', 'subject_day', '学科研修日', '', '', 8),
  ('activity_kind', 'cluster', '联片教研', '片区教研|联盟校研修', '', 9),
  ('activity_kind', 'service', '送教助研', '送教下乡|送教', '', 10)
ON CONFLICT (table_code, code) DO NOTHING;
