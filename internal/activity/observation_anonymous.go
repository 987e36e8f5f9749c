package activity

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/policy"
)

// AnonymousObserver is how the observed teacher sees an observer when their
// region's rule hides observers.
const AnonymousObserver = "听课人（匿名）"

// hideObservers hides the observer of the records in list that the actor
// was observed in, when the region of the record's school sets
// 听课人对授课教师匿名 (policy.RuleActivityObserverAnonymous) in its 学年. The
// rule is the region's, not the record's; unset, observers are named.
func (s *Service) hideObservers(ctx context.Context, actor app.Actor, list []Observation) error {
	type key struct {
		school int64
		year   int
	}
	hide := map[key]bool{}
	for i, o := range list {
		if actor.PersonID == 0 || o.TeacherID != actor.PersonID || o.ObserverID == actor.PersonID {
			continue
		}
		k := key{o.SchoolID, o.SchoolYear}
		h, ok := hide[k]
		if !ok {
			var err error
			if h, err = s.observersHidden(ctx, o.SchoolID, o.SchoolYear); err != nil {
				return err
			}
			hide[k] = h
		}
		if h {
			list[i].ObserverName, list[i].ObserverID = AnonymousObserver, 0
		}
	}
	return nil
}

// observersHidden reads the anonymity rule of school's region in year.
func (s *Service) observersHidden(ctx context.Context, school int64, year int) (bool, error) {
	if s.Policy == nil {
		return false, nil
	}
	region, err := s.regionOf(ctx, school)
	if err != nil {
		return false, err
	}
	v, ok, err := s.Policy.ValueFor(ctx, region, policy.RuleActivityObserverAnonymous, year)
	return ok && v == 1, err
}
