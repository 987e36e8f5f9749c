package review

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// AwardCategory is one of 003 六.10's yearly awards and the region rule
// that says how many are awarded each year.
type AwardCategory struct {
	Code string
	Name string
	Rule policy.RuleKey
}

// AwardCategories are 003 六.10's yearly awards in the seed's order.
var AwardCategories = []AwardCategory{
	{"courses", "校本研修精品课程", policy.RuleAwardYearlyCourses},
	{"schools", "校本研修优质学校", policy.RuleAwardYearlySchools},
	{"groups", "先进教研组", policy.RuleAwardYearlyGroups},
	{"group_leaders", "优秀教研组长", policy.RuleAwardYearlyGroupLeaders},
	{"cases", "校本研修精品案例", policy.RuleAwardYearlyCases},
}

// AwardCategoryName is the Chinese name of a yearly award code, "" for
// an unknown code or none.
func AwardCategoryName(code string) string {
	for _, a := range AwardCategories {
		if a.Code == code {
			return a.Name
		}
	}
	return ""
}

// AwardLine is one campaign's own quota against what it awarded.
type AwardLine struct {
	Year     string // the 学年 its call opened in, e.g. 2025学年
	Kind     string
	Title    string
	Category string // the yearly award's Chinese name, "" for none
	Quota    int    // 0: no limit
	Awarded  int
	Status   string
}

// YearlyAward is one of 003's yearly awards in a 学年: the number awarded
// by the campaigns of that category against the region's rule. Result's
// Text says it in Chinese, 本区域未设定规则：… when the rule is unset.
type YearlyAward struct {
	Category AwardCategory
	Awarded  int
	Result   policy.Result
}

// AwardReport is 003 六.10's yearly report for the actor's region in
// schoolYear (0: the current 学年): for each yearly award, the number
// awarded (公示中 or 已确定) by the campaigns in scope whose call opened in
// that 学年, checked against the region's RuleAwardYearly* rule; and the
// campaigns themselves with their own quotas, newest first.
func (s *Service) AwardReport(ctx context.Context, actor app.Actor, schoolYear int) (year int, yearly []YearlyAward, lines []AwardLine, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, nil, nil, err
	}
	if s.Policy == nil {
		return 0, nil, nil, app.Internal(errNoPolicy)
	}
	year = schoolYear
	if year == 0 {
		year = dict.SchoolYearOf(s.now())
	}
	counts := map[string]int{}
	var region string
	where, args := auth.ScopeWhere(actor, "c.org_path", "c.org_id", "")
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if actor.OrgID == 0 {
			return app.Invalid("org_id", "没有可检查的区域")
		}
		if err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", actor.OrgID).Scan(&region); err != nil {
			return err
		}
		var opens []string
		lines, err = db.QueryAll(ctx, tx, func(r db.Scanner) (AwardLine, error) {
			var l AwardLine
			var on, cat string
			err := r.Scan(&on, &l.Kind, &l.Title, &cat, &l.Quota, &l.Awarded, &l.Status)
			opens = append(opens, on)
			l.Category = AwardCategoryName(cat)
			return l, err
		}, `SELECT c.opens_on, c.kind, c.title, c.award_category, c.award_quota,
			(SELECT COUNT(*) FROM review_submissions s WHERE s.campaign_id = c.id AND s.awarded = TRUE), c.status
			FROM review_campaigns c WHERE `+where+` AND c.status IN ('publicity','final') ORDER BY c.opens_on DESC, c.id DESC LIMIT 500`, args...)
		for i := range lines {
			t, perr := time.Parse("2006-01-02", opens[i])
			if perr != nil {
				continue
			}
			lines[i].Year = fmt.Sprintf("%d学年", dict.SchoolYearOf(t))
		}
		if err != nil {
			return err
		}
		return countYearly(ctx, tx, where, args, year, counts)
	})
	if err != nil {
		return year, nil, nil, err
	}
	for _, a := range AwardCategories {
		r, err := s.Policy.Check(ctx, region, a.Rule, year, float64(counts[a.Code]))
		if err != nil {
			return year, nil, nil, err
		}
		yearly = append(yearly, YearlyAward{Category: a, Awarded: counts[a.Code], Result: r})
	}
	return year, yearly, lines, nil
}

// countYearly adds to counts, per yearly award, the entries awarded by the
// campaigns (scope where/args) whose call opened in schoolYear. Calls of
// the two calendar years the 学年 spans are read, then kept by 学年.
func countYearly(ctx context.Context, tx *db.Tx, where string, args []any, schoolYear int, counts map[string]int) error {
	type row struct {
		opens, cat string
		n          int
	}
	rows, err := db.QueryAll(ctx, tx, func(r db.Scanner) (row, error) {
		var x row
		return x, r.Scan(&x.opens, &x.cat, &x.n)
	}, `SELECT c.opens_on, c.award_category, (SELECT COUNT(*) FROM review_submissions s WHERE s.campaign_id = c.id AND s.awarded = TRUE)
		FROM review_campaigns c WHERE `+where+` AND c.award_category <> '' AND c.status IN ('publicity','final')
		AND c.opens_on >= ? AND c.opens_on < ?`, append(args, fmt.Sprintf("%d-01-01", schoolYear), fmt.Sprintf("%d-01-01", schoolYear+2))...)
	for _, x := range rows {
		if t, perr := time.Parse("2006-01-02", x.opens); perr == nil && dict.SchoolYearOf(t) == schoolYear {
			counts[x.cat] += x.n
		}
	}
	return err
}
