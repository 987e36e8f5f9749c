-- The coverage table (覆盖情况) is kept per process like the dashboard and
-- reused while report_version and policy_version stay (issue 12). It also
-- reads the 蹲点 stations, their plans and the regions' names and paths, so
-- their writes raise report_version too.
CREATE TRIGGER stations_report_version_insert AFTER INSERT ON stations
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER stations_report_version_update AFTER UPDATE ON stations
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER stations_report_version_delete AFTER DELETE ON stations
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER station_plans_report_version_insert AFTER INSERT ON station_plans
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER station_plans_report_version_update AFTER UPDATE ON station_plans
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER station_plans_report_version_delete AFTER DELETE ON station_plans
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER regions_report_version_insert AFTER INSERT ON regions
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER regions_report_version_update AFTER UPDATE ON regions
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER regions_report_version_delete AFTER DELETE ON regions
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
