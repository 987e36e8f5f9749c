package audit

import (
	"context"
	"fmt"

	"jiaoyan/internal/db"
)

// VerifyResult is the outcome of checking the whole chain.
type VerifyResult struct {
	Rows    int64
	OK      bool
	BadSeq  int64  // the first row that does not match, 0 when OK
	Problem string // Chinese description of the first problem
}

// Verify walks the audit log in sequence order and recomputes every hash.
// A changed field, a removed row, a reordered row or a head that does not
// match the last row each makes OK false with the first bad sequence number.
func Verify(ctx context.Context, d *db.DB) (VerifyResult, error) {
	var res VerifyResult
	err := d.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, "SELECT "+rowColumns+" FROM audit_log ORDER BY seq")
		if err != nil {
			return err
		}
		defer rows.Close()
		prev := ""
		for rows.Next() {
			r, err := scanRow(rows)
			if err != nil {
				return err
			}
			res.Rows++
			if problem := checkLink(r, res.Rows, prev); problem != "" && res.Problem == "" {
				res.BadSeq, res.Problem = r.Seq, problem
			}
			prev = r.Hash
		}
		if err := rows.Err(); err != nil {
			return err
		}
		var headSeq int64
		var headHash string
		if err := tx.QueryRow(ctx, "SELECT seq, hash FROM audit_head WHERE id = 1").Scan(&headSeq, &headHash); err != nil {
			return err
		}
		if res.Problem == "" && (headSeq != res.Rows || headHash != prev) {
			res.BadSeq, res.Problem = headSeq, fmt.Sprintf("链尾记录不符：应有 %d 条，实有 %d 条，末尾记录可能被删除", headSeq, res.Rows)
		}
		return nil
	})
	res.OK = res.Problem == ""
	return res, err
}

func checkLink(r Row, n int64, prev string) string {
	switch {
	case r.Seq != n:
		return fmt.Sprintf("第 %d 条记录缺失（序号跳到 %d）", n, r.Seq)
	case r.PrevHash != prev:
		return fmt.Sprintf("第 %d 条记录与前一条的链接不符", r.Seq)
	case r.computeHash() != r.Hash:
		return fmt.Sprintf("第 %d 条记录内容已被改动（哈希不符）", r.Seq)
	}
	return ""
}
