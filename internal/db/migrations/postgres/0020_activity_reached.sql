-- The schools (organisations) an activity reached in a 学期: one row once
-- anyone of theirs checks in, written with the check-in, so the term report
-- lists the schools no activity reached without reading every sign-up.
CREATE TABLE activity_reached (
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  school_year INTEGER NOT NULL,
  half        INTEGER NOT NULL,
  PRIMARY KEY (school_year, half, org_id)
);
