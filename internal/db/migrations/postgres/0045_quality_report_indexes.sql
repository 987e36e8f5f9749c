-- The report pages read one level of one subject in the engine's order,
-- one school's students in id order, and one subject's item or value-added
-- records. Without these the planners walked the primary keys in seq or
-- student order over the whole report (every level, every student) to
-- avoid a sort: 30,000 group rows for a 4-row county table at city-100k.
-- The group index carries the scope columns so that scope filters and
-- counts are decided on the index alone.
DROP INDEX quality_report_groups_level;
-- split
CREATE INDEX quality_report_groups_view ON quality_report_groups(report_id, level, subject, seq, scope_path, school_id);
-- split
DROP INDEX quality_report_students_school;
-- split
CREATE INDEX quality_report_students_school ON quality_report_students(report_id, school_id, student_id);
-- split
CREATE INDEX quality_report_records_subject ON quality_report_records(report_id, section, subject, seq);
