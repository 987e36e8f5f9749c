package reviewweb

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type personProjectsData struct {
	Projects []review.PersonProject
	Total    int
	Shown    int
	Levels   map[string]string
	Statuses map[string]string
}

// PersonPanels puts a person's 课题 on their person page: number, level,
// stage, year and role, only those the viewer may open.
func (s *module) PersonPanels() []web.PersonPanel {
	return []web.PersonPanel{{Name: "课题", Template: "review_person_projects",
		Data: func(ctx context.Context, viewer app.Actor, personID int64) (any, bool, error) {
			list, total, err := s.Review.PersonProjects(ctx, viewer, personID)
			return personProjectsData{Projects: list, Total: total, Shown: review.PersonProjectsShown,
				Levels: review.ProjectLevelNames, Statuses: review.ProjectStatusNames}, total > 0, err
		}}}
}
