-- A 比拼 round (003 六.7) as an object: a 学年's round run by the stage the
-- rotation rule gives it, owning its three phase campaigns (学期初方案比拼,
-- 学期中现场展示, 学期末成效比拼) through review_campaigns.round_id and
-- round_phase (1-3). Campaigns of other kinds have no round.

CREATE TABLE review_contest_rounds (
  id           INTEGER PRIMARY KEY,
  org_id       BIGINT NOT NULL REFERENCES orgs(id),
  org_path     TEXT NOT NULL,
  school_year  INTEGER NOT NULL,
  term         TEXT NOT NULL,
  stage_name   TEXT NOT NULL,
  stages       TEXT NOT NULL,
  created_at   BIGINT NOT NULL
);
CREATE INDEX review_contest_rounds_path ON review_contest_rounds(org_path);

ALTER TABLE review_campaigns ADD COLUMN round_id BIGINT REFERENCES review_contest_rounds(id);
ALTER TABLE review_campaigns ADD COLUMN round_phase INTEGER NOT NULL DEFAULT 0;
CREATE INDEX review_campaigns_round ON review_campaigns(round_id);
