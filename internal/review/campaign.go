package review

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

const campaignCols = `id, kind, title, call_text, org_id, org_path, reach_path, term, opens_on, closes_on, review_due, subjects, stages,
	school_quota, county_quota, city_quota, award_quota, reviewers, blind, avoid_county, require_senior, method, outlier_gap,
	status, publicity_from, publicity_to, version, form_fields, award_category, COALESCE(round_id, 0), round_phase`

func scanCampaign(r db.Scanner) (Campaign, error) {
	var c Campaign
	var subj, stages, fields string
	err := r.Scan(&c.ID, &c.Kind, &c.Title, &c.CallText, &c.OrgID, &c.OrgPath, &c.ReachPath, &c.Term, &c.Opens, &c.Closes,
		&c.ReviewDue, &subj, &stages, &c.SchoolQuota, &c.CountyQuota, &c.CityQuota, &c.AwardQuota, &c.Reviewers, &c.Blind,
		&c.AvoidCounty, &c.RequireSenior, &c.Method, &c.OutlierGap, &c.Status, &c.PublicityFrom, &c.PublicityTo, &c.Version, &fields, &c.AwardCategory,
		&c.RoundID, &c.RoundPhase)
	c.Subjects, c.Stages, c.Fields = splitList(subj), splitList(stages), jsonList(fields)
	return c, err
}

func (c Campaign) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": c.Title, "类别": KindNames[c.Kind], "申报": c.Opens + " 至 " + c.Closes,
		"每校限报": fmt.Sprint(c.SchoolQuota), "县级名额": fmt.Sprint(c.CountyQuota), "市级名额": fmt.Sprint(c.CityQuota),
		"评选名额": fmt.Sprint(c.AwardQuota), "年度奖项": AwardCategoryName(c.AwardCategory), "匿名评审": yesNo(c.Blind), audit.VersionKey: fmt.Sprint(c.Version)}
}

// TopLevel is the highest recommendation level a submission needs before
// 形式审查: the highest level whose quota the call sets, "" for none.
func (c Campaign) TopLevel() string {
	switch {
	case c.CityQuota > 0:
		return LevelCity
	case c.CountyQuota > 0:
		return LevelCounty
	case c.SchoolQuota > 0:
		return LevelSchool
	}
	return ""
}

// CreateCampaign publishes a call from the organising bureau c.OrgID (in
// the actor's scope) with its first rubric version. Submissions may come
// from anywhere under the bureau's region.
func (s *Service) CreateCampaign(ctx context.Context, actor app.Actor, c Campaign, rubric []RubricItem) (int64, error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	if err := validateRubric(rubric); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := s.insertCampaign(ctx, tx, actor, &c, rubric); err != nil {
			return err
		}
		return record(ctx, tx, actor, "campaign.create", "campaign", c.ID, "发布"+KindNames[c.Kind]+" "+c.Title, nil, c.snapshot())
	})
	return c.ID, err
}

