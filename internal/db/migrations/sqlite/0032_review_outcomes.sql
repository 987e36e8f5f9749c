-- 成果库: accepted outcomes (课题成果, 精品课程, 精品案例, 教学成果奖)
-- published to a part of the org tree.

CREATE TABLE review_outcomes (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('project','course','case','prize','other')),
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  subject       TEXT NOT NULL DEFAULT '',
  stage         TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  org_name      TEXT NOT NULL DEFAULT '',
  submission_id BIGINT REFERENCES review_submissions(id),
  publisher_org BIGINT NOT NULL REFERENCES orgs(id),
  publisher_path TEXT NOT NULL,
  reach_path    TEXT NOT NULL,
  published_on  TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX review_outcomes_reach ON review_outcomes(reach_path);
