-- School designations (学校称号, issue 13): a code table of the titles a
-- region confers (校本研修示范校 built in; a region adds its own, seen by
-- itself and the regions under it), and the designations of schools, each
-- with its 学年, level (市级/县级) and basis (the 认定 document), set by the
-- county or city. The 校本研修示范校 target counts the schools designated up
-- to a 学年.
CREATE TABLE training_designation_kinds (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  region_code TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL DEFAULT 0
);
-- split
INSERT INTO training_designation_kinds (code, name) VALUES ('training_model_school', '校本研修示范校');
-- split
CREATE TABLE training_school_designations (
  id          INTEGER PRIMARY KEY,
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  kind_code   TEXT NOT NULL,
  school_year INTEGER NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('city', 'county')),
  basis       TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  UNIQUE (org_id, kind_code)
);
-- split
CREATE INDEX training_school_designations_kind ON training_school_designations(kind_code, school_year);
