package liaison

// likePrefix is the condition "col starts with prefix". A prefix made only
// of digits and '/' (a region code or region path) is written into the SQL
// as a literal: SQLite re-prepares a statement on every bind of a LIKE
// pattern, and such a prefix holds no quote and no LIKE wildcard. Anything
// else stays a bound pattern.
func likePrefix(col, prefix string) (string, []any) {
	plain := prefix != ""
	for _, c := range prefix {
		plain = plain && (c >= '0' && c <= '9' || c == '/')
	}
	if plain {
		return col + " LIKE '" + prefix + "%'", nil
	}
	return col + " LIKE ?", []any{prefix + "%"}
}
