package review

import (
	"context"
	"errors"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// ContestPhase is one of a 比拼 round's three campaigns (003 六.7).
type ContestPhase struct {
	Name          string // 学期初校本研修方案比拼 …
	Opens, Closes string
}

// ContestPhaseNames are the three phases of a round, in order.
var ContestPhaseNames = []string{"学期初校本研修方案比拼", "学期中研修活动现场展示", "学期末校本研修成效比拼"}

// ContestRound is a term's 比拼 round: the three phases' dates, each with
// its own rubric, run by the stage the region's rotation gives the 学年.
type ContestRound struct {
	OrgID     int64
	Term      string // shown in the titles, e.g. 2025学年第一学期
	Dates     [3][2]string
	ReviewDue [3]string // each phase's 评审截止 (its experts' 待办 fall due then); "" for none
	Reviewers int
	Rubrics   [3][]RubricItem
}

// CreateContestRound creates the round (the 学年 and the stage the
// rotation rule gives it) and its three campaigns, one school entry each
// (每校限报 1). The phases are checked together first (in order, in one
// 学年, each call valid) and written in one transaction with one audit row.
// It returns the round and the campaign ids in phase order.
func (s *Service) CreateContestRound(ctx context.Context, actor app.Actor, r ContestRound) (int64, []int64, error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, nil, err
	}
	phases := make([]Campaign, len(ContestPhaseNames))
	for i, name := range ContestPhaseNames {
		phases[i] = Campaign{Kind: KindContest, Title: r.Term + name, OrgID: r.OrgID, Opens: r.Dates[i][0], Closes: r.Dates[i][1],
			SchoolQuota: 1, Reviewers: r.Reviewers, Method: MethodMean, RoundPhase: i + 1, ReviewDue: r.ReviewDue[i]}
		if d := r.ReviewDue[i]; d != "" && d < phases[i].Closes {
			return 0, nil, app.Invalid("review_due", "%s：评审截止不能早于申报截止 %s", name, phases[i].Closes)
		}
		if err := phases[i].Validate(); err != nil {
			return 0, nil, app.Invalid(fieldOf(err), "%s：%s", name, app.ErrorMessage(err))
		}
		if err := validateRubric(r.Rubrics[i]); err != nil {
			return 0, nil, app.Invalid("rubric", "%s：%s", name, app.ErrorMessage(err))
		}
		if i > 0 && (phases[i].Opens < phases[i-1].Closes || schoolYearOf(phases[i].Opens) != schoolYearOf(phases[0].Opens)) {
			return 0, nil, app.Invalid("opens", "%s应在%s结束之后、同一学年内开始", name, ContestPhaseNames[i-1])
		}
	}
	var round int64
	var ids []int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		c := phases[0]
		pl, err := placeOf(ctx, tx, r.OrgID)
		if err != nil || !auth.InScope(actor, pl.Path, r.OrgID, 0) {
			return app.Invalid("org_id", "主办单位不存在或不在您的管辖范围内")
		}
		if err := s.contestStages(ctx, tx, &c); err != nil {
			return err
		}
		year := schoolYearOf(c.Opens)
		stageName := rotationName(c.Stages)
		round, err = tx.InsertID(ctx, `INSERT INTO review_contest_rounds (org_id, org_path, school_year, term, stage_name, stages, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.OrgID, pl.Path, year, r.Term, stageName, joinList(c.Stages), s.now().Unix())
		if err != nil {
			return err
		}
		for i := range phases {
			phases[i].RoundID = round
			if err := s.insertCampaign(ctx, tx, actor, &phases[i], r.Rubrics[i]); err != nil {
				return err
			}
			ids = append(ids, phases[i].ID)
		}
		return record(ctx, tx, actor, "contest.round", "contest_round", round, "发布比拼 "+r.Term+"（"+stageName+"；"+
			strings.Join(ContestPhaseNames, "、")+"）", nil, nil)
	})
	if err != nil {
		return 0, nil, err
	}
	return round, ids, nil
}

func schoolYearOf(date string) int {
	t, _ := time.Parse("2006-01-02", date)
	return dict.SchoolYearOf(t)
}

func fieldOf(err error) string {
	var e *app.Error
	if errors.As(err, &e) && e.Field != "" {
		return e.Field
	}
	return "opens"
}
