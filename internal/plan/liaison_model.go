package plan

import (
	"math"

	"jiaoyan/internal/app"
)

// LiaisonProblem pairs researchers with target schools (联系学校): every target
// school (rural, weak, 教学点) gets a team of TeamSize researchers, and every
// researcher takes between MinSchools and their capacity (at most MaxSchools,
// the region's policy, 1-4 in the 临沂 preset).
type LiaisonProblem struct {
	MaxSchools   int                 `json:"max_schools,omitempty"` // default 4
	MinSchools   *int                `json:"min_schools,omitempty"` // default 1
	RequireStage bool                `json:"require_stage,omitempty"`
	Researchers  []LiaisonResearcher `json:"researchers"`
	Schools      []TargetSchool      `json:"schools"`
	Weights      LiaisonWeights      `json:"weights"`
}

// LiaisonResearcher is a 教研员; Capacity 0 means the policy maximum.
type LiaisonResearcher struct {
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	Subject  string   `json:"subject,omitempty"`
	Stage    string   `json:"stage,omitempty"`
	County   string   `json:"county,omitempty"`
	Capacity int      `json:"capacity,omitempty"`
	Lat      *float64 `json:"lat,omitempty"`
	Lon      *float64 `json:"lon,omitempty"`
}

// TargetSchool is a school to be linked; Kind is rural, weak or
// teaching_point (农村学校、薄弱学校、教学点). TeamSize 0 means 1.
type TargetSchool struct {
	ID       string   `json:"id"`
	Name     string   `json:"name,omitempty"`
	Kind     string   `json:"kind,omitempty"`
	Stage    string   `json:"stage,omitempty"`
	County   string   `json:"county,omitempty"`
	TeamSize int      `json:"team_size,omitempty"`
	Lat      *float64 `json:"lat,omitempty"`
	Lon      *float64 `json:"lon,omitempty"`
}

// LiaisonWeights price a link; absent means the default. Distance counts when
// both ends have coordinates; otherwise SameCounty (both in one county) or
// OtherCounty (different or unknown county) stands in for it.
type LiaisonWeights struct {
	PerKm         *int `json:"per_km,omitempty"`         // 每公里，默认 1
	SameCounty    *int `json:"same_county,omitempty"`    // 无坐标、同县区，默认 10
	OtherCounty   *int `json:"other_county,omitempty"`   // 无坐标、跨县区或县区不明，默认 30
	StageMismatch *int `json:"stage_mismatch,omitempty"` // 学段不同，默认 100
}

const (
	defaultMaxSchools = 4
	maxLiaisonItems   = 5_000
	maxKm             = 2_000 // distances are capped so costs stay bounded
)

func (p *LiaisonProblem) maxSchools() int {
	if p.MaxSchools == 0 {
		return defaultMaxSchools
	}
	return p.MaxSchools
}

func (p *LiaisonProblem) minSchools() int { return int(orDefault(p.MinSchools, 1)) }

func (p *LiaisonProblem) capacity(r int) int {
	if c := p.Researchers[r].Capacity; c > 0 {
		return c
	}
	return p.maxSchools()
}

func (s TargetSchool) team() int { return max(1, s.TeamSize) }

var schoolKinds = map[string]bool{"": true, "rural": true, "weak": true, "teaching_point": true}

// Validate checks the problem and returns an EINVALID *app.Error in Chinese.
func (p *LiaisonProblem) Validate() error {
	if len(p.Researchers) == 0 {
		return app.Invalid("researchers", "没有可安排联系学校的教研员（researchers 为空）")
	}
	if len(p.Schools) == 0 {
		return app.Invalid("schools", "没有需要联系的目标学校（schools 为空）")
	}
	if len(p.Researchers) > maxLiaisonItems || len(p.Schools) > maxLiaisonItems {
		return app.Errorf(app.ETOOLARGE, "教研员或学校超过%d条，请按县区分开安排", maxLiaisonItems)
	}
	if m := p.maxSchools(); m < 1 || m > maxCapacity {
		return app.Invalid("max_schools", "每名教研员联系学校数上限应在 1 到 %d 之间，当前为 %d", maxCapacity, m)
	}
	if m := p.minSchools(); m < 0 || m > p.maxSchools() {
		return app.Invalid("min_schools", "每名教研员至少联系的学校数应在 0 到 %d 之间，当前为 %d", p.maxSchools(), m)
	}
	w := p.Weights
	if !inRange(w.PerKm, 0, 100) || !inRange(w.OtherCounty, 0, 1000) || !inRange(w.SameCounty, 0, 1000) || !inRange(w.StageMismatch, 0, 1000) {
		return app.Invalid("weights", "代价权重超出范围（每公里 0-100，跨县区与学段不同 0-1000）")
	}
	if err := p.validateResearchers(); err != nil {
		return err
	}
	return p.validateSchools()
}

func (p *LiaisonProblem) validateResearchers() error {
	if _, err := uniqueIDs("researchers", "教研员", len(p.Researchers), func(i int) string { return p.Researchers[i].ID }); err != nil {
		return err
	}
	for i, r := range p.Researchers {
		if r.Capacity < 0 || r.Capacity > p.maxSchools() {
			return app.Invalid(field("researchers", i, "capacity"), "教研员“%s”的联系学校数%d超出政策范围 1 到 %d", r.ID, r.Capacity, p.maxSchools())
		}
		if !validCoords(r.Lat, r.Lon) {
			return app.Invalid(field("researchers", i, "lat"), "教研员“%s”的坐标不完整或超出范围（纬度 -90~90，经度 -180~180）", r.ID)
		}
	}
	return nil
}

func (p *LiaisonProblem) validateSchools() error {
	if _, err := uniqueIDs("schools", "学校", len(p.Schools), func(i int) string { return p.Schools[i].ID }); err != nil {
		return err
	}
	for i, s := range p.Schools {
		if !schoolKinds[s.Kind] {
			return app.Invalid(field("schools", i, "kind"), "学校“%s”的类型“%s”无效，应为 rural（农村）、weak（薄弱）或 teaching_point（教学点）", s.ID, s.Kind)
		}
		if s.TeamSize < 0 || s.TeamSize > 10 {
			return app.Invalid(field("schools", i, "team_size"), "学校“%s”的联系教研员人数应在 1 到 10 之间", s.ID)
		}
		if !validCoords(s.Lat, s.Lon) {
			return app.Invalid(field("schools", i, "lat"), "学校“%s”的坐标不完整或超出范围（纬度 -90~90，经度 -180~180）", s.ID)
		}
	}
	return nil
}

func validCoords(lat, lon *float64) bool {
	if lat == nil && lon == nil {
		return true
	}
	if lat == nil || lon == nil || math.IsNaN(*lat) || math.IsNaN(*lon) {
		return false
	}
	return *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180
}

// distanceKm is the great-circle distance, rounded to whole km and capped.
func distanceKm(lat1, lon1, lat2, lon2 float64) int64 {
	const r = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	d := 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
	return min(int64(math.Round(d)), maxKm)
}
