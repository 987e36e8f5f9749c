-- 质量监测: exams (考试) with their participating schools and papers (试卷:
-- one row per 小题), the imported scores (one row per student per subject,
-- re-imported a subject at a time), and the stored analysis reports whose
-- group and student records are the engine's JSON records.
CREATE TABLE quality_exams (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  org_path    TEXT NOT NULL,
  name        TEXT NOT NULL,
  school_year INTEGER NOT NULL,
  half        INTEGER NOT NULL,
  level       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  grades      TEXT NOT NULL DEFAULT '',
  subjects    TEXT NOT NULL DEFAULT '',
  report_id   BIGINT,
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
-- split
CREATE INDEX quality_exams_path ON quality_exams(org_path, school_year);
-- split
CREATE TABLE quality_exam_schools (
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  school_id   BIGINT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (exam_id, school_id)
);
-- split
CREATE TABLE quality_items (
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  subject     TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  full_half   INTEGER NOT NULL,
  objective   INTEGER NOT NULL DEFAULT 0,
  knowledge   TEXT NOT NULL DEFAULT '',
  ability     TEXT NOT NULL DEFAULT '',
  answer_key  TEXT NOT NULL DEFAULT '',
  options     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (exam_id, subject, seq)
);
-- split
CREATE TABLE quality_scores (
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  subject     TEXT NOT NULL,
  student_id  TEXT NOT NULL,
  school_id   BIGINT NOT NULL REFERENCES orgs(id),
  class_name  TEXT NOT NULL,
  absent      INTEGER NOT NULL DEFAULT 0,
  cells       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (exam_id, subject, student_id)
);
-- split
CREATE TABLE quality_reports (
  id          INTEGER PRIMARY KEY,
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  students    INTEGER NOT NULL,
  subjects    TEXT NOT NULL,
  missing     TEXT NOT NULL DEFAULT '',
  meta        TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
-- split
CREATE TABLE quality_report_groups (
  report_id   BIGINT NOT NULL REFERENCES quality_reports(id),
  seq         INTEGER NOT NULL,
  level       TEXT NOT NULL,
  subject     TEXT NOT NULL,
  scope_path  TEXT NOT NULL DEFAULT '',
  school_id   BIGINT,
  figures     TEXT NOT NULL,
  PRIMARY KEY (report_id, seq)
);
-- split
CREATE INDEX quality_report_groups_level ON quality_report_groups(report_id, level, subject);
-- split
CREATE TABLE quality_report_records (
  report_id   BIGINT NOT NULL REFERENCES quality_reports(id),
  section     TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  subject     TEXT NOT NULL,
  school_id   BIGINT,
  figures     TEXT NOT NULL,
  PRIMARY KEY (report_id, section, seq)
);
-- split
CREATE TABLE quality_report_students (
  report_id   BIGINT NOT NULL REFERENCES quality_reports(id),
  student_id  TEXT NOT NULL,
  school_id   BIGINT NOT NULL,
  scope_path  TEXT NOT NULL,
  figures     TEXT NOT NULL,
  PRIMARY KEY (report_id, student_id)
);
-- split
CREATE INDEX quality_report_students_school ON quality_report_students(report_id, school_id);
-- split
CREATE TABLE quality_exam_subjects (
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  subject     TEXT NOT NULL,
  totals_only INTEGER NOT NULL DEFAULT 0,
  students    INTEGER NOT NULL DEFAULT 0,
  absent      INTEGER NOT NULL DEFAULT 0,
  imported_by TEXT NOT NULL DEFAULT '',
  imported_at BIGINT NOT NULL,
  PRIMARY KEY (exam_id, subject)
);
