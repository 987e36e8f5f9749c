-- 送教助研 (issue 16): an office's service menu (菜单式供给) with the named
-- providers of each item, and schools' orders (订单式送教), which the office
-- agrees and dispatches as an activity, and the school's feedback.

CREATE TABLE service_items (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  org_path    TEXT NOT NULL,
  name        TEXT NOT NULL,
  subject     TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  active      BOOLEAN NOT NULL DEFAULT TRUE,
  version     INTEGER NOT NULL DEFAULT 1,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  updated_at  BIGINT NOT NULL
);
CREATE INDEX service_items_region ON service_items(region_path, id);

CREATE TABLE service_providers (
  item_id   BIGINT NOT NULL REFERENCES service_items(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (item_id, person_id)
);

CREATE TABLE service_orders (
  id           INTEGER PRIMARY KEY,
  item_id      BIGINT NOT NULL REFERENCES service_items(id),
  school_id    BIGINT NOT NULL REFERENCES orgs(id),
  school_path  TEXT NOT NULL,
  need         TEXT NOT NULL,
  preferred    TEXT NOT NULL DEFAULT '',
  audience     TEXT NOT NULL DEFAULT '',
  state        TEXT NOT NULL CHECK (state IN ('ordered', 'dispatched', 'done')),
  activity_id  BIGINT NOT NULL DEFAULT 0,
  provider_id  BIGINT NOT NULL DEFAULT 0,
  satisfaction INTEGER NOT NULL DEFAULT 0,
  feedback     TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  created_by   TEXT NOT NULL DEFAULT '',
  created_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
CREATE INDEX service_orders_item ON service_orders(item_id, id);
CREATE INDEX service_orders_school ON service_orders(school_path, id);

-- 网络教研 / 虚拟教研室: online rooms per subject and stage or project, their
-- members, scheduled online sessions (the meeting tool's link, the record
-- and the replay link), and asynchronous threads with replies.
CREATE TABLE rooms (
  id          INTEGER PRIMARY KEY,
  org_id      BIGINT NOT NULL REFERENCES orgs(id),
  org_path    TEXT NOT NULL,
  name        TEXT NOT NULL,
  subject     TEXT NOT NULL DEFAULT '',
  stage       TEXT NOT NULL DEFAULT '',
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX rooms_org ON rooms(org_path, id);

CREATE TABLE room_members (
  room_id   BIGINT NOT NULL REFERENCES rooms(id),
  person_id BIGINT NOT NULL REFERENCES people(id),
  PRIMARY KEY (room_id, person_id)
);
CREATE INDEX room_members_person ON room_members(person_id, room_id);

CREATE TABLE room_sessions (
  id          INTEGER PRIMARY KEY,
  room_id     BIGINT NOT NULL REFERENCES rooms(id),
  title       TEXT NOT NULL,
  starts_at   TEXT NOT NULL,
  link        TEXT NOT NULL DEFAULT '',
  record      TEXT NOT NULL DEFAULT '',
  replay_link TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX room_sessions_room ON room_sessions(room_id, starts_at);

CREATE TABLE room_threads (
  id         INTEGER PRIMARY KEY,
  room_id    BIGINT NOT NULL REFERENCES rooms(id),
  title      TEXT NOT NULL,
  author_id  BIGINT NOT NULL REFERENCES people(id),
  replies    INTEGER NOT NULL DEFAULT 0,
  last_at    BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX room_threads_room ON room_threads(room_id, last_at);

CREATE TABLE room_posts (
  id         INTEGER PRIMARY KEY,
  thread_id  BIGINT NOT NULL REFERENCES room_threads(id),
  author_id  BIGINT NOT NULL REFERENCES people(id),
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX room_posts_thread ON room_posts(thread_id, id);

-- 名师工作室 定点入驻 (003): the weak schools a studio is assigned to in a
-- 学年; a page lists those no activity of the studio reached in a term.
CREATE TABLE studio_assignments (
  studio_id   BIGINT NOT NULL REFERENCES studios(id),
  school_id   BIGINT NOT NULL REFERENCES orgs(id),
  school_year INTEGER NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (school_year, studio_id, school_id)
);
