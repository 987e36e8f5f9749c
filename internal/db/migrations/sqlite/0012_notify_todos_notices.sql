-- 待办, 通知公告 with audience and 回执, the per-user message inbox, and
-- mail addresses for optional reminder mail. Dates are ISO text, times Unix ms.

CREATE TABLE todos (
  id          INTEGER PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id),
  todo_key    TEXT NOT NULL,
  source      TEXT NOT NULL,
  title       TEXT NOT NULL,
  link        TEXT NOT NULL DEFAULT '',
  due         TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  done_at     BIGINT NOT NULL DEFAULT 0,
  reminded_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX todos_user_open ON todos(user_id, done_at);
CREATE INDEX todos_key ON todos(todo_key, done_at);
CREATE UNIQUE INDEX todos_open_key ON todos(user_id, todo_key) WHERE done_at = 0;

CREATE TABLE notices (
  id                INTEGER PRIMARY KEY,
  title             TEXT NOT NULL,
  body              TEXT NOT NULL DEFAULT '',
  publisher_org_id  BIGINT NOT NULL REFERENCES orgs(id),
  publisher_user_id BIGINT NOT NULL REFERENCES users(id),
  pinned            BOOLEAN NOT NULL DEFAULT FALSE,
  expires_on        TEXT NOT NULL DEFAULT '',
  needs_receipt     BOOLEAN NOT NULL DEFAULT FALSE,
  status            TEXT NOT NULL CHECK (status IN ('draft','published','withdrawn')),
  published_at      BIGINT NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        BIGINT NOT NULL,
  updated_at        BIGINT NOT NULL,
  updated_by        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notices_status ON notices(status, published_at);

CREATE TABLE notice_targets (
  notice_id   BIGINT NOT NULL REFERENCES notices(id),
  path_prefix TEXT NOT NULL,
  label       TEXT NOT NULL,
  PRIMARY KEY (notice_id, path_prefix)
);
CREATE INDEX notice_targets_prefix ON notice_targets(path_prefix);

CREATE TABLE notice_roles (
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  role_code TEXT NOT NULL,
  PRIMARY KEY (notice_id, role_code)
);

CREATE TABLE notice_receipts (
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  user_id   BIGINT NOT NULL REFERENCES users(id),
  read_at   BIGINT NOT NULL,
  PRIMARY KEY (notice_id, user_id)
);
CREATE INDEX notice_receipts_user ON notice_receipts(user_id);

CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  user_id     BIGINT NOT NULL REFERENCES users(id),
  message_key TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL,
  body        TEXT NOT NULL DEFAULT '',
  link        TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  read_at     BIGINT NOT NULL DEFAULT 0,
  mail_state  TEXT NOT NULL DEFAULT '' CHECK (mail_state IN ('','pending','sent','failed','expired'))
);
CREATE INDEX messages_mail ON messages(mail_state, created_at);
CREATE INDEX messages_user ON messages(user_id, read_at);
CREATE UNIQUE INDEX messages_once ON messages(user_id, message_key) WHERE message_key <> '';

CREATE TABLE notify_mail (
  user_id    BIGINT PRIMARY KEY REFERENCES users(id),
  email      TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
