package activity

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// Audience choices of the form (活动对象).
const (
	AudienceRegion = "region" // 本区域: the organiser's region and all below it
	AudienceOrg    = "org"    // 本单位: the organiser's own organisation
)

// snapshot is the audited form of an activity.
func (a Activity) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": a.Title, "主题": a.Theme, "类型": a.Kind, "开始": a.StartsAt, "结束": a.EndsAt, "地点": a.Place,
		"对象": a.AudienceName, "报名方式": ModeNames[a.SignupMode], "学时": strconv.FormatFloat(a.Hours, 'f', -1, 64),
		"状态": StateNames[a.State], audit.VersionKey: strconv.Itoa(max(1, a.Version))}
}

// CreateActivity saves a new draft organised by a.OrgID (with a.GroupID or
// a.StudioID of it), open to audience (AudienceRegion or AudienceOrg). The
// organiser must be in the actor's scope. A draft of a subject given no
// time takes the next 学科研修日 half-day of its (first) subject. Returns
// the new id.
func (s *Service) CreateActivity(ctx context.Context, actor app.Actor, a Activity, audience string) (int64, error) {
	if err := actor.Require(PermManage); err != nil {
		return 0, err
	}
	if strings.TrimSpace(a.StartsAt) == "" && strings.TrimSpace(a.EndsAt) == "" {
		starts, ends, ok, err := s.NextStudyDay(ctx, actor, FirstSubject(a.Subjects), s.now())
		if err != nil {
			return 0, err
		}
		if ok {
			a.StartsAt, a.EndsAt = starts, ends
		}
	}
	if err := a.Validate(); err != nil {
		return 0, err
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := s.prepare(ctx, tx, actor, &a, audience); err != nil {
			return err
		}
		a.State, a.OwnerUserID, a.CreatedBy = StateDraft, actor.UserID, actor.Username
		var err error
		if id, err = insertActivity(ctx, tx, a, s.now().UnixMilli()); err != nil {
			return err
		}
		return record(ctx, tx, actor, "activity.create", ObjectType, id, "新建教研活动："+a.Title, nil, a.snapshot())
	})
	return id, err
}

// UpdateActivity saves the plan of a draft or published activity at its
// version (ECONFLICT when stale). The organiser does not change.
func (s *Service) UpdateActivity(ctx context.Context, actor app.Actor, a Activity, audience string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := s.managed(ctx, tx, actor, a.ID)
		if err != nil {
			return err
		}
		if err := a.Validate(); err != nil {
			return err
		}
		if old.State != StateDraft && old.State != StatePublished {
			return app.Errorf(app.EINVALID, "活动%s后不能再修改方案", old.StateName())
		}
		a.OrgID, a.GroupID, a.StudioID, a.TeamID, a.State = old.OrgID, old.GroupID, old.StudioID, old.TeamID, old.State
		if err := s.prepare(ctx, tx, actor, &a, audience); err != nil {
			return err
		}
		if a.State == StatePublished {
			if err := a.ReadyToPublish(); err != nil {
				return err
			}
		}
		if err := stale(updatePlan(ctx, tx, a, s.now().UnixMilli())); err != nil {
			return err
		}
		after := a
		after.Version++
		return record(ctx, tx, actor, "activity.update", ObjectType, a.ID, "修改教研活动："+a.Title, old.snapshot(), after.snapshot())
	})
}

// stale turns a write that touched no row into ECONFLICT.
func stale(n int64, err error) error {
	if err == nil && n == 0 {
		return app.Errorf(app.ECONFLICT, "该活动已被他人修改或状态已变化，请刷新后重试")
	}
	return err
}

// prepare fills the organiser, region, audience and term of a.
func (s *Service) prepare(ctx context.Context, tx *db.Tx, actor app.Actor, a *Activity, audience string) error {
	if err := knownKind(ctx, tx, a.Kind); err != nil {
		return err
	}
	if err := s.organiser(ctx, tx, actor, a); err != nil {
		return err
	}
	s.setTerm(ctx, a)
	switch audience {
	case AudienceOrg:
		a.AudiencePath = a.OrgPath
		return tx.QueryRow(ctx, "SELECT name FROM orgs WHERE id = ?", a.OrgID).Scan(&a.AudienceName)
	case AudienceRegion:
		return tx.QueryRow(ctx, "SELECT path, name FROM regions WHERE code = ?", a.RegionCode).Scan(&a.AudiencePath, &a.AudienceName)
	}
	return app.Invalid("audience", "请选择活动对象")
}

