package liaison

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/plan"
)

// StationResult is what the rotation planner proposed.
type StationResult struct {
	Stations  int
	Shortage  string   // the planner's explanation when researchers × terms < schools
	Uncovered []string // names of the schools left without a station
	Summary   string
}

// PlanStations runs the rotation planner for a draft plan over researcherIDs
// (nil: the region's active full-time researchers) and the region's schools
// (all, or those matching schools when any kind is ticked), replacing earlier
// stations. Schools where a researcher stationed in earlier plans are not
// given to them again. One audit row.
func (s *Service) PlanStations(ctx context.Context, actor app.Actor, planID int64, researcherIDs []int64, schools TargetFilter) (StationResult, error) {
	var out StationResult
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := managedStationPlan(ctx, tx, actor, planID)
		if err != nil {
			return err
		}
		prob, names, err := s.rotationProblem(ctx, tx, actor, p, researcherIDs, schools)
		if err != nil {
			return err
		}
		sol, err := plan.SolveRotation(prob)
		if err != nil {
			return err
		}
		if out, err = storeStations(ctx, tx, p, sol, names); err != nil {
			return err
		}
		return record(ctx, tx, actor, "station_plan.plan", "station_plan", planID, "自动安排蹲点视导："+p.Name+"。"+out.Summary, nil, nil)
	})
	return out, err
}

func managedStationPlan(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (StationPlan, error) {
	if err := actor.Require(PermLiaisonManage); err != nil {
		return StationPlan{}, err
	}
	p, err := scanStationPlan(tx.QueryRow(ctx, stationPlanSelect+" WHERE s.id = ?", id))
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, p.RegionPath, -1, 0)) {
		return p, notFound("蹲点视导安排")
	}
	if err == nil && p.Status != RoundDraft {
		return p, app.Errorf(app.ECONFLICT, "安排已发布，不能再调整")
	}
	return p, err
}

func (s *Service) rotationProblem(ctx context.Context, tx *db.Tx, actor app.Actor, p StationPlan, ids []int64, f TargetFilter) (*plan.RotationProblem, map[string]string, error) {
	prob := &plan.RotationProblem{Terms: p.Terms}
	for _, t := range p.TermList() {
		prob.TermNames = append(prob.TermNames, t.String())
	}
	rs, err := stationResearchers(ctx, tx, actor, p, ids)
	if err != nil {
		return nil, nil, err
	}
	where, args := "o.active = TRUE AND o.kind IN ('school','teaching_point') AND g.path LIKE ?", []any{p.RegionPath + "%"}
	if f.Rural || f.Weak || f.TeachingPoints {
		where, args = f.where(p.RegionPath)
	}
	names := map[string]string{}
	schools, err := db.QueryAll(ctx, tx, func(r db.Scanner) (plan.RotationSchool, error) {
		var id int64
		var x plan.RotationSchool
		var stages string
		err := r.Scan(&id, &x.Name, &stages, &x.County)
		x.ID, x.Stage = strconv.FormatInt(id, 10), strings.Split(strings.Trim(stages, ","), ",")[0]
		names[x.ID] = x.Name
		return x, err
	}, "SELECT o.id, o.name, o.stages, o.region_code FROM orgs o JOIN regions g ON g.code = o.region_code WHERE "+where+" ORDER BY o.id", args...)
	if err != nil {
		return nil, nil, err
	}
	prob.Researchers, prob.Schools = rs, schools
	for i, x := range prob.Researchers {
		prob.Researchers[i].Visited = keepKnown(x.Visited, names)
		names["r"+x.ID] = x.Name
	}
	return prob, names, nil
}

func keepKnown(ids []string, names map[string]string) []string {
	var out []string
	for _, id := range ids {
		if _, ok := names[id]; ok {
			out = append(out, id)
		}
	}
	return out
}

