package quality

import (
	"context"
	"encoding/json"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/rectify"
)

// RectifyOwner is the owner kind of the loops opened for warnings.
const RectifyOwner = "quality_warning"

// OpenRectification opens the 整改闭环 of a school's warning (or returns the
// one already open), due on due. The actor must see the warning and may
// edit rectifications: the school itself or its county.
func (s *Service) OpenRectification(ctx context.Context, actor app.Actor, warningID int64, due string) (int64, error) {
	if err := actor.Require(rectify.PermEdit); err != nil {
		return 0, err
	}
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		w, err := loadWarning(ctx, tx, actor, warningID)
		if err != nil {
			return err
		}
		if w.SchoolID == 0 {
			return app.Invalid("warning", "只有学校的预警可以发起整改")
		}
		id, err = rectify.OpenTx(ctx, tx, actor, rectify.OpenInput{OwnerKind: RectifyOwner, OwnerID: w.ID, OrgID: w.SchoolID,
			Title: w.ExamName + "：" + w.Message, Due: due}, s.now())
		return err
	})
	return id, err
}

// FollowUp is the 整改跟踪 evidence: the same metric of the warning in the
// next analysed exam of the same organiser and kind.
type FollowUp struct {
	Found    bool
	ExamName string
	Text     string // e.g. "2026学年… 数学平均分 7.2（县区 6.9）"
}

// FindFollowUp returns the next exam's result on the warning's metric, or
// Found false when no later exam has been analysed yet.
func (s *Service) FindFollowUp(ctx context.Context, actor app.Actor, warningID int64) (FollowUp, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (FollowUp, error) {
		w, err := loadWarning(ctx, tx, actor, warningID)
		if err != nil {
			return FollowUp{}, err
		}
		var e Exam
		e, _, err = loadExamUnchecked(ctx, tx, w.ExamID)
		if err != nil {
			return FollowUp{}, err
		}
		var rid int64
		var name string
		err = tx.QueryRow(ctx, `SELECT report_id, name FROM quality_exams WHERE org_id = ? AND kind = ? AND report_id IS NOT NULL AND id <> ?
			AND (school_year > ? OR school_year = ? AND half > ?) ORDER BY school_year, half, id LIMIT 1`,
			e.OrgID, e.Kind, e.ID, e.Term.Year, e.Term.Year, int(e.Term.Half)).Scan(&rid, &name)
		if db.IsNoRows(err) {
			return FollowUp{}, nil
		}
		if err != nil {
			return FollowUp{}, err
		}
		return followText(ctx, tx, w, rid, name)
	})
}

// followText reads the warning's group in report rid and says its figure.
func followText(ctx context.Context, tx *db.Tx, w Warning, rid int64, exam string) (FollowUp, error) {
	level := "school"
	if w.Kind == WarnClassLow {
		level = "class"
	}
	figs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
		var f string
		return f, r.Scan(&f)
	}, "SELECT figures FROM quality_report_groups WHERE report_id = ? AND level = ? AND subject = ? AND school_id = ? ORDER BY seq",
		rid, level, w.Subject, w.SchoolID)
	if err != nil {
		return FollowUp{}, err
	}
	for _, f := range figs {
		var g Group
		if err := json.Unmarshal([]byte(f), &g); err != nil {
			return FollowUp{}, err
		}
		if level == "class" && g.Class != w.Class {
			continue
		}
		out := FollowUp{Found: true, ExamName: exam}
		switch w.Kind {
		case WarnClassLow:
			out.Text = fmt.Sprintf("%s %s低分率 %s（预警时 %.1f%%）", g.Class, w.Subject, pctText(g.LowRate), w.Measured)
		default:
			out.Text = fmt.Sprintf("%s平均分 %s，标准分 %s，超均率 %s", w.Subject, numText(g.Mean), numText(g.TScore), pctText(g.OverMeanRate))
		}
		return out, nil
	}
	return FollowUp{Found: true, ExamName: exam, Text: "该校（班）没有参加这次考试的" + w.Subject}, nil
}

func numText(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *p)
}

func pctText(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", *p*100)
}

// loadExamUnchecked reads an exam the caller has already reached through a
// checked object (a warning in scope).
func loadExamUnchecked(ctx context.Context, tx *db.Tx, id int64) (Exam, examAccess, error) {
	e, err := scanExam(tx.QueryRow(ctx, "SELECT "+examColumns+" FROM quality_exams e JOIN orgs o ON o.id = e.org_id WHERE e.id = ?", id))
	return e, examAccess{}, err
}
