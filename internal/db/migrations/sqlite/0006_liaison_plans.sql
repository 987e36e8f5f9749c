-- The planner's last explanation (uncovered schools, shortage) kept with the
-- 联系学校 round and the 蹲点视导 plan so their pages can show it.
ALTER TABLE liaison_rounds ADD COLUMN plan_note TEXT NOT NULL DEFAULT '';
ALTER TABLE station_plans ADD COLUMN plan_note TEXT NOT NULL DEFAULT '';
