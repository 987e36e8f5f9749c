-- 听课评课 (issue 16): the workload card and the liaison dashboard count
-- submitted observations in place of typed visit counts, so a change of a
-- submitted record raises report_version (0035) like a visit does. Drafts,
-- saved as the observer types, leave it alone.
CREATE TRIGGER observations_report_version_insert AFTER INSERT ON observations
  FOR EACH ROW WHEN (NEW.state = 'submitted') EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER observations_report_version_update AFTER UPDATE ON observations
  FOR EACH ROW WHEN (OLD.state = 'submitted' OR NEW.state = 'submitted') EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER observations_report_version_delete AFTER DELETE ON observations
  FOR EACH ROW WHEN (OLD.state = 'submitted') EXECUTE FUNCTION report_version_raise();
