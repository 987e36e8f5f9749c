package quality

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality/analysis"
)

// Paper setters (命题人): the people who set one subject's paper. They are
// chosen in the paper form or named in the 题目表 (a 命题人 column), among
// the people of the exam organiser's scope. An item warning of a paper is a
// 待办 for each of its setters, who see their papers' item warnings at
// /warnings whatever their own scope; a paper without a setter sends the
// warning to the exam's creator instead.

// organiserPrefix is the path prefix of the exam organiser's scope: a
// bureau's region, or the school itself.
func organiserPrefix(ctx context.Context, tx *db.Tx, e Exam) (string, error) {
	var kind, opath, rpath string
	err := tx.QueryRow(ctx, `SELECT o.kind, o.path, r.path FROM orgs o JOIN regions r ON r.code = o.region_code WHERE o.id = ?`,
		e.OrgID).Scan(&kind, &opath, &rpath)
	if kind == org.KindBureau || kind == "research_office" {
		return rpath, err
	}
	return opath, err
}

// checkSetters checks that every id is an active person of the organiser's
// scope and returns the ids without repeats.
func checkSetters(ctx context.Context, tx *db.Tx, e Exam, ids []int64) ([]int64, error) {
	prefix, err := organiserPrefix(ctx, tx, e)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, id := range ids {
		if slices.Contains(out, id) {
			continue
		}
		var path string
		err := tx.QueryRow(ctx, `SELECT o.path FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ? AND p.active = TRUE`, id).Scan(&path)
		if db.IsNoRows(err) || err == nil && !strings.HasPrefix(path, prefix) {
			return nil, app.Invalid("setters", "命题人中有不在%s范围内的人员，请重新选择", e.OrgName)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, nil
}

// setterIDs finds the people a 题目表 names as a subject's setters, among
// the organiser's scope: an unknown name or one several people share is an
// EINVALID naming the row and the 命题人 column.
func setterIDs(ctx context.Context, tx *db.Tx, e Exam, refs []analysis.SetterRef) ([]int64, error) {
	prefix, err := organiserPrefix(ctx, tx, e)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, ref := range refs {
		type hit struct {
			id  int64
			org string
		}
		hits, err := db.QueryAll(ctx, tx, func(r db.Scanner) (hit, error) {
			var h hit
			return h, r.Scan(&h.id, &h.org)
		}, `SELECT p.id, o.name FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.name = ? AND p.active = TRUE
			AND o.path LIKE ? ORDER BY p.id LIMIT 5`, ref.Name, prefix+"%")
		if err != nil {
			return nil, err
		}
		bad := func(format string, args ...any) error {
			e := app.Invalid("命题人", format, args...)
			e.Row = ref.Row
			return e
		}
		switch len(hits) {
		case 0:
			return nil, bad("命题人“%s”不是%s范围内的人员", ref.Name, e.OrgName)
		case 1:
			if !slices.Contains(out, hits[0].id) {
				out = append(out, hits[0].id)
			}
		default:
			var orgs []string
			for _, h := range hits {
				orgs = append(orgs, h.org)
			}
			return nil, bad("命题人“%s”有多位同名人员（%s），请在试卷的编辑页中选择", ref.Name, strings.Join(orgs, "、"))
		}
	}
	return out, nil
}

// writeSetters replaces the setters of one subject's paper.
func writeSetters(ctx context.Context, tx *db.Tx, examID int64, subject string, ids []int64) error {
	if _, err := tx.Exec(ctx, "DELETE FROM quality_paper_setters WHERE exam_id = ? AND subject = ?", examID, subject); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, "INSERT INTO quality_paper_setters (exam_id, subject, person_id) VALUES (?, ?, ?)", examID, subject, id); err != nil {
			return err
		}
	}
	return nil
}

// loadSetters returns the setters of each subject's paper.
func loadSetters(ctx context.Context, tx *db.Tx, examID int64) (map[string][]org.Member, error) {
	type row struct {
		subject string
		m       org.Member
	}
	rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (row, error) {
		var x row
		return x, r.Scan(&x.subject, &x.m.ID, &x.m.Name)
	}, `SELECT s.subject, p.id, p.name FROM quality_paper_setters s JOIN people p ON p.id = s.person_id
		WHERE s.exam_id = ? ORDER BY s.subject, p.id`, examID)
	out := map[string][]org.Member{}
	for _, x := range rows {
		out[x.subject] = append(out[x.subject], x.m)
	}
	return out, err
}

// SetSetters sets the 命题人 of one subject's paper to ids (people of the
// organiser's scope; none clears them), leaving its items as they are.
func (s *Service) SetSetters(ctx context.Context, actor app.Actor, examID int64, subject string, ids []int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		if !slices.Contains(e.Subjects, subject) {
			return app.Errorf(app.ENOTFOUND, "该考试没有科目“%s”的试卷", subject)
		}
		if ids, err = checkSetters(ctx, tx, e, ids); err != nil {
			return err
		}
		if err := writeSetters(ctx, tx, examID, subject, ids); err != nil {
			return err
		}
		return record(ctx, tx, actor, "exam.paper", "exam", examID, fmt.Sprintf("设置命题人：%s（%s，%d 位）", e.Name, subject, len(ids)), nil, nil)
	})
}

// FindSetters returns the setters of each subject's paper of an exam the
// actor may see.
func (s *Service) FindSetters(ctx context.Context, actor app.Actor, examID int64) (map[string][]org.Member, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (map[string][]org.Member, error) {
		if _, _, err := seeExam(ctx, tx, actor, examID); err != nil {
			return nil, err
		}
		return loadSetters(ctx, tx, examID)
	})
}

func memberNames(ms []org.Member) string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return strings.Join(out, "、")
}

// SetsPapers reports whether the actor is a setter (命题人) of any exam's
// paper: such a person sees those papers' item warnings at /warnings
// whatever their permissions, so the menu offers them 预警. An account
// without a person sets nothing; a failed read counts as no.
func (s *Service) SetsPapers(ctx context.Context, actor app.Actor) bool {
	if actor.PersonID == 0 {
		return false
	}
	n, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) {
		return tx.Count(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM quality_paper_setters WHERE person_id = ? LIMIT 1) x", actor.PersonID)
	})
	return err == nil && n > 0
}
