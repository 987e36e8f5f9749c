package review

import (
	"context"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// PersonProject is one of a person's projects as their record shows it,
// with their role in it.
type PersonProject struct {
	Project
	Leads bool // 主持人; otherwise 成员 (a co-author of the application)
}

// Role is the person's part in the project, in Chinese.
func (p PersonProject) Role() string {
	if p.Leads {
		return "主持人"
	}
	return "成员"
}

// PersonProjectsShown is how many of a person's projects their record
// lists, newest first.
const PersonProjectsShown = 50

// PersonProjects lists the 课题 personID leads or is a member of that the
// viewer may open (the same scope as /projects/{id}: the project's school
// in the viewer's scope, or the viewer's own as leader), newest first, at
// most PersonProjectsShown, with how many there are in all.
func (s *Service) PersonProjects(ctx context.Context, viewer app.Actor, personID int64) (list []PersonProject, total int, err error) {
	where, args := auth.ScopeWhere(viewer, "j.org_path", "j.org_id", "j.leader_id")
	mine := ` (j.leader_id = ? OR (',' || s.coauthors || ',') LIKE ?)`
	from := projectFrom + ` JOIN review_submissions s ON s.id = j.submission_id`
	args = append([]any{personID, "%," + strconv.FormatInt(personID, 10) + ",%"}, args...)
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*)"+from+" WHERE"+mine+" AND "+where, args...); err != nil || total == 0 {
			return err
		}
		list, err = db.QueryAll(ctx, tx, func(r db.Scanner) (PersonProject, error) {
			p, err := scanProject(r)
			return PersonProject{Project: p, Leads: p.LeaderID == personID}, err
		}, "SELECT "+projectCols+from+" WHERE"+mine+" AND "+where+" ORDER BY j.year DESC, j.number LIMIT ?",
			append(args, PersonProjectsShown)...)
		return err
	})
	return list, total, err
}
