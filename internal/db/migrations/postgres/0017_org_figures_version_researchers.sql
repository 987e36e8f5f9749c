-- One number that every change of org_figures raises, in the same
-- transaction, so a process may keep a scope's summed figures and reuse
-- them until the number moves (home counters for a whole city in one
-- indexed read instead of summing every organisation's rows).
CREATE TABLE org_figures_version (
  id INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
-- split
INSERT INTO org_figures_version (id, version) VALUES (1, 0);
-- split
-- Researchers are a few hundred of a city's 60,000 people: the roster and
-- the dashboards read them from this partial index, not from every person.
CREATE INDEX people_researchers ON people(active, researcher_kind) WHERE researcher_kind <> '';
