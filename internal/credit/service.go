package credit

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// Add validates e and writes it inside the caller's transaction, so the row
// commits or rolls back with the change that earned it. CreatedAt 0 takes
// the current time; an approved entry without Approver takes CreatedBy.
// An entry with hours and no credits of its own gets its credits converted
// by the region's rule of its category in force in its 学年 (RuleYear says
// which); with no such rule it carries none. An approved entry adds to the
// person's yearly summaries in the same transaction.
// Returns EINVALID for a bad entry or a category the code table lacks.
func Add(ctx context.Context, tx *db.Tx, e Entry) (int64, error) {
	if err := e.Validate(); err != nil {
		return 0, err
	}
	if err := knownCategory(ctx, tx, e.Category); err != nil {
		return 0, err
	}
	if err := convert(ctx, tx, &e); err != nil {
		return 0, err
	}
	if e.CreatedAt == 0 {
		e.CreatedAt = time.Now().UnixMilli()
	}
	if e.State == StateApproved && e.Approver == "" {
		e.Approver, e.DecidedAt = e.CreatedBy, e.CreatedAt
	}
	id, err := insertEntry(ctx, tx, e)
	if err != nil || e.State != StateApproved {
		return id, err
	}
	return id, bump(ctx, tx, e.PersonID, e.SchoolYear, e.Category, e.Hours, e.Credits, 1)
}

// Record is Add by actor with the audit row of the new entry.
func Record(ctx context.Context, tx *db.Tx, actor app.Actor, e Entry) (int64, error) {
	e.CreatedBy = actor.Username
	id, err := Add(ctx, tx, e)
	if err != nil {
		return 0, err
	}
	return id, audit.RecordChange(ctx, tx, actor, "credit.create", ObjectType, id, "记录学时："+e.Title, nil, e.snapshot())
}

// snapshot is the audited form of an entry.
func (e Entry) snapshot() audit.Snapshot {
	return audit.Snapshot{"人员": strconv.FormatInt(e.PersonID, 10), "学年": strconv.Itoa(e.SchoolYear), "类别": e.Category,
		"项目": e.Title, "日期": e.Date, "学时": num(e.Hours), "学分": num(e.Credits), "状态": StateNames[e.State],
		audit.VersionKey: strconv.Itoa(max(1, e.Version))}
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Decide approves (StateApproved) or returns (StateReturned, with a reason in
// note) a pending entry by actor, with its audit row. A stale version is
// refused with ECONFLICT; an entry no longer pending with EINVALID.
func Decide(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, version int, state, note string) error {
	if state != StateApproved && state != StateReturned {
		return app.Invalid("state", "只能认定或退回")
	}
	if state == StateReturned && note == "" {
		return app.Invalid("note", "退回须填写理由")
	}
	n, err := decide(ctx, tx, id, version, state, note, actor.Username)
	if err != nil {
		return err
	}
	if n == 0 {
		return app.Errorf(app.ECONFLICT, "该记录已被他人处理或修改，请刷新后重试")
	}
	if state == StateApproved {
		e, err := entryByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := bump(ctx, tx, e.PersonID, e.SchoolYear, e.Category, e.Hours, e.Credits, 1); err != nil {
			return err
		}
	}
	return audit.RecordChange(ctx, tx, actor, "credit."+state, ObjectType, id, fmt.Sprintf("%s学时记录", StateNames[state]),
		audit.Snapshot{"状态": StateNames[StatePending], audit.VersionKey: strconv.Itoa(version)},
		audit.Snapshot{"状态": StateNames[state], "理由": note, audit.VersionKey: strconv.Itoa(version + 1)})
}

// TrainingHours sums the approved hours of personID in 学年 year over the
// categories under GroupTraining: the training hours (培训学时) a rule measures.
func TrainingHours(ctx context.Context, tx *db.Tx, personID int64, year int) (float64, error) {
	var h float64
	err := tx.QueryRow(ctx, sqlTrainingHours, personID, year, StateApproved, GroupTraining).Scan(&h)
	return h, err
}

// LastDate is the date of personID's latest approved entry on or before
// until (YYYY-MM-DD), "" when there is none.
func LastDate(ctx context.Context, tx *db.Tx, personID int64, until string) (string, error) {
	var d string
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(on_date), '') FROM credit_entries WHERE person_id = ? AND state = ?
		AND on_date <= ?`, personID, StateApproved, until).Scan(&d)
	return d, err
}

// nowMilli is the decision time; a variable so tests may fix it.
var nowMilli = func() int64 { return time.Now().UnixMilli() }

// Category is an entry of the credit_category code table a form offers.
type Category struct {
	Code, Name, Group string
}

// Categories lists the enabled categories (not the group headings) in the
// code table's order; group "" lists all groups.
func Categories(ctx context.Context, tx *db.Tx, group string) ([]Category, error) {
	q, args := `SELECT code, name, parent FROM dict_entries WHERE table_code = ? AND enabled = TRUE AND parent <> ''`,
		[]any{dict.TableCreditCategory}
	if group != "" {
		q, args = q+" AND parent = ?", append(args, group)
	}
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Category, error) {
		var c Category
		return c, r.Scan(&c.Code, &c.Name, &c.Group)
	}, q+" ORDER BY sort, code", args...)
}
