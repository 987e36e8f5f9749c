package quality

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// Service is the quality store.
type Service struct {
	DB     *db.DB
	Org    *org.Service
	Policy *policy.Service // the warning thresholds; nil raises no rule-based warning
	Now    app.Clock
}

// Progress receives a long method's progress (a jobs.Tracker does).
type Progress interface {
	Report(done, total int, stage string)
}

type noProgress struct{}

func (noProgress) Report(int, int, string) {}

func progressOr(p Progress) Progress {
	if p == nil {
		return noProgress{}
	}
	return p
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func notFound() error { return app.Errorf(app.ENOTFOUND, "找不到该考试，或您无权查看") }

// record is audit.RecordChange, the one audit row of a change.
var record = audit.RecordChange

// organiser loads the organising org an actor may create an exam for: a
// bureau (city or county level) or a school, inside the actor's scope.
func organiser(ctx context.Context, tx *db.Tx, actor app.Actor, id int64, level string) (path, name, region string, err error) {
	var kind string
	err = tx.QueryRow(ctx, "SELECT path, name, region_code, kind FROM orgs WHERE id = ?", id).Scan(&path, &name, &region, &kind)
	if err != nil || !auth.InScope(actor, path, id, 0) {
		return "", "", "", app.Invalid("org_id", "组织单位不存在或不在您的管辖范围内")
	}
	want := org.KindBureau
	if level == LevelSchool {
		want = org.KindSchool
	}
	if kind != want {
		return "", "", "", app.Invalid("org_id", "%s考试的组织单位应为%s", LevelNames[level], map[bool]string{true: "学校", false: "教育局"}[level == LevelSchool])
	}
	return path, name, region, nil
}

// scopeWhere is auth.ScopeWhere on a row's scope path and school id.
func scopeWhere(actor app.Actor, pathCol, orgCol string) (string, []any) {
	return auth.ScopeWhere(actor, pathCol, orgCol, "")
}

// inScope is auth.InScope on a row's scope path and school id.
func inScope(actor app.Actor, path string, orgID int64) bool {
	return path != "" && auth.InScope(actor, path, orgID, 0)
}
