-- 到校记录 (issue 12): the visit list is paged by keyset, newest first
-- (start_date DESC, id DESC); this index lets a page seek its 50 rows
-- instead of sorting every visit of a city.
CREATE INDEX visits_start ON visits(start_date, id);
