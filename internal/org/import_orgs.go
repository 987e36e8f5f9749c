package org

import (
	"context"
	"fmt"
	"reflect"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// RegionRow is one imported region.
type RegionRow struct {
	Row    int
	Region Region
}

// ImportRegions adds (or with Update renames) regions in one transaction,
// parents before children; the 区划代码 is the natural key.
func (s *Service) ImportRegions(ctx context.Context, actor app.Actor, rows []RegionRow, opt ImportOptions) (ImportResult, error) {
	if err := actor.Require(auth.PermRegionEdit); err != nil {
		return ImportResult{}, err
	}
	return s.runImport(ctx, actor, "region", "行政区域", opt, func(tx *db.Tx, res *ImportResult, errs *RowErrors) error {
		for i, r := range rows {
			if err := s.importRegion(ctx, tx, actor, r.Region, opt, res); err != nil {
				if app.ErrorCode(err) != app.EINVALID {
					return err
				}
				*errs = append(*errs, rowError(r.Row, err))
			}
			progress(opt, i+1, len(rows))
		}
		return nil
	})
}

func (s *Service) importRegion(ctx context.Context, tx *db.Tx, actor app.Actor, r Region, opt ImportOptions, res *ImportResult) error {
	old, err := loadRegion(ctx, tx, r.Code)
	if err == nil {
		if !auth.InScope(actor, old.Path, -1, 0) {
			return app.Invalid("code", "区划代码 %s 已存在且不在您的管辖范围内", r.Code)
		}
		if old.Name == r.Name && old.Mountain == r.Mountain {
			res.Unchanged++
			return nil
		}
		if !opt.Update {
			return app.Invalid("name", "区划代码 %s 已存在（%s）；如需更新请勾选“更新已有记录”", r.Code, old.Name)
		}
		res.Updated++
		_, err = tx.Exec(ctx, "UPDATE regions SET name = ?, mountain = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE code = ?",
			r.Name, r.Mountain, s.now(), actor.Username, r.Code)
		return err
	}
	if app.ErrorCode(err) != app.ENOTFOUND {
		return err
	}
	if err := s.insertRegion(ctx, tx, actor, r); err != nil {
		return err
	}
	res.Created++
	return nil
}

// insertRegion checks a new region against its parent and scope and inserts it.
func (s *Service) insertRegion(ctx context.Context, tx *db.Tx, actor app.Actor, r Region) error {
	var parent *Region
	r.Path = "/" + r.Code + "/"
	if r.ParentCode != "" {
		p, err := loadRegion(ctx, tx, r.ParentCode)
		if err != nil || !auth.InScope(actor, p.Path, -1, 0) {
			return app.Invalid("parent_code", "上级区域 %s 不存在或不在您的管辖范围内", r.ParentCode)
		}
		parent, r.Path = &p, p.Path+r.Code+"/"
	} else if !actor.Scope.All {
		return app.Invalid("parent_code", "请填写上级区域代码")
	}
	if err := r.Validate(parent); err != nil {
		return err
	}
	now := s.now()
	_, err := tx.Exec(ctx, `INSERT INTO regions (code, name, level, parent_code, mountain, path, created_at, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.Code, r.Name, r.Level, nullable(r.ParentCode), r.Mountain, r.Path, now, now, actor.Username)
	return err
}

// OrgRow is one imported organisation; Parent names a teaching point's school.
type OrgRow struct {
	Row    int
	Parent string
	Org    Org
}

// ImportOrgs adds or updates organisations in one transaction. Schools are
// matched on 学校标识码, other organisations on region + name.
func (s *Service) ImportOrgs(ctx context.Context, actor app.Actor, rows []OrgRow, opt ImportOptions) (ImportResult, error) {
	if err := actor.Require(auth.PermOrgEdit); err != nil {
		return ImportResult{}, err
	}
	return s.runImport(ctx, actor, "org", "机构与学校", opt, func(tx *db.Tx, res *ImportResult, errs *RowErrors) error {
		idx, err := s.orgIndex(ctx, tx, actor)
		if err != nil {
			return err
		}
		for i, r := range rows {
			if err := s.importOrg(ctx, tx, actor, idx, r, opt, res); err != nil {
				if app.ErrorCode(err) != app.EINVALID {
					return err
				}
				*errs = append(*errs, rowError(r.Row, err))
			}
			progress(opt, i+1, len(rows))
		}
		return nil
	})
}

func (s *Service) importOrg(ctx context.Context, tx *db.Tx, actor app.Actor, idx orgIndex, r OrgRow, opt ImportOptions, res *ImportResult) error {
	o := r.Org
	if r.Parent != "" {
		p, ok := idx[r.Parent]
		if !ok {
			return app.Invalid("parent_id", "隶属学校「%s」不存在", r.Parent)
		}
		o.ParentID = p.ID
	}
	o.normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	old, exists := s.findOrgByKey(ctx, tx, o)
	if !exists {
		return s.createImportedOrg(ctx, tx, actor, idx, o, res)
	}
	if !auth.InScope(actor, old.Path, old.ID, 0) {
		return app.Invalid("school_code", "学校标识码 %s 已被您管辖范围以外的学校使用", o.SchoolCode)
	}
	o.ID, o.Version, o.Kind, o.RegionCode, o.ParentID, o.Active = old.ID, old.Version, old.Kind, old.RegionCode, old.ParentID, old.Active
	if sameOrg(old, o) {
		res.Unchanged++
		return nil
	}
	if !opt.Update {
		return app.Invalid("name", "「%s」已存在；如需更新请勾选“更新已有记录”", old.Name)
	}
	res.Updated++
	_, err := tx.Exec(ctx, `UPDATE orgs SET name = ?, school_code = ?, stages = ?, locale = ?, weak = ?, address = ?,
		version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?`, o.Name, nullable(o.SchoolCode), joinList(o.Stages),
		o.Locale, o.Weak, o.Address, s.now(), actor.Username, o.ID)
	return err
}

func (s *Service) createImportedOrg(ctx context.Context, tx *db.Tx, actor app.Actor, idx orgIndex, o Org, res *ImportResult) error {
	base, err := basePath(ctx, tx, o)
	if err != nil {
		return err
	}
	if !auth.InScope(actor, base+"o/", -1, 0) {
		return app.Invalid("region_code", "区域 %s 不在您的管辖范围内", o.RegionCode)
	}
	if o.ID, err = s.insertOrg(ctx, tx, actor, o); err != nil {
		return err
	}
	o.Path = fmt.Sprintf("%so%d/", base, o.ID)
	if _, err := tx.Exec(ctx, "UPDATE orgs SET path = ? WHERE id = ?", o.Path, o.ID); err != nil {
		return err
	}
	idx[o.Name] = o
	if o.SchoolCode != "" {
		idx[o.SchoolCode] = o
	}
	res.Created++
	return nil
}

func (s *Service) findOrgByKey(ctx context.Context, tx *db.Tx, o Org) (Org, bool) {
	q, arg := orgSelect+" WHERE o.school_code = ?", any(o.SchoolCode)
	if o.SchoolCode == "" {
		q = orgSelect + " WHERE o.region_code = ? AND o.name = ? AND o.kind = ?"
		old, err := scanOrg(tx.QueryRow(ctx, q, o.RegionCode, o.Name, o.Kind))
		return old, err == nil
	}
	old, err := scanOrg(tx.QueryRow(ctx, q, arg))
	return old, err == nil
}

func sameOrg(a, b Org) bool {
	a.RegionName, b.RegionName, a.ParentName, b.ParentName, a.Path, b.Path, a.Mountain, b.Mountain = "", "", "", "", "", "", false, false
	if len(a.Stages) == 0 {
		a.Stages = nil
	}
	if len(b.Stages) == 0 {
		b.Stages = nil
	}
	return reflect.DeepEqual(a, b)
}
