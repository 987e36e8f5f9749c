package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// keyPurpose names the audit key among the keys a db handle carries.
const keyPurpose = "audit"

// ActionSeal is the action of the row that seals the rows chained before the
// key was introduced.
const ActionSeal = "audit.seal"

// SetKey gives d the audit chain's key (secret.AuditKey of the data key).
// Whoever opens the database calls it before any service writes; Record and
// Verify read it from the handle.
func SetKey(d *db.DB, key []byte) { d.SetKey(keyPurpose, key) }

var errNoKey = errors.New("审计链密钥未设置：无法写入或校验审计日志")

// errKeyMismatch is what a process whose key did not make the chain gets.
var errKeyMismatch = errors.New("审计链密钥不符：数据库中的审计链不是用当前数据密钥生成的，请确认 JIAOYAN_KEY 或 jiaoyan.key 是否正确")

// keyID is a fingerprint of key, stored in audit_head so a wrong key is named
// as such. It is a MAC of a fixed text: it reveals nothing of the key.
func keyID(key []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("jiaoyan audit key id"))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// head is the audit_head row: the last row's seq and code, and the key's
// fingerprint (empty before the first keyed write).
type head struct {
	seq   int64
	hash  string
	keyID string
}

// lockHead returns tx's key and the chain head, row-locked on PostgreSQL.
func lockHead(ctx context.Context, tx *db.Tx) ([]byte, head, error) {
	var h head
	key := tx.Key(keyPurpose)
	if key == nil {
		return nil, h, errNoKey
	}
	err := tx.QueryRow(ctx, "SELECT seq, hash, key_id FROM audit_head WHERE id = 1"+tx.ForUpdate()).
		Scan(&h.seq, &h.hash, &h.keyID)
	if err == nil && h.keyID != "" && h.keyID != keyID(key) {
		err = errKeyMismatch
	}
	return key, h, err
}

// seal makes the chain keyed from here on. Rows written before this version
// carry plain SHA-256 codes that anyone can recompute, so instead of
// re-chaining them (which would need UPDATEs the table refuses, and would
// bless any edit already made) one keyed row is appended whose code covers the
// legacy head: changing any older row changes the legacy head and so breaks
// this row, which cannot be recomputed without the key. Verify checks rows
// before the first seal row with plain SHA-256 and every later row keyed. The
// seal row's summary says whether the legacy chain was whole when sealed. A
// fresh database (no rows) needs no seal row.
func seal(ctx context.Context, tx *db.Tx, key []byte, h head) (head, error) {
	h.keyID = keyID(key)
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET key_id = ? WHERE id = 1", h.keyID); err != nil {
		return h, err
	}
	if h.seq == 0 {
		return h, nil
	}
	summary := fmt.Sprintf("审计链启用密钥校验：封存此前的 %s 条记录", thousands(h.seq))
	bad, problem, err := checkLegacy(ctx, tx)
	if err != nil {
		return h, err
	}
	if bad != 0 {
		summary += "；封存前校验发现问题：" + problem
	}
	return appendRow(ctx, tx, key, h, app.Actor{Username: "系统", IP: "本机"},
		Entry{Action: ActionSeal, ObjectType: "audit", ObjectID: strconv.FormatInt(h.seq, 10), Summary: summary})
}

// checkLegacy walks the unkeyed rows and returns the first problem.
func checkLegacy(ctx context.Context, tx *db.Tx) (int64, string, error) {
	rows, err := tx.Query(ctx, "SELECT "+rowColumns+" FROM audit_log ORDER BY seq")
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	var n int64
	prev := ""
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return 0, "", err
		}
		n++
		if problem := checkLink(r, n, prev, r.plainHash()); problem != "" {
			return r.Seq, problem, nil
		}
		prev = r.Hash
	}
	return 0, "", rows.Err()
}

// keyedHash is the row's code: HMAC-SHA256 under key over the previous code
// and every field.
func (r Row) keyedHash(key []byte) string { return r.digest(hmac.New(sha256.New, key)) }

// plainHash is the unkeyed SHA-256 code of rows written before the key.
func (r Row) plainHash() string { return r.digest(sha256.New()) }

// digest feeds the previous code and every field to h, each length-prefixed
// so no two rows can encode alike.
func (r Row) digest(h hash.Hash) string {
	for _, f := range []string{
		r.PrevHash, strconv.FormatInt(r.Seq, 10), strconv.FormatInt(r.At, 10), strconv.FormatInt(r.UserID, 10),
		r.Username, r.IP, r.UserAgent, r.Action, r.ObjectType, r.ObjectID, r.Summary, r.BeforeJSON, r.AfterJSON,
	} {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// thousands formats n as 12,345.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Seal makes d's chain keyed now rather than at the first write (see seal):
// called when a process opens the database. It returns how many unkeyed
// rows the new seal row covers (0 when already keyed or empty), and fails
// with the key-mismatch error when the chain was made with another key.
func Seal(ctx context.Context, d *db.DB) (int64, error) {
	var n int64
	err := d.Write(ctx, func(tx *db.Tx) error {
		key, h, err := lockHead(ctx, tx)
		if err != nil || h.keyID != "" {
			return err
		}
		n = h.seq
		_, err = seal(ctx, tx, key, h)
		return err
	})
	return n, err
}
