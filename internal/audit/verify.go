package audit

import (
	"context"
	"fmt"

	"jiaoyan/internal/db"
)

// VerifyResult is the outcome of checking the whole chain.
type VerifyResult struct {
	Rows        int64
	OK          bool
	BadSeq      int64    // the first row found wrong (or missing), 0 when OK
	Problem     string   // Chinese description of the first problem
	Problems    []string // every kind of problem found, first first
	Checkpoints int      // valid checkpoints the chain was compared with
	Sealed      int64    // rows chained before the key, covered by the seal row
	KeyMismatch bool     // the chain was made with another key
}

// Message is the one Chinese line an operator or auditor reads.
func (r VerifyResult) Message() string {
	switch {
	case !r.OK:
		return r.Problem
	case r.Checkpoints == 0:
		return fmt.Sprintf("审计日志完整：共 %s 条，链完整（没有检查点可比对，无法发现末尾被截断）", thousands(r.Rows))
	}
	return fmt.Sprintf("审计日志完整：共 %s 条，链与 %d 个检查点一致", thousands(r.Rows), r.Checkpoints)
}

// Verify checks the keyed chain alone, as VerifyCheckpoints with none.
func Verify(ctx context.Context, d *db.DB) (VerifyResult, error) {
	return VerifyCheckpoints(ctx, d, nil)
}

// VerifyCheckpoints walks the audit log in sequence order with d's audit key
// and recomputes every code; then it compares the chain with cps, the signed
// checkpoints kept outside the database. OK is false, with the first bad
// sequence number, when: the chain was made with another key; a field was
// changed, a row removed, reordered or re-chained without the key; the head
// does not match the last row; a checkpoint's signature is wrong; a
// checkpoint's row now has another code (history rewritten up to it); or a
// checkpoint names a row past the end (the tail was cut off). It returns an
// error only when the database cannot be read or d holds no key.
func VerifyCheckpoints(ctx context.Context, d *db.DB, cps []Checkpoint) (VerifyResult, error) {
	key := d.Key(keyPurpose)
	if key == nil {
		return VerifyResult{}, errNoKey
	}
	v := &verifier{key: key}
	err := d.Read(ctx, func(tx *db.Tx) error { return v.run(ctx, tx, cps) })
	v.res.OK = len(v.res.Problems) == 0
	if !v.res.OK {
		v.res.Problem = v.res.Problems[0]
	}
	return v.res, err
}

func (v *verifier) run(ctx context.Context, tx *db.Tx, cps []Checkpoint) error {
	var h head
	if err := tx.QueryRow(ctx, "SELECT seq, hash, key_id FROM audit_head WHERE id = 1").Scan(&h.seq, &h.hash, &h.keyID); err != nil {
		return err
	}
	if h.keyID != "" && h.keyID != keyID(v.key) {
		v.res.KeyMismatch = true
		v.fail(0, errKeyMismatch.Error())
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM audit_log")
		v.res.Rows = int64(n)
		return err
	}
	v.checkSignatures(cps)
	var sealSeq int64
	if err := tx.QueryRow(ctx, "SELECT COALESCE(MIN(seq), 0) FROM audit_log WHERE action = ?", ActionSeal).Scan(&sealSeq); err != nil {
		return err
	}
	if sealSeq > 0 {
		v.res.Sealed = sealSeq - 1
	}
	if err := v.walk(ctx, tx, sealSeq); err != nil {
		return err
	}
	if len(v.res.Problems) == 0 && (h.seq != v.lastSeq || h.hash != v.lastHash) {
		v.fail(h.seq, fmt.Sprintf("链尾记录不符：应有 %s 条，实有 %s 条，末尾记录可能被删除", thousands(h.seq), thousands(v.res.Rows)))
	}
	v.checkTail()
	return nil
}

// walk recomputes every row's code: plain SHA-256 before the seal row at
// sealSeq (0: none, every row keyed), keyed from it on.
func (v *verifier) walk(ctx context.Context, tx *db.Tx, sealSeq int64) error {
	rows, err := tx.Query(ctx, "SELECT "+rowColumns+" FROM audit_log ORDER BY seq")
	if err != nil {
		return err
	}
	defer rows.Close()
	chainOK := true
	for rows.Next() {
		r, err := scanRow(rows)
		if err != nil {
			return err
		}
		v.res.Rows++
		want := r.keyedHash(v.key)
		if r.Seq < sealSeq {
			want = r.plainHash()
		}
		if problem := checkLink(r, v.res.Rows, v.lastHash, want); problem != "" && chainOK {
			chainOK = false
			v.fail(r.Seq, problem)
		}
		v.checkRow(r)
		v.lastSeq, v.lastHash = r.Seq, r.Hash
	}
	return rows.Err()
}

func checkLink(r Row, n int64, prev, want string) string {
	switch {
	case r.Seq != n:
		return fmt.Sprintf("第 %s 条记录缺失（序号跳到 %s）", thousands(n), thousands(r.Seq))
	case r.PrevHash != prev:
		return fmt.Sprintf("第 %s 条记录与前一条的链接不符（前面的记录被删除或改动）", thousands(r.Seq))
	case want != r.Hash:
		return fmt.Sprintf("第 %s 条记录被篡改（校验码不符）", thousands(r.Seq))
	}
	return ""
}
