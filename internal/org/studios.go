package org

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Studio is a 名师工作室: a host (领衔人), its level, host organisation and members.
type Studio struct {
	ID          int64
	Name        string
	Level       string
	OrgID       int64
	OrgName     string
	OrgPath     string
	HostID      int64
	HostName    string
	Subject     string
	Stage       string
	FoundedYear int
	Members     []Member
	Active      bool
	Version     int
}

// LevelName is the Chinese level.
func (st Studio) LevelName() string { return StudioLevelNames[st.Level] }

func (st Studio) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": st.Name, "级别": st.LevelName(), "依托单位": st.OrgName, "领衔人": st.HostName,
		"学科": st.Subject, "学段": StageNames[st.Stage], "成立年份": itoa(st.FoundedYear), "成员": memberNames(st.Members),
		audit.VersionKey: itoa(st.Version)}
}

// Validate checks a studio as a form gives it.
func (st Studio) Validate() error {
	switch {
	case strings.TrimSpace(st.Name) == "":
		return app.Invalid("name", "请填写工作室名称")
	case StudioLevelNames[st.Level] == "":
		return app.Invalid("level", "请选择工作室级别")
	case st.OrgID == 0:
		return app.Invalid("org_id", "请选择依托单位")
	case st.HostID == 0:
		return app.Invalid("host_id", "请选择领衔人")
	case st.FoundedYear != 0 && (st.FoundedYear < 1990 || st.FoundedYear > 2100):
		return app.Invalid("founded_year", "成立年份无效")
	}
	return nil
}

const studioSelect = `SELECT s.id, s.name, s.level, s.org_id, o.name, o.path, s.host_id, h.name, s.subject, s.stage,
	s.founded_year, s.active, s.version FROM studios s JOIN orgs o ON o.id = s.org_id JOIN people h ON h.id = s.host_id`

func scanStudio(row db.Scanner) (Studio, error) {
	var st Studio
	err := row.Scan(&st.ID, &st.Name, &st.Level, &st.OrgID, &st.OrgName, &st.OrgPath, &st.HostID, &st.HostName,
		&st.Subject, &st.Stage, &st.FoundedYear, &st.Active, &st.Version)
	return st, err
}

// FindStudios lists the studios hosted inside the actor's scope.
func (s *Service) FindStudios(ctx context.Context, actor app.Actor) ([]Studio, error) {
	if err := actor.Require(auth.PermGroupView); err != nil {
		return nil, err
	}
	where, args := scopeWhere(actor, "s.host_id")
	var out []Studio
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = db.QueryAll(ctx, tx, scanStudio, studioSelect+" WHERE s.active = TRUE AND "+where+" ORDER BY s.level, s.id", args...)
		return err
	})
	return out, failed(err, "find studios")
}

// FindStudioByID returns one studio in scope with members, or ENOTFOUND.
func (s *Service) FindStudioByID(ctx context.Context, actor app.Actor, id int64) (Studio, error) {
	if err := actor.Require(auth.PermGroupView); err != nil {
		return Studio{}, err
	}
	st, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Studio, error) { return loadStudioInScope(ctx, tx, actor, id) })
	return st, failed(err, "find studio %d", id)
}

func loadStudioInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Studio, error) {
	st, err := scanStudio(tx.QueryRow(ctx, studioSelect+" WHERE s.id = ?", id))
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, st.OrgPath, st.OrgID, st.HostID)) {
		return Studio{}, notFound("工作室")
	}
	if err != nil {
		return st, err
	}
	st.Members, err = loadMembers(ctx, tx, "studio_members", "studio_id", id)
	return st, err
}

// SaveStudio creates (id 0) or updates a studio with its members; the host
// organisation, host and members must be inside the actor's scope.
func (s *Service) SaveStudio(ctx context.Context, actor app.Actor, st Studio, memberIDs []int64) (int64, error) {
	if err := actor.Require(auth.PermGroupEdit); err != nil {
		return 0, err
	}
	st.Name = strings.TrimSpace(st.Name)
	if err := st.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		o, err := loadOrgInScope(ctx, tx, actor, st.OrgID)
		if err != nil {
			return app.Invalid("org_id", "依托单位不存在或不在您的管辖范围内")
		}
		host, err := personRef(ctx, tx, actor, st.HostID)
		if err != nil {
			return app.Invalid("host_id", "领衔人不存在或不在您的管辖范围内")
		}
		st.OrgName, st.HostName = o.Name, host.Name
		return s.writeStudio(ctx, tx, actor, &st, memberIDs)
	})
	return st.ID, failed(err, "save studio %q", st.Name)
}

func (s *Service) writeStudio(ctx context.Context, tx *db.Tx, actor app.Actor, st *Studio, memberIDs []int64) error {
	now := s.now()
	var old Studio
	var err error
	if st.ID == 0 {
		st.ID, err = tx.InsertID(ctx, `INSERT INTO studios (name, level, org_id, host_id, subject, stage, founded_year,
			created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			st.Name, st.Level, st.OrgID, st.HostID, st.Subject, st.Stage, st.FoundedYear, now, now, actor.Username)
	} else if old, err = loadStudioInScope(ctx, tx, actor, st.ID); err == nil {
		var res interface{ RowsAffected() (int64, error) }
		res, err = tx.Exec(ctx, `UPDATE studios SET name = ?, level = ?, org_id = ?, host_id = ?, subject = ?, stage = ?,
			founded_year = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
			st.Name, st.Level, st.OrgID, st.HostID, st.Subject, st.Stage, st.FoundedYear, now, actor.Username, st.ID, st.Version)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return audit.Stale(ctx, tx, "studio", st.ID, st.Version)
		}
	}
	if err != nil {
		return err
	}
	if st.Members, err = saveMembers(ctx, tx, actor, "studio_members", "studio_id", st.ID, memberIDs, nil, false); err != nil {
		return err
	}
	st.Active, st.Version = true, old.Version+1
	if old.ID == 0 {
		return record(ctx, tx, actor, "studio.create", "studio", st.ID, "新增名师工作室 "+st.Name, nil, st.snapshot())
	}
	return record(ctx, tx, actor, "studio.update", "studio", st.ID, "修改名师工作室 "+st.Name, old.snapshot(), st.snapshot())
}
