-- Expert review (评审): the expert pool (专家库) with its join/leave
-- decisions and declared conflicts, campaigns (评审活动) with their rubric
-- versions, submissions (申报) through 推荐 and 形式审查, review assignments
-- (invitations and scores), 公示 objections and certificates.

CREATE TABLE review_experts (
  id            INTEGER PRIMARY KEY,
  person_id     BIGINT REFERENCES people(id),
  user_id       BIGINT,
  name          TEXT NOT NULL,
  affiliation   TEXT NOT NULL DEFAULT '',
  org_id        BIGINT REFERENCES orgs(id),
  county_code   TEXT NOT NULL DEFAULT '',
  pool_org_id   BIGINT NOT NULL REFERENCES orgs(id),
  pool_path     TEXT NOT NULL,
  subjects      TEXT NOT NULL DEFAULT '',
  stages        TEXT NOT NULL DEFAULT '',
  topics        TEXT NOT NULL DEFAULT '',
  level         TEXT NOT NULL DEFAULT 'normal' CHECK (level IN ('normal','senior')),
  terms         TEXT NOT NULL DEFAULT '',
  max_load      INTEGER NOT NULL DEFAULT 0,
  active        BOOLEAN NOT NULL DEFAULT TRUE,
  reviews_done  INTEGER NOT NULL DEFAULT 0,
  reviews_late  INTEGER NOT NULL DEFAULT 0,
  declines      INTEGER NOT NULL DEFAULT 0,
  outliers      INTEGER NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX review_experts_pool ON review_experts(pool_path);
CREATE INDEX review_experts_person ON review_experts(person_id);

CREATE TABLE review_pool_decisions (
  id          INTEGER PRIMARY KEY,
  expert_id   BIGINT NOT NULL REFERENCES review_experts(id),
  kind        TEXT NOT NULL CHECK (kind IN ('join','leave')),
  reason      TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  decided_at  BIGINT NOT NULL
);
CREATE INDEX review_pool_decisions_expert ON review_pool_decisions(expert_id);

CREATE TABLE review_conflicts (
  id            INTEGER PRIMARY KEY,
  expert_id     BIGINT NOT NULL REFERENCES review_experts(id),
  person_id     BIGINT,
  org_id        BIGINT,
  submission_id BIGINT,
  reason        TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX review_conflicts_expert ON review_conflicts(expert_id);

CREATE TABLE review_campaigns (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL,
  title            TEXT NOT NULL,
  call_text        TEXT NOT NULL DEFAULT '',
  org_id           BIGINT NOT NULL REFERENCES orgs(id),
  org_path         TEXT NOT NULL,
  reach_path       TEXT NOT NULL,
  term             TEXT NOT NULL DEFAULT '',
  opens_on         TEXT NOT NULL,
  closes_on        TEXT NOT NULL,
  review_due       TEXT NOT NULL DEFAULT '',
  subjects         TEXT NOT NULL DEFAULT '',
  stages           TEXT NOT NULL DEFAULT '',
  school_quota     INTEGER NOT NULL DEFAULT 0,
  county_quota     INTEGER NOT NULL DEFAULT 0,
  city_quota       INTEGER NOT NULL DEFAULT 0,
  award_quota      INTEGER NOT NULL DEFAULT 0,
  reviewers        INTEGER NOT NULL DEFAULT 3,
  blind            BOOLEAN NOT NULL DEFAULT FALSE,
  avoid_county     BOOLEAN NOT NULL DEFAULT FALSE,
  require_senior   BOOLEAN NOT NULL DEFAULT FALSE,
  method           TEXT NOT NULL DEFAULT 'mean' CHECK (method IN ('mean','trimmed','z')),
  outlier_gap      INTEGER NOT NULL DEFAULT 0,
  status           TEXT NOT NULL DEFAULT 'open',
  publicity_from   TEXT NOT NULL DEFAULT '',
  publicity_to     TEXT NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL
);
CREATE INDEX review_campaigns_org ON review_campaigns(org_path);

CREATE TABLE review_rubrics (
  id          INTEGER PRIMARY KEY,
  campaign_id BIGINT NOT NULL REFERENCES review_campaigns(id),
  version     INTEGER NOT NULL,
  items       TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  UNIQUE (campaign_id, version)
);

CREATE TABLE review_submissions (
  id            INTEGER PRIMARY KEY,
  campaign_id   BIGINT NOT NULL REFERENCES review_campaigns(id),
  author_id     BIGINT NOT NULL REFERENCES people(id),
  coauthors     TEXT NOT NULL DEFAULT '',
  org_id        BIGINT NOT NULL REFERENCES orgs(id),
  org_path      TEXT NOT NULL,
  county_code   TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  subject       TEXT NOT NULL DEFAULT '',
  stage         TEXT NOT NULL DEFAULT '',
  content       TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT 'draft',
  level         TEXT NOT NULL DEFAULT '',
  check_note    TEXT NOT NULL DEFAULT '',
  score         DOUBLE PRECISION,
  rank_no       INTEGER NOT NULL DEFAULT 0,
  awarded       BOOLEAN NOT NULL DEFAULT FALSE,
  submitted_at  BIGINT NOT NULL DEFAULT 0,
  version       INTEGER NOT NULL DEFAULT 1,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);
CREATE INDEX review_submissions_campaign ON review_submissions(campaign_id, status);
CREATE INDEX review_submissions_path ON review_submissions(org_path);

CREATE TABLE review_assignments (
  id             INTEGER PRIMARY KEY,
  campaign_id    BIGINT NOT NULL REFERENCES review_campaigns(id),
  submission_id  BIGINT NOT NULL REFERENCES review_submissions(id),
  expert_id      BIGINT NOT NULL REFERENCES review_experts(id),
  status         TEXT NOT NULL DEFAULT 'invited',
  affinity       INTEGER NOT NULL DEFAULT 0,
  due_on         TEXT NOT NULL DEFAULT '',
  no_conflict    BOOLEAN NOT NULL DEFAULT FALSE,
  rubric_version INTEGER NOT NULL DEFAULT 0,
  scores         TEXT NOT NULL DEFAULT '',
  total          DOUBLE PRECISION,
  comment        TEXT NOT NULL DEFAULT '',
  outlier        BOOLEAN NOT NULL DEFAULT FALSE,
  done_at        BIGINT NOT NULL DEFAULT 0,
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     BIGINT NOT NULL,
  updated_at     BIGINT NOT NULL
);
CREATE INDEX review_assignments_campaign ON review_assignments(campaign_id, submission_id);
CREATE INDEX review_assignments_expert ON review_assignments(expert_id, status);

CREATE TABLE review_objections (
  id            INTEGER PRIMARY KEY,
  campaign_id   BIGINT NOT NULL REFERENCES review_campaigns(id),
  submission_id BIGINT NOT NULL REFERENCES review_submissions(id),
  text          TEXT NOT NULL,
  filed_by      TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','upheld','dismissed')),
  reply         TEXT NOT NULL DEFAULT '',
  created_at    BIGINT NOT NULL,
  resolved_at   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX review_objections_campaign ON review_objections(campaign_id);

CREATE TABLE review_certificates (
  serial        TEXT PRIMARY KEY,
  submission_id BIGINT NOT NULL REFERENCES review_submissions(id),
  holder        TEXT NOT NULL,
  award         TEXT NOT NULL,
  campaign      TEXT NOT NULL,
  issued_on     TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);
CREATE INDEX review_certificates_submission ON review_certificates(submission_id);
