// Package site assembles jiaoyan's web server: the kit and the list of
// modules. It is the one place the site is wired; cmd/jiaoyan, the web
// tests and the browser tests all build the server with New. A new module
// adds one line to Modules.
package site

import (
	"context"
	"log/slog"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/config"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
	"jiaoyan/internal/report"
	"jiaoyan/internal/review"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
	"jiaoyan/internal/web/activityweb"
	"jiaoyan/internal/web/adminweb"
	"jiaoyan/internal/web/liaisonweb"
	"jiaoyan/internal/web/notifyweb"
	"jiaoyan/internal/web/orgweb"
	"jiaoyan/internal/web/policyweb"
	"jiaoyan/internal/web/qualityweb"
	"jiaoyan/internal/web/reportweb"
	"jiaoyan/internal/web/reviewweb"
	"jiaoyan/internal/web/trainingweb"
)

// Deps are what the site is built from. DB, Auth and Org are required;
// the other services default to ones over DB, Log to slog's default and
// Health to the database's schema version.
type Deps struct {
	DB     *db.DB
	Auth   *auth.Service
	Org    *org.Service
	Audit  *audit.Service
	Policy *policy.Service
	Dict   *dict.Store
	Jobs   *jobs.Store     // shared with the scheduler, which marks its stale jobs interrupted
	Files  *attach.Service // attachment storage; nil keeps files in the database
	Config config.Config
	Log    *slog.Logger
	Health func(r *http.Request) (int, error)
}

func (d Deps) withDefaults() Deps {
	if d.Audit == nil {
		d.Audit = &audit.Service{DB: d.DB}
	}
	if d.Policy == nil {
		d.Policy = &policy.Service{DB: d.DB}
	}
	if d.Dict == nil {
		d.Dict = &dict.Store{DB: d.DB}
	}
	if d.Files == nil {
		d.Files = attach.NewDB(d.DB)
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.Jobs == nil {
		d.Jobs = &jobs.Store{DB: d.DB, Keys: d.Org.Keys, TimeLimit: d.Config.Jobs.TimeLimit,
			Retention: d.Config.Jobs.FileRetention, Log: d.Log}
	}
	if d.Health == nil {
		d.Health = func(r *http.Request) (int, error) { return d.DB.SchemaVersion(r.Context()) }
	}
	return d
}

// Modules are the site's modules in menu order.
func Modules(d Deps) []web.Module {
	d = d.withDefaults()
	act := &activity.Service{DB: d.DB, Dict: d.Dict, Keys: d.Org.Keys, Policy: d.Policy, Files: d.Files}
	visits := liaisonweb.Module(&liaison.Service{DB: d.DB, Org: d.Org, Policy: d.Policy, Dict: d.Dict, Files: d.Files}, d.Org, d.Policy)
	liaisonweb.WithObservations(visits, visitObservations(act))
	return []web.Module{
		notifyweb.Module(notifyOf(d), d.Org),
		orgweb.Module(d.Org, d.Auth),
		policyweb.Module(d.Org, d.Policy, d.Dict),
		adminweb.Module(d.Auth, d.Org, d.Audit),
		visits,
		activityweb.Module(act),
		trainingweb.Module(&training.Service{DB: d.DB, Org: d.Org, Policy: d.Policy, Files: d.Files}),
		qualityweb.Module(&quality.Service{DB: d.DB, Org: d.Org, Policy: d.Policy}, &rectify.Service{DB: d.DB, Store: d.Files}, d.Org, d.Jobs),
		reviewweb.Module(&review.Service{DB: d.DB, Jobs: d.Jobs, Policy: d.Policy, Files: d.Files, Auth: d.Auth}, d.Jobs),
		reportweb.Module(&report.Service{DB: d.DB, Policy: d.Policy}, d.Org, d.Policy),
	}
}

// New builds the whole site from d: a server ready to serve, whose
// Routes() and Modules the whole-site tests walk.
func New(d Deps) (*web.Server, error) {
	d = d.withDefaults()
	s := &web.Server{Auth: d.Auth, Org: d.Org, Jobs: d.Jobs, Config: d.Config, Log: d.Log,
		Health: d.Health, Modules: Modules(d), TodoCount: todoCount(notifyOf(d), d.Log)}
	if err := s.Init(); err != nil {
		return nil, err
	}
	return s, nil
}

// notifyOf is the 待办 and 通知公告 service over d (mail, when configured,
// is sent by the scheduler's tasks, not by pages).
func notifyOf(d Deps) *notify.Service {
	return &notify.Service{DB: d.DB, Files: d.Files, Log: d.Log}
}

// todoCount is the header badge; a failure shows no number rather than
// failing the page.
func todoCount(n *notify.Service, log *slog.Logger) func(context.Context, app.Actor) int {
	return func(ctx context.Context, a app.Actor) int {
		c, err := n.OpenTodoCount(ctx, a)
		if err != nil {
			log.Warn("todo badge", "err", err)
		}
		return c
	}
}

// visitObservations lets a visit page list its 听课评课 records: the lessons
// a visit counts are activity's records, read through this one seam.
func visitObservations(a *activity.Service) liaisonweb.ObservationsFunc {
	return func(ctx context.Context, actor app.Actor, researcher, school int64, from, to string) ([]liaisonweb.Observed, error) {
		list, err := a.ObservationsAt(ctx, actor, researcher, school, from, to)
		out := make([]liaisonweb.Observed, len(list))
		for i, o := range list {
			out[i] = liaisonweb.Observed{ID: o.ID, Date: o.Date, Teacher: o.TeacherName, Topic: o.Topic, Lesson: o.LessonName(), Submitted: o.Submitted()}
		}
		return out, err
	}
}
