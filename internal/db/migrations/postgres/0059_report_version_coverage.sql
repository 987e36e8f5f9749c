-- The coverage table (覆盖情况) is kept per process like the dashboard and
-- reused while report_version and policy_version stay (issue 12). It also
-- reads the 蹲点 stations, their plans and the regions' names and paths, so
-- their writes raise report_version too.
CREATE TRIGGER stations_report_version AFTER INSERT OR UPDATE OR DELETE ON stations
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER station_plans_report_version AFTER INSERT OR UPDATE OR DELETE ON station_plans
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER regions_report_version AFTER INSERT OR UPDATE OR DELETE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
