-- 教研活动 (issue 16): the calendar reads a county's (or a city's, region
-- by region) activities of one day by seeking (region_code, starts_at),
-- not by walking the city's starts_at index past other counties' rows.
CREATE INDEX activities_region_starts ON activities(region_code, starts_at, id);
