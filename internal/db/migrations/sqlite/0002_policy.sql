-- Region policy (区域规则): which preset a region started from, and the
-- values of its rules by school year. The value in force for 学年 Z is the
-- row with the greatest from_school_year <= Z; a row with active = FALSE
-- withdraws the region's own value from that year (the parent region's value
-- applies again). version counts edits per (region_code, rule_key).

CREATE TABLE policy_sets (
  region_code      TEXT PRIMARY KEY REFERENCES regions(code),
  preset           TEXT NOT NULL DEFAULT '',
  from_school_year INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  updated_by       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE policy_values (
  id               INTEGER PRIMARY KEY,
  region_code      TEXT NOT NULL REFERENCES regions(code),
  rule_key         TEXT NOT NULL,
  from_school_year INTEGER NOT NULL,
  value            DOUBLE PRECISION NOT NULL,
  active           BOOLEAN NOT NULL DEFAULT TRUE,
  preset           TEXT NOT NULL DEFAULT '',
  source           TEXT NOT NULL DEFAULT '',
  clause           TEXT NOT NULL DEFAULT '',
  quote            TEXT NOT NULL DEFAULT '',
  note             TEXT NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  updated_by       TEXT NOT NULL DEFAULT '',
  UNIQUE (region_code, rule_key, from_school_year)
);
CREATE INDEX policy_values_lookup ON policy_values(region_code, from_school_year);
