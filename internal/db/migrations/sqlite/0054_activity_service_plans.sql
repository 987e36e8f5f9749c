-- 送教助研 (issue 16): the 活动方案 the office and the school agree before a
-- dispatch, kept in versions. Either side proposes a version (after the
-- first, with the reason for the change); the other confirms it or returns
-- it with a reason. An order is dispatched only when both sides agreed its
-- current version (office_agreed and school_agreed on plan_number). The
-- agreed hours and on-site days (送教天数) stay on the order and count to
-- its provider.
CREATE TABLE service_plans (
  id         INTEGER PRIMARY KEY,
  order_id   BIGINT NOT NULL REFERENCES service_orders(id),
  number     INTEGER NOT NULL,
  side       TEXT NOT NULL CHECK (side IN ('office', 'school')),
  body       TEXT NOT NULL,
  starts_at  TEXT NOT NULL,
  ends_at    TEXT NOT NULL,
  place      TEXT NOT NULL DEFAULT '',
  hours      DOUBLE PRECISION NOT NULL DEFAULT 0,
  days       INTEGER NOT NULL DEFAULT 1,
  reason     TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (order_id, number)
);

ALTER TABLE service_orders ADD COLUMN plan_number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE service_orders ADD COLUMN office_agreed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE service_orders ADD COLUMN school_agreed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE service_orders ADD COLUMN returned_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE service_orders ADD COLUMN hours DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE service_orders ADD COLUMN days INTEGER NOT NULL DEFAULT 0;
CREATE INDEX service_orders_provider ON service_orders(provider_id, activity_id);
