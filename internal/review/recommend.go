package review

import (
	"context"
	"fmt"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// levels is the recommendation chain, lowest first.
var levels = []string{LevelSchool, LevelCounty, LevelCity}

// LevelNames are the Chinese names of the recommendation levels.
var LevelNames = map[string]string{LevelSchool: "学校推荐", LevelCounty: "县级推荐", LevelCity: "市级推荐"}

// Recommend (推荐) puts submissions forward at level: school (by the
// school's recommender), county or city (by a campaign manager; city only
// by the organiser). Each must hold the level below (or be submitted, for
// school), and the level's quota — per school, per county, or for the
// whole campaign — must hold after the change, or nothing is written.
func (s *Service) Recommend(ctx context.Context, actor app.Actor, campaign int64, level string, ids []int64) error {
	if err := actor.Require(PermRecommend); err != nil {
		return err
	}
	li := slices.Index(levels, level)
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		c, err := loadCampaign(ctx, tx, campaign)
		if err != nil || !canSeeCampaign(actor, c) {
			return notFound("评审活动")
		}
		if level != LevelSchool && level != "" {
			if err := actor.Require(PermCampaignManage); err != nil {
				return err
			}
		}
		if li < 0 || len(ids) == 0 {
			return app.Invalid("level", "请选择推荐级别和推荐的项目")
		}
		if level == LevelCity && !auth.InScope(actor, c.OrgPath, c.OrgID, 0) {
			return app.Errorf(app.EFORBIDDEN, "只有主办单位可以进行市级推荐")
		}
		if slices.Index(levels, c.TopLevel()) < li {
			return app.Invalid("level", "本次活动不需要%s", LevelNames[level])
		}
		for _, id := range ids {
			if err := s.recommendOne(ctx, tx, actor, c, li, id); err != nil {
				return err
			}
		}
		return checkQuota(ctx, tx, c, level)
	})
}

func (s *Service) recommendOne(ctx context.Context, tx *db.Tx, actor app.Actor, c Campaign, li int, id int64) error {
	x, err := scanSub(tx.QueryRow(ctx, "SELECT "+subCols+subFrom+" WHERE s.id = ? AND s.campaign_id = ?", id, c.ID))
	if err != nil || !auth.InScope(actor, x.OrgPath, x.OrgID, 0) {
		return notFound("申报")
	}
	below := ""
	if li > 0 {
		below = levels[li-1]
	}
	if x.Status != SubSubmitted || x.Level != below {
		return app.Invalid("ids", "“%s”尚未获得下一级推荐，不能%s", x.Title, LevelNames[levels[li]])
	}
	if _, err := tx.Exec(ctx, "UPDATE review_submissions SET level = ?, version = version + 1, updated_at = ? WHERE id = ?",
		levels[li], s.now().Unix(), id); err != nil {
		return err
	}
	after := x
	after.Level = levels[li]
	return record(ctx, tx, actor, "submission.recommend", "submission", id, LevelNames[levels[li]]+" "+x.Title, x.snapshot(), after.snapshot())
}

// atOrAbove is the SQL list of levels at or above level.
func atOrAbove(level string) []any {
	var out []any
	for _, l := range levels[slices.Index(levels, level):] {
		out = append(out, l)
	}
	return out
}

// checkQuota refuses when any school (school level), county (county
// level) or the campaign (city level) holds more recommendations than the
// call's quota.
func checkQuota(ctx context.Context, tx *db.Tx, c Campaign, level string) error {
	quota, group, what := c.SchoolQuota, "org_id", "每校推荐"
	switch level {
	case LevelCounty:
		quota, group, what = c.CountyQuota, "county_code", "每县推荐"
	case LevelCity:
		quota, group, what = c.CityQuota, "campaign_id", "市级推荐"
	}
	if quota == 0 {
		return nil
	}
	args := append([]any{c.ID, SubSubmitted}, atOrAbove(level)...)
	n, err := tx.Count(ctx, fmt.Sprintf(`SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM review_submissions
		WHERE campaign_id = ? AND status = ? AND level IN (%s) GROUP BY %s) q`, db.In(len(args)-2), group), args...)
	if err != nil {
		return err
	}
	if n > quota {
		return app.Invalid("ids", "%s名额为 %d 项，本次推荐后将超出名额", what, quota)
	}
	return nil
}

// FormalCheck (形式审查) passes or rejects a submission that holds the
// call's top recommendation level; a rejection needs a note.
func (s *Service) FormalCheck(ctx context.Context, actor app.Actor, id int64, pass bool, note string) error {
	if err := actor.Require(PermCampaignManage); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		x, err := scanSub(tx.QueryRow(ctx, "SELECT "+subCols+subFrom+" WHERE s.id = ?", id))
		if err != nil {
			return notFound("申报")
		}
		c, err := campaignInScope(ctx, tx, actor, x.CampaignID)
		if err != nil {
			return err
		}
		if !pass && note == "" {
			return app.Invalid("note", "请填写未通过形式审查的原因")
		}
		if x.Status != SubSubmitted || x.Level != c.TopLevel() {
			return app.Invalid("status", "“%s”尚未完成推荐，不能进行形式审查", x.Title)
		}
		status := SubPassed
		if !pass {
			status = SubRejected
		}
		if _, err := tx.Exec(ctx, "UPDATE review_submissions SET status = ?, check_note = ?, version = version + 1, updated_at = ? WHERE id = ?",
			status, note, s.now().Unix(), id); err != nil {
			return err
		}
		after := x
		after.Status = status
		return record(ctx, tx, actor, "submission.check", "submission", id, "形式审查 "+x.Title, x.snapshot(), after.snapshot())
	})
}
