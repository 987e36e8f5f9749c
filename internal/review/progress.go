package review

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// CountyCount is the number of submissions from one county.
type CountyCount struct {
	County string // region name
	Count  int
}

// ExpertProgress is one expert's reviews in a campaign.
type ExpertProgress struct {
	Expert     string
	Done, Open int
	Overdue    int
	Declined   int
	Outliers   int // scores flagged as far from the others
}

// Progress is a campaign's progress report (评审进度).
type Progress struct {
	ByCounty []CountyCount
	Experts  []ExpertProgress
}

// CampaignProgress reports submissions by county and each expert's
// reviews done, open and overdue, for the campaign's organiser.
func (s *Service) CampaignProgress(ctx context.Context, actor app.Actor, campaign int64) (p Progress, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return p, err
	}
	today := s.today()
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := campaignInScope(ctx, tx, actor, campaign); err != nil {
			return err
		}
		p.ByCounty, err = db.QueryAll(ctx, tx, func(r db.Scanner) (CountyCount, error) {
			var c CountyCount
			return c, r.Scan(&c.County, &c.Count)
		}, `SELECT COALESCE(g.name, '市直'), COUNT(*) FROM review_submissions s LEFT JOIN regions g ON g.code = s.county_code
			WHERE s.campaign_id = ? AND s.status NOT IN ('draft','withdrawn') GROUP BY g.name ORDER BY g.name`, campaign)
		if err != nil {
			return err
		}
		p.Experts, err = db.QueryAll(ctx, tx, func(r db.Scanner) (ExpertProgress, error) {
			var e ExpertProgress
			return e, r.Scan(&e.Expert, &e.Done, &e.Open, &e.Overdue, &e.Declined, &e.Outliers)
		}, `SELECT COALESCE(p.name, e.name),
				SUM(CASE WHEN a.status = 'done' THEN 1 ELSE 0 END),
				SUM(CASE WHEN a.status IN ('invited','accepted') THEN 1 ELSE 0 END),
				SUM(CASE WHEN a.status IN ('invited','accepted') AND a.due_on <> '' AND a.due_on < ? THEN 1 ELSE 0 END),
				SUM(CASE WHEN a.status IN ('declined','conflict') THEN 1 ELSE 0 END),
				SUM(CASE WHEN a.outlier THEN 1 ELSE 0 END)
			FROM review_assignments a JOIN review_experts e ON e.id = a.expert_id LEFT JOIN people p ON p.id = e.person_id
			WHERE a.campaign_id = ? GROUP BY e.id, p.name, e.name ORDER BY COALESCE(p.name, e.name)`, today, campaign)
		return err
	})
	return p, err
}