// stationResearchers loads the chosen researchers (in scope) or the
// region's full-time ones, with the schools each stationed at before.
func stationResearchers(ctx context.Context, tx *db.Tx, actor app.Actor, p StationPlan, ids []int64) ([]plan.RotationResearcher, error) {
	where, args := "p.active = TRUE AND p.researcher_kind = 'fulltime' AND g.path LIKE ? AND "+peopleUnder,
		[]any{p.RegionPath + "%", p.RegionPath, db.PrefixEnd(p.RegionPath)}
	if len(ids) > 0 {
		for _, id := range ids {
			if _, err := researcherInScope(ctx, tx, actor, id); err != nil {
				return nil, err
			}
		}
		where, args = "p.id IN ("+db.In(len(ids))+")", nil
		for _, id := range ids {
			args = append(args, id)
		}
	}
	rs, err := db.QueryAll(ctx, tx, func(r db.Scanner) (plan.RotationResearcher, error) {
		var id int64
		var x plan.RotationResearcher
		err := r.Scan(&id, &x.Name, &x.Stage, &x.County)
		x.ID = strconv.FormatInt(id, 10)
		return x, err
	}, `SELECT p.id, p.name, p.researcher_stage, o.region_code FROM people p JOIN orgs o ON o.id = p.org_id
		JOIN regions g ON g.code = o.region_code WHERE `+where+" ORDER BY p.id", args...)
	for i := range rs {
		if err != nil {
			break
		}
		rs[i].Visited, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var id int64
			err := r.Scan(&id)
			return strconv.FormatInt(id, 10), err
		}, "SELECT DISTINCT school_id FROM stations WHERE researcher_id = ? AND plan_id <> ?", rs[i].ID, p.ID)
	}
	if err == nil && len(rs) == 0 {
		err = app.Invalid("researchers", "本区域没有在职的专职教研员，请先在人员中登记，或手工选择参加的教研员")
	}
	return rs, err
}

func storeStations(ctx context.Context, tx *db.Tx, p StationPlan, sol *plan.RotationPlan, names map[string]string) (StationResult, error) {
	out := StationResult{Shortage: sol.Shortage, Summary: sol.Summary}
	if _, err := tx.Exec(ctx, "DELETE FROM stations WHERE plan_id = ? AND id NOT IN (SELECT station_id FROM visits WHERE station_id IS NOT NULL)", p.ID); err != nil {
		return out, err
	}
	if n, _ := tx.Count(ctx, "SELECT COUNT(*) FROM stations WHERE plan_id = ?", p.ID); n > 0 {
		return out, app.Errorf(app.ECONFLICT, "已有蹲点记录，不能重新安排")
	}
	terms := p.TermList()
	for _, row := range sol.Table {
		for t, school := range row.Schools {
			if school == "" {
				continue
			}
			if _, err := tx.Exec(ctx, "INSERT INTO stations (plan_id, researcher_id, school_id, school_year, half) VALUES (?, ?, ?, ?, ?)",
				p.ID, atoi64(row.Researcher), atoi64(school), terms[t].Year, int(terms[t].Half)); err != nil {
				return out, err
			}
			out.Stations++
		}
	}
	var gaps, vacant []named
	for _, g := range sol.Uncovered {
		out.Uncovered = append(out.Uncovered, names[g.School])
		gaps = append(gaps, named{names[g.School], shortReason(g.Reason, sol.Shortage)})
	}
	for _, v := range sol.Vacant {
		vacant = append(vacant, named{terms[v.Term-1].String(), names["r"+v.Researcher] + " 空缺：" + v.Reason})
	}
	lines := []string{sol.Summary, sol.Shortage}
	lines = append(lines, grouped("未覆盖的学校", "所", gaps)...)
	lines = append(lines, grouped("", "", vacant)...)
	note := strings.TrimSpace(strings.Join(lines, "\n"))
	_, err := tx.Exec(ctx, "UPDATE station_plans SET plan_note = ? WHERE id = ?", note, p.ID)
	return out, err
}

func atoi64(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// PublishStationPlan publishes a planned rotation. Version must match.
func (s *Service) PublishStationPlan(ctx context.Context, actor app.Actor, id int64, version int) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		p, err := managedStationPlan(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if n, _ := tx.Count(ctx, "SELECT COUNT(*) FROM stations WHERE plan_id = ?", id); n == 0 {
			return app.Invalid("stations", "还没有蹲点安排，请先运行自动安排")
		}
		res, err := tx.Exec(ctx, "UPDATE station_plans SET status = 'published', version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
			s.now().UnixMilli(), actor.Username, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return audit.Stale(ctx, tx, "station_plan", id, version)
		}
		if err := s.stationTodos(ctx, tx, p); err != nil {
			return err
		}
		after := p
		after.Status, after.Version = RoundPublished, p.Version+1
		return record(ctx, tx, actor, "station_plan.publish", "station_plan", id, "发布蹲点视导安排："+p.Name, p.snapshot(), after.snapshot())
	})
}
