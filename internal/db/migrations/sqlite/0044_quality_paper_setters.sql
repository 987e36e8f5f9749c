-- 命题人: the people who set one subject's paper of an exam. An item warning
-- (low discrimination) is a 待办 for each setter of its paper, and setters
-- see their papers' item warnings whatever their scope.
CREATE TABLE quality_paper_setters (
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  subject     TEXT NOT NULL,
  person_id   BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (exam_id, subject, person_id)
);
-- split
CREATE INDEX quality_paper_setters_person ON quality_paper_setters(person_id);
