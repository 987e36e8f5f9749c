package liaison

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/notify"
)

// Sources (来源) of liaison's 待办, as the todo list shows them.
const (
	todoSourceRound   = "联系学校"
	todoSourceStation = "蹲点视导"
	todoSourcePace    = "到校天数"
)

// The station phases in visiting order, and how far into the term each is
// due: 期初 within the first quarter, 期中 by three fifths, 期末 by the end.
var stationPhases = []struct {
	code     string
	num, den int
}{{"opening", 1, 4}, {"midterm", 3, 5}, {"final", 1, 1}}

func surveyTodoKey(linkID int64) string  { return fmt.Sprintf("liaison.survey:%d", linkID) }
func improveTodoKey(linkID int64) string { return fmt.Sprintf("liaison.improve:%d", linkID) }
func stationTodoKey(stationID int64, phase string) string {
	return fmt.Sprintf("liaison.station:%d:%s", stationID, phase)
}

// roundTodos gives each team leader of a published round one 待办 per linked
// school: 提交调研报告, due at the end of the 准备 stage. It runs inside the
// publish transaction.
func roundTodos(ctx context.Context, tx *db.Tx, r Round) error {
	links, err := db.QueryAll(ctx, tx, scanLink, linkSelect+" WHERE k.round_id = ? ORDER BY k.id", r.ID)
	if err != nil {
		return err
	}
	due, _ := time.Parse(time.DateOnly, r.PrepareEnd)
	for _, k := range links {
		if k.Survey != "" {
			continue
		}
		t := notify.Todo{PersonID: k.ResearcherID, Key: surveyTodoKey(k.ID), Source: todoSourceRound,
			Title: "提交调研报告：" + k.SchoolName, Link: fmt.Sprintf("/links/%d", k.ID), Due: due}
		if err := notify.AddTodo(ctx, tx, t); err != nil {
			return err
		}
	}
	return nil
}

// linkTextTodos follows a saved 调研报告/提升方案: a saved report closes its
// 待办 and, while no plan is saved, asks the team leader for the 提升方案 by
// the end of the round's first 学期; a saved plan closes that one.
func (s *Service) linkTextTodos(ctx context.Context, tx *db.Tx, k Link) error {
	if k.Survey == "" {
		return nil
	}
	if _, err := notify.CloseTodos(ctx, tx, surveyTodoKey(k.ID)); err != nil {
		return err
	}
	if k.Improvement != "" {
		_, err := notify.CloseTodos(ctx, tx, improveTodoKey(k.ID))
		return err
	}
	var first int
	if err := tx.QueryRow(ctx, "SELECT first_year FROM liaison_rounds WHERE id = ?", k.RoundID).Scan(&first); err != nil {
		return err
	}
	_, end := s.termDates(ctx, k.RegionCode, dict.Term{Year: first, Half: dict.First})
	return notify.AddTodo(ctx, tx, notify.Todo{PersonID: k.ResearcherID, Key: improveTodoKey(k.ID), Source: todoSourceRound,
		Title: "制定提升方案：" + k.SchoolName, Link: fmt.Sprintf("/links/%d", k.ID), Due: end})
}

// stationTodos gives each stationed researcher of a published plan a 期初,
// 期中 and 期末 视导 待办 with due dates from the region's 校历 for that term.
func (s *Service) stationTodos(ctx context.Context, tx *db.Tx, p StationPlan) error {
	stations, err := loadStations(ctx, tx, "x.plan_id = ?", p.ID)
	if err != nil {
		return err
	}
	for _, st := range stations {
		start, end := s.termDates(ctx, p.RegionCode, st.Term)
		span := end.Sub(start)
		for _, ph := range stationPhases {
			if st.Phases[ph.code] {
				continue
			}
			due := start.Add(span * time.Duration(ph.num) / time.Duration(ph.den)).Truncate(24 * time.Hour)
			t := notify.Todo{PersonID: st.ResearcherID, Key: stationTodoKey(st.ID, ph.code), Source: todoSourceStation,
				Title: PhaseNames[ph.code] + "视导：" + st.SchoolName, Due: due,
				Link: fmt.Sprintf("/stations/%d/visit?station=%d&phase=%s", p.ID, st.ID, ph.code)}
			if err := notify.AddTodo(ctx, tx, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// closeVisitTodos closes the 视导 待办 a station visit fulfils, inside the
// visit's transaction.
func closeVisitTodos(ctx context.Context, tx *db.Tx, v *Visit) error {
	if v.StationID == 0 || v.StationPhase == "" {
		return nil
	}
	_, err := notify.CloseTodos(ctx, tx, stationTodoKey(v.StationID, v.StationPhase))
	return err
}

// termDates returns the first and last day of term t in region: from the
// region's 校历 for that 学年 when set, else the default calendar (the
// first term from the start of the 学年, not the summer before it).
func (s *Service) termDates(ctx context.Context, region string, t dict.Term) (start, end time.Time) {
	if s.Dict != nil {
		if c, ok, err := s.Dict.Calendar(ctx, region, t.Year); err == nil && ok {
			a, b := c.Term1Start, c.Term1End
			if t.Half == dict.Second {
				a, b = c.Term2Start, c.Term2End
			}
			start, _ = time.Parse(time.DateOnly, a)
			end, _ = time.Parse(time.DateOnly, b)
			return start, end
		}
	}
	cal := dict.DefaultCalendar
	start, after := cal.Bounds(t, time.UTC)
	if t.Half == dict.First {
		start = time.Date(t.Year, cal.YearStart.Month, cal.YearStart.Day, 0, 0, 0, 0, time.UTC)
	}
	return start, after.AddDate(0, 0, -1)
}
