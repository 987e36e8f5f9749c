package quality

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/quality/analysis"
)

// maxItems bounds the items of one subject's paper.
const maxItems = 999

// withTempFile writes data to a temporary file named like name (the engine
// reads xlsx or CSV by the extension) and calls fn with its path.
func withTempFile(name string, data []byte, fn func(path string) error) error {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".xlsx" && ext != ".xlsm" {
		ext = ".csv"
	}
	f, err := os.CreateTemp("", "jiaoyan-quality-*"+ext)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return fn(f.Name())
}

// ImportPaper reads a 题目表 (the engine's ITEMS file: 科目, 题号, 满分, and
// optionally 题型, 知识点, 能力层级, 答案, 选项) and sets the paper of every
// subject in it, replacing that subject's earlier paper; the scores already
// imported for a replaced subject are removed with it, as their item
// columns no longer fit. Other subjects are kept. A 命题人 column names the
// paper's setters among the people of the organiser's scope (a subject
// whose rows name none keeps its setters); an unknown or shared name is an
// error naming the row. All or nothing.
func (s *Service) ImportPaper(ctx context.Context, actor app.Actor, examID int64, name string, data []byte) ([]string, error) {
	var ex *analysis.Exam
	err := withTempFile(name, data, func(path string) error {
		var err error
		ex, err = analysis.ReadExam(path)
		return err
	})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, sub := range ex.Subjects {
		if len(sub.Items) > maxItems {
			return nil, app.Invalid("题号", "科目“%s”的小题超过%d道", sub.Name, maxItems)
		}
		names = append(names, sub.Name)
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		for _, sub := range ex.Subjects {
			if err := replacePaper(ctx, tx, examID, sub); err != nil {
				return err
			}
			if len(sub.Setters) == 0 {
				continue // no 命题人 named: the paper keeps its setters
			}
			ids, err := setterIDs(ctx, tx, e, sub.Setters)
			if err != nil {
				return err
			}
			if err := writeSetters(ctx, tx, examID, sub.Name, ids); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "exam.paper", "exam", examID, "导入试卷："+e.Name+"（"+strings.Join(names, "、")+"）", nil, nil)
	})
	return names, err
}

// replacePaper writes one subject's items at the subject's place in paper
// order (after the others when new), dropping its earlier items and scores.
func replacePaper(ctx context.Context, tx *db.Tx, examID int64, sub analysis.Subject) error {
	block, err := paperBlock(ctx, tx, examID, sub.Name)
	if err != nil {
		return err
	}
	for _, q := range []string{"DELETE FROM quality_items WHERE exam_id = ? AND subject = ?",
		"DELETE FROM quality_scores WHERE exam_id = ? AND subject = ?",
		"DELETE FROM quality_exam_subjects WHERE exam_id = ? AND subject = ?"} {
		if _, err := tx.Exec(ctx, q, examID, sub.Name); err != nil {
			return err
		}
	}
	return insertItems(ctx, tx, examID, sub, block)
}

// paperBlock is the subject's place in paper order: its items' seq numbers
// are block*(maxItems+1)+j. A new subject goes after every other.
func paperBlock(ctx context.Context, tx *db.Tx, examID int64, subject string) (int, error) {
	var own, last int
	err := tx.QueryRow(ctx, `SELECT COALESCE(MIN(CASE WHEN subject = ? THEN seq END), -1), COALESCE(MAX(seq), -1)
		FROM quality_items WHERE exam_id = ?`, subject, examID).Scan(&own, &last)
	if err != nil {
		return 0, err
	}
	if own >= 0 {
		return own / (maxItems + 1), nil
	}
	return last/(maxItems+1) + 1, nil
}

// insertItems inserts a subject's items in block; its earlier items must be
// gone.
func insertItems(ctx context.Context, tx *db.Tx, examID int64, sub analysis.Subject, block int) error {
	for j, it := range sub.Items {
		obj := 0
		if it.Kind == analysis.Objective {
			obj = 1
		}
		if _, err := tx.Exec(ctx, `INSERT INTO quality_items (exam_id, subject, seq, name, full_half, objective, knowledge, ability,
			answer_key, options) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, examID, sub.Name, block*(maxItems+1)+j, it.Name, it.Full, obj,
			strings.Join(it.Knowledge, "；"), it.Ability, it.Key, it.Options); err != nil {
			return err
		}
	}
	return nil
}

// Paper is one subject's paper as stored.
type Paper struct {
	Subject string
	Full    float64 // points
	Items   []analysis.Item
	Setters []org.Member // 命题人
}

// loadPapers returns the exam's papers as an engine exam, in paper order.
func loadPapers(ctx context.Context, tx *db.Tx, examID int64) (*analysis.Exam, error) {
	rows, err := tx.Query(ctx, `SELECT subject, name, full_half, objective, knowledge, ability, answer_key, options
		FROM quality_items WHERE exam_id = ? ORDER BY seq`, examID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ex := &analysis.Exam{}
	for rows.Next() {
		var subj, know string
		var it analysis.Item
		var obj int
		if err := rows.Scan(&subj, &it.Name, &it.Full, &obj, &know, &it.Ability, &it.Key, &it.Options); err != nil {
			return nil, err
		}
		if obj == 1 {
			it.Kind = analysis.Objective
		}
		if know != "" {
			it.Knowledge = strings.Split(know, "；")
		}
		if n := len(ex.Subjects); n == 0 || ex.Subjects[n-1].Name != subj {
			ex.Subjects = append(ex.Subjects, analysis.Subject{Name: subj})
		}
		sub := &ex.Subjects[len(ex.Subjects)-1]
		sub.Items = append(sub.Items, it)
		sub.Full += it.Full
	}
	return ex, rows.Err()
}

// FindPapers returns the exam's papers for an actor who may see the exam.
func (s *Service) FindPapers(ctx context.Context, actor app.Actor, examID int64) ([]Paper, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Paper, error) {
		if _, _, err := seeExam(ctx, tx, actor, examID); err != nil {
			return nil, err
		}
		ex, err := loadPapers(ctx, tx, examID)
		if err != nil {
			return nil, err
		}
		setters, err := loadSetters(ctx, tx, examID)
		if err != nil {
			return nil, err
		}
		var out []Paper
		for _, sub := range ex.Subjects {
			out = append(out, Paper{Subject: sub.Name, Full: float64(sub.Full) / 2, Items: sub.Items, Setters: setters[sub.Name]})
		}
		return out, nil
	})
}

// FindFullMarks returns each paper's full marks in points, by subject, for
// an actor who may see the exam.
func (s *Service) FindFullMarks(ctx context.Context, actor app.Actor, examID int64) (map[string]float64, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (map[string]float64, error) {
		if _, _, err := seeExam(ctx, tx, actor, examID); err != nil {
			return nil, err
		}
		type full struct {
			subject string
			half    int64
		}
		list, err := db.QueryAll(ctx, tx, func(r db.Scanner) (full, error) {
			var f full
			return f, r.Scan(&f.subject, &f.half)
		}, "SELECT subject, SUM(full_half) FROM quality_items WHERE exam_id = ? GROUP BY subject", examID)
		out := map[string]float64{}
		for _, f := range list {
			out[f.subject] = float64(f.half) / 2
		}
		return out, err
	})
}
