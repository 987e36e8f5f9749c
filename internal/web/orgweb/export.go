package orgweb

import (
	"context"
	"iter"
	"net/http"

	"jiaoyan/internal/app"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

// exportPeople downloads the people list as filtered on the page, in the
// import template's columns, with 身份证号 and 手机号 masked for every user
// (an export can be edited and imported back with 更新已有记录: rows match
// by 系统编号). Rows stream from a keyset walk into the xlsx writer; past
// web.ExportJobRows people the export is a job with progress.
func (s *module) exportPeople(w http.ResponseWriter, r *http.Request) {
	f := personFilterOf(r)
	a := web.ActorOf(r)
	about, err := s.exportSize(r, a, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendExportOrJob(w, r, "人员名单.xlsx", org.PersonSpec(), about, func(ctx context.Context, yield func([]string) bool) error {
		n := 0
		return s.Org.EachPerson(ctx, a, f, func(p org.Person) bool {
			n++
			return n <= web.MaxExport && yield(org.PersonRecord(p))
		})
	})
}

// exportSize is about how many people the export of f holds: the list's
// cheap count (exact, or from the per-organisation counters), counted
// exactly when the cheap count only knows "more than 2000".
func (s *module) exportSize(r *http.Request, a app.Actor, f org.PersonFilter) (int, error) {
	f.Limit = 1
	pg, err := s.Org.FindPeoplePage(r.Context(), a, f, org.CountCheap)
	if err == nil && pg.AtLeast {
		pg, err = s.Org.FindPeoplePage(r.Context(), a, f, org.CountExact)
	}
	return min(pg.Total, web.MaxExport), err
}

// exportPeopleFull is the same export 含完整证件号: the user ticked the box
// and gave a reason, and holds 查看完整身份证号与手机号; the service audits it
// with the reason and the row count.
func (s *module) exportPeopleFull(w http.ResponseWriter, r *http.Request) {
	if !web.FormBool(r, "full") {
		web.ActionError(w, r, app.Invalid("full", "请勾选“含完整证件号”后再导出，或使用普通导出（号码已打码）"))
		return
	}
	f := personFilterOf(r)
	f.Limit = web.MaxExport
	people, err := s.Org.ExportPeopleFull(r.Context(), web.ActorOf(r), f, web.FormStr(r, "reason"))
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	sendPeople(w, r, people, org.PersonRecordFull)
}

func sendPeople(w http.ResponseWriter, r *http.Request, people []org.Person, record func(org.Person) []string) {
	rows := iter.Seq[[]string](func(yield func([]string) bool) {
		for _, p := range people {
			if !yield(record(p)) {
				return
			}
		}
	})
	web.SendExport(w, r, "人员名单.xlsx", org.PersonSpec(), rows)
}

func (s *module) exportOrgs(w http.ResponseWriter, r *http.Request) {
	f := orgFilterOf(r)
	f.Limit = web.MaxExport
	orgs, _, err := s.Org.FindOrgs(r.Context(), web.ActorOf(r), f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	codes := map[int64]string{}
	for _, o := range orgs {
		codes[o.ID] = o.SchoolCode
	}
	rows := iter.Seq[[]string](func(yield func([]string) bool) {
		for _, o := range orgs {
			if !yield(org.OrgRecord(o, codes[o.ParentID])) {
				return
			}
		}
	})
	web.SendExport(w, r, "机构与学校.xlsx", org.OrgSpec(), rows)
}

func (s *module) exportRegions(w http.ResponseWriter, r *http.Request) {
	regions, err := s.Org.FindRegions(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, g := range regions {
		rows = append(rows, []string{g.Code, g.Name, g.LevelName(), g.ParentCode, web.YesNoText(g.Mountain)})
	}
	web.SendTable(w, r, "行政区域.xlsx", []string{"区划代码", "名称", "级别", "上级区划代码", "山区县"}, rows)
}

func (s *module) exportGroups(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	groups, _, err := s.Org.FindGroups(r.Context(), web.ActorOf(r), org.GroupFilter{OrgID: web.ParseID(q.Get("org_id")), Kind: q.Get("kind"),
		Text: q.Get("q"), Limit: web.MaxExport})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, g := range groups {
		rows = append(rows, []string{g.OrgName, g.Name, g.KindName(), g.Subject, org.StageNames[g.Stage], g.LeaderName, g.FiledOn})
	}
	web.SendTable(w, r, "教研组.xlsx", []string{"学校", "教研组名称", "类型", "学科", "学段", "组长", "报备日期"}, rows)
}

func (s *module) exportStudios(w http.ResponseWriter, r *http.Request) {
	list, err := s.Org.FindStudios(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, st := range list {
		rows = append(rows, []string{st.Name, st.LevelName(), st.HostName, st.OrgName, st.Subject, org.StageNames[st.Stage], web.Itoa(st.FoundedYear)})
	}
	web.SendTable(w, r, "名师工作室.xlsx", []string{"名称", "级别", "领衔人", "依托单位", "学科", "学段", "成立年份"}, rows)
}
