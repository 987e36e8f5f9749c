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
-- split
-- Visit attachments (migration 0005) move here with their bytes, as db
-- blobs in 256 KiB chunks, keeping their ids so old download links work.
INSERT INTO attach_blobs (sha256, size, backend, storage_key, created_at)
SELECT sha256, MIN(size), 'db', sha256, MIN(created_at) FROM visit_attachments GROUP BY sha256;
-- split
INSERT INTO attach_chunks (storage_key, seq, data)
WITH RECURSIVE seqs(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seqs WHERE n < 255)
SELECT v.sha256, seqs.n, substr(v.content, seqs.n * 262144 + 1, 262144)
FROM visit_attachments v JOIN seqs ON seqs.n * 262144 < v.size
WHERE v.id IN (SELECT MIN(id) FROM visit_attachments GROUP BY sha256);
-- split
INSERT INTO attachments (id, owner_kind, owner_id, blob_id, name, kind, file_type, mime, created_by, created_at)
WITH t(ext, code, mime) AS (VALUES
  ('.jpg', 'jpeg', 'image/jpeg'), ('.jpeg', 'jpeg', 'image/jpeg'), ('.png', 'png', 'image/png'),
  ('.pdf', 'pdf', 'application/pdf'),
  ('.doc', 'doc', 'application/msword'),
  ('.docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  ('.xls', 'xls', 'application/vnd.ms-excel'),
  ('.xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  ('.ppt', 'ppt', 'application/vnd.ms-powerpoint'),
  ('.pptx', 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'),
  ('.txt', 'txt', 'text/plain; charset=utf-8'), ('.mp3', 'mp3', 'audio/mpeg'), ('.m4a', 'm4a', 'audio/mp4'))
SELECT v.id, 'visit', v.visit_id, b.id, v.name, 'visit', COALESCE(t.code, ''), COALESCE(t.mime, v.mime), v.created_by, v.created_at
FROM visit_attachments v JOIN attach_blobs b ON b.sha256 = v.sha256
LEFT JOIN t ON lower(v.name) LIKE '%' || t.ext;
-- split
DROP TABLE visit_attachments;
