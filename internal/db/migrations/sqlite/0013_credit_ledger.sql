-- The 学时/学分 ledger (credit): one row per credited item of a person —
-- researcher training hours, teacher credits, activity attendance — each with
-- its source. Categories are the dict code table credit_category; parent
-- 'training' marks the categories whose hours are training hours.
-- Researchers' training_entries move into the ledger (source liaison.training,
-- state approved) and the old table goes.

CREATE TABLE credit_entries (
  id          INTEGER PRIMARY KEY,
  person_id   BIGINT NOT NULL REFERENCES people(id),
  school_year INTEGER NOT NULL,
  half        INTEGER NOT NULL CHECK (half IN (0, 1, 2)),
  on_date     TEXT NOT NULL,
  category    TEXT NOT NULL,
  level       TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'national', 'province', 'city', 'county', 'school')),
  title       TEXT NOT NULL,
  hours       DOUBLE PRECISION NOT NULL DEFAULT 0,
  credits     DOUBLE PRECISION NOT NULL DEFAULT 0,
  rule_year   INTEGER NOT NULL DEFAULT 0,
  source      TEXT NOT NULL,
  source_id   BIGINT NOT NULL DEFAULT 0,
  state       TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'returned')),
  approver    TEXT NOT NULL DEFAULT '',
  decided_at  BIGINT NOT NULL DEFAULT 0,
  note        TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX credit_entries_person ON credit_entries(person_id, school_year);
CREATE INDEX credit_entries_source ON credit_entries(source, source_id);

INSERT INTO dict_entries (table_code, code, name, aliases, parent, sort) VALUES
  ('credit_category', 'training', '培训学时', '', '', 1),
  ('credit_category', 'centralized', '集中培训', '参加培训|培训|面授培训', 'training', 2),
  ('credit_category', 'school_based', '校本研修', '校本培训', 'training', 3),
  ('credit_category', 'online', '网络研修', '网络培训|线上培训|远程培训', 'training', 4),
  ('credit_category', 'external', '外出培训', '外出学习|跟岗学习', 'training', 5),
  ('credit_category', 'research', '教研科研', '', '', 6),
  ('credit_category', 'activity', '教研活动', '教研/科研活动|科研活动', 'research', 7),
  ('credit_category', 'observation', '听课', '听评课|听课评课', 'research', 8),
  ('credit_category', 'project', '课题', '课题研究', 'research', 9),
  ('credit_category', 'paper', '论文', '论文发表', 'research', 10),
  ('credit_category', 'award', '获奖', '评比获奖', 'research', 11)
ON CONFLICT (table_code, code) DO NOTHING;

INSERT INTO credit_entries (person_id, school_year, half, on_date, category, title, hours, source, source_id, state,
  approver, decided_at, version, created_by, created_at)
SELECT researcher_id, school_year, half, on_date, CASE kind WHEN 'training' THEN 'centralized' ELSE 'activity' END,
  program, hours, 'liaison.training', id, 'approved', created_by, created_at, version, created_by, created_at
FROM training_entries ORDER BY id;

DROP TABLE training_entries;
