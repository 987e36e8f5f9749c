package liaisonweb

import (
	"context"
	"net/http"
	"net/url"

	"jiaoyan/internal/app"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

// Observed is one 听课评课 record shown on a visit: the lessons a visit
// counts are these records, no longer a number typed on the visit.
type Observed struct {
	ID                           int64
	Date, Teacher, Topic, Lesson string
	Submitted                    bool
}

// ObservationsFunc lists the records researcher made at school from one
// date to another, as actor may see them. The site wires it to the activity
// module (web modules never import each other's domains).
type ObservationsFunc func(ctx context.Context, actor app.Actor, researcher, school int64, from, to string) ([]Observed, error)

// WithObservations makes the visit pages list the visit's 听课评课 records.
func WithObservations(m web.Module, f ObservationsFunc) {
	if s, ok := m.(*module); ok {
		s.observations = f
	}
}

// visitLessons are the records of visit v, nil when none are wired.
func (s *module) visitLessons(r *http.Request, v liaison.Visit) ([]Observed, error) {
	if s.observations == nil || v.ID == 0 {
		return nil, nil
	}
	return s.observations(r.Context(), web.ActorOf(r), v.ResearcherID, v.SchoolID, v.StartDate, v.EndDate)
}

// recordLessonURL opens the 听课评课 form on the visit's first day.
func recordLessonURL(v liaison.Visit) string {
	q := url.Values{"date": {v.StartDate}}
	return "/observations/new?" + q.Encode()
}
