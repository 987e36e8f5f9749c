package liaison

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// StationPlan is a 蹲点视导 rotation for a region over Terms 学期: each
// researcher stations at one school per term, and every school is covered.
type StationPlan struct {
	ID         int64
	RegionCode string
	RegionName string
	RegionPath string
	Name       string
	First      dict.Term
	Terms      int
	Status     string // draft, published
	PlanNote   string
	Version    int
}

// StatusName is the Chinese status.
func (p StationPlan) StatusName() string { return RoundStatusNames[p.Status] }

// TermList is the plan's 学期 in order.
func (p StationPlan) TermList() []dict.Term {
	out := []dict.Term{p.First}
	for len(out) < p.Terms {
		out = append(out, out[len(out)-1].Next())
	}
	return out
}

func (p StationPlan) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": p.Name, "区域": p.RegionName, "起始学期": p.First.String(), "学期数": itoa(p.Terms),
		"状态": p.StatusName(), audit.VersionKey: itoa(p.Version)}
}

// Station is one researcher's school in one term of a plan, with the
// 期初/期中/期末 visits recorded against it.
type Station struct {
	ID             int64
	PlanID         int64
	ResearcherID   int64
	ResearcherName string
	SchoolID       int64
	SchoolName     string
	Term           dict.Term
	Phases         map[string]bool // phase → visited
}

const stationPlanSelect = `SELECT s.id, s.region_code, g.name, g.path, s.name, s.first_year, s.first_half, s.terms, s.status,
	s.plan_note, s.version FROM station_plans s JOIN regions g ON g.code = s.region_code`

func scanStationPlan(r db.Scanner) (StationPlan, error) {
	var p StationPlan
	var half int
	err := r.Scan(&p.ID, &p.RegionCode, &p.RegionName, &p.RegionPath, &p.Name, &p.First.Year, &half, &p.Terms, &p.Status, &p.PlanNote, &p.Version)
	p.First.Half = dict.Half(half)
	return p, err
}

