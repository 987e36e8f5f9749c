package quality

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"strconv"
	"strings"

	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality/analysis"
)

// withPrior adds the prior exam's scores to ds for value-added across years
// (the same students matched by 考号, per subject of the same name), with
// the region's smallest reported group. Without a prior exam, or when the
// prior has no report, it does nothing; without the rule it returns the
// note 本区域未设定规则：… and leaves value-added out.
func (s *Service) withPrior(ctx context.Context, e Exam, ds *analysis.Dataset, set *analysis.Settings) (string, error) {
	if e.PriorID == 0 || s.Policy == nil {
		return "", nil
	}
	min, ok, err := s.Policy.ValueFor(ctx, e.RegionCode, policy.RuleQualityMinValueAddedGroup, e.Term.Year)
	if err != nil {
		return "", err
	}
	if !ok {
		def, _ := policy.Def(policy.RuleQualityMinValueAddedGroup)
		return policy.NotSetText(def) + "（未做增值评价）", nil
	}
	set.MinGroupVA = max(1, int(min))
	f, err := os.CreateTemp("", "jiaoyan-prior-*.csv")
	if err != nil {
		return "", err
	}
	defer os.Remove(f.Name())
	var found bool
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		found, err = writePriorCSV(ctx, tx, f, e.PriorID)
		return err
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || !found {
		return "", err
	}
	return "", analysis.ReadPrior(f.Name(), ds, nil)
}

// writePriorCSV writes 考号,科目,成绩 from the prior exam's stored student
// records; found is false when the prior exam has no report.
func writePriorCSV(ctx context.Context, tx *db.Tx, f *os.File, priorID int64) (bool, error) {
	var rid int64
	var subjects string
	err := tx.QueryRow(ctx, `SELECT r.id, r.subjects FROM quality_exams e JOIN quality_reports r ON r.id = e.report_id WHERE e.id = ?`, priorID).
		Scan(&rid, &subjects)
	if db.IsNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	names := strings.Split(subjects, "、")
	w := csv.NewWriter(f)
	if err := w.Write([]string{"考号", "科目", "成绩"}); err != nil {
		return false, err
	}
	rows, err := tx.Query(ctx, "SELECT figures FROM quality_report_students WHERE report_id = ? ORDER BY student_id", rid)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	for rows.Next() {
		var fig string
		if err := rows.Scan(&fig); err != nil {
			return false, err
		}
		var rec struct {
			ID    string     `json:"student_id"`
			Score []*float64 `json:"score"`
		}
		if err := json.Unmarshal([]byte(fig), &rec); err != nil {
			return false, err
		}
		for i, sc := range rec.Score {
			if sc != nil && i < len(names)-1 { // the last is 总分
				if err := w.Write([]string{rec.ID, names[i], strconv.FormatFloat(*sc, 'f', -1, 64)}); err != nil {
					return false, err
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		return false, err
	}
	w.Flush()
	return true, w.Error()
}
