-- Files of any object (附件): blobs are de-duplicated by SHA-256 and kept by
-- one storage backend (db: attach_chunks below; dir: a content-addressed
-- directory; s3: an S3-compatible bucket); attachments tie a blob to its
-- owning object under the name the user uploaded it with.
CREATE TABLE attach_blobs (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL UNIQUE,
  size        BIGINT NOT NULL,
  backend     TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  created_at  BIGINT NOT NULL
);
-- split
CREATE TABLE attach_chunks (
  storage_key TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  data        BLOB NOT NULL,
  PRIMARY KEY (storage_key, seq)
);
-- split
CREATE TABLE attachments (
  id          INTEGER PRIMARY KEY,
  owner_kind  TEXT NOT NULL,
  owner_id    BIGINT NOT NULL,
  blob_id     BIGINT NOT NULL REFERENCES attach_blobs(id),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  file_type   TEXT NOT NULL,
  mime        TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
-- split
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);
-- split
CREATE INDEX attachments_blob ON attachments(blob_id);
