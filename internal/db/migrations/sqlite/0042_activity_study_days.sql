-- 学科研修日 (issue 16): a region's fixed weekday and half-day per subject,
-- set by the city or county office and effective from a school year until a
-- later row of the same region and subject takes over. A region without its
-- own row follows the nearest region above it. weekday is 1 (周一) .. 7 (周日);
-- half is 'am' (上午) or 'pm' (下午).

CREATE TABLE activity_study_days (
  id          INTEGER PRIMARY KEY,
  region_code TEXT NOT NULL REFERENCES regions(code),
  region_path TEXT NOT NULL,
  subject     TEXT NOT NULL,
  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  half        TEXT NOT NULL CHECK (half IN ('am', 'pm')),
  from_year   INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  updated_by  TEXT NOT NULL DEFAULT '',
  updated_at  BIGINT NOT NULL,
  UNIQUE (region_code, subject, from_year)
);
CREATE INDEX activity_study_days_path ON activity_study_days(region_path, subject, from_year);
