package quality

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Item is one stored item record (region level).
type Item struct {
	Raw            json.RawMessage `json:"-"`
	Subject        string          `json:"subject"`
	Item           string          `json:"item"`
	Kind           string          `json:"kind"`
	FullMarks      float64         `json:"full_marks"`
	N              int             `json:"n"`
	Mean           *float64        `json:"mean"`
	SD             *float64        `json:"sd"`
	Difficulty     *float64        `json:"difficulty"`
	Discrimination *float64        `json:"discrimination"`
	PointBiserial  *float64        `json:"point_biserial"`
	CorrectedR     *float64        `json:"corrected_r"`
	BlankRate      *float64        `json:"blank_rate"`
	Knowledge      []string        `json:"knowledge_points"`
	Ability        string          `json:"ability"`
	Key            string          `json:"key"`
	Options        string          `json:"options"`
	OptionRates    []*float64      `json:"option_rates"`
}

// FindItems returns the item records of subject in the current report
// (aggregates over every student: shown to whoever sees the exam).
func (s *Service) FindItems(ctx context.Context, actor app.Actor, examID int64, subject string) ([]Item, error) {
	var out []Item
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		figs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var f string
			return f, r.Scan(&f)
		}, "SELECT figures FROM quality_report_records WHERE report_id = ? AND section = 'items' AND subject = ? ORDER BY seq", rp.ID, subject)
		for _, f := range figs {
			it := Item{Raw: json.RawMessage(f)}
			if err := json.Unmarshal([]byte(f), &it); err != nil {
				return err
			}
			out = append(out, it)
		}
		return err
	})
	return out, err
}

// ValueAdded is one stored value-added record of a school or class.
type ValueAdded struct {
	SchoolID     int64    `json:"-"`
	Level        string   `json:"level"`
	County       string   `json:"county"`
	School       string   `json:"school"`
	Class        string   `json:"class"`
	Subject      string   `json:"subject"`
	N            int      `json:"n"`
	Suppressed   bool     `json:"suppressed"`
	ResidualMean *float64 `json:"residual_mean"`
	CILow        *float64 `json:"ci_low"`
	CIHigh       *float64 `json:"ci_high"`
	Shrunken     *float64 `json:"shrunken"`
}

// FindValueAdded returns the value-added records of the schools and classes
// the actor may see (those above the suppression threshold carry figures),
// of one subject or, with subject "", of every subject.
func (s *Service) FindValueAdded(ctx context.Context, actor app.Actor, examID int64, subject string) ([]ValueAdded, error) {
	var out []ValueAdded
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		_, rp, err := currentReport(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		q, args := `SELECT COALESCE(r.school_id, 0), COALESCE(o.path, ''), r.figures FROM quality_report_records r
			LEFT JOIN orgs o ON o.id = r.school_id WHERE r.report_id = ? AND r.section = 'value_added'`, []any{rp.ID}
		if subject != "" {
			q, args = q+" AND r.subject = ?", append(args, subject)
		}
		rows, err := tx.Query(ctx, q+" ORDER BY r.seq", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sid int64
			var path, fig string
			if err := rows.Scan(&sid, &path, &fig); err != nil {
				return err
			}
			if !auth.InScope(actor, path, sid, 0) {
				continue
			}
			va := ValueAdded{SchoolID: sid}
			if err := json.Unmarshal([]byte(fig), &va); err != nil {
				return err
			}
			out = append(out, va)
		}
		return rows.Err()
	})
	return out, err
}

// FindPreviousT returns the 标准分 of the schools the actor may see in the
// latest earlier analysed exam of the same organiser and kind, by "school
// id/subject" (of subject only, or all with ""), and that exam's name (""
// when there is none): the page's 进步/退步 by school.
func (s *Service) FindPreviousT(ctx context.Context, actor app.Actor, examID int64, subject string) (map[string]float64, string, error) {
	var out map[string]float64
	var name string
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		e, organiser, err := seeExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		all, err := previousTScores(ctx, tx, e, subject)
		if err != nil || len(all) == 0 {
			return err
		}
		var acc examAccess
		if !organiser { // only then the schools in scope decide
			if _, acc, err = loadExam(ctx, tx, actor, examID); err != nil {
				return err
			}
		}
		out = map[string]float64{}
		for k, v := range all {
			sid, _ := strconv.ParseInt(strings.SplitN(k, "/", 2)[0], 10, 64)
			if _, ok := acc.Schools[sid]; ok || organiser {
				out[k] = v
			}
		}
		return tx.QueryRow(ctx, `SELECT name FROM quality_exams WHERE org_id = ? AND kind = ? AND report_id IS NOT NULL AND id <> ?
			AND (school_year < ? OR school_year = ? AND half < ?) ORDER BY school_year DESC, half DESC, id DESC LIMIT 1`,
			e.OrgID, e.Kind, e.ID, e.Term.Year, e.Term.Year, int(e.Term.Half)).Scan(&name)
	})
	return out, name, err
}
