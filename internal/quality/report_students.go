package quality

import (
	"context"
	"encoding/json"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// StudentScores is a student's scores without any standing: no rank, no
// percentile, no z or T (未成年人学校保护规定).
type StudentScores struct {
	StudentID string
	School    string
	Class     string
	Scores    []*float64 // per Report.Subjects
}

// FindSchoolStudents returns the scores of the students of one school the
// actor may see (a school sees its own students and nobody else's), by class
// and id. Ranks are never part of it.
func (s *Service) FindSchoolStudents(ctx context.Context, actor app.Actor, examID, schoolID int64) ([]StudentScores, error) {
	var out []StudentScores
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		var path string
		if err := tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", schoolID).Scan(&path); err != nil || !auth.InScope(actor, path, schoolID, 0) {
			return app.Errorf(app.ENOTFOUND, "找不到该学校，或您无权查看")
		}
		figs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var f string
			return f, r.Scan(&f)
		}, "SELECT figures FROM quality_report_students WHERE report_id = ? AND school_id = ? ORDER BY student_id", rp.ID, schoolID)
		for _, f := range figs {
			var rec struct {
				ID     string     `json:"student_id"`
				School string     `json:"school"`
				Class  string     `json:"class"`
				Score  []*float64 `json:"score"`
			}
			if err := json.Unmarshal([]byte(f), &rec); err != nil {
				return err
			}
			out = append(out, StudentScores{StudentID: rec.ID, School: rec.School, Class: rec.Class, Scores: rec.Score})
		}
		return err
	})
	return out, err
}

// StudentRecord is a student's full record with ranks, for bureau use only.
type StudentRecord struct {
	StudentScores
	County     string
	RankRegion []*int // per subject
	RankCounty []*int
	RankSchool []*int
	RankClass  []*int
	PR         []*float64
	Raw        json.RawMessage
}

// FindRegionStudents returns full student records with ranks, at most limit
// from offset in id order, of the students in the actor's scope. It needs
// PermStudents, which no built-in role holds, and every call leaves an audit
// row naming the exam and how many records were opened.
func (s *Service) FindRegionStudents(ctx context.Context, actor app.Actor, examID int64, offset, limit int) ([]StudentRecord, int, error) {
	if err := actor.Require(PermStudents); err != nil {
		return nil, 0, err
	}
	var out []StudentRecord
	var total int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		e, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		where, args := auth.ScopeWhere(actor, "scope_path", "school_id", "")
		args = append([]any{rp.ID}, args...)
		figs, n, err := db.QueryPage(ctx, tx, func(r db.Scanner) (string, error) {
			var f string
			return f, r.Scan(&f)
		}, "SELECT COUNT(*) FROM quality_report_students WHERE report_id = ? AND "+where,
			"SELECT figures FROM quality_report_students WHERE report_id = ? AND "+where+" ORDER BY student_id", args, limit, offset)
		if err != nil {
			return err
		}
		total = n
		for _, f := range figs {
			rec, err := decodeStudent(f)
			if err != nil {
				return err
			}
			out = append(out, rec)
		}
		return audit.RecordChange(ctx, tx, actor, "exam.students_view", "exam_report", rp.ID,
			"查看学生成绩与排名："+e.Name+"（"+strconv.Itoa(len(out))+"人）", nil, nil)
	})
	return out, total, err
}

func decodeStudent(f string) (StudentRecord, error) {
	var rec struct {
		ID     string     `json:"student_id"`
		County string     `json:"county"`
		School string     `json:"school"`
		Class  string     `json:"class"`
		Score  []*float64 `json:"score"`
		RR     []*int     `json:"rank_region"`
		RC     []*int     `json:"rank_county"`
		RS     []*int     `json:"rank_school"`
		RK     []*int     `json:"rank_class"`
		PR     []*float64 `json:"pr"`
	}
	err := json.Unmarshal([]byte(f), &rec)
	return StudentRecord{StudentScores: StudentScores{StudentID: rec.ID, School: rec.School, Class: rec.Class, Scores: rec.Score},
		County: rec.County, RankRegion: rec.RR, RankCounty: rec.RC, RankSchool: rec.RS, RankClass: rec.RK, PR: rec.PR, Raw: json.RawMessage(f)}, err
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
