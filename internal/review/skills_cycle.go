package review

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
)

// SkillsCycle checks the 青年教师教学基本功比赛 cycle (004: every two
// years) for the actor's region: the years since the last 基本功比赛
// the actor's organisation ran, against the region's rule. With none
// run yet the years are counted from the first year the rule is in
// force, so an empty history shows as due. The Result's Text says it in
// Chinese, or 本区域未设定规则：… when the region has no rule.
func (s *Service) SkillsCycle(ctx context.Context, actor app.Actor) (last int, r policy.Result, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, r, err
	}
	if s.Policy == nil || actor.OrgID == 0 {
		return 0, r, app.Invalid("org_id", "没有可检查的区域")
	}
	year := dict.SchoolYearOf(s.now())
	var region string
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", actor.OrgID).Scan(&region); err != nil {
			return err
		}
		where, args := auth.ScopeWhere(actor, "org_path", "org_id", "")
		var opens string
		err := tx.QueryRow(ctx, "SELECT COALESCE(MAX(opens_on), '') FROM review_campaigns WHERE kind = ? AND "+where,
			append([]any{KindSkills}, args...)...).Scan(&opens)
		if t, perr := time.Parse("2006-01-02", opens); perr == nil {
			last = dict.SchoolYearOf(t)
		}
		return err
	})
	if err != nil {
		return 0, r, err
	}
	r, err = s.Policy.Check(ctx, region, policy.RuleContestYoungTeacherCycleYears, year, float64(year-last))
	if err == nil && last == 0 && r.InForce {
		r.Measured, r.Met, r.Text = 0, false, "本单位尚未举办青年教师教学基本功比赛"
	}
	return last, r, err
}

// skillsDue holds a new 基本功比赛 call to the region's cycle rule and to
// full coverage. With the rule (every N 年) in force for the 学年 the call
// opens in, a call less than N 学年 after the organiser's last one is
// refused, naming that one and the next due 学年. A region without the rule
// is not held to a cycle. The call must cover every stage and subject the
// region's active teachers teach: an empty list covers all; a list that
// leaves some out is refused with those missing named.
func (s *Service) skillsDue(ctx context.Context, tx *db.Tx, c *Campaign) error {
	if s.Policy == nil {
		return app.Internal(errNoPolicy)
	}
	var region string
	if err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", c.OrgID).Scan(&region); err != nil {
		return err
	}
	opens, _ := time.Parse("2006-01-02", c.Opens)
	year := dict.SchoolYearOf(opens)
	every, ok, err := s.Policy.ValueFor(ctx, region, policy.RuleContestYoungTeacherCycleYears, year)
	if err != nil {
		return err
	}
	if ok && every >= 1 {
		var title, lastOpens string
		err := tx.QueryRow(ctx, `SELECT title, opens_on FROM review_campaigns WHERE kind = ? AND org_id = ? AND opens_on <= ?
			ORDER BY opens_on DESC, id DESC LIMIT 1`, KindSkills, c.OrgID, c.Opens).Scan(&title, &lastOpens)
		if err != nil && !db.IsNoRows(err) {
			return err
		}
		if err == nil {
			t, _ := time.Parse("2006-01-02", lastOpens)
			last := dict.SchoolYearOf(t)
			if next := last + int(every); year < next {
				return app.Invalid("opens", "本区域规定青年教师教学基本功比赛每 %d 年举办一次：上次为“%s”（%d学年），下次应在 %d学年举办",
					int(every), title, last, next)
			}
		}
	}
	return s.skillsCoverage(ctx, tx, c)
}

// skillsCoverage refuses a 基本功比赛 call whose subject or stage list
// leaves out any the region's active teachers teach, naming them.
func (s *Service) skillsCoverage(ctx context.Context, tx *db.Tx, c *Campaign) error {
	if len(c.Subjects) == 0 && len(c.Stages) == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, "SELECT DISTINCT subjects, stages FROM people WHERE active = TRUE AND org_path LIKE ?", c.ReachPath+"%")
	if err != nil {
		return err
	}
	defer rows.Close()
	subjects, stages := map[string]bool{}, map[string]bool{}
	for rows.Next() {
		var subj, st string
		if err := rows.Scan(&subj, &st); err != nil {
			return err
		}
		for _, x := range splitList(subj) {
			if x = strings.TrimSpace(x); x != "" {
				subjects[x] = true
			}
		}
		for _, x := range splitList(st) {
			stages[x] = true
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var missing []string
	if len(c.Subjects) > 0 {
		var out []string
		for _, x := range slices.Sorted(maps.Keys(subjects)) {
			if !slices.Contains(c.Subjects, x) {
				out = append(out, x)
			}
		}
		if len(out) > 0 {
			missing = append(missing, "学科 "+strings.Join(out, "、"))
		}
	}
	if len(c.Stages) > 0 {
		var out []string
		for _, x := range org.StageOrder {
			if stages[x] && !slices.Contains(c.Stages, x) {
				out = append(out, org.StageNames[x])
			}
		}
		if len(out) > 0 {
			missing = append(missing, "学段 "+strings.Join(out, "、"))
		}
	}
	if len(missing) > 0 {
		return app.Invalid("subjects", "青年教师教学基本功比赛须覆盖本区域全部学段和学科，尚缺：%s（不填学科、学段即为全部）",
			strings.Join(missing, "；"))
	}
	return nil
}
