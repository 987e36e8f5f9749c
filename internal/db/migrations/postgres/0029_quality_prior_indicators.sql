-- The earlier exam whose scores are an exam's prior (前测) for value-added
-- across years, matched by student id; and the indicators of seed 004 that a
-- school's results are entered for by year (学业水平考试, 合格性考试合格率,
-- 上线率).
ALTER TABLE quality_exams ADD COLUMN prior_exam_id BIGINT;
-- split
CREATE TABLE quality_indicators (
  school_id   BIGINT NOT NULL REFERENCES orgs(id),
  school_year INTEGER NOT NULL,
  indicator   TEXT NOT NULL,
  value       DOUBLE PRECISION NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT '',
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (school_id, school_year, indicator)
);
