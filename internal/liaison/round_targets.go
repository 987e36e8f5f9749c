package liaison

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
)

// TargetFilter chooses a round's target schools inside its region: schools
// (and 教学点) that are rural, weak or teaching points — any of the ticked
// kinds — and, when Stage is set, teach that 学段.
type TargetFilter struct {
	Rural          bool
	Weak           bool
	TeachingPoints bool
	Stage          string
}

// Target is a round's target school with the kinds that made it one.
type Target struct {
	SchoolID   int64
	SchoolName string
	SchoolCode string
	Rural      bool
	Weak       bool
	Point      bool
	Stages     string
	TeamName   string // the researcher linked, "" when uncovered
}

// KindText is the school's kinds in Chinese, e.g. "乡村、薄弱".
func (t Target) KindText() string {
	var out []string
	for _, k := range []struct {
		on   bool
		name string
	}{{t.Rural, "乡村"}, {t.Weak, "薄弱"}, {t.Point, "教学点"}} {
		if k.on {
			out = append(out, k.name)
		}
	}
	return strings.Join(out, "、")
}

func (f TargetFilter) where(regionPath string) (string, []any) {
	var kinds []string
	if f.Rural {
		kinds = append(kinds, "o.locale = 'rural'")
	}
	if f.Weak {
		kinds = append(kinds, "o.weak = TRUE")
	}
	if f.TeachingPoints {
		kinds = append(kinds, "o.kind = 'teaching_point'")
	}
	where := "o.active = TRUE AND o.kind IN ('school','teaching_point') AND g.path LIKE ? AND (" + strings.Join(kinds, " OR ") + ")"
	args := []any{regionPath + "%"}
	if f.Stage != "" {
		where += " AND o.stages LIKE ?"
		args = append(args, "%,"+f.Stage+",%")
	}
	return where, args
}

// ChooseTargets adds the region's schools matching f to a draft round and
// returns how many were added. One audit row.
func (s *Service) ChooseTargets(ctx context.Context, actor app.Actor, roundID int64, f TargetFilter) (int, error) {
	if !f.Rural && !f.Weak && !f.TeachingPoints {
		return 0, app.Invalid("kinds", "请至少勾选一类学校：乡村学校、薄弱学校或教学点")
	}
	var added int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		where, args := f.where(r.RegionPath)
		ids, err := db.QueryAll(ctx, tx, scanID, "SELECT o.id FROM orgs o JOIN regions g ON g.code = o.region_code WHERE "+where+" ORDER BY o.id", args...)
		if err != nil {
			return err
		}
		if added, err = insertTargets(ctx, tx, roundID, ids); err != nil {
			return err
		}
		return record(ctx, tx, actor, "round.targets", "round", roundID, "按条件选择目标学校："+itoa(added)+" 所，"+r.Name, nil, nil)
	})
	return added, err
}

// CodeRow is one 学校标识码 and the row of the user's file it came from.
type CodeRow struct {
	Row  int
	Code string
}

// ImportTargets adds schools by 学校标识码, all or nothing: an unknown code
// or a school outside the round's region fails with the row numbers (1-based).
func (s *Service) ImportTargets(ctx context.Context, actor app.Actor, roundID int64, codes []string) (int, error) {
	rows := make([]CodeRow, len(codes))
	for i, c := range codes {
		rows[i] = CodeRow{i + 1, c}
	}
	return s.ImportTargetRows(ctx, actor, roundID, rows)
}

// ImportTargetRows is ImportTargets with the file's own row numbers.
func (s *Service) ImportTargetRows(ctx context.Context, actor app.Actor, roundID int64, codes []CodeRow) (int, error) {
	var added int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		ids, err := schoolsByCode(ctx, tx, r.RegionPath, codes)
		if err != nil {
			return err
		}
		if added, err = insertTargets(ctx, tx, roundID, ids); err != nil {
			return err
		}
		return record(ctx, tx, actor, "round.targets", "round", roundID, "导入目标学校："+itoa(added)+" 所，"+r.Name, nil, nil)
	})
	return added, err
}

