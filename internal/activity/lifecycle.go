package activity

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/notify"
)

// outcomeTodo is the key of the organiser's 待办 to submit the outcome.
func outcomeTodo(id int64) string { return fmt.Sprintf("activity:%d:outcome", id) }

// reviewTodo is the key of the office's 待办 to review the outcome.
func reviewTodo(id int64) string { return fmt.Sprintf("activity:%d:review", id) }

// Publish makes a draft visible to its audience; it needs a theme, a plan
// and a place or link.
func (s *Service) Publish(ctx context.Context, actor app.Actor, id int64, version int) error {
	return s.step(ctx, actor, id, version, "activity.publish", StatePublished, nil, func(a Activity) error {
		return a.ReadyToPublish()
	}, StateDraft)
}

// End closes a published or running activity with its 活动记录; when an
// outcome is required, the organiser gets a 待办 due on its date.
func (s *Service) End(ctx context.Context, actor app.Actor, id int64, version int, recordText string) error {
	recordText = strings.TrimSpace(recordText)
	if recordText == "" {
		return app.Invalid("record", "请填写活动记录")
	}
	return s.step(ctx, actor, id, version, "activity.end", StateEnded, map[string]string{"record": recordText}, nil,
		StatePublished, StateRunning)
}

// SubmitOutcome hands in the required 教研案例 or 研究报告 of an ended
// activity (or one returned for changes) for the office's review.
func (s *Service) SubmitOutcome(ctx context.Context, actor app.Actor, id int64, version int, outcome string) error {
	outcome = strings.TrimSpace(outcome)
	if outcome == "" {
		return app.Invalid("outcome", "请填写活动成果")
	}
	return s.step(ctx, actor, id, version, "activity.outcome", StateSubmitted, map[string]string{"outcome": outcome, "review_note": ""},
		func(a Activity) error {
			if a.OutcomeKind == "" {
				return app.Errorf(app.EINVALID, "本活动不要求提交成果")
			}
			return nil
		}, StateEnded)
}

// Review decides a submitted outcome: approve archives the activity;
// otherwise it goes back (退回修改) with the reason, which is required.
func (s *Service) Review(ctx context.Context, actor app.Actor, id int64, version int, approve bool, reason string) error {
	if err := actor.Require(PermReview); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if !approve && reason == "" {
		return app.Invalid("reason", "退回修改须填写理由")
	}
	if approve {
		return s.step(ctx, actor, id, version, "activity.approve", StateArchived, map[string]string{"review_note": ""}, nil, StateSubmitted)
	}
	return s.step(ctx, actor, id, version, "activity.return", StateEnded, map[string]string{"review_note": reason}, nil, StateSubmitted)
}

// step moves activity id from one of from to state by its organiser (a
// reviewer for the review steps), after check, with the audit row and the
// todos of the new state.
func (s *Service) step(ctx context.Context, actor app.Actor, id int64, version int, action, state string, set map[string]string,
	check func(Activity) error, from ...string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		a, ok, err := loadActivity(ctx, tx, id)
		if err != nil {
			return err
		}
		aud, err := audienceOf(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !ok || !canSee(actor, a, false, aud) {
			return notFound()
		}
		if err := s.mayStep(actor, a, state); err != nil {
			return err
		}
		if !contains(from, a.State) {
			return app.Errorf(app.EINVALID, "活动当前为%s，不能%s", a.StateName(), actionName(action))
		}
		if check != nil {
			if err := check(a); err != nil {
				return err
			}
		}
		if err := stale(setState(ctx, tx, id, version, state, set, s.now().UnixMilli(), from...)); err != nil {
			return err
		}
		if action == "activity.end" { // a 送教 activity's provider gets its hours
			if err := creditProvider(ctx, tx, actor, a, s.now().UnixMilli()); err != nil {
				return err
			}
		}
		if err := s.todos(ctx, tx, a, state); err != nil {
			return err
		}
		return record(ctx, tx, actor, action, ObjectType, id, actionName(action)+"："+a.Title,
			audit.Snapshot{"状态": a.StateName(), audit.VersionKey: fmt.Sprint(version)},
			withSet(audit.Snapshot{"状态": StateNames[state], audit.VersionKey: fmt.Sprint(version + 1)}, set))
	})
}

// mayStep: the review steps (from 成果已提交) are the office's, every other
// step the organiser's.
func (s *Service) mayStep(actor app.Actor, a Activity, to string) error {
	if a.State == StateSubmitted && (to == StateArchived || to == StateEnded) {
		if actor.Can(PermReview) {
			return nil
		}
		return app.Errorf(app.EFORBIDDEN, "只有教研部门可以审核活动成果")
	}
	return mustManage(actor, a)
}

func withSet(snap audit.Snapshot, set map[string]string) audit.Snapshot {
	names := map[string]string{"record": "活动记录", "outcome": "活动成果", "review_note": "退回理由"}
	for k, v := range set {
		if v != "" {
			snap[names[k]] = v
		}
	}
	return snap
}

// todos opens and closes the 待办 of an activity entering state: the
// organiser's outcome todo on 已结束 (and on 退回), the office's review todo
// on 成果已提交.
func (s *Service) todos(ctx context.Context, tx *db.Tx, a Activity, state string) error {
	link := fmt.Sprintf("/activities/%d", a.ID)
	switch state {
	case StateEnded:
		if _, err := notify.CloseTodos(ctx, tx, reviewTodo(a.ID)); err != nil || a.OutcomeKind == "" || a.OwnerUserID == 0 {
			return err
		}
		due, _ := time.ParseInLocation(time.DateOnly, a.OutcomeDue, CST)
		return notify.AddTodo(ctx, tx, notify.Todo{UserID: a.OwnerUserID, Key: outcomeTodo(a.ID), Source: "教研活动",
			Title: "提交" + a.OutcomeName() + "：" + a.Title, Link: link, Due: due})
	case StateSubmitted:
		if _, err := notify.CloseTodos(ctx, tx, outcomeTodo(a.ID)); err != nil {
			return err
		}
		users, err := reviewers(ctx, tx, a)
		if err != nil || len(users) == 0 {
			return err
		}
		return notify.AddTodos(ctx, tx, users, notify.Todo{Key: reviewTodo(a.ID), Source: "教研活动", Title: "审核活动成果：" + a.Title, Link: link})
	case StateArchived:
		_, err := notify.CloseTodos(ctx, tx, reviewTodo(a.ID))
		return err
	}
	return nil
}

// reviewers are the accounts at the bureaus and offices of the activity's
// region and the regions above it who hold a role granting PermReview.
func reviewers(ctx context.Context, tx *db.Tx, a Activity) ([]int64, error) {
	var regions []any
	for _, seg := range strings.Split(strings.Trim(a.OrgPath, "/"), "/") {
		if seg != "" && seg[0] != 'o' {
			regions = append(regions, seg)
		}
	}
	if len(regions) == 0 {
		return nil, nil
	}
	return db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) { var id int64; return id, r.Scan(&id) },
		`SELECT DISTINCT u.id FROM users u JOIN people p ON p.id = u.person_id JOIN orgs o ON o.id = p.org_id
		JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
		WHERE u.active = TRUE AND o.kind IN ('bureau', 'research_office') AND r.permissions LIKE ?
		AND o.region_code IN (`+db.In(len(regions))+`) ORDER BY u.id`, append([]any{"%" + string(PermReview) + "%"}, regions...)...)
}

func actionName(code string) string {
	name, _ := audit.ActionName(code)
	return name
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
