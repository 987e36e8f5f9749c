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
