// Package activity runs the 教研活动 of offices, schools, teaching groups and
// studios: the plan (主题, 活动方案), publishing, sign-up (open, by invitation
// or assigned), 签到 by a QR code bound to the activity and its time, the
// attendance written as 学时 rows to the credit ledger, the 活动记录 and the
// required outcome with its 待办, and the office's review. Every method
// enforces permission and data scope, opens one transaction and writes one
// audit row per change.
package activity

import (
	"context"
	"slices"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/secret"
)

// Service is the activity store.
type Service struct {
	DB     *db.DB
	Dict   *dict.Store // the region's 学年 calendar; nil uses the default
	Keys   *secret.Keys
	Policy *policy.Service // the region rules of 课堂观察 coding
	Now    app.Clock
	Files  *attach.Service // attachments; nil keeps them in the database
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func notFound() error { return app.Errorf(app.ENOTFOUND, "找不到该活动，或您无权查看") }

// record is audit.RecordChange, the one audit row of a change.
var record = audit.RecordChange

// termOf places a date in its 学期 by the region's calendar when one is set.
func (s *Service) termOf(ctx context.Context, region string, d time.Time) dict.Term {
	year := dict.SchoolYearOf(d)
	if s.Dict != nil {
		if c, ok, err := s.Dict.Calendar(ctx, region, year); err == nil && ok {
			if t, in := c.TermOf(d); in {
				return t
			}
		}
	}
	return dict.TermOf(d)
}

// ancestors are the paths of path and every organisation or region above
// it: "/330300/330302/o5/" gives "/330300/", "/330300/330302/" and itself.
func ancestors(path string) []string {
	var out []string
	for i := 1; i < len(path); i++ {
		if path[i] == '/' {
			out = append(out, path[:i+1])
		}
	}
	return out
}

// visibleWhere is the condition admitting the activities actor may see:
// those whose organiser is in the actor's scope, the published ones whose
// audience contains the actor's organisation and whose audience subjects
// and stages (when named) include one of the actor's (aud), and those the
// actor's person is signed up to.
func visibleWhere(actor app.Actor, aud audience) (string, []any) {
	return visibleWhereOf(actor, aud, false)
}

// visibleWhereOf is visibleWhere; perRow asks the sign-up condition as a
// lookup per row (for many short range reads, each stopping after a few
// rows) rather than the actor's sign-ups read once (for one long read).
func visibleWhereOf(actor app.Actor, aud audience, perRow bool) (string, []any) {
	// An organiser's activities in scope, drafts included, only for those
	// who organise (canManage); an auditor or any other role with a wide
	// scope sees what their own organisation is invited to, like canSee.
	var conds []string
	var args []any
	if actor.Can(PermManage) {
		own, oargs := auth.ScopeWhere(actor, "a.org_path", "a.org_id", "")
		conds, args = append(conds, own), oargs
	}
	if anc := ancestors(actor.OrgPath); len(anc) > 0 {
		subj, sargs := matchWhere("a.subjects", aud.subjects)
		stage, gargs := matchWhere("a.stages", aud.stages)
		conds = append(conds, "(a.state <> 'draft' AND a.audience_path IN ("+db.In(len(anc))+") AND "+subj+" AND "+stage+")")
		for _, p := range anc {
			args = append(args, p)
		}
		args = append(append(args, sargs...), gargs...)
	}
	if actor.PersonID != 0 {
		if perRow {
			conds = append(conds, "EXISTS (SELECT 1 FROM activity_signups su WHERE su.activity_id = a.id AND su.person_id = ?)")
		} else {
			conds = append(conds, "a.id IN (SELECT activity_id FROM activity_signups WHERE person_id = ?)")
		}
		args = append(args, actor.PersonID)
	}
	if len(aud.teams) > 0 { // the activities of the actor's liaison teams, drafts included
		conds = append(conds, "a.team_id IN ("+db.In(len(aud.teams))+")")
		for _, t := range aud.teams {
			args = append(args, t)
		}
	}
	if len(conds) == 0 {
		return "FALSE", nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// canSee is visibleWhere for one loaded activity.
func canSee(actor app.Actor, a Activity, signedUp bool, aud audience) bool {
	if canManage(actor, a) || signedUp {
		return true
	}
	if a.State == StateDraft || !admits(a.Subjects, aud.subjects) || !admits(a.Stages, aud.stages) {
		return false
	}
	for _, p := range ancestors(actor.OrgPath) {
		if p == a.AudiencePath {
			return true
		}
	}
	return false
}

// canManage reports whether actor organises activities and a's organiser
// is in their scope.
// A liaison team's researcher and members manage the team's activities.
func canManage(actor app.Actor, a Activity) bool {
	if a.TeamID != 0 && actor.PersonID != 0 && slices.Contains(a.team, actor.PersonID) {
		return true
	}
	return actor.Can(PermManage) && auth.InScope(actor, a.OrgPath, a.OrgID, 0)
}

func mustManage(actor app.Actor, a Activity) error {
	if !canManage(actor, a) {
		return app.Errorf(app.EFORBIDDEN, "只有活动组织方可以执行此操作")
	}
	return nil
}
