-- The liaison dashboard (工作量看板) is kept per process and reused while
-- report_version (and policy_version, for its rules) has not moved
-- (issue 12). Triggers raise report_version on every write of what the
-- dashboard reads: visits (and so visit_summaries, kept from them in the
-- same transaction), the credit ledger and its categories, organisations,
-- and people who are or were researchers. Being in the database, the
-- number moves for every serve process sharing it.
CREATE TABLE report_version (
  id INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
-- split
INSERT INTO report_version (id, version) VALUES (1, 0);
-- split
CREATE TRIGGER visits_report_version_insert AFTER INSERT ON visits
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER visits_report_version_update AFTER UPDATE ON visits
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER visits_report_version_delete AFTER DELETE ON visits
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_entries_report_version_insert AFTER INSERT ON credit_entries
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_entries_report_version_update AFTER UPDATE ON credit_entries
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_entries_report_version_delete AFTER DELETE ON credit_entries
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER dict_entries_report_version_insert AFTER INSERT ON dict_entries
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER dict_entries_report_version_update AFTER UPDATE ON dict_entries
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER dict_entries_report_version_delete AFTER DELETE ON dict_entries
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER orgs_report_version_insert AFTER INSERT ON orgs
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER orgs_report_version_update AFTER UPDATE ON orgs
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER orgs_report_version_delete AFTER DELETE ON orgs
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER people_report_version_insert AFTER INSERT ON people WHEN NEW.researcher_kind <> ''
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER people_report_version_update AFTER UPDATE ON people WHEN OLD.researcher_kind <> '' OR NEW.researcher_kind <> ''
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER people_report_version_delete AFTER DELETE ON people WHEN OLD.researcher_kind <> ''
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
END;
