package review

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
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
