-- Maintained aggregates (issue 12): figures updated in the write transaction
-- so the home page and the dashboards read them instead of recomputing.
--
-- org_figures: one row per (organisation, figure) counting that organisation
-- alone (never its subtree): 'schools' (1 for an active school or teaching
-- point), 'people' and 'researchers' (active people at the org), and
-- 'title:<code>' (active people by 职称; 'title:' for none). A subtree total
-- is SUM(value) over orgs whose path lies under the subtree's path.
CREATE TABLE org_figures (
  org_id     BIGINT NOT NULL REFERENCES orgs(id),
  figure     TEXT NOT NULL,
  value      BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, figure)
);
CREATE INDEX org_figures_figure ON org_figures(figure, org_id);

INSERT INTO org_figures (org_id, figure, value, updated_at)
  SELECT id, 'schools', 1, updated_at FROM orgs WHERE active = TRUE AND kind IN ('school', 'teaching_point');
INSERT INTO org_figures (org_id, figure, value, updated_at)
  SELECT org_id, 'people', COUNT(*), MAX(updated_at) FROM people WHERE active = TRUE GROUP BY org_id;
INSERT INTO org_figures (org_id, figure, value, updated_at)
  SELECT org_id, 'researchers', COUNT(*), MAX(updated_at) FROM people WHERE active = TRUE AND researcher_kind <> '' GROUP BY org_id;
INSERT INTO org_figures (org_id, figure, value, updated_at)
  SELECT org_id, 'title:' || title, COUNT(*), MAX(updated_at) FROM people WHERE active = TRUE GROUP BY org_id, title;

-- visit_summaries: a researcher's visits in one 学期, recomputed from visits
-- in every visit write transaction: on-site days, visits, lessons observed,
-- demo lessons, the last visit and the last 下校任教 (stint) visit's date.
CREATE TABLE visit_summaries (
  researcher_id    BIGINT NOT NULL REFERENCES people(id),
  school_year      INTEGER NOT NULL,
  half             INTEGER NOT NULL,
  visits           INTEGER NOT NULL DEFAULT 0,
  days             INTEGER NOT NULL DEFAULT 0,
  lessons_observed INTEGER NOT NULL DEFAULT 0,
  demo_lessons     INTEGER NOT NULL DEFAULT 0,
  last_visit       TEXT NOT NULL DEFAULT '',
  last_stint       TEXT NOT NULL DEFAULT '',
  updated_at       BIGINT NOT NULL,
  PRIMARY KEY (researcher_id, school_year, half)
);
CREATE INDEX visit_summaries_term ON visit_summaries(school_year, half, researcher_id);

INSERT INTO visit_summaries (researcher_id, school_year, half, visits, days, lessons_observed, demo_lessons, last_visit, last_stint, updated_at)
  SELECT researcher_id, school_year, half, COUNT(*), SUM(days), SUM(lessons_observed), SUM(demo_lessons), MAX(start_date),
    COALESCE(MAX(CASE WHEN purpose = 'stint' THEN start_date END), ''), MAX(updated_at)
  FROM visits GROUP BY researcher_id, school_year, half;
