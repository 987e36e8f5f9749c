-- The credit ledger's per-category rules and its summaries.
-- credit_rules: a region's 学时→学分 conversion and cycle cap of one
-- category, in force from a 学年 on (0: not set). A county's row beats the
-- city's; the latest from_year not after the entry's 学年 applies.
-- credit_person_years / credit_person_year_categories: the approved totals
-- of a person's 学年 (and of each category), kept in the transaction that
-- approves or writes an entry, so a city's standing reads one row per
-- person and year instead of the whole ledger. Both are clustered by person
-- (SQLite: WITHOUT ROWID), so a cycle's sums group as they are read.

CREATE TABLE credit_rules (
  id               INTEGER PRIMARY KEY,
  region_code      TEXT NOT NULL REFERENCES regions(code),
  category         TEXT NOT NULL,
  from_year        INTEGER NOT NULL,
  hours_per_credit DOUBLE PRECISION NOT NULL DEFAULT 0,
  cap_per_cycle    DOUBLE PRECISION NOT NULL DEFAULT 0,
  note             TEXT NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 1,
  updated_by       TEXT NOT NULL DEFAULT '',
  updated_at       BIGINT NOT NULL,
  UNIQUE (region_code, category, from_year)
);

CREATE TABLE credit_person_years (
  person_id   BIGINT NOT NULL REFERENCES people(id),
  school_year INTEGER NOT NULL,
  hours       DOUBLE PRECISION NOT NULL DEFAULT 0,
  credits     DOUBLE PRECISION NOT NULL DEFAULT 0,
  entries     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, school_year)
) WITHOUT ROWID;

CREATE TABLE credit_person_year_categories (
  person_id   BIGINT NOT NULL REFERENCES people(id),
  school_year INTEGER NOT NULL,
  category    TEXT NOT NULL,
  hours       DOUBLE PRECISION NOT NULL DEFAULT 0,
  credits     DOUBLE PRECISION NOT NULL DEFAULT 0,
  entries     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, category, school_year)
) WITHOUT ROWID;

INSERT INTO credit_person_years (person_id, school_year, hours, credits, entries)
SELECT person_id, school_year, SUM(hours), SUM(credits), COUNT(*) FROM credit_entries WHERE state = 'approved'
GROUP BY person_id, school_year;

INSERT INTO credit_person_year_categories (person_id, school_year, category, hours, credits, entries)
SELECT person_id, school_year, category, SUM(hours), SUM(credits), COUNT(*) FROM credit_entries WHERE state = 'approved'
GROUP BY person_id, school_year, category;
