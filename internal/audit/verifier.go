package audit

import (
	"fmt"
)

// verifier holds one Verify's state: the key, the checkpoints by seq, the
// last row seen and the result so far.
type verifier struct {
	key      []byte
	bySeq    map[int64][]Checkpoint
	lastSeq  int64
	lastHash string
	cpBad    bool // a checkpoint mismatch was already reported
	res      VerifyResult
}

// checkSignatures keeps the checkpoints whose signature holds and reports
// the others: a forged checkpoint, or one signed with another key.
func (v *verifier) checkSignatures(cps []Checkpoint) {
	v.bySeq = map[int64][]Checkpoint{}
	for i, cp := range cps {
		if !cp.valid(v.key) {
			v.fail(0, fmt.Sprintf("第 %d 个检查点（第 %s 条，%s）签名不符：检查点被伪造，或不是用当前密钥签发的",
				i+1, thousands(cp.Seq), cp.when()))
			continue
		}
		v.bySeq[cp.Seq] = append(v.bySeq[cp.Seq], cp)
		v.res.Checkpoints++
	}
}

func (v *verifier) fail(seq int64, problem string) {
	if v.res.BadSeq == 0 {
		v.res.BadSeq = seq
	}
	if len(v.res.Problems) < 20 {
		v.res.Problems = append(v.res.Problems, problem)
	}
}

// checkRow compares r with the checkpoints taken at its seq: another code
// means the history up to the checkpoint was rewritten.
func (v *verifier) checkRow(r Row) {
	for _, cp := range v.bySeq[r.Seq] {
		if cp.Hash != r.Hash && !v.cpBad {
			v.cpBad = true
			v.fail(r.Seq, fmt.Sprintf("第 %s 条记录与检查点（%s）不符：检查点之前的记录被改写",
				thousands(r.Seq), cp.when()))
		}
	}
}

// checkTail reports checkpoints past the last row: the tail was cut off.
func (v *verifier) checkTail() {
	var last Checkpoint
	for seq, cps := range v.bySeq {
		if seq > v.lastSeq && seq > last.Seq {
			last = cps[0]
		}
	}
	if last.Seq == 0 {
		return
	}
	missing := thousands(last.Seq)
	if last.Seq > v.lastSeq+1 {
		missing = thousands(v.lastSeq+1) + "–" + missing
	}
	v.fail(v.lastSeq+1, fmt.Sprintf("第 %s 条缺失：检查点（%s，第 %s 条）之后的记录被截断",
		missing, last.when(), thousands(last.Seq)))
}
