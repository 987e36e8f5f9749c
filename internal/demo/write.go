package demo

import (
	"context"
	"fmt"
	"io"

	"jiaoyan/internal/org"
)

// The write steps, in order. Regions, organisations and people go through
// the bulk imports (one transaction and one audit row per batch); groups,
// studios and accounts through their ordinary services.

func (g *gen) writeRegions(ctx context.Context, t Target, log io.Writer, _ *Summary) error {
	rows := regionRows(g.p, g.cities)
	res, err := t.Org.ImportRegions(ctx, builder, rows, org.ImportOptions{FileName: "演示数据：行政区域"})
	if err != nil {
		return fmt.Errorf("导入行政区域：%w", err)
	}
	logf(log, "行政区域：新增 %d 个", res.Created)
	return nil
}

func (g *gen) writeOrgs(ctx context.Context, t Target, log io.Writer, _ *Summary) error {
	for i, rows := range g.orgBatches() {
		res, err := t.Org.ImportOrgs(ctx, builder, rows, org.ImportOptions{FileName: "演示数据：" + g.cities[i].name + "机构与学校"})
		if err != nil {
			return fmt.Errorf("导入%s机构与学校：%w", g.cities[i].name, err)
		}
		logf(log, "%s机构与学校：新增 %d 个", g.cities[i].name, res.Created)
	}
	return nil
}

func (g *gen) writePeople(ctx context.Context, t Target, log io.Writer, _ *Summary) error {
	done := 0
	for _, batch := range g.personBatches() {
		where := "市级及以上单位"
		if k := batch[0].county; k != nil {
			where = k.prefix
		}
		res, err := t.Org.ImportPeople(ctx, builder, personRows(batch), org.ImportOptions{FileName: "演示数据：" + where + "人员"})
		if err != nil {
			return fmt.Errorf("导入%s人员：%w", where, err)
		}
		done += res.Created
		logf(log, "%s人员：新增 %d 人（累计 %d / %d）", where, res.Created, done, len(g.people))
	}
	return nil
}

// loadIDs reads back the ids the database gave the organisations and
// people, matching on 学校标识码 or name and on 身份证号, one county at a
// time so that a province never sits in memory twice.
func (g *gen) loadIDs(ctx context.Context, t Target, _ io.Writer, _ *Summary) error {
	orgs, _, err := t.Org.FindOrgs(ctx, builder, org.OrgFilter{RegionCode: g.rootCode(), Limit: 1 << 30})
	if err != nil {
		return err
	}
	orgID := make(map[string]int64, len(orgs))
	for _, o := range orgs {
		orgID[o.Name] = o.ID
		if o.SchoolCode != "" {
			orgID[o.SchoolCode] = o.ID
		}
	}
	for _, s := range g.schools {
		s.id = orgID[s.code]
	}
	for _, batch := range g.personBatches() {
		if err := g.loadPersonIDs(ctx, t.Org, batch, orgID); err != nil {
			return err
		}
	}
	return nil
}

// loadPersonIDs fills in the ids of one import batch (a county's people,
// or the staff of the upper-level offices), reading its organisations one
// by one: a lookup by organisation uses its index, where a filter by region
// would scan the whole province's people once per county.
func (g *gen) loadPersonIDs(ctx context.Context, o *org.Service, batch []*person, orgID map[string]int64) error {
	var orgs []int64
	seen := map[int64]bool{}
	for _, x := range batch {
		if id := orgID[x.orgKey]; id != 0 && !seen[id] {
			seen[id] = true
			orgs = append(orgs, id)
		}
	}
	personID := map[string]int64{}
	for _, id := range orgs {
		people, _, err := o.FindPeople(ctx, builder, org.PersonFilter{OrgID: id, Limit: 1 << 30})
		if err != nil {
			return err
		}
		for _, p := range people {
			personID[p.IDNumber] = p.ID
		}
	}
	for _, x := range batch {
		if x.id = personID[x.p.IDNumber]; x.id == 0 {
			return fmt.Errorf("导入后找不到人员 %s（%s）", x.p.Name, orgName(x))
		}
	}
	return nil
}

// writeGroups registers the teaching groups through the bulk import, one
// batch per county; leaders and members are named by 身份证号.
func (g *gen) writeGroups(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	for _, k := range g.counties {
		var rows []org.GroupRow
		for _, s := range k.schools {
			for _, gp := range g.schoolGroups(s) {
				rows = append(rows, gp.row(len(rows)+1, s))
			}
		}
		res, err := t.Org.ImportGroups(ctx, builder, rows, org.ImportOptions{FileName: "演示数据：" + k.prefix + "教研组"})
		if err != nil {
			return fmt.Errorf("导入%s教研组：%w", k.prefix, err)
		}
		sum.Groups += res.Created
		logf(log, "%s教研组：新增 %d 个（累计 %d）", k.prefix, res.Created, sum.Groups)
	}
	return nil
}

func (g *gen) writeStudios(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	for _, c := range g.cities {
		for _, sp := range g.cityStudios(c) {
			if _, err := t.Org.SaveStudio(ctx, builder, sp.s, ids(sp.members)); err != nil {
				return fmt.Errorf("新增名师工作室 %s：%w", sp.s.Name, err)
			}
			sum.Studios++
		}
	}
	logf(log, "名师工作室：%d 个", sum.Studios)
	return nil
}

func (g *gen) writeAccounts(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	accs, err := openAccounts(ctx, t.Auth, g.sampleAccounts())
	if err != nil {
		return err
	}
	sum.Accounts = accs
	logf(log, "示例账号：%d 个", len(accs))
	return nil
}
