package org

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Region is a node of the region tree (行政区域) with its GB/T 2260 code
// (6 digits; towns 9 digits, the first 6 being their county).
type Region struct {
	Code       string
	Name       string
	Level      string // province, city, county, town
	ParentCode string
	ParentName string
	Mountain   bool // 山区县
	Path       string
	Active     bool
	Version    int
}

// LevelName is the Chinese level.
func (r Region) LevelName() string { return RegionLevelNames[r.Level] }

func (r Region) snapshot() audit.Snapshot {
	return audit.Snapshot{"代码": r.Code, "名称": r.Name, "级别": r.LevelName(), "上级": r.ParentCode,
		"山区县": yesNo(r.Mountain), audit.VersionKey: itoa(r.Version)}
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

var childLevel = map[string]string{"": "city", "province": "city", "city": "county", "county": "town"}

// Validate checks the code against the level and the parent's code.
func (r Region) Validate(parent *Region) error {
	if strings.TrimSpace(r.Name) == "" {
		return app.Invalid("name", "请填写区域名称")
	}
	want := 6
	if r.Level == "town" {
		want = 9
	}
	if len(r.Code) != want || !allDigits(r.Code) {
		return app.Invalid("code", "%s代码应为 %d 位数字（GB/T 2260）", RegionLevelNames[r.Level], want)
	}
	if parent == nil {
		if r.Level != "city" && r.Level != "province" {
			return app.Invalid("parent_code", "县（市、区）和镇街必须有上级区域")
		}
		return nil
	}
	if childLevel[parent.Level] != r.Level && !(parent.Level == "province" && r.Level == "county") {
		return app.Invalid("level", "%s下不能直接设%s", parent.LevelName(), RegionLevelNames[r.Level])
	}
	prefix := map[string]int{"province": 2, "city": 4, "county": 6}[parent.Level]
	if r.Code[:prefix] != parent.Code[:prefix] {
		return app.Invalid("code", "代码前 %d 位应与上级区域 %s 一致", prefix, parent.Code)
	}
	return nil
}

// FindRegions lists regions in the actor's scope, by path order (tree order).
func (s *Service) FindRegions(ctx context.Context, actor app.Actor) ([]Region, error) {
	if !actor.Can(auth.PermRegionView) && !actor.Can(auth.PermOrgView) {
		return nil, app.Errorf(app.EFORBIDDEN, "您没有查看行政区域的权限")
	}
	where, args := auth.ScopeWhere(actor, "r.path", "NULL", "")
	var out []Region
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, `SELECT r.code, r.name, r.level, COALESCE(r.parent_code, ''), COALESCE(p.name, ''),
			r.mountain, r.path, r.active, r.version FROM regions r LEFT JOIN regions p ON p.code = r.parent_code
			WHERE `+where+" ORDER BY r.path", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r Region
			if err := rows.Scan(&r.Code, &r.Name, &r.Level, &r.ParentCode, &r.ParentName, &r.Mountain, &r.Path,
				&r.Active, &r.Version); err != nil {
				return err
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, failed(err, "find regions")
}

// FindRegionByCode returns one region in scope, or ENOTFOUND.
func (s *Service) FindRegionByCode(ctx context.Context, actor app.Actor, code string) (Region, error) {
	var r Region
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		r, err = loadRegion(ctx, tx, code)
		return err
	})
	if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
		return Region{}, failed(err, "find region %s", code) // a fault, not a missing region
	}
	if err != nil || !auth.InScope(actor, r.Path, -1, 0) || !actor.Can(auth.PermRegionView) {
		return Region{}, notFound("区域")
	}
	return r, nil
}

func loadRegion(ctx context.Context, tx *db.Tx, code string) (Region, error) {
	var r Region
	err := tx.QueryRow(ctx, `SELECT code, name, level, COALESCE(parent_code, ''), mountain, path, active, version
		FROM regions WHERE code = ?`, code).Scan(&r.Code, &r.Name, &r.Level, &r.ParentCode, &r.Mountain, &r.Path, &r.Active, &r.Version)
	if db.IsNoRows(err) {
		return r, notFound("区域")
	}
	return r, err
}

// CreateRegion adds a region under ParentCode (or a root city when the actor's
// scope is 全部). The parent must be inside the actor's scope.
func (s *Service) CreateRegion(ctx context.Context, actor app.Actor, r Region) error {
	if err := actor.Require(auth.PermRegionEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var parent *Region
		r.Path = "/" + r.Code + "/"
		if r.ParentCode != "" {
			p, err := loadRegion(ctx, tx, r.ParentCode)
			if err != nil || !auth.InScope(actor, p.Path, -1, 0) {
				return app.Invalid("parent_code", "上级区域不存在或不在您的管辖范围内")
			}
			parent, r.Path = &p, p.Path+r.Code+"/"
		} else if !actor.Scope.All {
			return app.Invalid("parent_code", "请选择上级区域")
		}
		if err := r.Validate(parent); err != nil {
			return err
		}
		now := s.now()
		var pc any
		if parent != nil {
			pc = parent.Code
		}
		_, err := tx.Exec(ctx, `INSERT INTO regions (code, name, level, parent_code, mountain, path, created_at, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Code, strings.TrimSpace(r.Name), r.Level, pc, r.Mountain, r.Path, now, now, actor.Username)
		if db.IsUniqueViolation(err) {
			return app.Invalid("code", "区域代码 %s 已存在", r.Code)
		}
		if err != nil {
			return err
		}
		r.Version = 1
		return record(ctx, tx, actor, "region.create", "region", r.Code, "新增区域 "+r.Name, nil, r.snapshot())
	})
}

// UpdateRegion changes a region's name and 山区县 flag. The code, level and
// parent never change (records refer to them). A stale Version is refused.
func (s *Service) UpdateRegion(ctx context.Context, actor app.Actor, r Region) error {
	if err := actor.Require(auth.PermRegionEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := loadRegion(ctx, tx, r.Code)
		if err != nil && app.ErrorCode(err) != app.ENOTFOUND {
			return failed(err, "update region %s", r.Code)
		}
		if err != nil || !auth.InScope(actor, old.Path, -1, 0) {
			return notFound("区域")
		}
		if strings.TrimSpace(r.Name) == "" {
			return app.Invalid("name", "请填写区域名称")
		}
		res, err := tx.Exec(ctx, `UPDATE regions SET name = ?, mountain = ?, version = version + 1, updated_at = ?, updated_by = ?
			WHERE code = ? AND version = ?`, strings.TrimSpace(r.Name), r.Mountain, s.now(), actor.Username, r.Code, r.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return audit.Stale(ctx, tx, "region", r.Code, r.Version)
		}
		nw := old
		nw.Name, nw.Mountain, nw.Version = strings.TrimSpace(r.Name), r.Mountain, old.Version+1
		return record(ctx, tx, actor, "region.update", "region", r.Code, "修改区域 "+nw.Name, old.snapshot(), nw.snapshot())
	})
}

// regionUnder is the condition "the path in col passes through region
// code". A code of digits alone (every GB/T 2260 code) is written into the
// SQL as a literal: SQLite re-prepares a statement on every bind of a LIKE
// pattern it could optimise, on each page view. Anything else stays bound.
func regionUnder(col, code string) (string, []any) {
	digits := code != ""
	for _, c := range code {
		digits = digits && c >= '0' && c <= '9'
	}
	if digits {
		return col + " LIKE '%/" + code + "/%'", nil
	}
	return col + " LIKE ?", []any{"%/" + code + "/%"}
}
