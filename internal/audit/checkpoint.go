package audit

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// LogKey is the attribute that marks a checkpoint in the log stream and in
// checkpoint files: grep for "audit_checkpoint" to collect them.
const LogKey = "audit_checkpoint"

// Checkpoint (检查点) is a signed statement "the chain had row Seq with code
// Hash at time At". Kept outside the database (log stream, checkpoint file,
// beside each backup), it lets Verify notice rows cut off the end, which the
// chain alone cannot show.
type Checkpoint struct {
	Seq  int64  `json:"seq"`
	Hash string `json:"hash"`
	At   int64  `json:"at"` // Unix ms
	MAC  string `json:"mac"`
}

func (cp Checkpoint) sign(key []byte) string {
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "jiaoyan audit checkpoint v1\n%d\n%s\n%d", cp.Seq, cp.Hash, cp.At)
	return hex.EncodeToString(m.Sum(nil))
}

func (cp Checkpoint) valid(key []byte) bool {
	return hmac.Equal([]byte(cp.MAC), []byte(cp.sign(key)))
}

// when is the checkpoint's local time as an operator reads it.
func (cp Checkpoint) when() string { return time.UnixMilli(cp.At).Format("2006-01-02 15:04") }

// TakeCheckpoint signs the last row of d's chain now. An empty log gives a
// checkpoint with Seq 0, which callers need not keep.
func TakeCheckpoint(ctx context.Context, d *db.DB) (Checkpoint, error) {
	key := d.Key(keyPurpose)
	if key == nil {
		return Checkpoint{}, errNoKey
	}
	var cp Checkpoint
	err := d.Read(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(ctx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&cp.Seq, &cp.Hash)
		if db.IsNoRows(err) {
			return nil
		}
		return err
	})
	cp.At = app.Now().UnixMilli()
	cp.MAC = cp.sign(key)
	return cp, err
}

// fileLine is how a checkpoint is written to a file: one JSON object a line,
// marked with LogKey like the log stream's lines.
type fileLine struct {
	Mark bool `json:"audit_checkpoint"`
	Checkpoint
}

// AppendCheckpoint adds cp to file (created 0600), synced to disk.
func AppendCheckpoint(file string, cp Checkpoint) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return fmt.Errorf("写入审计检查点文件 %s 失败: %w", file, err)
	}
	b, _ := json.Marshal(fileLine{Mark: true, Checkpoint: cp})
	if _, err := f.Write(append(b, '\n')); err != nil {
		f.Close()
		return fmt.Errorf("写入审计检查点文件 %s 失败: %w", file, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadCheckpoints returns the checkpoints in file: a checkpoint file, or a
// log file (text or JSON slog) whose checkpoint lines are picked out by
// LogKey. A missing file is an error that errors.Is(err, os.ErrNotExist).
func ReadCheckpoints(file string) ([]Checkpoint, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("找不到审计检查点文件 %s: %w", file, err)
		}
		return nil, err
	}
	return ParseCheckpoints(b, file)
}

// Seqs is a short description of where checkpoints sit, for messages.
func Seqs(cps []Checkpoint) string {
	if len(cps) == 0 {
		return "无"
	}
	last := cps[len(cps)-1]
	return strconv.Itoa(len(cps)) + " 个，最后一个在第 " + thousands(last.Seq) + " 条（" + last.when() + "）"
}
