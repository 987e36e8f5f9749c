-- The call's own form: extra fields (申报表栏目) a campaign asks for, and
-- each submission's answers to them.

ALTER TABLE review_campaigns ADD COLUMN form_fields TEXT NOT NULL DEFAULT '';
ALTER TABLE review_submissions ADD COLUMN answers TEXT NOT NULL DEFAULT '';
ALTER TABLE review_submissions ADD COLUMN score_method TEXT NOT NULL DEFAULT '';