func schoolsByCode(ctx context.Context, tx *db.Tx, regionPath string, codes []CodeRow) ([]int64, error) {
	var ids []int64
	var bad []string
	for _, cr := range codes {
		c := strings.TrimSpace(cr.Code)
		if c == "" {
			continue
		}
		var id int64
		err := tx.QueryRow(ctx, `SELECT o.id FROM orgs o JOIN regions g ON g.code = o.region_code
			WHERE o.school_code = ? AND o.kind IN ('school','teaching_point') AND g.path LIKE ?`, c, regionPath+"%").Scan(&id)
		if err != nil {
			bad = append(bad, "第"+itoa(cr.Row)+"行“"+c+"”")
			continue
		}
		ids = append(ids, id)
	}
	if len(bad) > 0 {
		return nil, app.Invalid("codes", "以下学校标识码不存在或不在本轮区域内，未导入任何学校：%s", strings.Join(bad, "、"))
	}
	if len(ids) == 0 {
		return nil, app.Invalid("codes", "请填写学校标识码，每行一个")
	}
	return ids, nil
}

func insertTargets(ctx context.Context, tx *db.Tx, roundID int64, ids []int64) (int, error) {
	added := 0
	for _, id := range ids {
		res, err := tx.Exec(ctx, "INSERT INTO liaison_targets (round_id, school_id) VALUES (?, ?) ON CONFLICT DO NOTHING", roundID, id)
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// RemoveTarget drops a school from a draft round, and its link if any.
func (s *Service) RemoveTarget(ctx context.Context, actor app.Actor, roundID, schoolID int64) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, roundID, true)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM liaison_links WHERE round_id = ? AND school_id = ?", roundID, schoolID); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "DELETE FROM liaison_targets WHERE round_id = ? AND school_id = ?", roundID, schoolID)
		if n, _ := res.RowsAffected(); err == nil && n == 0 {
			return notFound("目标学校")
		}
		return firstErr(err, record(ctx, tx, actor, "round.target_remove", "round", roundID, "移除目标学校，"+r.Name, nil, nil))
	})
}

// FindTargets lists a round's target schools with their linked researcher.
func (s *Service) FindTargets(ctx context.Context, actor app.Actor, roundID int64) ([]Target, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	var out []Target
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := loadRound(ctx, tx, actor, roundID); err != nil {
			return err
		}
		var err error
		out, err = db.QueryAll(ctx, tx, scanTarget, `SELECT o.id, o.name, COALESCE(o.school_code, ''), o.locale = 'rural', o.weak,
			o.kind = 'teaching_point', o.stages, COALESCE(p.name, '') FROM liaison_targets t JOIN orgs o ON o.id = t.school_id
			LEFT JOIN liaison_links k ON k.round_id = t.round_id AND k.school_id = t.school_id
			LEFT JOIN liaison_teams m ON m.id = k.team_id LEFT JOIN people p ON p.id = m.researcher_id
			WHERE t.round_id = ? ORDER BY o.name`, roundID)
		return err
	})
	return out, err
}

func scanTarget(r db.Scanner) (Target, error) {
	var t Target
	err := r.Scan(&t.SchoolID, &t.SchoolName, &t.SchoolCode, &t.Rural, &t.Weak, &t.Point, &t.Stages, &t.TeamName)
	t.Stages = stageText(t.Stages)
	return t, err
}

func scanID(r db.Scanner) (int64, error) {
	var id int64
	err := r.Scan(&id)
	return id, err
}

// stageText turns ",primary,junior," into "小学、初中".
func stageText(list string) string {
	var out []string
	for _, c := range strings.Split(strings.Trim(list, ","), ",") {
		if c != "" {
			out = append(out, firstNonEmpty(org.StageNames[c], c))
		}
	}
	return strings.Join(out, "、")
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
