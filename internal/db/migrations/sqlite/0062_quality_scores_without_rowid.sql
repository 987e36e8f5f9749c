-- quality_scores is written 900,000 rows at a time (city-100k) and read back
-- whole in key order by the analysis. As a rowid table every row went into
-- two b-trees (the rows and the primary-key index) and every read in key
-- order sought the row from the index. WITHOUT ROWID keeps the rows in the
-- primary key's b-tree: one insert per row and a plain walk to read them.
CREATE TABLE quality_scores_new (
  exam_id     BIGINT NOT NULL REFERENCES quality_exams(id),
  subject     TEXT NOT NULL,
  student_id  TEXT NOT NULL,
  school_id   BIGINT NOT NULL REFERENCES orgs(id),
  class_name  TEXT NOT NULL,
  absent      INTEGER NOT NULL DEFAULT 0,
  cells       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (exam_id, subject, student_id)
) WITHOUT ROWID;
-- split
INSERT INTO quality_scores_new (exam_id, subject, student_id, school_id, class_name, absent, cells)
  SELECT exam_id, subject, student_id, school_id, class_name, absent, cells FROM quality_scores;
-- split
DROP TABLE quality_scores;
-- split
ALTER TABLE quality_scores_new RENAME TO quality_scores;
