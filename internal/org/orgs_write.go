package org

import (
	"context"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// basePath is the path an org hangs under: its parent school's path for a
// teaching point, else its region's path. It checks both exist.
func basePath(ctx context.Context, tx *db.Tx, o Org) (string, error) {
	var regionPath string
	if err := tx.QueryRow(ctx, "SELECT path FROM regions WHERE code = ?", o.RegionCode).Scan(&regionPath); err != nil {
		return "", app.Invalid("region_code", "所在区域 %s 不存在", o.RegionCode)
	}
	if o.ParentID == 0 {
		return regionPath, nil
	}
	var parentPath, parentKind string
	if err := tx.QueryRow(ctx, "SELECT path, kind FROM orgs WHERE id = ?", o.ParentID).Scan(&parentPath, &parentKind); err != nil || parentKind != KindSchool {
		return "", app.Invalid("parent_id", "上级学校不存在")
	}
	return parentPath, nil
}

// CreateOrg adds an organisation where the actor may: its place in the tree
// must lie inside the actor's scope. It returns the new id.
func (s *Service) CreateOrg(ctx context.Context, actor app.Actor, o Org) (int64, error) {
	if err := actor.Require(auth.PermOrgEdit); err != nil {
		return 0, err
	}
	o.normalize()
	if err := o.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		base, err := basePath(ctx, tx, o)
		if err != nil {
			return err
		}
		if !auth.InScope(actor, base+"o/", -1, 0) {
			return app.Invalid("region_code", "该区域不在您的管辖范围内")
		}
		if o.ID, err = s.insertOrg(ctx, tx, actor, o); err != nil {
			return err
		}
		o.Path, o.Version, o.Active = fmt.Sprintf("%so%d/", base, o.ID), 1, true
		if _, err := tx.Exec(ctx, "UPDATE orgs SET path = ? WHERE id = ?", o.Path, o.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "org.create", "org", o.ID, "新增"+o.KindName()+" "+o.Name, nil, o.snapshot())
	})
	return o.ID, failed(err, "create org %q", o.Name)
}

func (o *Org) normalize() {
	o.Name = strings.TrimSpace(o.Name)
	o.SchoolCode = foldWidth(o.SchoolCode)
	o.Address = strings.TrimSpace(o.Address)
	if !o.IsSchool() {
		o.SchoolCode, o.Stages, o.Locale, o.Weak, o.ParentID = "", nil, "", false, 0
	}
}

func nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

func (s *Service) insertOrg(ctx context.Context, tx *db.Tx, actor app.Actor, o Org) (int64, error) {
	now := s.now()
	id, err := tx.InsertID(ctx, `INSERT INTO orgs (name, kind, region_code, parent_id, school_code, stages, locale, weak, address,
		created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		o.Name, o.Kind, o.RegionCode, nullable(o.ParentID), nullable(o.SchoolCode), joinList(o.Stages), o.Locale, o.Weak,
		o.Address, now, now, actor.Username)
	if db.IsUniqueViolation(err) {
		return 0, app.Invalid("school_code", "学校标识码 %s 已被其他学校使用", o.SchoolCode)
	}
	if err == nil {
		err = s.addSchoolFigure(ctx, tx, id, o.Kind, 1)
	}
	return id, err
}

// UpdateOrg saves an edit. The region and kind of an existing organisation
// do not change here (moving an org re-parents its history). A stale Version
// gets ECONFLICT naming who changed what.
func (s *Service) UpdateOrg(ctx context.Context, actor app.Actor, o Org) error {
	if err := actor.Require(auth.PermOrgEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := loadOrgInScope(ctx, tx, actor, o.ID)
		if err != nil {
			return err
		}
		o.Kind, o.RegionCode, o.ParentID, o.Active = old.Kind, old.RegionCode, old.ParentID, old.Active
		o.normalize()
		if err := o.Validate(); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE orgs SET name = ?, school_code = ?, stages = ?, locale = ?, weak = ?, address = ?,
			version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
			o.Name, nullable(o.SchoolCode), joinList(o.Stages), o.Locale, o.Weak, o.Address, s.now(), actor.Username, o.ID, o.Version)
		if db.IsUniqueViolation(err) {
			return app.Invalid("school_code", "学校标识码 %s 已被其他学校使用", o.SchoolCode)
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return audit.Stale(ctx, tx, "org", o.ID, o.Version)
		}
		o.Version = old.Version + 1
		return record(ctx, tx, actor, "org.update", "org", o.ID, "修改"+o.KindName()+" "+o.Name, old.snapshot(), o.snapshot())
	})
}

// SetOrgActive deactivates (撤并) or reactivates an organisation. Nothing is
// ever deleted: people and records keep pointing at it.
func (s *Service) SetOrgActive(ctx context.Context, actor app.Actor, id int64, active bool, version int) error {
	if err := actor.Require(auth.PermOrgEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := loadOrgInScope(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "UPDATE orgs SET active = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
			active, s.now(), actor.Username, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return audit.Stale(ctx, tx, "org", id, version)
		}
		if old.Active != active {
			if err := s.addSchoolFigure(ctx, tx, id, old.Kind, activeSign(active)); err != nil {
				return err
			}
		}
		nw := old
		nw.Active, nw.Version = active, old.Version+1
		return record(ctx, tx, actor, "org.active", "org", id, activeName(active)+" "+old.Name, old.snapshot(), nw.snapshot())
	})
}

// activeSign is 1 for an activation, -1 for a deactivation.
func activeSign(active bool) int {
	if active {
		return 1
	}
	return -1
}
