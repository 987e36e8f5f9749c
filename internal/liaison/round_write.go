package liaison

import (
	"context"
	"fmt"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
)

// required is the region's value of rule key in force for year; a rule the
// region has not set is EINVALID saying 本区域未设定规则：… — never a number
// of our own.
func (s *Service) required(ctx context.Context, region string, key policy.RuleKey, year int) (int, error) {
	v, err := s.Policy.Required(ctx, region, key, year)
	return int(v), err
}

// stageDates fills the round's 准备 (first year), 落实 (first year to last
// year) and 总结 (last year) dates from the region's rules for FirstYear;
// EINVALID names the first rule the region has not set.
func (s *Service) stageDates(ctx context.Context, r *Round) error {
	keys := []policy.RuleKey{policy.RuleLiaisonRoundSchoolYears, policy.RuleLiaisonPrepareStartMonth, policy.RuleLiaisonPrepareEndMonth,
		policy.RuleLiaisonImplementStartMonth, policy.RuleLiaisonImplementEndMonth, policy.RuleLiaisonSummaryStartMonth,
		policy.RuleLiaisonSummaryEndMonth}
	v := make([]int, len(keys))
	for i, k := range keys {
		var err error
		if v[i], err = s.required(ctx, r.RegionCode, k, r.FirstYear); err != nil {
			return err
		}
	}
	last := r.FirstYear + max(1, v[0])
	r.PrepareStart, r.PrepareEnd = monthStart(r.FirstYear, v[1]), monthEnd(r.FirstYear, v[2])
	r.ImplementStart, r.ImplementEnd = monthStart(r.FirstYear, v[3]), monthEnd(last, v[4])
	r.SummaryStart, r.SummaryEnd = monthStart(last, v[5]), monthEnd(last, v[6])
	return nil
}

func monthStart(y, m int) string { return fmt.Sprintf("%04d-%02d-01", y, m) }

func monthEnd(y, m int) string {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// CreateRound opens a draft round for region starting in 学年 firstYear, with
// stage dates from the region's policy for that year. Needs liaison.manage
// and the region in scope.
func (s *Service) CreateRound(ctx context.Context, actor app.Actor, region string, firstYear int, name string) (int64, error) {
	r := Round{RegionCode: region, FirstYear: firstYear, Name: trimName(name), Status: RoundDraft, Version: 1}
	if err := actor.Require(PermLiaisonManage); err != nil {
		return 0, err
	}
	if firstYear < 2000 || firstYear > 2100 {
		return 0, app.Invalid("first_year", "起始学年应为 2000 至 2100 之间的年份")
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if r.RegionName, r.RegionPath, err = regionInScope(ctx, tx, actor, region); err != nil {
			return err
		}
		if err := s.stageDates(ctx, &r); err != nil {
			return err
		}
		if r.Name == "" {
			r.Name = fmt.Sprintf("%d—%d学年联系学校轮次", firstYear, firstYear+r.Years()-1)
		}
		now := s.now().UnixMilli()
		r.ID, err = tx.InsertID(ctx, `INSERT INTO liaison_rounds (region_code, name, first_year, prepare_start, prepare_end,
			implement_start, implement_end, summary_start, summary_end, status, created_at, updated_at, updated_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, r.RegionCode, r.Name, r.FirstYear, r.PrepareStart,
			r.PrepareEnd, r.ImplementStart, r.ImplementEnd, r.SummaryStart, r.SummaryEnd, r.Status, now, now, actor.Username)
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "round.create", "round", r.ID, "新建联系学校轮次："+r.Name, nil, r.snapshot())
	})
	return r.ID, err
}

// PublishRound makes the round's links final (proposed links become links)
// and the round published. Version must match.
func (s *Service) PublishRound(ctx context.Context, actor app.Actor, id int64, version int) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM liaison_links WHERE round_id = ?", id)
		if err != nil || n == 0 {
			return firstErr(err, app.Invalid("links", "还没有联系安排，请先运行自动安排或手工添加"))
		}
		if _, err := tx.Exec(ctx, "UPDATE liaison_links SET proposed = FALSE WHERE round_id = ?", id); err != nil {
			return err
		}
		if err := roundTodos(ctx, tx, r); err != nil {
			return err
		}
		return s.setRoundStatus(ctx, tx, actor, r, version, RoundPublished, "round.publish", "发布联系学校轮次："+r.Name)
	})
}

// CloseRound ends a published round with its 总结 and 成果.
func (s *Service) CloseRound(ctx context.Context, actor app.Actor, id int64, version int, summary, outcomes string) error {
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := managedRound(ctx, tx, actor, id, false)
		if err != nil {
			return err
		}
		if r.Status == RoundDraft {
			return app.Invalid("status", "轮次尚未发布，不能结束")
		}
		if trimName(summary) == "" {
			return app.Invalid("summary", "请填写轮次总结")
		}
		if _, err := tx.Exec(ctx, "UPDATE liaison_rounds SET summary = ?, outcomes = ? WHERE id = ?", trimName(summary), trimName(outcomes), id); err != nil {
			return err
		}
		return s.setRoundStatus(ctx, tx, actor, r, version, RoundClosed, "round.close", "结束联系学校轮次："+r.Name)
	})
}

func (s *Service) setRoundStatus(ctx context.Context, tx *db.Tx, actor app.Actor, r Round, version int, status, action, summary string) error {
	res, err := tx.Exec(ctx, `UPDATE liaison_rounds SET status = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE id = ? AND version = ?`, status, s.now().UnixMilli(), actor.Username, r.ID, version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return audit.Stale(ctx, tx, "round", r.ID, version)
	}
	after, _ := loadRound(ctx, tx, actor, r.ID)
	after.Status = status
	return record(ctx, tx, actor, action, "round", r.ID, summary, r.snapshot(), after.snapshot())
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
