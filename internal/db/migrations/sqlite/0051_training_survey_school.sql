-- A needs survey may go to one school (issue 13): org_id is that school,
-- 0 for every school of the survey's region.
ALTER TABLE training_surveys ADD COLUMN org_id BIGINT NOT NULL DEFAULT 0;
