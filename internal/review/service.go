// Package review runs expert review (评审): the expert pool (专家库) with
// its decisions and conflicts, and one campaign process for every kind —
// call, submissions, 推荐 school → county → city, 形式审查, assignment
// through the plan engine with 回避, invitations, scoring on a versioned
// rubric, aggregation, ranking, 公示 with objections, the final list and
// certificates. Every method checks permission and data scope and writes
// one audit row per change.
package review

import (
	"context"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/policy"
)

// Service is the review store.
type Service struct {
	DB     *db.DB
	Jobs   *jobs.Store     // assignment jobs; needed by StartAssign only
	Policy *policy.Service // the region's rules (the 比拼 rotation)
	Files  *attach.Service // submission files; nil keeps them in the database
	Auth   *auth.Service   // opens outside experts' accounts; needed by OpenExpertAccount only
	Now    app.Clock
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() string {
	return s.now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
}

func notFound(what string) error {
	return app.Errorf(app.ENOTFOUND, "找不到该%s，或您无权查看", what)
}

var record = audit.RecordChange

// place is where an org sits: its path, name and county region code.
type place struct {
	Path, Name, County string
}

// placeOf loads an org's path, name and the code of the county region it
// lies in ("" when it hangs directly under the city).
func placeOf(ctx context.Context, tx *db.Tx, orgID int64) (place, error) {
	var p place
	var regionPath string
	err := tx.QueryRow(ctx, `SELECT o.path, o.name, r.path FROM orgs o JOIN regions r ON r.code = o.region_code WHERE o.id = ?`,
		orgID).Scan(&p.Path, &p.Name, &regionPath)
	if err != nil {
		return p, err
	}
	err = tx.QueryRow(ctx, `SELECT code FROM regions WHERE level = 'county' AND ? LIKE path || '%'`, regionPath).Scan(&p.County)
	if db.IsNoRows(err) {
		err = nil
	}
	return p, err
}

func joinList(xs []string) string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return strings.Join(out, ",")
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func joinIDs(ids []int64) string {
	var out []string
	for _, id := range ids {
		out = append(out, strconv.FormatInt(id, 10))
	}
	return strings.Join(out, ",")
}

func splitIDs(s string) []int64 {
	var out []int64
	for _, x := range splitList(s) {
		if id, err := strconv.ParseInt(x, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// stale is the refusal of an edit made on an old version.
func stale() error {
	return app.Errorf(app.ECONFLICT, "该记录已被他人修改，请刷新后重试")
}