// CreateStationPlan opens a draft rotation for region from term first over
// terms 学期 (0: two per year of the region's station.coverage_years; EINVALID
// naming the rule when the region has not set it).
func (s *Service) CreateStationPlan(ctx context.Context, actor app.Actor, region, name string, first dict.Term, terms int) (int64, error) {
	if err := actor.Require(PermLiaisonManage); err != nil {
		return 0, err
	}
	if first.Year < 2000 || first.Year > 2100 || (first.Half != dict.First && first.Half != dict.Second) {
		return 0, app.Invalid("first_term", "请选择起始学期")
	}
	if terms == 0 {
		years, err := s.required(ctx, region, policy.RuleStationCoverageYears, first.Year)
		if err != nil {
			return 0, err
		}
		terms = 2 * years
	}
	if terms < 1 || terms > 12 {
		return 0, app.Invalid("terms", "轮换学期数应在 1 到 12 之间")
	}
	p := StationPlan{RegionCode: region, Name: trimName(name), First: first, Terms: terms, Status: RoundDraft, Version: 1}
	if p.Name == "" {
		p.Name = fmt.Sprintf("%s起蹲点视导轮换", first)
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if p.RegionName, p.RegionPath, err = regionInScope(ctx, tx, actor, region); err != nil {
			return err
		}
		now := s.now().UnixMilli()
		p.ID, err = tx.InsertID(ctx, `INSERT INTO station_plans (region_code, name, first_year, first_half, terms, status, created_at, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, region, p.Name, first.Year, int(first.Half), terms, p.Status, now, now, actor.Username)
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "station_plan.create", "station_plan", p.ID, "新建蹲点视导安排："+p.Name, nil, p.snapshot())
	})
	return p.ID, err
}

// stationPlanWhere admits plans of regions in scope, and plans with a
// station at a school in scope or of the actor.
func stationPlanWhere(actor app.Actor) (string, []any) {
	w1, a1 := auth.ScopeWhere(actor, "g.path", "NULL", "")
	w2, a2 := auth.ScopeWhere(actor, "o.path", "o.id", "")
	return "(" + w1 + " OR EXISTS (SELECT 1 FROM stations x JOIN orgs o ON o.id = x.school_id WHERE x.plan_id = s.id AND (" +
		w2 + " OR x.researcher_id = ?)))", append(append(a1, a2...), actor.PersonID)
}

// FindStationPlans lists the plans the actor may see, newest first.
func (s *Service) FindStationPlans(ctx context.Context, actor app.Actor) ([]StationPlan, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	where, args := stationPlanWhere(actor)
	var out []StationPlan
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, err = db.QueryAll(ctx, tx, scanStationPlan, stationPlanSelect+" WHERE "+where+" ORDER BY s.first_year DESC, s.id DESC", args...)
		return err
	})
	return out, err
}

// FindStationPlan returns a visible plan with its stations and which
// phases have been visited.
func (s *Service) FindStationPlan(ctx context.Context, actor app.Actor, id int64) (StationPlan, []Station, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return StationPlan{}, nil, err
	}
	var p StationPlan
	var st []Station
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if p, err = loadStationPlan(ctx, tx, actor, id); err != nil {
			return err
		}
		st, err = loadStations(ctx, tx, "x.plan_id = ?", id)
		return err
	})
	return p, st, err
}

func loadStationPlan(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (StationPlan, error) {
	where, args := stationPlanWhere(actor)
	p, err := scanStationPlan(tx.QueryRow(ctx, stationPlanSelect+" WHERE s.id = ? AND "+where, append([]any{id}, args...)...))
	if db.IsNoRows(err) {
		return p, notFound("蹲点视导安排")
	}
	return p, err
}

func loadStations(ctx context.Context, tx *db.Tx, cond string, arg any) ([]Station, error) {
	const from = ` FROM stations x JOIN people p ON p.id = x.researcher_id JOIN orgs o ON o.id = x.school_id WHERE `
	st, err := db.QueryAll(ctx, tx, func(r db.Scanner) (Station, error) {
		var x Station
		var half int
		err := r.Scan(&x.ID, &x.PlanID, &x.ResearcherID, &x.ResearcherName, &x.SchoolID, &x.SchoolName, &x.Term.Year, &half)
		x.Term.Half, x.Phases = dict.Half(half), map[string]bool{}
		return x, err
	}, `SELECT x.id, x.plan_id, x.researcher_id, p.name, x.school_id, o.name, x.school_year, x.half`+from+cond+`
		ORDER BY p.name, x.school_year, x.half`, arg)
	if err != nil || len(st) == 0 {
		return st, err
	}
	// Every station's phases in one read: visits has no station index, so a
	// read per station would scan visits once per station.
	byID := make(map[int64]*Station, len(st))
	for i := range st {
		byID[st[i].ID] = &st[i]
	}
	type phase struct {
		station int64
		name    string
	}
	phases, err := db.QueryAll(ctx, tx, func(r db.Scanner) (phase, error) {
		var ph phase
		return ph, r.Scan(&ph.station, &ph.name)
	}, `SELECT DISTINCT v.station_id, v.station_phase FROM visits v WHERE v.station_id IN (SELECT x.id`+from+cond+`)`, arg)
	for _, ph := range phases {
		if x := byID[ph.station]; x != nil {
			x.Phases[ph.name] = true
		}
	}
	return st, err
}

// FindStation returns one station of a visible plan, for prefilling the
// visit form.
func (s *Service) FindStation(ctx context.Context, actor app.Actor, id int64) (Station, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return Station{}, err
	}
	var out Station
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		st, err := loadStations(ctx, tx, "x.id = ?", id)
		if err != nil || len(st) == 0 {
			return firstErr(err, notFound("蹲点安排"))
		}
		if _, err := loadStationPlan(ctx, tx, actor, st[0].PlanID); err != nil {
			return notFound("蹲点安排")
		}
		out = st[0]
		return nil
	})
	return out, err
}
