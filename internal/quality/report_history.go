package quality

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

type reportKey struct{}

// WithReport makes the report reads under ctx (FindReport, FindGroups,
// FindGroupsPage, FindItems, FindValueAdded, the student pages) read the
// exam's stored report id, an earlier analysis, instead of its current one.
// 0 means the current report. A report of another exam is ENOTFOUND.
func WithReport(ctx context.Context, id int64) context.Context {
	if id == 0 {
		return ctx
	}
	return context.WithValue(ctx, reportKey{}, id)
}

// reportOf is the report id a read under ctx asks for, or current.
func reportOf(ctx context.Context, current int64) int64 {
	if id, ok := ctx.Value(reportKey{}).(int64); ok && id != 0 {
		return id
	}
	return current
}

// ReportRun is one stored analysis of an exam: when it ran, who ran it (the
// person's name), how many students and which subjects it covered.
type ReportRun struct {
	ID        int64
	Students  int
	Subjects  string
	RunBy     string
	CreatedAt int64
	Current   bool
}

// FindReportHistory lists every stored analysis of an exam the actor may
// see, newest first; the exam's current report is marked.
func (s *Service) FindReportHistory(ctx context.Context, actor app.Actor, examID int64) ([]ReportRun, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]ReportRun, error) {
		e, _, err := seeExam(ctx, tx, actor, examID)
		if err != nil {
			return nil, err
		}
		runs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (ReportRun, error) {
			var x ReportRun
			return x, r.Scan(&x.ID, &x.Students, &x.Subjects, &x.RunBy, &x.CreatedAt)
		}, `SELECT r.id, r.students, r.subjects, COALESCE(p.name, ''), r.created_at FROM quality_reports r
			LEFT JOIN users u ON u.username = r.created_by LEFT JOIN people p ON p.id = u.person_id
			WHERE r.exam_id = ? ORDER BY r.created_at DESC, r.id DESC`, examID)
		for i := range runs {
			runs[i].Current = runs[i].ID == e.ReportID
			if runs[i].RunBy == "" {
				runs[i].RunBy = "系统"
			}
		}
		return runs, err
	})
}
