package activity

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// KindRow is an entry of the activity kind code table (活动类型) as the
// region keeps it: its name, whether new activities may take it, and how
// many activities use it (a used kind is retired, never deleted).
type KindRow struct {
	Code    string
	Name    string
	Sort    int
	Enabled bool
	Used    int
	Version int
}

// Kind edits (KindEdit.Op).
const (
	KindRename  = "rename"  // 改名
	KindRetire  = "retire"  // 停用: new activities no longer take it
	KindRestore = "restore" // 恢复启用
	KindDelete  = "delete"  // 删除: only a kind no activity uses
)

// KindEdit is one change of an existing kind at Version.
type KindEdit struct {
	Code, Op, Name string
	Version        int
}

// FindKinds lists every activity kind, retired ones too, with its use.
func (s *Service) FindKinds(ctx context.Context, actor app.Actor) ([]KindRow, error) {
	if err := actor.Require(PermKinds); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]KindRow, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (KindRow, error) {
			var k KindRow
			return k, r.Scan(&k.Code, &k.Name, &k.Sort, &k.Enabled, &k.Version, &k.Used)
		}, `SELECT k.code, k.name, k.sort, k.enabled, k.version, (SELECT COUNT(*) FROM activities a WHERE a.kind = k.code)
			FROM dict_entries k WHERE k.table_code = ? ORDER BY k.sort, k.code`, TableKind)
	})
}

func kindName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return name, app.Invalid("name", "请填写活动类型名称")
	case utf8.RuneCountInString(name) > 20:
		return name, app.Invalid("name", "活动类型名称不能超过 20 个字")
	}
	return name, nil
}

// sameName refuses a name another kind (code other than own) has.
func sameName(ctx context.Context, tx *db.Tx, name, own string) error {
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM dict_entries WHERE table_code = ? AND name = ? AND code <> ?", TableKind, name, own)
	if err == nil && n > 0 {
		return app.Invalid("name", "已有名为“%s”的活动类型", name)
	}
	return err
}

// AddKind adds a kind named name at the end of the table; its code is made
// here ("k" and a number), never typed or shown.
func (s *Service) AddKind(ctx context.Context, actor app.Actor, name string) (string, error) {
	if err := actor.Require(PermKinds); err != nil {
		return "", err
	}
	name, err := kindName(name)
	if err != nil {
		return "", err
	}
	var code string
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := sameName(ctx, tx, name, ""); err != nil {
			return err
		}
		var n, sort int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*), COALESCE(MAX(sort), 0) FROM dict_entries WHERE table_code = ?", TableKind).Scan(&n, &sort); err != nil {
			return err
		}
		code = fmt.Sprintf("k%d", n+1)
		for taken := true; taken; {
			c, err := tx.Count(ctx, "SELECT COUNT(*) FROM dict_entries WHERE table_code = ? AND code = ?", TableKind, code)
			if err != nil {
				return err
			}
			if taken = c > 0; taken {
				n++
				code = fmt.Sprintf("k%d", n+1)
			}
		}
		if _, err := tx.Exec(ctx, "INSERT INTO dict_entries (table_code, code, name, aliases, parent, sort) VALUES (?, ?, ?, '', '', ?)",
			TableKind, code, name, sort+1); err != nil {
			return err
		}
		return record(ctx, tx, actor, "activity_kind.add", KindObject, code, "新增活动类型："+name, nil, audit.Snapshot{"名称": name})
	})
	return code, err
}

// EditKind renames, retires, restores or deletes kind e.Code at e.Version
// (ECONFLICT when stale). A kind activities use cannot be deleted: it is
// retired instead, and its activities keep their kind.
func (s *Service) EditKind(ctx context.Context, actor app.Actor, e KindEdit) error {
	if err := actor.Require(PermKinds); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var old KindRow
		err := tx.QueryRow(ctx, `SELECT name, enabled, version, (SELECT COUNT(*) FROM activities WHERE kind = ?) FROM dict_entries
			WHERE table_code = ? AND code = ?`, e.Code, TableKind, e.Code).Scan(&old.Name, &old.Enabled, &old.Version, &old.Used)
		if db.IsNoRows(err) {
			return app.Errorf(app.ENOTFOUND, "找不到该活动类型")
		}
		if err != nil {
			return err
		}
		if old.Version != e.Version {
			return app.Errorf(app.ECONFLICT, "该活动类型已被他人修改，请刷新后重试")
		}
		return s.applyKindEdit(ctx, tx, actor, old, e)
	})
}

func (s *Service) applyKindEdit(ctx context.Context, tx *db.Tx, actor app.Actor, old KindRow, e KindEdit) error {
	before := audit.Snapshot{"名称": old.Name, "启用": yesNo(old.Enabled)}
	switch e.Op {
	case KindRename:
		name, err := kindName(e.Name)
		if err == nil {
			err = sameName(ctx, tx, name, e.Code)
		}
		if err == nil {
			err = updateKind(ctx, tx, e.Code, name, old.Enabled)
		}
		return firstErr(err, record(ctx, tx, actor, "activity_kind.rename", KindObject, e.Code, "活动类型改名："+old.Name+" → "+name,
			before, audit.Snapshot{"名称": name, "启用": yesNo(old.Enabled)}))
	case KindRetire, KindRestore:
		on := e.Op == KindRestore
		err := updateKind(ctx, tx, e.Code, old.Name, on)
		action, what := "activity_kind.retire", "停用活动类型："
		if on {
			action, what = "activity_kind.restore", "恢复活动类型："
		}
		return firstErr(err, record(ctx, tx, actor, action, KindObject, e.Code, what+old.Name, before, audit.Snapshot{"名称": old.Name, "启用": yesNo(on)}))
	case KindDelete:
		if old.Used > 0 {
			return app.Invalid("op", "“%s”已有 %d 项活动使用，不能删除，只能停用", old.Name, old.Used)
		}
		_, err := tx.Exec(ctx, "DELETE FROM dict_entries WHERE table_code = ? AND code = ?", TableKind, e.Code)
		return firstErr(err, record(ctx, tx, actor, "activity_kind.delete", KindObject, e.Code, "删除活动类型："+old.Name, before, nil))
	}
	return app.Invalid("op", "请选择要做的修改")
}

func updateKind(ctx context.Context, tx *db.Tx, code, name string, enabled bool) error {
	_, err := tx.Exec(ctx, "UPDATE dict_entries SET name = ?, enabled = ?, version = version + 1 WHERE table_code = ? AND code = ?",
		name, enabled, TableKind, code)
	return err
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}
