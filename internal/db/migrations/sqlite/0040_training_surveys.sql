-- 问卷: a needs survey (调研问卷) sent to a target population (a region
-- in scope, optionally narrowed by tier, subject and stage) or a program's
-- post-training evaluation (评价问卷) sent to its enrolled. One component:
-- questions of single choice, multiple choice, rating 1-5 and text.
CREATE TABLE training_surveys (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  kind        TEXT NOT NULL CHECK (kind IN ('needs', 'evaluation')),
  program_id  BIGINT REFERENCES training_programs(id),
  title       TEXT NOT NULL,
  tier        TEXT NOT NULL DEFAULT '',
  subject     TEXT NOT NULL DEFAULT '',
  stage       TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX training_surveys_region ON training_surveys(region_code, id);
CREATE INDEX training_surveys_program ON training_surveys(program_id);

CREATE TABLE training_survey_questions (
  id          INTEGER PRIMARY KEY,
  survey_id   BIGINT NOT NULL REFERENCES training_surveys(id),
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'rating', 'text')),
  prompt      TEXT NOT NULL,
  options     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_survey_questions_survey ON training_survey_questions(survey_id, position);

-- Who answered (once each); the answers themselves carry no person, so
-- managers only ever read them as aggregates.
CREATE TABLE training_survey_responses (
  survey_id   BIGINT NOT NULL REFERENCES training_surveys(id),
  person_id   BIGINT NOT NULL REFERENCES people(id),
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (survey_id, person_id)
);

CREATE TABLE training_survey_answers (
  id          INTEGER PRIMARY KEY,
  survey_id   BIGINT NOT NULL REFERENCES training_surveys(id),
  question_id BIGINT NOT NULL REFERENCES training_survey_questions(id),
  choice      INTEGER NOT NULL DEFAULT 0,
  text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX training_survey_answers_question ON training_survey_answers(question_id, choice);
