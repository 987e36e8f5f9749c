-- 教研活动 (issue 16): an activity may be organised by a liaison team
-- (联系组, liaison_teams): team_id names it, org_id is its researcher's
-- organisation. The team's researcher and members manage the activity.
ALTER TABLE activities ADD COLUMN team_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX activities_team ON activities(team_id, starts_at);
