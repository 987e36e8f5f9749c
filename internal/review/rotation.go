package review

import (
	"context"
	"slices"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// rotation is the order the 比拼 passes through the stages: 中学, 小学, 幼儿园.
var rotation = []struct {
	Name   string
	Stages []string
}{{"中学", []string{"junior", "senior"}}, {"小学", []string{"primary"}}, {"幼儿园", []string{"preschool"}}}

// RotationStage is the stage group that runs the 比拼 in schoolYear when
// the rotation starts with 中学 in start.
func RotationStage(start, schoolYear int) (name string, stages []string) {
	i := ((schoolYear-start)%len(rotation) + len(rotation)) % len(rotation)
	return rotation[i].Name, rotation[i].Stages
}

// rotationName is the name of the stage group with stages (中学 …).
func rotationName(stages []string) string {
	for _, r := range rotation {
		if slices.Equal(r.Stages, stages) {
			return r.Name
		}
	}
	return ""
}

// contestStages applies the region's rotation rule to a 比拼 call: its
// stages are those of the 学年 its submissions open in. A region without
// the rule gets "本区域未设定规则：…".
func (s *Service) contestStages(ctx context.Context, tx *db.Tx, c *Campaign) error {
	if s.Policy == nil {
		return app.Internal(errNoPolicy)
	}
	var region string
	if err := tx.QueryRow(ctx, "SELECT region_code FROM orgs WHERE id = ?", c.OrgID).Scan(&region); err != nil {
		return err
	}
	opens, _ := time.Parse("2006-01-02", c.Opens)
	year := dict.SchoolYearOf(opens)
	start, err := s.Policy.Required(ctx, region, policy.RuleContestRotationStartYear, year)
	if err != nil {
		return err
	}
	name, stages := RotationStage(int(start), year)
	if len(c.Stages) > 0 && !slices.Equal(slices.Sorted(slices.Values(c.Stages)), slices.Sorted(slices.Values(stages))) {
		return app.Invalid("stages", "按本区域的轮换规则，%d学年的比拼由%s开展", year, name)
	}
	c.Stages = stages
	return nil
}

type policyMissing struct{}

func (policyMissing) Error() string {
	return "review: Service.Policy is not set; 比拼 needs the region's rotation rule"
}

var errNoPolicy = policyMissing{}
