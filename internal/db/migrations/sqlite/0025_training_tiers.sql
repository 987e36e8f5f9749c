-- A person's 五梯级 history (新任 → 合格 → 骨干 → 学科带头人 → 名师名校长):
-- each step with its date, 学年 and basis, which the talent targets count.

CREATE TABLE training_tier_history (
  id          INTEGER PRIMARY KEY,
  person_id   BIGINT NOT NULL REFERENCES people(id),
  tier        TEXT NOT NULL CHECK (tier IN ('new', 'qualified', 'backbone', 'leader', 'master')),
  on_date     TEXT NOT NULL,
  school_year INTEGER NOT NULL,
  basis       TEXT NOT NULL,
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL
);
CREATE INDEX training_tier_history_person ON training_tier_history(person_id, on_date);
CREATE INDEX training_tier_history_tier ON training_tier_history(tier, school_year);
