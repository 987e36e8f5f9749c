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
