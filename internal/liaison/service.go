// Package liaison runs researchers' work in schools: visits (到校记录) and
// their own training, the yearly workload card against the region's rules,
// 联系学校 rounds with teams, links and follow-up, and 蹲点视导 station plans.
// Every method enforces permission and data scope and writes one audit row
// per change.
package liaison

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// Service is the liaison store.
type Service struct {
	DB     *db.DB
	Org    *org.Service
	Policy *policy.Service
	Dict   *dict.Store
	Files  *attach.Service // visit attachments; nil keeps them in the database
	Now    app.Clock
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func notFound(what string) error {
	return app.Errorf(app.ENOTFOUND, "找不到该%s，或您无权查看", what)
}

// termOf places a date in its 学期 using the region's calendar when one is
// set for that 学年, else the default calendar. Dates in the holidays belong
// to the term that follows.
func (s *Service) termOf(ctx context.Context, region string, d time.Time) dict.Term {
	year := dict.SchoolYearOf(d)
	if s.Dict != nil {
		if c, ok, err := s.Dict.Calendar(ctx, region, year); err == nil && ok {
			if t, in := c.TermOf(d); in {
				return t
			}
		}
	}
	return dict.TermOf(d)
}

// schoolInScope loads a school or teaching point the actor can see.
func schoolInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (path, name, region string, err error) {
	var kind string
	err = tx.QueryRow(ctx, "SELECT path, name, region_code, kind FROM orgs WHERE id = ?", id).Scan(&path, &name, &region, &kind)
	if err != nil || (kind != org.KindSchool && kind != org.KindTeachingPoint) || !auth.InScope(actor, path, id, 0) {
		return "", "", "", app.Invalid("school_id", "学校不存在或不在您的管辖范围内")
	}
	return path, name, region, nil
}

// record is audit.RecordChange, the one audit row of a change.
var record = audit.RecordChange
