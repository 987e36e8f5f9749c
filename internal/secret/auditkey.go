package secret

// AuditKey derives the key of the audit chain's HMAC from the master (data)
// key. Like the master key it never sits in the database, so rows rewritten by
// someone holding only the database file no longer verify.
func AuditKey(master []byte) []byte { return derive(master, "jiaoyan audit chain v2") }
