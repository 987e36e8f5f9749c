-- A scope's standing sums every person's cycle from the per-category
-- summaries grouped by person (issue 13). On SQLite the table is WITHOUT
-- ROWID, clustered by (person_id, category, school_year): the grouped read
-- is already one pass in person order, and PostgreSQL's covering index
-- (credit_person_year_categories_cover) has no use here. Nothing to do.
SELECT 1;
