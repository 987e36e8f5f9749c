-- The choice lists of one kind of organisation (the 教研室 of a scope on
-- the researcher roster, every office picker) read one range of this index
-- in list order instead of every organisation of the scope.

CREATE INDEX orgs_kind_order ON orgs(kind, active, path, id);
