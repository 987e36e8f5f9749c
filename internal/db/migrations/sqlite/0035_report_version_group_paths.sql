-- (1) The liaison dashboard (工作量看板) is kept per process and reused while
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
-- split
-- Teaching groups and studios carry their organisation's path (org_path,
-- kept by triggers like people.org_path, migration 0015), so their lists
-- are one range of the index (active, org_path, id) read in list order and
-- the next page starts after the last key.
ALTER TABLE teaching_groups ADD COLUMN org_path TEXT NOT NULL DEFAULT '';
-- split
UPDATE teaching_groups SET org_path = COALESCE((SELECT path FROM orgs WHERE orgs.id = teaching_groups.org_id), '');
-- split
CREATE INDEX teaching_groups_scope_order ON teaching_groups(active, org_path, id);
-- split
ALTER TABLE studios ADD COLUMN org_path TEXT NOT NULL DEFAULT '';
-- split
UPDATE studios SET org_path = COALESCE((SELECT path FROM orgs WHERE orgs.id = studios.org_id), '');
-- split
CREATE INDEX studios_scope_order ON studios(active, org_path, id);
-- split
CREATE TRIGGER teaching_groups_org_path_insert AFTER INSERT ON teaching_groups
BEGIN
  UPDATE teaching_groups SET org_path = COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '') WHERE id = NEW.id;
END;
-- split
CREATE TRIGGER teaching_groups_org_path_move AFTER UPDATE OF org_id ON teaching_groups
BEGIN
  UPDATE teaching_groups SET org_path = COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '') WHERE id = NEW.id;
END;
-- split
CREATE TRIGGER studios_org_path_insert AFTER INSERT ON studios
BEGIN
  UPDATE studios SET org_path = COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '') WHERE id = NEW.id;
END;
-- split
CREATE TRIGGER studios_org_path_move AFTER UPDATE OF org_id ON studios
BEGIN
  UPDATE studios SET org_path = COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '') WHERE id = NEW.id;
END;
-- split
CREATE TRIGGER orgs_path_groups_studios AFTER UPDATE OF path ON orgs
BEGIN
  UPDATE teaching_groups SET org_path = NEW.path WHERE org_id = NEW.id;
  UPDATE studios SET org_path = NEW.path WHERE org_id = NEW.id;
END;
-- split
-- A county's or a city's researchers, read from the few thousand of a
-- province by their organisation's path (the roster, the dashboards).
CREATE INDEX people_researchers_path ON people(active, org_path, id) WHERE researcher_kind <> '';
