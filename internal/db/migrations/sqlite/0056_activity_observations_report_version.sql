-- 听课评课 (issue 16): the workload card and the liaison dashboard count
-- submitted observations in place of typed visit counts, so a change of a
-- submitted record raises report_version (0035) like a visit does. Drafts,
-- saved as the observer types, leave it alone.
CREATE TRIGGER observations_report_version_insert AFTER INSERT ON observations WHEN NEW.state = 'submitted'
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER observations_report_version_update AFTER UPDATE ON observations WHEN OLD.state = 'submitted' OR NEW.state = 'submitted'
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER observations_report_version_delete AFTER DELETE ON observations WHEN OLD.state = 'submitted'
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
