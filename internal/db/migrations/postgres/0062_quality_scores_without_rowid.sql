-- SQLite rebuilds quality_scores WITHOUT ROWID (one b-tree for the rows and
-- their key). PostgreSQL has no such table kind; its heap and primary-key
-- index stay as they are.
SELECT 1;
