-- 参加工作时间 of a person (2001-09-01; NULL when not known), and the column
-- mappings a region's import remembers for its next file.
ALTER TABLE people ADD COLUMN work_start TEXT;

CREATE TABLE import_mappings (
  region_code TEXT NOT NULL,
  kind        TEXT NOT NULL,
  header      TEXT NOT NULL,
  field       TEXT NOT NULL,
  updated_by  TEXT NOT NULL DEFAULT '',
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (region_code, kind, header)
);
