-- A scope's credit standing is kept per process (issue 13) until
-- credit_version (or policy_version, for the cycle and minimum rules)
-- moves. Triggers raise it on every write of what a standing reads: the
-- per-person-year summaries, the per-category credit rules, the people of
-- a standing (added, removed, moved, renamed, made active or inactive),
-- organisations (name, kind, path, region) and the category code table,
-- in the writing transaction, so every process sharing the database sees
-- the change.
CREATE TABLE credit_version (
  id INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
-- split
INSERT INTO credit_version (id, version) VALUES (1, 0);
-- split
CREATE TRIGGER credit_person_years_credit_version_insert AFTER INSERT ON credit_person_years
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_person_years_credit_version_update AFTER UPDATE ON credit_person_years
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_person_years_credit_version_delete AFTER DELETE ON credit_person_years
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_person_year_categories_credit_version_insert AFTER INSERT ON credit_person_year_categories
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_person_year_categories_credit_version_update AFTER UPDATE ON credit_person_year_categories
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_person_year_categories_credit_version_delete AFTER DELETE ON credit_person_year_categories
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_rules_credit_version_insert AFTER INSERT ON credit_rules
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_rules_credit_version_update AFTER UPDATE ON credit_rules
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER credit_rules_credit_version_delete AFTER DELETE ON credit_rules
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER orgs_credit_version_insert AFTER INSERT ON orgs
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER orgs_credit_version_update AFTER UPDATE ON orgs
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER orgs_credit_version_delete AFTER DELETE ON orgs
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER people_credit_version_insert AFTER INSERT ON people
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER people_credit_version_update AFTER UPDATE OF org_id, active, name ON people
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER people_credit_version_delete AFTER DELETE ON people
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER dict_entries_credit_version_insert AFTER INSERT ON dict_entries WHEN NEW.table_code = 'credit_category'
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER dict_entries_credit_version_update AFTER UPDATE ON dict_entries WHEN OLD.table_code = 'credit_category' OR NEW.table_code = 'credit_category'
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
-- split
CREATE TRIGGER dict_entries_credit_version_delete AFTER DELETE ON dict_entries WHEN OLD.table_code = 'credit_category'
BEGIN
  UPDATE credit_version SET version = version + 1 WHERE id = 1;
END;
