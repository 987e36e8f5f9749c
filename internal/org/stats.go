package org

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Counts are the home-page figures for the actor's scope.
type Counts struct {
	Schools     int
	Teachers    int
	Researchers int
	ByTitle     []NameCount // active people by 职称, lowest title first
	Changed     time.Time   // newest change among maintained figures; zero when counted live or empty
}

// NameCount is one bar of a chart.
type NameCount struct {
	Name  string
	Count int
}

// CountInScope counts active schools, teachers and researchers the actor may
// see. An actor without org.view / person.view gets zeros for those parts.
// The figures are the maintained org_figures summed over the scope's
// organisations (one read); a scope that names the actor's own person row
// is counted live.
func (s *Service) CountInScope(ctx context.Context, actor app.Actor) (Counts, error) {
	if actor.Scope.SelfPersonID != 0 {
		return s.countLive(ctx, actor)
	}
	fs, err := s.FiguresInScope(ctx, actor)
	if err != nil {
		return Counts{}, failed(err, "count in scope")
	}
	c := Counts{Changed: fs.Changed}
	if actor.Can(auth.PermOrgView) {
		c.Schools = fs.Values[FigureSchools]
	}
	if actor.Can(auth.PermPersonView) {
		c.Teachers, c.Researchers = fs.Values[FigurePeople], fs.Values[FigureResearchers]
		c.ByTitle = titleBars(func(t string) int { return fs.Values[figureTitle+t] })
	}
	return c, nil
}

// titleBars is the 职称 chart, lowest title first, then 未评职称.
func titleBars(count func(title string) int) []NameCount {
	var out []NameCount
	for _, t := range append(TitleOrder, "") {
		name := TitleNames[t]
		if t == "" {
			name = "未评职称"
		}
		out = append(out, NameCount{name, count(t)})
	}
	return out
}

// countLive counts from the base tables; it is also the recomputation the
// maintained figures must equal.
func (s *Service) countLive(ctx context.Context, actor app.Actor) (Counts, error) {
	var c Counts
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		if actor.Can(auth.PermOrgView) {
			where, args := scopeWhere(actor, "")
			n, err := tx.Count(ctx, "SELECT COUNT(*) FROM orgs o WHERE o.active = TRUE AND o.kind IN ('school','teaching_point') AND "+where, args...)
			if err != nil {
				return err
			}
			c.Schools = n
		}
		if !actor.Can(auth.PermPersonView) {
			return nil
		}
		return s.countPeople(ctx, tx, actor, &c)
	})
	return c, failed(err, "count in scope")
}

func (s *Service) countPeople(ctx context.Context, tx *db.Tx, actor app.Actor, c *Counts) error {
	where, args := scopeWhere(actor, "p.id")
	rows, err := tx.Query(ctx, `SELECT p.title, p.researcher_kind <> '', COUNT(*) FROM people p JOIN orgs o ON o.id = p.org_id
		WHERE p.active = TRUE AND `+where+" GROUP BY p.title, p.researcher_kind <> ''", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	byTitle := map[string]int{}
	for rows.Next() {
		var title string
		var researcher bool
		var n int
		if err := rows.Scan(&title, &researcher, &n); err != nil {
			return err
		}
		c.Teachers += n
		if researcher {
			c.Researchers += n
		}
		byTitle[title] += n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	c.ByTitle = titleBars(func(t string) int { return byTitle[t] })
	return nil
}
