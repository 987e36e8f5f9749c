-- Lists cost the page, not the region: people carry their organisation's
-- path (org_path, kept by triggers on every write path) so a scoped people
-- list is one range of the index (active, org_path, id) read in list order,
-- and the next page starts after the last key instead of at an OFFSET.

ALTER TABLE people ADD COLUMN org_path TEXT NOT NULL DEFAULT '';
-- split
UPDATE people p SET org_path = o.path FROM orgs o WHERE o.id = p.org_id;
-- split
CREATE INDEX people_scope_order ON people(active, org_path, id);
-- split
CREATE INDEX orgs_list_order ON orgs(active, path, id);
-- split
CREATE OR REPLACE FUNCTION people_org_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.org_path := COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '');
  RETURN NEW;
END
$$;
-- split
CREATE TRIGGER people_org_path BEFORE INSERT OR UPDATE OF org_id ON people
  FOR EACH ROW EXECUTE FUNCTION people_org_path();
-- split
CREATE OR REPLACE FUNCTION orgs_path_people() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET org_path = NEW.path WHERE org_id = NEW.id;
  RETURN NULL;
END
$$;
-- split
CREATE TRIGGER orgs_path_people AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path) EXECUTE FUNCTION orgs_path_people();
