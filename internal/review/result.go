package review

import (
	"context"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Standing is one submission's line in a campaign's results.
type Standing struct {
	Submission Submission
	Result     Result
}

// AggregateCampaign combines the finished reviews by the campaign's
// method, flags outlying scores on the experts' records, ranks, and marks
// the campaign's quota as awarded. It returns the method stated on the
// result (Chinese) and the ranked results.
func (s *Service) AggregateCampaign(ctx context.Context, actor app.Actor, campaign int64) (ranked []Result, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return nil, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		if c.Status != StatusReviewing {
			return app.Invalid("status", "只有评审中的活动可以汇总结果")
		}
		scores, err := doneScores(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if len(scores) == 0 {
			return app.Invalid("status", "尚无专家提交评分")
		}
		ranked, err = s.storeResults(ctx, tx, c, Aggregate(scores, c.Method, float64(c.OutlierGap)))
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "campaign.aggregate", "campaign", c.ID,
			fmt.Sprintf("汇总评审结果 %s：%d 项，方法：%s", c.Title, len(ranked), MethodNames[c.Method]), nil, nil)
	})
	return ranked, err
}

func doneScores(ctx context.Context, tx *db.Tx, campaign int64) ([]Score, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Score, error) {
		var x Score
		return x, r.Scan(&x.Assignment, &x.Submission, &x.Expert, &x.Total)
	}, "SELECT id, submission_id, expert_id, total FROM review_assignments WHERE campaign_id = ? AND status = ? ORDER BY id", campaign, AsDone)
}

func (s *Service) storeResults(ctx context.Context, tx *db.Tx, c Campaign, results []Result) ([]Result, error) {
	ranked, awarded := Rank(results, c.AwardQuota)
	if _, err := tx.Exec(ctx, "UPDATE review_submissions SET score = NULL, rank_no = 0, awarded = FALSE WHERE campaign_id = ?", c.ID); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, "UPDATE review_assignments SET outlier = FALSE WHERE campaign_id = ?", c.ID); err != nil {
		return nil, err
	}
	for i, r := range ranked {
		if _, err := tx.Exec(ctx, "UPDATE review_submissions SET score = ?, score_method = ?, rank_no = ?, awarded = ? WHERE id = ?",
			r.Value, r.Method, i+1, awarded[r.Submission], r.Submission); err != nil {
			return nil, err
		}
		for _, a := range r.Outliers {
			if _, err := tx.Exec(ctx, "UPDATE review_assignments SET outlier = TRUE WHERE id = ?", a); err != nil {
				return nil, err
			}
		}
	}
	_, err := tx.Exec(ctx, `UPDATE review_experts SET outliers = (SELECT COUNT(*) FROM review_assignments a
		WHERE a.expert_id = review_experts.id AND a.outlier = TRUE)`)
	return ranked, err
}

// Objection is one 公示 objection and how it was resolved.
type Objection struct {
	ID, Submission int64
	Title          string
	Text, FiledBy  string
	Status, Reply  string
}

// StartPublicity opens the 公示 period from..to over the aggregated
// results.
func (s *Service) StartPublicity(ctx context.Context, actor app.Actor, campaign int64, from, to string) error {
	if err := actor.Require(PermCampaignManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return err
		}
		if !isDate(from) || !isDate(to) || to < from {
			return app.Invalid("to", "公示起止日期格式应为 2025-09-01，且结束不早于开始")
		}
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM review_submissions WHERE campaign_id = ? AND rank_no > 0", c.ID)
		if err != nil {
			return err
		}
		if c.Status != StatusReviewing || n == 0 {
			return app.Invalid("status", "请先汇总评审结果再公示")
		}
		if _, err := tx.Exec(ctx, "UPDATE review_campaigns SET status = ?, publicity_from = ?, publicity_to = ?, version = version + 1 WHERE id = ?",
			StatusPublicity, from, to, c.ID); err != nil {
			return err
		}
		return record(ctx, tx, actor, "campaign.publicity", "campaign", c.ID, "公示 "+c.Title+" "+from+" 至 "+to, nil, nil)
	})
}

