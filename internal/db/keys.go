package db

// SetKey gives the handle an opaque key for one purpose (e.g. "audit"), so
// code that only holds a transaction can reach it without a global. The
// opener sets its keys before the handle is shared; the keys are never
// written to the database.
func (d *DB) SetKey(purpose string, key []byte) {
	if d.keys == nil {
		d.keys = map[string][]byte{}
	}
	d.keys[purpose] = key
}

// Key returns the key set for purpose, nil when none was set.
func (d *DB) Key(purpose string) []byte { return d.keys[purpose] }

// Key returns the key the transaction's database handle holds for purpose.
func (t *Tx) Key(purpose string) []byte {
	if t.db == nil {
		return nil
	}
	return t.db.Key(purpose)
}
