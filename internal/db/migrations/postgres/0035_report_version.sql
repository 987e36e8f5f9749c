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
CREATE OR REPLACE FUNCTION report_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE report_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
-- split
CREATE TRIGGER visits_report_version AFTER INSERT OR UPDATE OR DELETE ON visits
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER credit_entries_report_version AFTER INSERT OR UPDATE OR DELETE ON credit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER dict_entries_report_version AFTER INSERT OR UPDATE OR DELETE ON dict_entries
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER orgs_report_version AFTER INSERT OR UPDATE OR DELETE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER people_report_version_insert AFTER INSERT ON people
  FOR EACH ROW WHEN (NEW.researcher_kind <> '') EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER people_report_version_update AFTER UPDATE ON people
  FOR EACH ROW WHEN (OLD.researcher_kind <> '' OR NEW.researcher_kind <> '') EXECUTE FUNCTION report_version_raise();
-- split
CREATE TRIGGER people_report_version_delete AFTER DELETE ON people
  FOR EACH ROW WHEN (OLD.researcher_kind <> '') EXECUTE FUNCTION report_version_raise();
