package review

import (
	"context"
	"fmt"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/jobs"
	"jiaoyan/internal/notify"
	"jiaoyan/internal/plan"
)

// Assignment statuses (评审任务状态).
const (
	AsInvited  = "invited"  // 已邀请
	AsAccepted = "accepted" // 已接受
	AsDeclined = "declined" // 已谢绝
	AsConflict = "conflict" // 声明回避
	AsDone     = "done"     // 已提交评分
)

// AssignOutcome is what an assignment run did, for the job page.
type AssignOutcome struct {
	Pairs         int   // invitations written
	TotalAffinity int64 // the engine's objective
	Unassigned    int   // submissions left short
	Summary       string
}

func passedSubs(ctx context.Context, tx *db.Tx, campaign int64) ([]Submission, error) {
	return db.QueryAll(ctx, tx, scanSub, "SELECT "+subCols+subFrom+" WHERE s.campaign_id = ? AND s.status = ? ORDER BY s.id",
		campaign, SubPassed)
}

// AssignmentProblem is the plan engine's input for a campaign's first
// assignment: every submission that passed 形式审查 and the pool's experts.
func (s *Service) AssignmentProblem(ctx context.Context, actor app.Actor, campaign int64) (p *plan.ReviewProblem, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		p, _, err = s.problemOf(ctx, tx, c)
		return err
	})
	return p, err
}

func (s *Service) problemOf(ctx context.Context, tx *db.Tx, c Campaign) (*plan.ReviewProblem, []Expert, error) {
	subs, err := passedSubs(ctx, tx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	if len(subs) == 0 {
		return nil, nil, app.Invalid("campaign_id", "没有通过形式审查的申报，无法分配专家")
	}
	experts, err := campaignExperts(ctx, tx, c)
	if err != nil {
		return nil, nil, err
	}
	declared, err := declaredConflicts(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	return buildProblem(c, c.Reviewers, subs, experts, declared), experts, nil
}

// Assign solves the campaign's assignment with the plan engine (an
// optimum: most pairs, then seniors, then fit) and sends the invitations,
// each a 待办 for the expert due on the campaign's review date. It may run
// again while no expert has accepted; it then replaces the invitations.
func (s *Service) Assign(ctx context.Context, actor app.Actor, campaign int64, progress func(stage string)) (out AssignOutcome, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return out, err
	}
	if progress == nil {
		progress = func(string) {}
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		if n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_assignments WHERE campaign_id = ? AND status <> ?", c.ID, AsInvited); err != nil || n > 0 {
			if err == nil {
				err = app.Invalid("campaign_id", "已有专家接受或完成评审，请使用“补派专家”")
			}
			return err
		}
		progress("读取申报与专家库")
		p, experts, err := s.problemOf(ctx, tx, c)
		if err != nil {
			return err
		}
		progress("计算最优分配")
		res, err := plan.SolveReview(p)
		if err != nil {
			return err
		}
		progress("发送评审邀请")
		if err := s.clearInvitations(ctx, tx, c.ID); err != nil {
			return err
		}
		if err := s.invite(ctx, tx, c, experts, res.Assignments); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "UPDATE review_campaigns SET status = ?, version = version + 1, updated_at = ? WHERE id = ?",
			StatusReviewing, s.now().Unix(), c.ID); err != nil {
			return err
		}
		out = AssignOutcome{Pairs: len(res.Assignments), TotalAffinity: res.TotalAffinity, Unassigned: len(res.Unassigned), Summary: res.Summary}
		return record(ctx, tx, actor, "campaign.assign", "campaign", c.ID,
			fmt.Sprintf("分配评审专家 %s：%d 条评审任务，%d 项未配足", c.Title, out.Pairs, out.Unassigned), nil, nil)
	})
	return out, err
}

func (s *Service) clearInvitations(ctx context.Context, tx *db.Tx, campaign int64) error {
	experts, err := db.QueryAll(ctx, tx, func(r db.Scanner) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	}, "SELECT DISTINCT expert_id FROM review_assignments WHERE campaign_id = ?", campaign)
	if err != nil {
		return err
	}
	for _, e := range experts {
		if _, err := notify.CloseTodos(ctx, tx, todoKey(campaign, e)); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, "DELETE FROM review_assignments WHERE campaign_id = ?", campaign)
	return err
}

// todoKey is an expert's one 待办 for a campaign: all their tasks in it.
func todoKey(campaign, expert int64) string { return fmt.Sprintf("review:%d:%d", campaign, expert) }

// inviteBatch is how many invitations one INSERT writes.
const inviteBatch = 400

// invite writes the invitations in batches, checks them against the org
// tree and the declared conflicts once more, and gives each invited
// expert one 待办 for the campaign, due on its review date.
func (s *Service) invite(ctx context.Context, tx *db.Tx, c Campaign, experts []Expert, pairs []plan.ReviewAssignment) error {
	now := s.now().Unix()
	for start := 0; start < len(pairs); start += inviteBatch {
		chunk := pairs[start:min(len(pairs), start+inviteBatch)]
		var q strings.Builder
		args := make([]any, 0, 7*len(chunk))
		q.WriteString("INSERT INTO review_assignments (campaign_id, submission_id, expert_id, affinity, due_on, created_at, updated_at) VALUES ")
		for i, a := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?, ?, ?, ?, ?)")
			args = append(args, c.ID, keyID(a.Submission), keyID(a.Expert), a.Affinity, c.ReviewDue, now, now)
		}
		if _, err := tx.Exec(ctx, q.String(), args...); err != nil {
			return err
		}
	}
	if err := verifyNoConflict(ctx, tx, c); err != nil {
		return err
	}
	return s.todos(ctx, tx, c, experts, pairs)
}

