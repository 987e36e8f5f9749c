package activity

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// Suggestion is a provider of an order's item ranked for its dispatch: the
// qualification by the region's rule (不符合条件 cannot be dispatched), and
// the reasons of the rank, each shown: subject and stage match, this
// term's load, and distance (same county first, then the organisation tree).
type Suggestion struct {
	Provider
	Qualified bool
	Basis     string // the honour that qualifies, or why not
	Score     int
	Reasons   []string
	Load      int // 送教 dispatches this term
}

// candidate is what the scorer reads of a provider and of the school.
type candidate struct {
	subjects, stages, tier, path, county string
	honours                              []honourRow
}

type honourRow struct{ name, level string }

// NotQualified is the basis shown of a provider the rule refuses.
const NotQualified = "不符合条件（须为名师、教学能手或市级优质课一等奖以上）"

// qualifies applies seed 002's conditions: 名师 (tier or honour), 特级教师,
// 教学能手, or a 优质课一等奖 at city level or above.
func qualifies(c candidate) (bool, string) {
	if c.tier == "master" {
		return true, "名师"
	}
	for _, h := range c.honours {
		switch {
		case strings.Contains(h.name, "名师"), strings.Contains(h.name, "特级教师"), strings.Contains(h.name, "教学能手"):
			return true, h.name
		case strings.Contains(h.name, "优质课") && strings.Contains(h.name, "一等奖") && slices.Contains([]string{"city", "province", "national"}, h.level):
			return true, h.name
		}
	}
	return false, NotQualified
}

// treeDistance is the steps between two organisation paths ("/1/5/9/")
// through their nearest common ancestor.
func treeDistance(a, b string) int {
	x, y := strings.Split(strings.Trim(a, "/"), "/"), strings.Split(strings.Trim(b, "/"), "/")
	common := 0
	for common < len(x) && common < len(y) && x[common] == y[common] {
		common++
	}
	return len(x) + len(y) - 2*common
}

// score ranks candidate c for an order of subject at a school of stages,
// county and path, with load dispatches this term: +3 subject, +2 stage,
// +2 same county, −1 per two steps of tree distance, −1 per dispatch.
func score(c candidate, subject, stages, county, path string, load int) (int, []string) {
	n, why := 0, []string{}
	switch {
	case subject == "":
		why = append(why, "项目不限学科")
	case strings.Contains(c.subjects, ","+subject+","):
		n += 3
		why = append(why, "学科对口（"+subject+"）")
	default:
		why = append(why, "学科不对口")
	}
	if st := sharedStage(c.stages, stages); st != "" {
		n += 2
		why = append(why, "学段对口（"+st+"）")
	} else {
		why = append(why, "学段不同")
	}
	n -= load
	why = append(why, fmt.Sprintf("本学期已送教 %d 次", load))
	d := treeDistance(c.path, path)
	if c.county == county {
		n += 2
		why = append(why, "同一县（区）")
	} else {
		why = append(why, "不在同一县（区）")
	}
	n -= d / 2
	why = append(why, fmt.Sprintf("单位相距 %d 级", d))
	return n, why
}

// sharedStage names the first stage of the school the candidate teaches.
func sharedStage(candidate, school string) string {
	for _, st := range strings.Split(strings.Trim(school, ","), ",") {
		if st != "" && strings.Contains(candidate, ","+st+",") {
			if e, ok := dict.ByCode(dict.TableStage, st); ok {
				return e.Name
			}
			return "同学段"
		}
	}
	return ""
}

// SuggestProviders ranks the providers of order id's item for its dispatch,
// qualified first, then by score (the reasons are each suggestion's).
func (s *Service) SuggestProviders(ctx context.Context, actor app.Actor, id int64) ([]Suggestion, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Suggestion, error) {
		o, _, err := s.orderForOffice(ctx, tx, actor, id)
		if err != nil {
			return nil, err
		}
		return s.suggest(ctx, tx, o)
	})
}

func (s *Service) suggest(ctx context.Context, tx *db.Tx, o ServiceOrder) ([]Suggestion, error) {
	var subject, region, stages, county, path string
	if err := tx.QueryRow(ctx, `SELECT i.subject, i.region_code, o.stages, SUBSTR(o.region_code, 1, 6), o.path FROM service_items i, orgs o
		WHERE i.id = ? AND o.id = ?`, o.ItemID, o.SchoolID).Scan(&subject, &region, &stages, &county, &path); err != nil {
		return nil, err
	}
	required, err := s.qualificationRequired(ctx, region)
	if err != nil {
		return nil, err
	}
	term := s.termOf(ctx, region, s.now())
	ps, err := providersOf(ctx, tx, o.ItemID)
	out := make([]Suggestion, 0, len(ps))
	for _, p := range ps {
		if err != nil {
			break
		}
		var c candidate
		if c, err = loadCandidate(ctx, tx, p.PersonID); err != nil {
			break
		}
		x := Suggestion{Provider: p}
		x.Qualified, x.Basis = qualifies(c)
		if !required {
			x.Qualified, x.Basis = true, "本区域不限资格"
		}
		if x.Load, err = tx.Count(ctx, `SELECT COUNT(*) FROM service_orders so JOIN activities a ON a.id = so.activity_id
			WHERE so.provider_id = ? AND a.school_year = ? AND a.half = ?`, p.PersonID, term.Year, int(term.Half)); err != nil {
			break
		}
		x.Score, x.Reasons = score(c, subject, stages, county, path, x.Load)
		out = append(out, x)
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		if a.Qualified != b.Qualified {
			if a.Qualified {
				return -1
			}
			return 1
		}
		return b.Score - a.Score
	})
	return out, err
}

func loadCandidate(ctx context.Context, tx *db.Tx, person int64) (candidate, error) {
	var c candidate
	err := tx.QueryRow(ctx, `SELECT ','||p.subjects||',', ','||p.stages||',', p.tier, o.path, SUBSTR(o.region_code, 1, 6) FROM people p
		JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`, person).Scan(&c.subjects, &c.stages, &c.tier, &c.path, &c.county)
	if err == nil {
		c.honours, err = db.QueryAll(ctx, tx, func(r db.Scanner) (honourRow, error) {
			var h honourRow
			return h, r.Scan(&h.name, &h.level)
		}, "SELECT name, level FROM person_honours WHERE person_id = ? ORDER BY year, id", person)
	}
	return c, err
}

// qualificationRequired reads the region's 送教人员资格 rule in the current
// 学年; unset is the error naming it.
func (s *Service) qualificationRequired(ctx context.Context, region string) (bool, error) {
	if s.Policy == nil {
		return false, app.Internal(errNoPolicy{})
	}
	v, err := s.Policy.Required(ctx, region, policy.RuleActivityProviderQualified, dict.SchoolYearOf(s.now().In(CST)))
	return v == 1, err
}

// mayProvide refuses a provider who is not one of the order's item's, or
// who does not meet the region's qualification rule.
func (s *Service) mayProvide(ctx context.Context, tx *db.Tx, o ServiceOrder, provider int64) error {
	list, err := s.suggest(ctx, tx, o)
	if err != nil {
		return err
	}
	for _, x := range list {
		if x.PersonID == provider {
			if !x.Qualified {
				return app.Invalid("provider_id", "%s%s，不能派送", x.Name, x.Basis)
			}
			return nil
		}
	}
	return app.Invalid("provider_id", "请从本项目的送教人员中选择")
}