// organiser checks a's organising office or school is in the actor's scope
// and the group or studio belongs to it, and names the organiser.
func (s *Service) organiser(ctx context.Context, tx *db.Tx, actor app.Actor, a *Activity) error {
	if a.TeamID != 0 {
		return teamOrganiser(ctx, tx, actor, a)
	}
	var kind string
	err := tx.QueryRow(ctx, "SELECT path, name, region_code, kind FROM orgs WHERE id = ? AND active = TRUE", a.OrgID).
		Scan(&a.OrgPath, &a.Organiser, &a.RegionCode, &kind)
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, a.OrgPath, a.OrgID, 0)) || kind == org.KindTeachingPoint {
		return app.Invalid("org_id", "组织单位不存在或不在您的管辖范围内")
	}
	if err != nil {
		return err
	}
	var name string
	switch {
	case a.GroupID != 0:
		err = tx.QueryRow(ctx, "SELECT name FROM teaching_groups WHERE id = ? AND org_id = ? AND active = TRUE", a.GroupID, a.OrgID).Scan(&name)
	case a.StudioID != 0:
		err = tx.QueryRow(ctx, "SELECT name FROM studios WHERE id = ? AND org_id = ? AND active = TRUE", a.StudioID, a.OrgID).Scan(&name)
	default:
		return nil
	}
	if db.IsNoRows(err) {
		return app.Invalid("org_id", "该教研组或工作室不属于组织单位")
	}
	a.Organiser += " " + name
	return err
}

// teamOrganiser names liaison team a.TeamID as the organiser, with its
// researcher's organisation; the actor must lead or belong to the team.
func teamOrganiser(ctx context.Context, tx *db.Tx, actor app.Actor, a *Activity) error {
	var researcher string
	err := tx.QueryRow(ctx, `SELECT o.id, o.path, o.name, o.region_code, p.name FROM liaison_teams t JOIN people p ON p.id = t.researcher_id
		JOIN orgs o ON o.id = p.org_id WHERE t.id = ?`, a.TeamID).Scan(&a.OrgID, &a.OrgPath, &a.Organiser, &a.RegionCode, &researcher)
	if err == nil {
		a.team, err = teamPeople(ctx, tx, a.TeamID)
	}
	if db.IsNoRows(err) || (err == nil && !slices.Contains(a.team, actor.PersonID)) {
		return app.Invalid("org_id", "该联系组不存在，或您不是联系组成员")
	}
	a.GroupID, a.StudioID = 0, 0
	a.Organiser += " " + researcher + "联系组"
	return err
}

// knownKind refuses a kind the code table lacks or has disabled.
func knownKind(ctx context.Context, tx *db.Tx, code string) error {
	n, err := tx.Count(ctx, "SELECT COUNT(*) FROM dict_entries WHERE table_code = ? AND code = ? AND enabled = TRUE", TableKind, code)
	if err == nil && n == 0 {
		return app.Invalid("kind", "没有这个活动类型，或该类型已停用")
	}
	return err
}

// managed loads activity id for a change by its organiser.
func (s *Service) managed(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Activity, error) {
	a, ok, err := loadActivity(ctx, tx, id)
	if err != nil {
		return a, err
	}
	aud, err := audienceOf(ctx, tx, actor)
	if err != nil {
		return a, err
	}
	if !ok || !canSee(actor, a, false, aud) {
		return a, notFound()
	}
	return a, mustManage(actor, a)
}

// setTerm places a in the 学期 of its start date.
func (s *Service) setTerm(ctx context.Context, a *Activity) {
	start, _ := time.ParseInLocation(TimeLayout, a.StartsAt, CST)
	t := s.termOf(ctx, a.RegionCode, start)
	a.SchoolYear, a.Half = t.Year, int(t.Half)
}