func (s *Service) todos(ctx context.Context, tx *db.Tx, c Campaign, experts []Expert, pairs []plan.ReviewAssignment) error {
	users, err := expertUsers(ctx, tx, experts)
	if err != nil {
		return err
	}
	count := map[int64]int{}
	var order []int64
	for _, a := range pairs {
		e := keyID(a.Expert)
		if count[e] == 0 {
			order = append(order, e)
		}
		count[e]++
	}
	due := parseDue(c.ReviewDue)
	for _, e := range order {
		if users[e] == 0 {
			continue
		}
		err := notify.AddTodo(ctx, tx, notify.Todo{UserID: users[e], Key: todoKey(c.ID, e), Source: "专家评审",
			Title: fmt.Sprintf("评审邀请：%s（%d 项）", c.Title, count[e]), Link: "/reviews", Due: due})
		if err != nil {
			return err
		}
	}
	return nil
}

// closeTodoIfDone closes the expert's 待办 for the campaign once none of
// their tasks in it is open.
func closeTodoIfDone(ctx context.Context, tx *db.Tx, assignment int64) error {
	var campaign, expert int64
	if err := tx.QueryRow(ctx, "SELECT campaign_id, expert_id FROM review_assignments WHERE id = ?", assignment).Scan(&campaign, &expert); err != nil {
		return err
	}
	open, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_assignments WHERE campaign_id = ? AND expert_id = ? AND status IN ('invited','accepted')",
		campaign, expert)
	if err != nil || open > 0 {
		return err
	}
	_, err = notify.CloseTodos(ctx, tx, todoKey(campaign, expert))
	return err
}

func parseDue(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, time.FixedZone("CST", 8*3600))
	if err != nil {
		return time.Time{}
	}
	return t
}

// expertUsers maps each expert to the account that receives the 待办.
func expertUsers(ctx context.Context, tx *db.Tx, experts []Expert) (map[int64]int64, error) {
	out := map[int64]int64{}
	rows, err := tx.Query(ctx, `SELECT e.id, COALESCE(e.user_id, u.id, 0) FROM review_experts e LEFT JOIN users u ON u.person_id = e.person_id
		WHERE e.active = TRUE`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var e, u int64
		if err := rows.Scan(&e, &u); err != nil {
			return nil, err
		}
		out[e] = u
	}
	return out, rows.Err()
}

// verifyNoConflict is the check before invitations go out: no open
// assignment of the campaign may pair an expert with their own
// submission, their school, their county (when the campaign avoids it) or
// a declared conflict. It finds what the engine should never produce.
func verifyNoConflict(ctx context.Context, tx *db.Tx, c Campaign) error {
	n, err := tx.Count(ctx, `SELECT COUNT(*) FROM review_assignments a
		JOIN review_submissions s ON s.id = a.submission_id JOIN review_experts e ON e.id = a.expert_id
		LEFT JOIN people p ON p.id = e.person_id
		WHERE a.campaign_id = ? AND a.status IN ('invited','accepted') AND (
			e.person_id = s.author_id OR (',' || s.coauthors || ',') LIKE ('%,' || CAST(e.person_id AS TEXT) || ',%')
			OR COALESCE(p.org_id, e.org_id) = s.org_id OR (? AND e.county_code <> '' AND e.county_code = s.county_code)
			OR EXISTS (SELECT 1 FROM review_conflicts k WHERE k.expert_id = e.id AND
				(k.person_id = s.author_id OR k.org_id = s.org_id OR k.submission_id = s.id)))`, c.ID, c.AvoidCounty)
	if err != nil {
		return err
	}
	if n > 0 {
		return app.Errorf(app.ECONFLICT, "有 %d 条评审邀请违反回避规则，未发出", n)
	}
	return nil
}

// AssignJob is Assign as the body of a job, for the page.
func (s *Service) AssignJob(actor app.Actor, campaign int64) jobs.Work {
	return func(ctx context.Context, t *jobs.Tracker) (jobs.Outcome, error) {
		step := 0
		out, err := s.Assign(ctx, actor, campaign, func(stage string) { step++; t.Report(step, 4, stage) })
		if err != nil {
			return jobs.Outcome{}, err
		}
		return jobs.Outcome{Message: fmt.Sprintf("已发出 %d 份评审邀请；%d 项未配足专家。%s", out.Pairs, out.Unassigned, out.Summary)}, nil
	}
}

// StartAssign creates the assignment job and returns its id and work.
func (s *Service) StartAssign(ctx context.Context, actor app.Actor, campaign int64) (int64, jobs.Work, error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, nil, err
	}
	c, err := s.FindCampaignByID(ctx, actor, campaign)
	if err != nil {
		return 0, nil, err
	}
	id, err := s.Jobs.Add(ctx, actor, jobs.NewJob{Kind: "review.assign", Message: "分配评审专家：" + c.Title})
	return id, s.AssignJob(actor, campaign), err
}
