-- Lists cost the page, not the region: people carry their organisation's
-- path (org_path, kept by triggers on every write path) so a scoped people
-- list is one range of the index (active, org_path, id) read in list order,
-- and the next page starts after the last key instead of at an OFFSET.

ALTER TABLE people ADD COLUMN org_path TEXT NOT NULL DEFAULT '';
-- split
UPDATE people SET org_path = COALESCE((SELECT path FROM orgs WHERE orgs.id = people.org_id), '');
-- split
CREATE INDEX people_scope_order ON people(active, org_path, id);
-- split
CREATE INDEX orgs_list_order ON orgs(active, path, id);
-- split
CREATE TRIGGER people_org_path_insert AFTER INSERT ON people
BEGIN
  UPDATE people SET org_path = COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '') WHERE id = NEW.id;
END;
-- split
CREATE TRIGGER people_org_path_move AFTER UPDATE OF org_id ON people
BEGIN
  UPDATE people SET org_path = COALESCE((SELECT path FROM orgs WHERE id = NEW.org_id), '') WHERE id = NEW.id;
END;
-- split
CREATE TRIGGER orgs_path_people AFTER UPDATE OF path ON orgs
BEGIN
  UPDATE people SET org_path = NEW.path WHERE org_id = NEW.id;
END;
