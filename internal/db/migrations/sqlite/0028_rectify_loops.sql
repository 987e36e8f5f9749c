-- 整改闭环: a rectification loop attached to any finding (a quality warning
-- now, a supervision finding later), run by the school the finding is about:
-- 二次解读, 问题调研, 整改方案 (measures with owner and due date), 整改落实
-- (evidence per measure) and the county's 整改跟踪 review.
CREATE TABLE rectify_loops (
  id             INTEGER PRIMARY KEY,
  owner_kind     TEXT NOT NULL,
  owner_id       BIGINT NOT NULL,
  org_id         BIGINT NOT NULL REFERENCES orgs(id),
  org_path       TEXT NOT NULL,
  title          TEXT NOT NULL,
  status         TEXT NOT NULL,
  due_date       TEXT NOT NULL,
  interpretation TEXT NOT NULL DEFAULT '',
  investigation  TEXT NOT NULL DEFAULT '',
  review_note    TEXT NOT NULL DEFAULT '',
  reviewed_by    TEXT NOT NULL DEFAULT '',
  reviewed_at    BIGINT NOT NULL DEFAULT 0,
  created_by     TEXT NOT NULL DEFAULT '',
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  UNIQUE (owner_kind, owner_id)
);
-- split
CREATE INDEX rectify_loops_path ON rectify_loops(org_path, status, due_date);
-- split
CREATE TABLE rectify_measures (
  id          INTEGER PRIMARY KEY,
  loop_id     BIGINT NOT NULL REFERENCES rectify_loops(id),
  seq         INTEGER NOT NULL,
  content     TEXT NOT NULL,
  owner_name  TEXT NOT NULL,
  due_date    TEXT NOT NULL,
  evidence    TEXT NOT NULL DEFAULT '',
  done_at     BIGINT NOT NULL DEFAULT 0
);
-- split
CREATE INDEX rectify_measures_loop ON rectify_measures(loop_id, seq);
