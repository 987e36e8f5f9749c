-- Enrolment modes of a program: open (anyone signs up), school (a school
-- admin enrols its teachers) or quota (each county admin nominates up to
-- the county's quota); assigned and nominated people wait for the
-- organiser's approval. A quota's used count is raised in the same
-- transaction as the nomination, so two at once cannot pass it.
ALTER TABLE training_programs ADD COLUMN enrol_mode TEXT NOT NULL DEFAULT 'open' CHECK (enrol_mode IN ('open', 'school', 'quota'));
ALTER TABLE training_enrolments ADD COLUMN state TEXT NOT NULL DEFAULT 'approved' CHECK (state IN ('pending', 'approved', 'returned'));
ALTER TABLE training_enrolments ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
ALTER TABLE training_enrolments ADD COLUMN nominated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE training_enrolments ADD COLUMN reason TEXT NOT NULL DEFAULT '';

CREATE TABLE training_program_quotas (
  program_id  BIGINT NOT NULL REFERENCES training_programs(id),
  region_code TEXT NOT NULL REFERENCES regions(code),
  quota       INTEGER NOT NULL CHECK (quota >= 0),
  used        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (program_id, region_code)
);
