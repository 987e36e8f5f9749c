-- 预警: the early warnings an analysis raises by the region's rules, each a
-- 待办 for the school's leader (or the exam's organiser for an item).
CREATE TABLE quality_warnings (
  id          INTEGER PRIMARY KEY,
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  report_id   BIGINT NOT NULL REFERENCES quality_reports(id),
  kind        TEXT NOT NULL,
  warn_key    TEXT NOT NULL,
  school_id   BIGINT REFERENCES orgs(id),
  scope_path  TEXT NOT NULL DEFAULT '',
  county      TEXT NOT NULL DEFAULT '',
  school      TEXT NOT NULL DEFAULT '',
  class_name  TEXT NOT NULL DEFAULT '',
  subject     TEXT NOT NULL DEFAULT '',
  item        TEXT NOT NULL DEFAULT '',
  measured    DOUBLE PRECISION NOT NULL,
  threshold   DOUBLE PRECISION NOT NULL,
  message     TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  UNIQUE (exam_id, warn_key)
);
-- split
CREATE INDEX quality_warnings_scope ON quality_warnings(scope_path, exam_id);
-- split
ALTER TABLE quality_reports ADD COLUMN notes TEXT NOT NULL DEFAULT '';
