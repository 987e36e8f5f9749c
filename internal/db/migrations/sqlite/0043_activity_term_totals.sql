-- Per-term totals of activities (issue 16 performance): one row per term,
-- organising organisation, organiser name (with its group or studio) and
-- kind, kept up to date in the same write transaction as every change to an
-- activity's state, kind, term or counts, so the term report is one indexed
-- read of a few hundred rows instead of a scan of the term's activities.
-- Drafts count nowhere (the report leaves them out). due: an outcome is
-- required and the activity has ended; submitted: it is 成果已提交 or 已归档.

CREATE TABLE activity_term_totals (
  school_year INTEGER NOT NULL,
  half        INTEGER NOT NULL,
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  org_path    TEXT NOT NULL,
  region_code TEXT NOT NULL,
  organiser   TEXT NOT NULL,
  kind        TEXT NOT NULL,
  activities  INTEGER NOT NULL DEFAULT 0,
  signups     INTEGER NOT NULL DEFAULT 0,
  attended    INTEGER NOT NULL DEFAULT 0,
  due         INTEGER NOT NULL DEFAULT 0,
  submitted   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (school_year, half, org_id, organiser, kind)
);
CREATE INDEX activity_term_totals_path ON activity_term_totals(school_year, half, org_path);

INSERT INTO activity_term_totals (school_year, half, org_id, org_path, region_code, organiser, kind, activities, signups, attended, due, submitted)
SELECT school_year, half, org_id, MAX(org_path), MAX(region_code), organiser, kind, COUNT(*), SUM(signups), SUM(attended),
  SUM(CASE WHEN outcome_kind <> '' AND state IN ('ended', 'submitted', 'archived') THEN 1 ELSE 0 END),
  SUM(CASE WHEN outcome_kind <> '' AND state IN ('submitted', 'archived') THEN 1 ELSE 0 END)
FROM activities WHERE state <> 'draft' GROUP BY school_year, half, org_id, organiser, kind;

-- Audience subjects and stages are now stored as the people table stores a
-- teacher's (",数学,语文," and ",primary,"), so that a teacher's list can
-- match them; rows typed before that are put in that form here.
UPDATE activities SET subjects = ',' || REPLACE(REPLACE(REPLACE(REPLACE(subjects, '、', ','), '，', ','), ' ', ','), ',,', ',') || ','
  WHERE subjects <> '' AND subjects NOT LIKE ',%';
UPDATE activities SET stages = ',' || REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(stages,
  '、', ','), '，', ','), ' ', ','), '特殊教育', 'special'), '学前', 'preschool'), '小学', 'primary'), '初中', 'junior'), '高中', 'senior'), '中职', 'vocational') || ','
  WHERE stages <> '' AND stages NOT LIKE ',%';
