package liaison

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// OfficeFigures count an office's (or a region's) researchers.
type OfficeFigures struct {
	FullTime  int // 专职教研员
	PartTime  int // 兼职
	Senior    int // 专职 with 高级/正高级 title
	MidSenior int // 专职 with 一级 or above
	Graduates int // 专职 with 研究生学历
}

// share is part of whole in percent, 0 for an empty whole.
func share(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) * 100 / float64(whole)
}

// OfficeStructure is the 队伍结构 of an office or a region, each figure
// against its office.* rule.
type OfficeStructure struct {
	OfficeID int64 // 0 for a whole region
	Name     string
	Region   string
	Year     int
	Figures  OfficeFigures
	Rows     []CardRow
}

// OfficeStructure counts the researchers of officeID (or, when 0, of every
// office in region) in the actor's scope and checks the office.* rules in
// force in 学年 year for the office's region. Needs visit.view.
func (s *Service) OfficeStructure(ctx context.Context, actor app.Actor, officeID int64, region string, year int) (OfficeStructure, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return OfficeStructure{}, err
	}
	if officeID == 0 && region == "" {
		return OfficeStructure{}, app.Invalid("region", "请选择区域或教研机构")
	}
	o := OfficeStructure{OfficeID: officeID, Region: region, Year: year, Name: "全部教研机构"}
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if officeID != 0 {
			var path string
			err := tx.QueryRow(ctx, "SELECT name, region_code, path FROM orgs WHERE id = ? AND kind = 'research_office'", officeID).
				Scan(&o.Name, &o.Region, &path)
			if err != nil || !auth.InScope(actor, path, officeID, 0) {
				return notFound("教研机构")
			}
		}
		rs, err := findResearchers(ctx, tx, actor, ResearcherFilter{OfficeID: officeID, Region: o.Region})
		o.Figures = countOffice(rs)
		return err
	})
	if err != nil {
		return o, err
	}
	o.Rows, err = s.officeRows(ctx, o)
	return o, err
}

func countOffice(rs []Researcher) OfficeFigures {
	var f OfficeFigures
	for _, r := range rs {
		if r.Kind != "fulltime" {
			f.PartTime++
			continue
		}
		f.FullTime++
		switch r.Title {
		case "senior", "principal":
			f.Senior++
			f.MidSenior++
		case "first":
			f.MidSenior++
		}
		if r.Education == "10" {
			f.Graduates++
		}
	}
	return f
}

func (s *Service) officeRows(ctx context.Context, o OfficeStructure) ([]CardRow, error) {
	f := o.Figures
	ratio := 0.0
	if f.FullTime > 0 {
		ratio = float64(f.PartTime) / float64(f.FullTime)
	}
	pct := func(n int) string { return fmt.Sprintf("%d/%d 人，%.0f%%", n, f.FullTime, share(n, f.FullTime)) }
	specs := []struct {
		key         policy.RuleKey
		name, shown string
		v           float64
	}{
		{policy.RuleOfficeSeniorPostShare, "高级岗位比例（按专职教研员高级职称计）", pct(f.Senior), share(f.Senior, f.FullTime)},
		{policy.RuleOfficeMidSeniorTitleShare, "中高级职称比例", pct(f.MidSenior), share(f.MidSenior, f.FullTime)},
		{policy.RuleOfficeSeniorTitleShare, "高级职称比例", pct(f.Senior), share(f.Senior, f.FullTime)},
		{policy.RuleOfficePartTimeRatio, "兼职与专职人数之比", fmt.Sprintf("%d : %d", f.PartTime, f.FullTime), ratio},
		{policy.RuleOfficePostgraduateResearchers, "研究生学历教研员", fmt.Sprintf("%d 人", f.Graduates), float64(f.Graduates)},
	}
	var rows []CardRow
	for _, sp := range specs {
		res, err := s.Policy.Check(ctx, o.Region, sp.key, o.Year, sp.v)
		if err != nil {
			return nil, err
		}
		rows = append(rows, RowOf(sp.key, sp.name, sp.shown, res))
	}
	return rows, nil
}
