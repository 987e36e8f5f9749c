// Package training is the teachers' growth module (教师培训与学分): the
// standing and transcript of the credit ledger, claims with two-level
// approval, certificate imports, and the region's per-category credit
// rules. Every method takes the actor and enforces its data scope along
// the organisation tree; each opens one transaction.
package training

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// Service is the training module over the database.
type Service struct {
	DB     *db.DB
	Org    *org.Service
	Policy *policy.Service
	Files  *attach.Service // nil keeps certificates in the database
	Now    func() time.Time

	standings standingCache // the scopes' standings at the versions they were computed at
}

var chinaTime = time.FixedZone("CST", 8*3600)

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// CurrentYear is the 学年 today falls in.
func (s *Service) CurrentYear() int { return dict.SchoolYearOf(s.now().In(chinaTime)) }

func (s *Service) files() *attach.Service {
	if s.Files == nil {
		return attach.NewDB(s.DB)
	}
	return s.Files
}

// member is a person as scope checks need them.
type member struct {
	ID                  int64
	Name                string
	OrgID               int64
	OrgName, OrgPath    string
	OrgKind, RegionCode string
}

// personInScope loads person id, ENOTFOUND unless the actor's scope holds
// them (the same answer as for no such person).
func personInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (member, error) {
	var m member
	err := tx.QueryRow(ctx, `SELECT p.id, p.name, p.org_id, o.name, o.path, o.kind, o.region_code FROM people p
		JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, id).Scan(&m.ID, &m.Name, &m.OrgID, &m.OrgName, &m.OrgPath, &m.OrgKind, &m.RegionCode)
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, m.OrgPath, m.OrgID, m.ID) {
		return m, app.Errorf(app.ENOTFOUND, "找不到该人员")
	}
	return m, err
}

// regionInScope is the region of code as the actor may act on it: a
// bureau's own region or one under it.
func regionInScope(ctx context.Context, tx *db.Tx, actor app.Actor, code string) (string, error) {
	var path, name string
	err := tx.QueryRow(ctx, "SELECT path, name FROM regions WHERE code = ?", code).Scan(&path, &name)
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, path, 0, 0) {
		return "", app.Errorf(app.ENOTFOUND, "找不到该区域")
	}
	return name, err
}

// actorRegion is the region of the actor's own organisation.
func actorRegion(ctx context.Context, tx *db.Tx, actor app.Actor) (string, error) {
	var code string
	err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", actor.OrgID).Scan(&code)
	if db.IsNoRows(err) {
		return "", app.Errorf(app.EFORBIDDEN, "您的账号未关联单位")
	}
	return code, err
}

// Today is the date in China, as 2006-01-02.
func (s *Service) Today() string { return s.now().In(chinaTime).Format("2006-01-02") }

// Categories lists the credit categories a form offers.
func (s *Service) Categories(ctx context.Context, actor app.Actor) ([]credit.Category, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]credit.Category, error) { return credit.Categories(ctx, tx, "") })
}
