-- Which of 003's yearly awards (六.10: 精品课程, 优质学校, 先进教研组,
-- 优秀教研组长, 精品案例) a 评比 selects, so the yearly report can set what
-- was awarded against the region's rule. '' for a campaign that is none.

ALTER TABLE review_campaigns ADD COLUMN award_category TEXT NOT NULL DEFAULT '';
