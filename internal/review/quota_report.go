package review

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// AwardLine is one campaign's quota against what was awarded: 003's
// yearly awards (10 精品课程, 30 先进教研组, …) are campaigns with quotas.
type AwardLine struct {
	Year    string // the year the call opened
	Kind    string
	Title   string
	Quota   int // 0: no limit
	Awarded int
	Status  string
}

// AwardReport lists the campaigns the actor organises with their quota
// and the number awarded, newest first.
func (s *Service) AwardReport(ctx context.Context, actor app.Actor) (out []AwardLine, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return nil, err
	}
	where, args := auth.ScopeWhere(actor, "c.org_path", "c.org_id", "")
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (AwardLine, error) {
			var l AwardLine
			return l, r.Scan(&l.Year, &l.Kind, &l.Title, &l.Quota, &l.Awarded, &l.Status)
		}, `SELECT SUBSTR(c.opens_on, 1, 4), c.kind, c.title, c.award_quota,
			(SELECT COUNT(*) FROM review_submissions s WHERE s.campaign_id = c.id AND s.awarded = TRUE), c.status
			FROM review_campaigns c WHERE `+where+` AND c.status IN ('publicity','final') ORDER BY c.opens_on DESC, c.id DESC LIMIT 500`, args...)
		return err
	})
	return out, err
}
