package training

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

// SchoolProgress is one school's 研修档案 in a 学年 as the county follows
// it: the plan's state, the 校本研修 records the ledger holds, and the
// hours per teacher.
type SchoolProgress struct {
	OrgID    int64
	Name     string
	PlanID   int64  // 0: no plan this 学年
	Status   string // the plan's status, "" without one
	Records  int    // distinct 校本研修 items credited
	Teachers int    // active people of the school
	Credited int    // of them, with 校本研修 hours this 学年
	Hours    float64
}

// StatusName reads the plan state in Chinese, 未编制 without a plan.
func (p SchoolProgress) StatusName() string {
	if p.PlanID == 0 {
		return "未编制"
	}
	return PlanStatusNames[p.Status]
}

// HoursPerTeacher is the 校本研修 学时 per teacher of the school.
func (p SchoolProgress) HoursPerTeacher() float64 {
	if p.Teachers == 0 {
		return 0
	}
	return round2(p.Hours / float64(p.Teachers))
}

// FindDossierProgress lists every active school in the actor's scope with
// its 学年 year's plan state, records and 校本研修 hours; the schools
// without a plan come first, then by name.
func (s *Service) FindDossierProgress(ctx context.Context, actor app.Actor, year int) ([]SchoolProgress, error) {
	if err := actor.Require(PermPlanReview); err != nil {
		return nil, err
	}
	if year < 2000 || year > 2100 {
		return nil, app.Invalid("year", "学年应为 2000 至 2100 之间的年份")
	}
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	inner, innerArgs := auth.ScopeWhere(actor, "o2.path", "o2.id", "") // the ledger read stays in scope too
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]SchoolProgress, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (SchoolProgress, error) {
			var x SchoolProgress
			return x, r.Scan(&x.OrgID, &x.Name, &x.PlanID, &x.Status, &x.Teachers, &x.Records, &x.Credited, &x.Hours)
		}, `SELECT o.id, o.name, COALESCE(sp.id, 0), COALESCE(sp.status, ''),
			(SELECT COUNT(*) FROM people p WHERE p.org_id = o.id AND p.active = TRUE),
			COALESCE(h.records, 0), COALESCE(h.people, 0), COALESCE(h.hours, 0)
			FROM orgs o LEFT JOIN school_training_plans sp ON sp.org_id = o.id AND sp.school_year = ?
			LEFT JOIN (SELECT p.org_id, COUNT(DISTINCT e.title) AS records, COUNT(DISTINCT e.person_id) AS people, SUM(e.hours) AS hours
				FROM credit_entries e JOIN people p ON p.id = e.person_id JOIN orgs o2 ON o2.id = p.org_id
				WHERE e.school_year = ? AND e.category = ? AND e.state = ? AND `+inner+` GROUP BY p.org_id) h ON h.org_id = o.id
			WHERE o.kind = 'school' AND o.active = TRUE AND `+scope+`
			ORDER BY CASE WHEN sp.id IS NULL THEN 0 ELSE 1 END, o.name, o.id`,
			append(append([]any{year, year, credit.CategorySchoolBased, credit.StateApproved}, innerArgs...), args...)...)
	})
}
