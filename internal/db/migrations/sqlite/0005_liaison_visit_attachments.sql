-- Files attached to a visit (听课记录、照片、调研材料).
CREATE TABLE visit_attachments (
  id         INTEGER PRIMARY KEY,
  visit_id   BIGINT NOT NULL REFERENCES visits(id),
  name       TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size       BIGINT NOT NULL,
  sha256     TEXT NOT NULL,
  content    BLOB NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX visit_attachments_visit ON visit_attachments(visit_id);
