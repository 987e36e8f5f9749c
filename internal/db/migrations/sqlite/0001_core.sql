-- Core schema: regions, organisations, people, groups, studios, accounts,
-- roles, sessions, audit log, jobs. Timestamps are Unix milliseconds (BIGINT),
-- dates are ISO text (YYYY-MM-DD), so both dialects read them alike.

CREATE TABLE regions (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('province','city','county','town')),
  parent_code TEXT REFERENCES regions(code),
  mountain    BOOLEAN NOT NULL DEFAULT FALSE,
  path        TEXT NOT NULL,
  active      BOOLEAN NOT NULL DEFAULT TRUE,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regions_path ON regions(path);

CREATE TABLE orgs (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('bureau','research_office','school','teaching_point')),
  region_code TEXT NOT NULL REFERENCES regions(code),
  parent_id   BIGINT REFERENCES orgs(id),
  school_code TEXT UNIQUE,
  stages      TEXT NOT NULL DEFAULT '',
  locale      TEXT NOT NULL DEFAULT '',
  weak        BOOLEAN NOT NULL DEFAULT FALSE,
  address     TEXT NOT NULL DEFAULT '',
  path        TEXT NOT NULL DEFAULT '',
  active      BOOLEAN NOT NULL DEFAULT TRUE,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX orgs_path ON orgs(path);
CREATE INDEX orgs_region ON orgs(region_code);

CREATE TABLE people (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL,
  gender             TEXT NOT NULL DEFAULT '',
  id_enc             TEXT NOT NULL DEFAULT '',
  id_hash            TEXT UNIQUE,
  phone_enc          TEXT NOT NULL DEFAULT '',
  phone_hash         TEXT,
  org_id             BIGINT NOT NULL REFERENCES orgs(id),
  subjects           TEXT NOT NULL DEFAULT '',
  stages             TEXT NOT NULL DEFAULT '',
  title              TEXT NOT NULL DEFAULT '',
  education          TEXT NOT NULL DEFAULT '',
  tier               TEXT NOT NULL DEFAULT '',
  teaching_since     INTEGER NOT NULL DEFAULT 0,
  researcher_kind    TEXT NOT NULL DEFAULT '',
  researcher_subject TEXT NOT NULL DEFAULT '',
  researcher_stage   TEXT NOT NULL DEFAULT '',
  office_id          BIGINT REFERENCES orgs(id),
  expert             BOOLEAN NOT NULL DEFAULT FALSE,
  active             BOOLEAN NOT NULL DEFAULT TRUE,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         BIGINT NOT NULL,
  updated_at         BIGINT NOT NULL,
  updated_by         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX people_org ON people(org_id);
CREATE INDEX people_phone ON people(phone_hash);

CREATE TABLE person_honours (
  id        INTEGER PRIMARY KEY,
  person_id BIGINT NOT NULL REFERENCES people(id),
  name      TEXT NOT NULL,
  level     TEXT NOT NULL DEFAULT '',
  year      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_honours_person ON person_honours(person_id);

CREATE TABLE teaching_groups (
  id         INTEGER PRIMARY KEY,
  org_id     BIGINT NOT NULL REFERENCES orgs(id),
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('subject','lesson_prep','grade','cluster','project')),
  subject    TEXT NOT NULL DEFAULT '',
  stage      TEXT NOT NULL DEFAULT '',
  leader_id  BIGINT REFERENCES people(id),
  filed_on   TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT '',
  active     BOOLEAN NOT NULL DEFAULT TRUE,
  version    INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  UNIQUE (org_id, name)
);

CREATE TABLE group_members (
  group_id  BIGINT NOT NULL REFERENCES teaching_groups(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (group_id, person_id)
);

CREATE TABLE studios (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  level        TEXT NOT NULL CHECK (level IN ('province','city','county','school')),
  org_id       BIGINT NOT NULL REFERENCES orgs(id),
  host_id      BIGINT NOT NULL REFERENCES people(id),
  subject      TEXT NOT NULL DEFAULT '',
  stage        TEXT NOT NULL DEFAULT '',
  founded_year INTEGER NOT NULL DEFAULT 0,
  active       BOOLEAN NOT NULL DEFAULT TRUE,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL,
  updated_by   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE studio_members (
  studio_id BIGINT NOT NULL REFERENCES studios(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (studio_id, person_id)
);

CREATE TABLE roles (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  builtin     BOOLEAN NOT NULL DEFAULT FALSE,
  admin       BOOLEAN NOT NULL DEFAULT FALSE,
  scope       TEXT NOT NULL CHECK (scope IN ('all','subtree','org','self','custom')),
  permissions TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE role_orgs (
  role_id BIGINT NOT NULL REFERENCES roles(id),
  org_id  BIGINT NOT NULL REFERENCES orgs(id),
  PRIMARY KEY (role_id, org_id)
);

CREATE TABLE users (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,
  person_id           BIGINT UNIQUE REFERENCES people(id),
  password_hash       TEXT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  must_change         BOOLEAN NOT NULL DEFAULT TRUE,
  totp_secret_enc     TEXT NOT NULL DEFAULT '',
  totp_enabled        BOOLEAN NOT NULL DEFAULT FALSE,
  totp_last_step      BIGINT NOT NULL DEFAULT 0,
  failed_count        INTEGER NOT NULL DEFAULT 0,
  locked_until        BIGINT NOT NULL DEFAULT 0,
  active              BOOLEAN NOT NULL DEFAULT TRUE,
  last_login_at       BIGINT NOT NULL DEFAULT 0,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          BIGINT NOT NULL
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users(id),
  role_id BIGINT NOT NULL REFERENCES roles(id),
  PRIMARY KEY (user_id, role_id)
);

CREATE TABLE password_history (
  id            INTEGER PRIMARY KEY,
  user_id       BIGINT NOT NULL REFERENCES users(id),
  password_hash TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  seen_at    BIGINT NOT NULL,
  ip         TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT '',
  mfa_done   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
  id       INTEGER PRIMARY KEY,
  ip       TEXT NOT NULL,
  username TEXT NOT NULL,
  at       BIGINT NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures(ip, at);

CREATE TABLE audit_log (
  seq         BIGINT PRIMARY KEY,
  at          BIGINT NOT NULL,
  user_id     BIGINT NOT NULL DEFAULT 0,
  username    TEXT NOT NULL DEFAULT '',
  ip          TEXT NOT NULL DEFAULT '',
  user_agent  TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL DEFAULT '',
  object_id   TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT '',
  after_json  TEXT NOT NULL DEFAULT '',
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_user ON audit_log(username);

CREATE TABLE audit_head (
  id   INTEGER PRIMARY KEY CHECK (id = 1),
  seq  BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

CREATE TABLE instances (
  id         TEXT PRIMARY KEY,
  pid        INTEGER NOT NULL,
  host       TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  seen_at    BIGINT NOT NULL
);

CREATE TABLE jobs (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('queued','running','done','failed')),
  progress   INTEGER NOT NULL DEFAULT 0,
  total      INTEGER NOT NULL DEFAULT 0,
  message    TEXT NOT NULL DEFAULT '',
  result     TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END;
