-- Rules in force are kept per process (issue 12): a process reuses a
-- region's resolved rules until policy_version moves. Triggers raise it on
-- every write of a rule value, a region's rule set, or a region (its name
-- and path are part of a resolved rule), so no write path can forget it,
-- and several processes sharing one database all see the change.
CREATE TABLE policy_version (
  id INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
-- split
INSERT INTO policy_version (id, version) VALUES (1, 0);
-- split
CREATE OR REPLACE FUNCTION policy_version_raise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE policy_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
-- split
CREATE TRIGGER policy_values_version AFTER INSERT OR UPDATE OR DELETE ON policy_values
  FOR EACH STATEMENT EXECUTE FUNCTION policy_version_raise();
-- split
CREATE TRIGGER policy_sets_version AFTER INSERT OR UPDATE OR DELETE ON policy_sets
  FOR EACH STATEMENT EXECUTE FUNCTION policy_version_raise();
-- split
CREATE TRIGGER regions_policy_version AFTER INSERT OR UPDATE OR DELETE ON regions
  FOR EACH STATEMENT EXECUTE FUNCTION policy_version_raise();
