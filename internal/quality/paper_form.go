package quality

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/quality/analysis"
)

// ItemInput is one row of the paper form as typed: 题号, 满分 (points, a
// multiple of 0.5), 题型 ("客观", "主观" or blank for 主观), 知识点
// (separated by 、；; or ,) and 能力层级. Remove drops the row.
type ItemInput struct {
	Name, Full, Kind, Knowledge, Ability string
	Remove                               bool
}

// ItemField is the form field key of row i's (0-based) field f ("name",
// "full", "kind", "knowledge", "ability"): the key of its error.
func ItemField(i int, f string) string { return fmt.Sprintf("item%d.%s", i, f) }

// PaperErrors is the validation report of the paper form: every bad field,
// each an EINVALID app.Error whose Field is an ItemField key (or "subject",
// "items"). Nothing was written. It unwraps to the first.
type PaperErrors struct{ All []*app.Error }

func (e PaperErrors) Error() string {
	return fmt.Sprintf("试卷有 %d 处错误，未保存；第一处：%s", len(e.All), e.All[0].Error())
}

// Unwrap is the first error.
func (e PaperErrors) Unwrap() error { return e.All[0] }

// parseItems checks the form's rows and returns the subject's items, or
// PaperErrors naming every bad field. Rows marked Remove or left wholly
// blank are dropped.
func parseItems(subject string, rows []ItemInput) ([]analysis.Item, error) {
	var errs []*app.Error
	bad := func(field, format string, args ...any) { errs = append(errs, app.Invalid(field, format, args...)) }
	if subject == "" {
		bad("subject", "请填写科目")
	} else if len([]rune(subject)) > 20 {
		bad("subject", "科目名称不超过20个字")
	}
	var items []analysis.Item
	seen := map[string]int{}
	for i, r := range rows {
		r.Name, r.Full, r.Kind = strings.TrimSpace(r.Name), strings.TrimSpace(r.Full), strings.TrimSpace(r.Kind)
		r.Knowledge, r.Ability = strings.TrimSpace(r.Knowledge), strings.TrimSpace(r.Ability)
		if r.Remove || r.Name+r.Full+r.Knowledge+r.Ability == "" {
			continue
		}
		n := i + 1
		it := analysis.Item{Name: r.Name, Ability: r.Ability}
		switch {
		case r.Name == "":
			bad(ItemField(i, "name"), "第%d行：请填写题号", n)
		case len([]rune(r.Name)) > 20:
			bad(ItemField(i, "name"), "第%d行：题号不超过20个字", n)
		case seen[r.Name] > 0:
			bad(ItemField(i, "name"), "第%d行：题号“%s”与第%d行重复", n, r.Name, seen[r.Name])
		default:
			seen[r.Name] = n
		}
		if f, err := strconv.ParseFloat(r.Full, 64); r.Full == "" {
			bad(ItemField(i, "full"), "第%d行：请填写满分", n)
		} else if err != nil || math.IsNaN(f) || f <= 0 || f > 1000 || f*2 != math.Trunc(f*2) {
			bad(ItemField(i, "full"), "第%d行：满分应为大于0、不超过1000的数，且为0.5分的整数倍", n)
		} else {
			it.Full = int32(f * 2)
		}
		switch r.Kind {
		case "客观":
			it.Kind = analysis.Objective
		case "", "主观":
		default:
			bad(ItemField(i, "kind"), "第%d行：题型应为“客观”或“主观”", n)
		}
		if len([]rune(r.Ability)) > 20 {
			bad(ItemField(i, "ability"), "第%d行：能力层级不超过20个字", n)
		}
		for _, k := range strings.FieldsFunc(r.Knowledge, func(c rune) bool { return strings.ContainsRune("、；;，,", c) }) {
			if k = strings.TrimSpace(k); k != "" {
				it.Knowledge = append(it.Knowledge, k)
			}
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		bad("items", "请至少填写一道小题（只有成绩时填一行，如题号“全卷”、满分150）")
	}
	if len(items) > maxItems {
		bad("items", "小题不超过%d道", maxItems)
	}
	if len(errs) > 0 {
		return nil, PaperErrors{All: errs}
	}
	return items, nil
}

// SavePaper sets one subject's paper from the form, replacing its earlier
// items. When the 题号 and 满分 of every item stay as they were (only 题型,
// 知识点 or 能力层级 changed), the subject's imported scores are kept;
// otherwise they are removed, as their item columns no longer fit. A bad
// row writes nothing (PaperErrors). Only the exam's organiser may.
func (s *Service) SavePaper(ctx context.Context, actor app.Actor, examID int64, subject string, rows []ItemInput) (scoresKept bool, err error) {
	return s.savePaper(ctx, actor, examID, subject, rows, nil, false)
}

// SavePaperWithSetters is SavePaper that also sets the paper's 命题人 to
// setters (people of the organiser's scope; none clears them), in the same
// transaction.
func (s *Service) SavePaperWithSetters(ctx context.Context, actor app.Actor, examID int64, subject string, rows []ItemInput,
	setters []int64) (scoresKept bool, err error) {
	return s.savePaper(ctx, actor, examID, subject, rows, setters, true)
}

func (s *Service) savePaper(ctx context.Context, actor app.Actor, examID int64, subject string, rows []ItemInput,
	setters []int64, withSetters bool) (scoresKept bool, err error) {
	subject = strings.TrimSpace(subject)
	items, err := parseItems(subject, rows)
	if err != nil {
		return false, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		old, err := loadPapers(ctx, tx, examID)
		if err != nil {
			return err
		}
		var before []analysis.Item
		for _, sub := range old.Subjects {
			if sub.Name == subject {
				before = sub.Items
			}
		}
		keepKeys(before, items)
		scoresKept = sameShape(before, items)
		sub := analysis.Subject{Name: subject, Items: items}
		if scoresKept {
			err = rewriteItems(ctx, tx, examID, sub)
		} else {
			err = replacePaper(ctx, tx, examID, sub)
		}
		if err != nil {
			return err
		}
		note := fmt.Sprintf("编辑试卷：%s（%s，%d道小题）", e.Name, subject, len(items))
		if !scoresKept && len(before) > 0 {
			note += "，该科成绩已清除"
		}
		if withSetters {
			if setters, err = checkSetters(ctx, tx, e, setters); err != nil {
				return err
			}
			if err := writeSetters(ctx, tx, examID, subject, setters); err != nil {
				return err
			}
			note += fmt.Sprintf("，命题人 %d 位", len(setters))
		}
		return record(ctx, tx, actor, "exam.paper", "exam", examID, note, nil, nil)
	})
	return scoresKept, err
}

