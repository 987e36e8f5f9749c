package activity

import (
	"context"

	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// Analyse computes the coding figures of o by the rules of its school's
// region in o's 学年; a rule the region has not set is an error naming it.
func (s *Service) Analyse(ctx context.Context, o Observation) (Coding, error) {
	region, err := s.regionOf(ctx, o.SchoolID)
	if err != nil {
		return Coding{}, err
	}
	var th STThresholds
	for key, into := range map[policy.RuleKey]*float64{policy.RuleActivitySTPracticeRt: &th.PracticeRt,
		policy.RuleActivitySTLectureRt: &th.LectureRt, policy.RuleActivitySTDialogueCh: &th.DialogueCh} {
		v, err := s.Policy.Required(ctx, region, key, o.SchoolYear)
		if err != nil {
			return Coding{}, err
		}
		*into = v / 100
	}
	codes, _ := ParseFIAS(o.FIASCodes)
	return Coding{ST: AnalyseST(o.STCodes, th), FIAS: AnalyseFIAS(codes), Th: th}, nil
}

// Intervals are the tap pad's sampling intervals in seconds (S-T, FIAS).
func (s *Service) Intervals(ctx context.Context, o Observation) (st, fias int, err error) {
	region, err := s.regionOf(ctx, o.SchoolID)
	if err != nil {
		return 0, 0, err
	}
	a, err := s.Policy.Required(ctx, region, policy.RuleActivitySTIntervalSeconds, o.SchoolYear)
	if err != nil {
		return 0, 0, err
	}
	b, err := s.Policy.Required(ctx, region, policy.RuleActivityFIASIntervalSeconds, o.SchoolYear)
	return int(a), int(b), err
}

func (s *Service) regionOf(ctx context.Context, orgID int64) (string, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (string, error) {
		var r string
		return r, tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", orgID).Scan(&r)
	})
}
