-- Claims (学分认定申请): a teacher's outside training with its certificate,
-- approved by the school and then the county. The credit ledger holds the
-- entry (state pending until the county approves); the claim holds the
-- organiser, the dates and where in the approval it stands.

CREATE TABLE training_claims (
  id          INTEGER PRIMARY KEY,
  entry_id    BIGINT NOT NULL UNIQUE REFERENCES credit_entries(id),
  person_id   BIGINT NOT NULL REFERENCES people(id),
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  organiser   TEXT NOT NULL,
  start_date  TEXT NOT NULL,
  end_date    TEXT NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('school', 'county', 'approved', 'returned')),
  school_by   TEXT NOT NULL DEFAULT '',
  school_at   BIGINT NOT NULL DEFAULT 0,
  county_by   TEXT NOT NULL DEFAULT '',
  county_at   BIGINT NOT NULL DEFAULT 0,
  reason      TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL
);
CREATE INDEX training_claims_stage ON training_claims(stage, org_id);
CREATE INDEX training_claims_person ON training_claims(person_id, id);
