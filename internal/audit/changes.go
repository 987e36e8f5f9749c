package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Snapshot is a record as the audit log shows it: Chinese field label ->
// display value (sensitive values already masked). The key "版本" carries the
// record's version after the change.
type Snapshot map[string]string

// VersionKey is the Snapshot key holding the record version.
const VersionKey = "版本"

// Change is one later edit of a record, for conflict messages.
type Change struct {
	Username string
	At       time.Time
	Fields   []string // "职称：一级教师 → 高级教师"
}

// ChangesSince returns the recorded edits of object (typ, id) that produced
// versions newer than version, oldest first. It reads the snapshots that
// services store as Before/After.
func ChangesSince(ctx context.Context, tx *db.Tx, typ, id string, version int) ([]Change, error) {
	rows, err := tx.Query(ctx, `SELECT username, at, before_json, after_json FROM audit_log
		WHERE object_type = ? AND object_id = ? ORDER BY seq DESC LIMIT 20`, typ, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Change
	for rows.Next() {
		var user, before, after string
		var at int64
		if err := rows.Scan(&user, &at, &before, &after); err != nil {
			return nil, err
		}
		var b, a Snapshot
		json.Unmarshal([]byte(before), &b)
		json.Unmarshal([]byte(after), &a)
		if v, err := strconv.Atoi(a[VersionKey]); err != nil || v <= version {
			continue
		}
		out = append(out, Change{Username: user, At: time.UnixMilli(at), Fields: Diff(b, a)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, rows.Err()
}

// Diff lists the labels whose values differ between two snapshots, as
// "label：old → new", in label order; the version is left out.
func Diff(before, after Snapshot) []string {
	var out []string
	for k, v := range after {
		if k != VersionKey && before[k] != v {
			out = append(out, fmt.Sprintf("%s：%s → %s", k, blank(before[k]), blank(v)))
		}
	}
	sort.Strings(out)
	return out
}

func blank(s string) string {
	if s == "" {
		return "（空）"
	}
	return s
}

// ConflictMessage is the Chinese message for a stale save: who changed the
// record since the user opened it, when, and what.
func ConflictMessage(changes []Change) string {
	var b strings.Builder
	b.WriteString("保存失败：您编辑期间，此记录已被他人修改。")
	for _, c := range changes {
		fmt.Fprintf(&b, "%s 于 %s 修改了：%s。", c.Username, c.At.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04"),
			strings.Join(c.Fields, "；"))
	}
	b.WriteString("您的修改尚未保存，请刷新页面核对后重新提交。")
	return b.String()
}

// Stale is the ECONFLICT error for a save based on a stale version of
// object (typ, id): it names who changed the record since and what.
func Stale(ctx context.Context, tx *db.Tx, typ string, id any, version int) error {
	changes, err := ChangesSince(ctx, tx, typ, fmt.Sprint(id), version)
	if err != nil {
		return err
	}
	return app.Errorf(app.ECONFLICT, "%s", ConflictMessage(changes))
}

// RecordChange records a change of object (typ, id) with before/after
// snapshots; a nil snapshot (a creation's before) is left out.
func RecordChange(ctx context.Context, tx *db.Tx, actor app.Actor, action, typ string, id any, summary string, before, after Snapshot) error {
	e := Entry{Action: action, ObjectType: typ, ObjectID: fmt.Sprint(id), Summary: summary}
	if before != nil {
		e.Before = before
	}
	if after != nil {
		e.After = after
	}
	return Record(ctx, tx, actor, e)
}
