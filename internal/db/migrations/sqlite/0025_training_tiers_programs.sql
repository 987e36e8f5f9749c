-- A person's 五梯级 history (新任 → 合格 → 骨干 → 学科带头人 → 名师名校长):
-- each step with its date, 学年 and basis, which the talent targets count.

CREATE TABLE training_tier_history (
  id          INTEGER PRIMARY KEY,
  person_id   BIGINT NOT NULL REFERENCES people(id),
  tier        TEXT NOT NULL CHECK (tier IN ('new', 'qualified', 'backbone', 'leader', 'master')),
  on_date     TEXT NOT NULL,
  school_year INTEGER NOT NULL,
  basis       TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX training_tier_history_person ON training_tier_history(person_id, on_date);
CREATE INDEX training_tier_history_tier ON training_tier_history(tier, school_year);

-- 培训项目 of the 年度培训计划: target tier, subject, stage, hours, budget
-- and provider; enrolment open to anyone in the region or assigned; on
-- completion the attendees' hours reach the credit ledger.
CREATE TABLE training_programs (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  school_year INTEGER NOT NULL,
  title       TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('tier', 'new_teacher', 'new_head', 'trainer')),
  tier        TEXT NOT NULL DEFAULT '',
  subject     TEXT NOT NULL DEFAULT '',
  stage       TEXT NOT NULL DEFAULT '',
  hours       DOUBLE PRECISION NOT NULL,
  budget      DOUBLE PRECISION NOT NULL DEFAULT 0,
  provider    TEXT NOT NULL,
  open        BOOLEAN NOT NULL DEFAULT TRUE,
  status      TEXT NOT NULL CHECK (status IN ('planned', 'completed')),
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX training_programs_region ON training_programs(region_code, school_year);

CREATE TABLE training_enrolments (
  program_id  BIGINT NOT NULL REFERENCES training_programs(id),
  person_id   BIGINT NOT NULL REFERENCES people(id),
  attended    BOOLEAN NOT NULL DEFAULT TRUE,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (program_id, person_id)
);
CREATE INDEX training_enrolments_person ON training_enrolments(person_id);

-- A program's sessions and who checked in at each by the session's signed
-- QR code; on completion the hours are credited in proportion.
CREATE TABLE training_sessions (
  id          INTEGER PRIMARY KEY,
  program_id  BIGINT NOT NULL REFERENCES training_programs(id),
  title       TEXT NOT NULL,
  starts_at   BIGINT NOT NULL,
  ends_at     BIGINT NOT NULL,
  created_at  BIGINT NOT NULL
);
CREATE INDEX training_sessions_program ON training_sessions(program_id, starts_at);

CREATE TABLE training_attendance (
  session_id  BIGINT NOT NULL REFERENCES training_sessions(id),
  person_id   BIGINT NOT NULL REFERENCES people(id),
  checked_at  BIGINT NOT NULL,
  PRIMARY KEY (session_id, person_id)
);
