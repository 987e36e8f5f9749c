package liaisonweb

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/db"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

func researcherFilterOf(r *http.Request) liaison.ResearcherFilter {
	q := r.URL.Query()
	return liaison.ResearcherFilter{Kind: q.Get("kind"), Subject: q.Get("subject"), Stage: q.Get("stage"),
		OfficeID: web.ParseID(q.Get("office_id")), Region: q.Get("region")}
}

type researcherListData struct {
	Researchers []researcherRow
	Offices     []optionRow
	Regions     []optionRow
	Pager       web.Pager
}

// researcherRow is one roster row as the page shows it: plain fields, so
// rendering 50 rows calls no method per cell.
type researcherRow struct {
	ID                                        int64
	Name, Kind, Subject, Stage, Office, Title string
}

// optionRow is one choice of a filter, Selected when the query has it.
type optionRow struct {
	Value, Name string
	Selected    bool
}

// researcherRows are the rows of list.
func researcherRows(list []liaison.Researcher) []researcherRow {
	out := make([]researcherRow, len(list))
	for i, x := range list {
		out[i] = researcherRow{ID: x.ID, Name: x.Name, Kind: x.KindName(), Subject: x.Subject, Stage: x.StageName(),
			Office: x.OfficeName, Title: x.TitleName()}
	}
	return out
}

// researcherList is the 教研员名册 with its filters, 50 a page by keyset
// (下一页 continues after the last one shown).
func (s *module) researcherList(w http.ResponseWriter, r *http.Request) {
	after, before := web.Cursors(r)
	_, page := web.PageOf(r)
	pg, err := s.Liaison.FindResearchersPage(r.Context(), web.ActorOf(r), researcherFilterOf(r), db.ParsePageKey(after),
		db.ParsePageKey(before), web.PageSize)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := researcherListData{Researchers: researcherRows(pg.Researchers), Pager: web.NewKeysetPager(r.URL.Query(), web.KeysetPage{Page: page,
		Total: pg.Total, More: pg.More, Less: pg.Less, First: pg.First.Encode(), Last: pg.Last.Encode()})}
	offices, err := s.offices(r)
	var regions []org.Region
	if err == nil {
		regions, err = s.regions(r)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	q := r.URL.Query()
	for _, o := range offices {
		v := strconv.FormatInt(o.ID, 10)
		d.Offices = append(d.Offices, optionRow{Value: v, Name: o.Name, Selected: v == q.Get("office_id")})
	}
	for _, g := range regions {
		d.Regions = append(d.Regions, optionRow{Value: g.Code, Name: g.Name, Selected: g.Code == q.Get("region")})
	}
	web.Render(w, r, http.StatusOK, "researcher_list", web.PageData("教研员名册", d))
}

// researcherExport sends the filtered roster as Excel.
func (s *module) researcherExport(w http.ResponseWriter, r *http.Request) {
	list, err := s.Liaison.FindResearchers(r.Context(), web.ActorOf(r), researcherFilterOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rows := make([][]string, len(list))
	for i, x := range list {
		rows[i] = []string{x.Name, x.KindName(), x.Subject, x.StageName(), x.OfficeName, x.TitleName(), x.EducationName()}
	}
	web.SendTable(w, r, "教研员名册.xlsx", []string{"姓名", "类别", "教研学科", "教研学段", "教研机构", "职称", "学历"}, rows)
}

// yearOf reads ?year=, else the current 学年.
func (s *module) yearOf(r *http.Request) int {
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return s.Policy.CurrentSchoolYear()
}

type checkData struct {
	Ran     bool
	Result  liaison.Admission
	Region  string
	Year    int
	Regions []org.Region
}

// researcherCheck is the admission check: a blank form, a candidate typed
// in (?run=1), or a person on file (?person_id=).
func (s *module) researcherCheck(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := checkData{Region: q.Get("region"), Year: s.yearOf(r)}
	c, err := s.candidateOf(r, d.Year)
	if err == nil && (q.Get("run") == "1" || c.PersonID != 0) {
		d.Ran = true
		if d.Region == "" && c.PersonID == 0 {
			err = web.ErrInvalid("region", "请选择按哪个区域的规则核对")
		} else {
			d.Result, err = s.Liaison.CheckCandidate(r.Context(), web.ActorOf(r), d.Region, d.Year, c)
			d.Region = d.Result.Region
		}
	}
	var rerr error
	if d.Regions, rerr = s.Org.FindRegions(r.Context(), web.ActorOf(r)); rerr != nil {
		web.Fail(w, r, rerr)
		return
	}
	p := web.PageData("新任教研员准入核对", d)
	if err != nil {
		web.FormError(w, r, "researcher_check", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "researcher_check", p)
}

// candidateOf reads the candidate from the query: typed in, or a person
// on file (?person_id=) with the age and flags typed in.
func (s *module) candidateOf(r *http.Request, year int) (liaison.Candidate, error) {
	q := r.URL.Query()
	atoi := func(k string) int { n, _ := strconv.Atoi(q.Get(k)); return n }
	return liaison.Candidate{PersonID: web.ParseID(q.Get("person_id")), Name: q.Get("name"), TeachingYears: atoi("teaching_years"),
		Title: q.Get("title"), Honour: q.Get("honour"), Education: q.Get("education"), Age: atoi("age"),
		SpecialGrade: q.Get("special") == "1", CityMaster: q.Get("master") == "1", Postgraduate: q.Get("education") == "10"}, nil
}

type officeData struct {
	Structure liaison.OfficeStructure
	Offices   []org.Org
	Ran       bool
}

// researcherOffice is the office structure (队伍结构) page.
func (s *module) researcherOffice(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var d officeData
	var err error
	if d.Offices, err = s.offices(r); err != nil {
		web.Fail(w, r, err)
		return
	}
	id, region := web.ParseID(q.Get("office_id")), q.Get("region")
	if id == 0 && region == "" && len(d.Offices) > 0 {
		id = d.Offices[0].ID // the first office in scope, so the page opens on something
	}
	if id != 0 || region != "" {
		d.Ran = true
		d.Structure, err = s.Liaison.OfficeStructure(r.Context(), web.ActorOf(r), id, region, s.yearOf(r))
	}
	p := web.PageData("教研机构队伍结构", d)
	if err != nil {
		web.FormError(w, r, "researcher_office", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "researcher_office", p)
}