// insertCampaign writes a validated call and its first rubric version;
// the organiser must lie in the actor's scope, a 比拼 follows the rotation.
func (s *Service) insertCampaign(ctx context.Context, tx *db.Tx, actor app.Actor, c *Campaign, rubric []RubricItem) error {
	var kind, regionPath string
	err := tx.QueryRow(ctx, "SELECT o.path, o.kind, r.path FROM orgs o JOIN regions r ON r.code = o.region_code WHERE o.id = ?",
		c.OrgID).Scan(&c.OrgPath, &kind, &regionPath)
	if err != nil || !auth.InScope(actor, c.OrgPath, c.OrgID, 0) {
		return app.Invalid("org_id", "主办单位不存在或不在您的管辖范围内")
	}
	c.ReachPath, c.Status, c.Version = regionPath, StatusOpen, 1
	if c.Kind == KindContest {
		if err := s.contestStages(ctx, tx, c); err != nil {
			return err
		}
	}
	if c.Kind == KindSkills {
		if err := s.skillsDue(ctx, tx, c); err != nil {
			return err
		}
	}
	now := s.now().Unix()
	c.ID, err = tx.InsertID(ctx, `INSERT INTO review_campaigns (kind, title, call_text, org_id, org_path, reach_path, term, opens_on,
		closes_on, review_due, subjects, stages, school_quota, county_quota, city_quota, award_quota, reviewers, blind, avoid_county,
		require_senior, method, outlier_gap, form_fields, award_category, round_id, round_phase, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		c.Kind, c.Title, c.CallText, c.OrgID, c.OrgPath, c.ReachPath, c.Term, c.Opens, c.Closes, c.ReviewDue,
		joinList(c.Subjects), joinList(c.Stages), c.SchoolQuota, c.CountyQuota, c.CityQuota, c.AwardQuota, c.Reviewers,
		c.Blind, c.AvoidCounty, c.RequireSenior, c.Method, c.OutlierGap, jsonText(c.Fields), c.AwardCategory, nullID(c.RoundID), c.RoundPhase, now, now)
	if err != nil {
		return err
	}
	return insertRubric(ctx, tx, c.ID, 1, rubric, now)
}

func validateRubric(items []RubricItem) error {
	if len(items) == 0 {
		return app.Invalid("rubric", "评分量表至少需要一项指标")
	}
	for i, it := range items {
		if strings.TrimSpace(it.Name) == "" || it.Max < 1 || it.Max > 100 {
			return app.Invalid("rubric", "评分量表第%d项：请填写指标名称，满分在 1 到 100 之间", i+1)
		}
	}
	return nil
}

func insertRubric(ctx context.Context, tx *db.Tx, campaign int64, version int, items []RubricItem, now int64) error {
	b, _ := json.Marshal(items)
	_, err := tx.Exec(ctx, "INSERT INTO review_rubrics (campaign_id, version, items, created_at) VALUES (?, ?, ?, ?)", campaign, version, string(b), now)
	return err
}

// ReviseRubric adds a new rubric version; scores already saved keep the
// version they were given on.
func (s *Service) ReviseRubric(ctx context.Context, actor app.Actor, campaign int64, items []RubricItem) (int, error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	var v int
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		if err := validateRubric(items); err != nil {
			return err
		}
		if v, _, err = currentRubric(ctx, tx, campaign); err != nil {
			return err
		}
		v++
		if err := insertRubric(ctx, tx, campaign, v, items, s.now().Unix()); err != nil {
			return err
		}
		return record(ctx, tx, actor, "campaign.rubric", "campaign", campaign, fmt.Sprintf("修订评分量表 %s 第%d版", c.Title, v), nil, nil)
	})
	return v, err
}

func currentRubric(ctx context.Context, tx *db.Tx, campaign int64) (int, []RubricItem, error) {
	var v int
	var raw string
	err := tx.QueryRow(ctx, "SELECT version, items FROM review_rubrics WHERE campaign_id = ? ORDER BY version DESC LIMIT 1", campaign).Scan(&v, &raw)
	if err != nil {
		return 0, nil, err
	}
	var items []RubricItem
	return v, items, json.Unmarshal([]byte(raw), &items)
}

func rubricVersion(ctx context.Context, tx *db.Tx, campaign int64, v int) ([]RubricItem, error) {
	var raw string
	if err := tx.QueryRow(ctx, "SELECT items FROM review_rubrics WHERE campaign_id = ? AND version = ?", campaign, v).Scan(&raw); err != nil {
		return nil, err
	}
	var items []RubricItem
	return items, json.Unmarshal([]byte(raw), &items)
}

// campaignInScope loads a campaign the actor manages (its organiser lies
// in the actor's scope).
func campaignInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Campaign, error) {
	c, err := loadCampaign(ctx, tx, id)
	if err != nil || !auth.InScope(actor, c.OrgPath, c.OrgID, 0) {
		return Campaign{}, notFound("评审活动")
	}
	return c, nil
}

func loadCampaign(ctx context.Context, tx *db.Tx, id int64) (Campaign, error) {
	return scanCampaign(tx.QueryRow(ctx, "SELECT "+campaignCols+" FROM review_campaigns WHERE id = ?", id))
}

// FindCampaignByID returns a campaign the actor manages, or, for anyone who
// may submit, an open call that reaches the actor's organisation.
func (s *Service) FindCampaignByID(ctx context.Context, actor app.Actor, id int64) (c Campaign, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		c, err = loadCampaign(ctx, tx, id)
		if err != nil || !canSeeCampaign(actor, c) {
			return notFound("评审活动")
		}
		return nil
	})
	return c, err
}

func canSeeCampaign(a app.Actor, c Campaign) bool {
	if a.Can(PermCampaignManage) && auth.InScope(a, c.OrgPath, c.OrgID, 0) {
		return true
	}
	return (a.Can(PermSubmit) || a.Can(PermRecommend)) && a.OrgPath != "" && strings.HasPrefix(a.OrgPath, c.ReachPath)
}

// FindCampaigns lists the campaigns the actor manages and the calls that
// reach the actor's organisation, newest first.
func (s *Service) FindCampaigns(ctx context.Context, actor app.Actor, limit, offset int) (list []Campaign, total int, err error) {
	conds, args := []string{}, []any{}
	if actor.Can(PermCampaignManage) {
		w, a := auth.ScopeWhere(actor, "org_path", "org_id", "")
		conds, args = append(conds, w), append(args, a...)
	}
	if (actor.Can(PermSubmit) || actor.Can(PermRecommend)) && actor.OrgPath != "" {
		conds, args = append(conds, "? LIKE reach_path || '%'"), append(args, actor.OrgPath)
	}
	if len(conds) == 0 {
		return nil, 0, app.Errorf(app.EFORBIDDEN, "您没有执行此操作的权限")
	}
	where := "(" + strings.Join(conds, " OR ") + ")"
	if limit <= 0 {
		limit = 50
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if total, err = tx.Count(ctx, "SELECT COUNT(*) FROM review_campaigns WHERE "+where, args...); err != nil {
			return err
		}
		list, err = db.QueryAll(ctx, tx, scanCampaign, "SELECT "+campaignCols+" FROM review_campaigns WHERE "+where+
			" ORDER BY id DESC LIMIT ? OFFSET ?", append(args, limit, offset)...)
		return err
	})
	return list, total, err
}

// Rubric returns a campaign's current rubric version and items.
func (s *Service) Rubric(ctx context.Context, actor app.Actor, campaign int64) (v int, items []RubricItem, err error) {
	if _, err := s.FindCampaignByID(ctx, actor, campaign); err != nil {
		return 0, nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		v, items, err = currentRubric(ctx, tx, campaign)
		return err
	})
	return v, items, err
}

// CanManage reports whether the actor organises campaign c (the page shows
// its manager's actions; the service checks again).
func CanManage(a app.Actor, c Campaign) bool {
	return a.Can(PermCampaignManage) && auth.InScope(a, c.OrgPath, c.OrgID, 0)
}

// StatusText is the campaign's state as a user reads it on day today
// (2025-09-01): an open call whose 申报 has not begun reads
// "未开始（2026-03-01 起申报）", not 申报中.
func (c Campaign) StatusText(today string) string {
	if c.Status == StatusOpen && c.Opens != "" && today < c.Opens {
		return "未开始（" + c.Opens + " 起申报）"
	}
	return StatusNames[c.Status]
}

// StatusNames are the Chinese names of the campaign statuses.
var StatusNames = map[string]string{StatusOpen: "申报中", StatusReviewing: "评审中", StatusPublicity: "公示中", StatusFinal: "已确定名单"}

// SubStatusNames are the Chinese names of the submission statuses.
var SubStatusNames = map[string]string{SubDraft: "草稿", SubSubmitted: "已提交", SubWithdrawn: "已撤回", SubPassed: "形式审查通过", SubRejected: "形式审查未通过"}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// jsonList reads a JSON list of strings ("" is none).
func jsonList(s string) []string {
	var out []string
	if s != "" {
		_ = json.Unmarshal([]byte(s), &out) // written by jsonText only
	}
	return out
}

// jsonText writes a list of strings as JSON ("" for none).
func jsonText(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	b, _ := json.Marshal(xs)
	return string(b)
}