// RemovePaper removes one subject's paper and its imported scores.
func (s *Service) RemovePaper(ctx context.Context, actor app.Actor, examID int64, subject string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		e, err := manageExam(ctx, tx, actor, examID)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "DELETE FROM quality_items WHERE exam_id = ? AND subject = ?", examID, subject)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.Errorf(app.ENOTFOUND, "该考试没有科目“%s”的试卷", subject)
		}
		for _, q := range []string{"DELETE FROM quality_scores WHERE exam_id = ? AND subject = ?",
			"DELETE FROM quality_exam_subjects WHERE exam_id = ? AND subject = ?",
			"DELETE FROM quality_paper_setters WHERE exam_id = ? AND subject = ?"} {
			if _, err := tx.Exec(ctx, q, examID, subject); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "exam.paper", "exam", examID, "删除试卷："+e.Name+"（"+subject+"）及其成绩", nil, nil)
	})
}

// sameShape reports whether two item lists have the same 题号 and 满分 in
// the same order, so stored score cells still fit.
func sameShape(a, b []analysis.Item) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Full != b[i].Full {
			return false
		}
	}
	return true
}

// rewriteItems replaces a subject's item rows in its place, leaving its
// scores.
func rewriteItems(ctx context.Context, tx *db.Tx, examID int64, sub analysis.Subject) error {
	block, err := paperBlock(ctx, tx, examID, sub.Name)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "DELETE FROM quality_items WHERE exam_id = ? AND subject = ?", examID, sub.Name); err != nil {
		return err
	}
	return insertItems(ctx, tx, examID, sub, block)
}

// keepKeys carries the 答案 and 选项 of objective items (set by a 题目表
// import; the form does not show them) over to the items of the same 题号.
func keepKeys(before, items []analysis.Item) {
	old := map[string]analysis.Item{}
	for _, it := range before {
		old[it.Name] = it
	}
	for i := range items {
		if o, ok := old[items[i].Name]; ok && items[i].Kind == analysis.Objective {
			items[i].Key, items[i].Options = o.Key, o.Options
		}
	}
}
