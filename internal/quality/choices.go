package quality

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// SchoolChoice is a school an exam may include.
type SchoolChoice struct {
	ID           int64
	Name, County string
}

// NewExamChoices are what the new-exam form offers an actor: the actor's own
// organisation as organiser, its level (a city or county bureau, or a
// school), and the schools in the actor's scope.
type NewExamChoices struct {
	OrgID   int64
	OrgName string
	Level   string
	Schools []SchoolChoice
}

// FindNewExamChoices returns the new-exam form's choices, or EFORBIDDEN for
// an actor without PermManage or whose organisation cannot organise exams.
func (s *Service) FindNewExamChoices(ctx context.Context, actor app.Actor) (NewExamChoices, error) {
	if err := actor.Require(PermManage); err != nil {
		return NewExamChoices{}, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (NewExamChoices, error) {
		c := NewExamChoices{OrgID: actor.OrgID}
		var kind, regionLevel string
		err := tx.QueryRow(ctx, `SELECT o.name, o.kind, r.level FROM orgs o JOIN regions r ON r.code = o.region_code WHERE o.id = ?`,
			actor.OrgID).Scan(&c.OrgName, &kind, &regionLevel)
		if err != nil {
			return c, app.Errorf(app.EFORBIDDEN, "您所在的单位不能组织考试")
		}
		switch {
		case kind == org.KindSchool:
			c.Level = LevelSchool
		case kind == org.KindBureau && regionLevel == "county":
			c.Level = LevelCounty
		case kind == org.KindBureau:
			c.Level = LevelCity
		default:
			return c, app.Errorf(app.EFORBIDDEN, "只有教育局和学校可以组织考试")
		}
		where, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
		c.Schools, err = db.QueryAll(ctx, tx, func(r db.Scanner) (SchoolChoice, error) {
			var x SchoolChoice
			return x, r.Scan(&x.ID, &x.Name, &x.County)
		}, `SELECT o.id, o.name, r.name FROM orgs o JOIN regions r ON r.code = o.region_code
			WHERE o.kind = 'school' AND o.active AND `+where+` ORDER BY o.path, o.id`, args...)
		return c, err
	})
}

// FindImports returns the import state of each subject with scores, in
// paper order.
func (s *Service) FindImports(ctx context.Context, actor app.Actor, examID int64) ([]SubjectImport, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]SubjectImport, error) {
		e, _, err := loadExam(ctx, tx, actor, examID)
		if err != nil {
			return nil, err
		}
		m, err := loadImports(ctx, tx, examID)
		var out []SubjectImport
		for _, sub := range e.Subjects {
			if x, ok := m[sub]; ok {
				out = append(out, x)
			}
		}
		return out, err
	})
}

// CanManage reports whether the actor may manage the exam (import, analyse).
func (s *Service) CanManage(ctx context.Context, actor app.Actor, examID int64) bool {
	ok, _ := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (bool, error) {
		_, err := manageExam(ctx, tx, actor, examID)
		return err == nil, nil
	})
	return ok
}