// FileObjection records an objection to an awarded submission during the
// 公示 period; anyone the call reaches may file one.
func (s *Service) FileObjection(ctx context.Context, actor app.Actor, submission int64, text string) (id, campaign int64, err error) {
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT campaign_id FROM review_submissions WHERE id = ? AND awarded = TRUE", submission).Scan(&campaign); err != nil {
			return notFound("公示项目")
		}
		c, err := loadCampaign(ctx, tx, campaign)
		if err != nil || !canSeeCampaign(actor, c) {
			return notFound("公示项目")
		}
		if text == "" {
			return app.Invalid("text", "请填写异议内容")
		}
		today := s.today()
		if c.Status != StatusPublicity || today < c.PublicityFrom || today > c.PublicityTo {
			return app.Invalid("text", "不在公示期内")
		}
		id, err = tx.InsertID(ctx, `INSERT INTO review_objections (campaign_id, submission_id, text, filed_by, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, c.ID, submission, text, actor.Username, s.now().Unix())
		if err != nil {
			return err
		}
		return record(ctx, tx, actor, "objection.file", "objection", id, "公示异议 "+c.Title, nil, nil)
	})
	return id, campaign, err
}

// Shortlist is the campaign's list as published: during 公示 and after,
// the awarded submissions in rank order, for everyone the call reaches.
func (s *Service) Shortlist(ctx context.Context, actor app.Actor, campaign int64) (out []Submission, err error) {
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		c, err := loadCampaign(ctx, tx, campaign)
		if err != nil || !canSeeCampaign(actor, c) {
			return notFound("评审活动")
		}
		if c.Status != StatusPublicity && c.Status != StatusFinal {
			return nil
		}
		out, err = db.QueryAll(ctx, tx, scanSub, "SELECT "+subCols+subFrom+" WHERE s.campaign_id = ? AND s.awarded = TRUE ORDER BY s.rank_no", campaign)
		return err
	})
	return out, err
}

// ResolveObjection records the organiser's reply; an upheld objection
// takes the submission off the list.
func (s *Service) ResolveObjection(ctx context.Context, actor app.Actor, id int64, upheld bool, reply string) (campaign int64, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return 0, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		var sub int64
		var status string
		if err := tx.QueryRow(ctx, "SELECT campaign_id, submission_id, status FROM review_objections WHERE id = ?", id).Scan(&campaign, &sub, &status); err != nil {
			return notFound("异议")
		}
		c, err := campaignInScope(ctx, tx, actor, campaign)
		if err != nil {
			return notFound("异议")
		}
		if status != "open" {
			return app.Invalid("reply", "该异议已处理")
		}
		if reply == "" {
			return app.Invalid("reply", "请填写处理意见")
		}
		st := map[bool]string{true: "upheld", false: "dismissed"}[upheld]
		if _, err := tx.Exec(ctx, "UPDATE review_objections SET status = ?, reply = ?, resolved_at = ? WHERE id = ?", st, reply, s.now().Unix(), id); err != nil {
			return err
		}
		if upheld {
			if _, err := tx.Exec(ctx, "UPDATE review_submissions SET awarded = FALSE WHERE id = ?", sub); err != nil {
				return err
			}
		}
		return record(ctx, tx, actor, "objection.resolve", "objection", id, "处理公示异议 "+c.Title+"："+reply, nil, nil)
	})
	return campaign, err
}

// Objections lists a campaign's objections, for its organiser.
func (s *Service) Objections(ctx context.Context, actor app.Actor, campaign int64) (out []Objection, err error) {
	if err := actor.Require(PermCampaignManage); err != nil {
		return nil, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		if _, err := campaignInScope(ctx, tx, actor, campaign); err != nil {
			return err
		}
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (Objection, error) {
			var o Objection
			return o, r.Scan(&o.ID, &o.Submission, &o.Title, &o.Text, &o.FiledBy, &o.Status, &o.Reply)
		}, `SELECT b.id, b.submission_id, s.title, b.text, b.filed_by, b.status, b.reply FROM review_objections b
			JOIN review_submissions s ON s.id = b.submission_id WHERE b.campaign_id = ? ORDER BY b.id`, campaign)
		return err
	})
	return out, err
}
