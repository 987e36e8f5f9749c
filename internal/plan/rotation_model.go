package plan

import "jiaoyan/internal/app"

// RotationProblem is a 蹲点视导 rotation: over Terms terms (default 4, i.e. two
// school years) every researcher stations at one school per term, never the
// same school twice, and every school is visited at least once.
type RotationProblem struct {
	Terms       int                  `json:"terms,omitempty"`
	TermNames   []string             `json:"term_names,omitempty"`
	Researchers []RotationResearcher `json:"researchers"`
	Schools     []RotationSchool     `json:"schools"`
	Weights     RotationWeights      `json:"weights"`
}

// RotationResearcher is a 教研员 with home county; Visited lists schools where
// the researcher has already stationed in earlier rounds (never again).
type RotationResearcher struct {
	ID      string   `json:"id"`
	Name    string   `json:"name,omitempty"`
	Stage   string   `json:"stage,omitempty"`
	County  string   `json:"county,omitempty"`
	Visited []string `json:"visited,omitempty"`
}

// RotationSchool is a school to be visited (学校/教学点).
type RotationSchool struct {
	ID     string `json:"id"`
	Name   string `json:"name,omitempty"`
	Stage  string `json:"stage,omitempty"`
	County string `json:"county,omitempty"`
}

// RotationWeights price the preferences; absent means the default.
type RotationWeights struct {
	StageMismatch *int `json:"stage_mismatch,omitempty"` // 学段不同，默认 10
	OtherCounty   *int `json:"other_county,omitempty"`   // 不在本县区，默认 3
}

const (
	defaultTerms         = 4
	maxRotationPeople    = 1_000
	maxRotationSchools   = 10_000
	defaultStageMismatch = 10
	defaultOtherCounty   = 3
)

func (p *RotationProblem) terms() int {
	if p.Terms == 0 {
		return defaultTerms
	}
	return p.Terms
}

func (w RotationWeights) stage() int64  { return orDefault(w.StageMismatch, defaultStageMismatch) }
func (w RotationWeights) county() int64 { return orDefault(w.OtherCounty, defaultOtherCounty) }

func orDefault(v *int, d int) int64 {
	if v == nil {
		return int64(d)
	}
	return int64(*v)
}

func inRange(v *int, lo, hi int) bool { return v == nil || (*v >= lo && *v <= hi) }

// Validate checks the problem and returns an EINVALID *app.Error in Chinese.
func (p *RotationProblem) Validate() error {
	if len(p.Researchers) == 0 {
		return app.Invalid("researchers", "没有参加蹲点视导的教研员（researchers 为空）")
	}
	if len(p.Schools) == 0 {
		return app.Invalid("schools", "没有需要蹲点视导的学校（schools 为空）")
	}
	if len(p.Researchers) > maxRotationPeople || len(p.Schools) > maxRotationSchools {
		return app.Errorf(app.ETOOLARGE, "教研员超过%d人或学校超过%d所，请按县区分开安排", maxRotationPeople, maxRotationSchools)
	}
	if t := p.terms(); t < 1 || t > maxTerms {
		return app.Invalid("terms", "轮换学期数应在 1 到 %d 之间，当前为 %d", maxTerms, t)
	}
	if len(p.TermNames) != 0 && len(p.TermNames) != p.terms() {
		return app.Invalid("term_names", "学期名称有%d个，与学期数%d不一致", len(p.TermNames), p.terms())
	}
	if w := p.Weights; !inRange(w.StageMismatch, 0, 100) || !inRange(w.OtherCounty, 0, 100) {
		return app.Invalid("weights", "偏好权重应在 0 到 100 之间")
	}
	if _, err := uniqueIDs("researchers", "教研员", len(p.Researchers), func(i int) string { return p.Researchers[i].ID }); err != nil {
		return err
	}
	schools, err := uniqueIDs("schools", "学校", len(p.Schools), func(i int) string { return p.Schools[i].ID })
	if err != nil {
		return err
	}
	for i, r := range p.Researchers {
		for _, v := range r.Visited {
			if _, ok := schools[v]; !ok {
				return app.Invalid(field("researchers", i, "visited"), "教研员“%s”的已蹲点学校“%s”不在学校名单中", r.ID, v)
			}
		}
	}
	return nil
}
