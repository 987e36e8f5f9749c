package demo

import (
	"context"
	"fmt"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/notify"
)

// noticeText is one demo 通知公告.
type noticeText struct {
	title, body     string
	pinned, receipt bool
}

func bureauNotices(name string, year int) []noticeText {
	return []noticeText{
		{fmt.Sprintf("%s关于做好%d学年教研工作的通知", name, year), "各学校、各教研机构：\n请对照本学年教研工作要点，落实联系学校、蹲点视导与校本研修各项任务。", true, false},
		{fmt.Sprintf("%s关于报送联系学校调研报告的通知", name), "请各联系团队于准备阶段结束前在平台提交调研报告，学校确认已读并配合安排。", false, true},
		{name + "关于开展青年教师教学基本功展示活动的通知", "活动方案见附件要求，请各校择优推荐。", false, false},
	}
}

// writeNotices has the city bureau publish three 通知公告 to the city (one
// pinned, one 需回执 that part of its sample readers confirm), each county
// bureau two to its county, and the first sample school one to itself; then
// runs the on-site pace reminder once, so researchers behind pace have a
// message. Publishers are the bureaus' own sample accounts where there are
// some, else the city administrator.
func (g *gen) writeNotices(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	ns := &notify.Service{DB: t.Org.DB, Now: t.today}
	year := dict.SchoolYearOf(t.today())
	c := g.cities[0]
	city, err := publisher(ctx, t.Org.DB, c.name+"教育局", 0)
	if err != nil {
		return err
	}
	ids, err := publishAll(ctx, ns, city, bureauNotices(c.name+"教育局", year), c.code)
	if err != nil {
		return err
	}
	for _, k := range g.counties {
		p, err := publisher(ctx, t.Org.DB, k.prefix+"教育局", city.UserID)
		if err != nil {
			return err
		}
		if _, err := publishAll(ctx, ns, p, bureauNotices(k.prefix+"教育局", year)[:2], k.code); err != nil {
			return err
		}
	}
	if err := g.schoolNotice(ctx, t, ns); err != nil {
		return err
	}
	if err := confirmSome(ctx, ns, t.Org.DB, ids[1]); err != nil {
		return err
	}
	if t.Liaison == nil {
		return nil
	}
	n, err := t.Liaison.RemindOnSitePace(ctx, t.today())
	logf(log, "通知公告 %d 条，到校进度提醒 %d 人", 3+2*len(g.counties)+1, n)
	return err
}

func publishAll(ctx context.Context, ns *notify.Service, by app.Actor, list []noticeText, region string) ([]int64, error) {
	var ids []int64
	for _, x := range list {
		id, err := ns.CreateNotice(ctx, by, notify.Notice{Title: x.title, Body: x.body, Pinned: x.pinned, NeedsReceipt: x.receipt,
			Audience: notify.Audience{RegionCodes: []string{region}}}, true)
		if err != nil {
			return nil, fmt.Errorf("发布通知「%s」：%w", x.title, err)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// schoolNotice: the first sample school admin's school tells its teachers.
func (g *gen) schoolNotice(ctx context.Context, t Target, ns *notify.Service) error {
	s := g.bigSchool(g.cities[0].counties[0])
	p, err := publisher(ctx, t.Org.DB, s.name, 0)
	if err != nil {
		return err
	}
	_, err = ns.CreateNotice(ctx, p, notify.Notice{Title: s.name + "关于本周教研组活动安排的通知", NeedsReceipt: true,
		Body: "本周三下午第二节课后各教研组开展集体备课，请全体教师准时参加。", Audience: notify.Audience{OrgIDs: []int64{p.OrgID}}}, true)
	return err
}

// publisher is an actor that publishes for organisation name: scope over
// that organisation, recorded as the organisation's first sample account
// (else fallbackUser).
func publisher(ctx context.Context, d *db.DB, name string, fallbackUser int64) (app.Actor, error) {
	a := app.System("演示数据", notify.PermNoticePublish)
	err := d.Read(ctx, func(tx *db.Tx) error {
		if err := tx.QueryRow(ctx, "SELECT id, path FROM orgs WHERE name = ?", name).Scan(&a.OrgID, &a.OrgPath); err != nil {
			return fmt.Errorf("找不到机构 %s：%w", name, err)
		}
		err := tx.QueryRow(ctx, `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id WHERE p.org_id = ?
			ORDER BY u.id LIMIT 1`, a.OrgID).Scan(&a.UserID)
		if db.IsNoRows(err) {
			a.UserID, err = fallbackUser, nil
		}
		return err
	})
	a.Scope = app.Scope{Prefixes: []string{regionPrefix(a.OrgPath)}}
	return a, err
}

// regionPrefix is the region part of an organisation path ("…/o12/" → "…/"),
// so a bureau's scope is its whole region.
func regionPrefix(orgPath string) string {
	for i := len(orgPath) - 2; i >= 0; i-- {
		if orgPath[i] == '/' {
			return orgPath[:i+1]
		}
	}
	return orgPath
}

// confirmSome has every other sample account (by user id) addressed by the
// notice confirm it read, so its 回执 shows some read and some not.
func confirmSome(ctx context.Context, ns *notify.Service, d *db.DB, id int64) error {
	readers, err := db.ReadValue(ctx, d, func(tx *db.Tx) ([]app.Actor, error) {
		return db.QueryAll(ctx, tx, func(r db.Scanner) (app.Actor, error) {
			var a app.Actor
			err := r.Scan(&a.UserID, &a.Username, &a.PersonID, &a.OrgID, &a.OrgPath)
			return a, err
		}, `SELECT u.id, u.username, p.id, o.id, o.path FROM users u JOIN people p ON p.id = u.person_id
			JOIN orgs o ON o.id = p.org_id WHERE u.active = TRUE ORDER BY u.id`)
	})
	for i, a := range readers {
		if err != nil || i%2 == 1 {
			continue
		}
		if _, e := ns.MarkRead(ctx, a, id); e != nil && app.ErrorCode(e) != app.ENOTFOUND {
			err = e
		}
	}
	return err
}
