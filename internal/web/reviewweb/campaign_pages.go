package reviewweb

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/review"
	"jiaoyan/internal/web"
)

type campaignListData struct {
	Campaigns []review.Campaign
	Pager     web.Pager
	Form      campaignForm
	Kinds     map[string]string
	Methods   map[string]string
	Statuses  map[string]string
	Awards    []review.AwardCategory // 003 六.10's yearly awards for the call form
	Today     string                 // for the campaigns' StatusText
}

// campaignForm is the call form as typed.
type campaignForm struct {
	review.Campaign
	SubjectsText string
	FieldsText   string // one 申报表栏目 a line
	RubricText   string // one 指标 a line: 名称 满分
}

// campaignList shows the campaigns the user runs or may take part in, and
// the call form for an organiser.
func (s *module) campaignList(w http.ResponseWriter, r *http.Request) {
	f := campaignForm{Campaign: review.Campaign{Kind: review.KindAward, Reviewers: 3, Method: review.MethodMean}, RubricText: "选题与设计 40\n实施与成效 60"}
	s.campaignListPage(w, r, f, nil)
}

func (s *module) campaignListPage(w http.ResponseWriter, r *http.Request, f campaignForm, formErr error) {
	offset, page := web.PageOf(r)
	list, total, err := s.Review.FindCampaigns(r.Context(), web.ActorOf(r), web.PageSize, offset)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := campaignListData{Campaigns: list, Pager: web.NewPager(r.URL.Query(), page, total), Form: f,
		Kinds: review.KindNames, Methods: review.MethodNames, Statuses: review.StatusNames, Awards: review.AwardCategories,
		Today: time.Now().In(web.CST).Format("2006-01-02")}
	p := web.PageData("评审活动", d)
	if formErr != nil {
		web.FormError(w, r, "review_campaigns", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "review_campaigns", p)
}

// campaignCreate publishes a call from the user's own bureau.
func (s *module) campaignCreate(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	a := web.ActorOf(r)
	f := campaignForm{Campaign: review.Campaign{Kind: web.FormStr(r, "kind"), Title: web.FormStr(r, "title"), CallText: web.FormStr(r, "call_text"),
		OrgID: a.OrgID, Term: web.FormStr(r, "term"), Opens: web.FormStr(r, "opens"), Closes: web.FormStr(r, "closes"),
		ReviewDue: web.FormStr(r, "review_due"), SchoolQuota: web.FormInt(r, "school_quota"), CountyQuota: web.FormInt(r, "county_quota"),
		CityQuota: web.FormInt(r, "city_quota"), AwardQuota: web.FormInt(r, "award_quota"), AwardCategory: web.FormStr(r, "award_category"), Reviewers: web.FormInt(r, "reviewers"),
		Blind: web.FormBool(r, "blind"), AvoidCounty: web.FormBool(r, "avoid_county"), RequireSenior: web.FormBool(r, "require_senior"),
		Method: web.FormStr(r, "method"), OutlierGap: web.FormInt(r, "outlier_gap")},
		SubjectsText: web.FormStr(r, "subjects"), FieldsText: web.FormStr(r, "form_fields"), RubricText: web.FormStr(r, "rubric")}
	f.Subjects = splitWords(f.SubjectsText)
	for _, line := range strings.Split(f.FieldsText, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			f.Fields = append(f.Fields, line)
		}
	}
	rubric, err := parseRubric(f.RubricText)
	if err == nil {
		var id int64
		if id, err = s.Review.CreateCampaign(r.Context(), a, f.Campaign, rubric); err == nil {
			web.Redirect(w, r, "/campaigns/"+web.Itoa64(id)+"?saved=1")
			return
		}
	}
	s.campaignListPage(w, r, f, err)
}

// splitWords splits on spaces, commas and 顿号.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '，' || r == '、' || r == '\n' })
}

// parseRubric reads "名称 满分" lines.
func parseRubric(text string) ([]review.RubricItem, error) {
	var out []review.RubricItem
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		max, err := strconv.Atoi(f[len(f)-1])
		if len(f) < 2 || err != nil {
			return nil, app.Invalid("rubric", "评分量表第%d行应为“指标名称 满分”，如“选题 40”", i+1)
		}
		out = append(out, review.RubricItem{Name: strings.Join(f[:len(f)-1], " "), Max: max})
	}
	return out, nil
}

type campaignData struct {
	C            review.Campaign
	Manage       bool
	Rubric       []review.RubricItem
	RubricV      int
	Mine         []review.Submission
	Subs         []review.Submission
	Pager        web.Pager
	CallFiles    []review.Attachment
	Shortlist    []review.Submission
	Objections   []review.Objection
	Certs        []review.Certificate
	Progress     review.Progress
	Kinds        map[string]string
	Methods      map[string]string
	Statuses     map[string]string
	SubStatus    map[string]string
	Levels       map[string]string
	OutcomeKinds map[string]string
	NextLevel    map[string]string // the level a submission at level k may be put forward to
	Today        string
}

// campaignDetail is the campaign's page: the call, the user's own
// submissions, those in the user's scope with the recommendation and
// 形式审查 actions, and for the organiser the process steps, progress,
// results, objections and certificates.
func (s *module) campaignDetail(w http.ResponseWriter, r *http.Request) {
	c, id, err := web.ByID(r, s.Review.FindCampaignByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	a, ctx := web.ActorOf(r), r.Context()
	d := campaignData{C: c, Manage: review.CanManage(a, c), Kinds: review.KindNames, Methods: review.MethodNames, Statuses: review.StatusNames,
		SubStatus: review.SubStatusNames, Levels: review.LevelNames, NextLevel: nextLevels(c), OutcomeKinds: review.OutcomeKindNames, Today: time.Now().In(web.CST).Format("2006-01-02")}
	if d.RubricV, d.Rubric, err = s.Review.Rubric(ctx, a, id); err != nil {
		web.Fail(w, r, err)
		return
	}
	if a.Can(review.PermSubmit) && a.PersonID != 0 {
		if d.Mine, _, err = s.Review.FindSubmissions(ctx, a, review.SubmissionFilter{Campaign: id, Mine: true}); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	if d.CallFiles, err = s.Review.CallFiles(ctx, a, id); err != nil {
		web.Fail(w, r, err)
		return
	}
	if d.Shortlist, err = s.Review.Shortlist(ctx, a, id); err != nil {
		web.Fail(w, r, err)
		return
	}
	if err := s.fillScoped(r, &d); err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "review_campaign", web.Page{Title: c.Title,
		Crumbs: []web.Crumb{{Name: "评审活动", URL: "/campaigns"}, {Name: c.Title}}, Data: d})
}

// fillScoped adds what recommenders and the organiser see.
func (s *module) fillScoped(r *http.Request, d *campaignData) error {
	a, ctx := web.ActorOf(r), r.Context()
	if a.Can(review.PermRecommend) || a.Can(review.PermCampaignManage) {
		offset, page := web.PageOf(r)
		list, total, err := s.Review.FindSubmissions(ctx, a, review.SubmissionFilter{Campaign: d.C.ID, Status: r.URL.Query().Get("status"),
			Limit: web.PageSize, Offset: offset})
		if err != nil {
			return err
		}
		d.Subs, d.Pager = list, web.NewPager(r.URL.Query(), page, total)
	}
	if !d.Manage {
		return nil
	}
	var err error
	if d.Objections, err = s.Review.Objections(ctx, a, d.C.ID); err != nil {
		return err
	}
	if d.Certs, err = s.Review.CertificatesOf(ctx, a, d.C.ID); err != nil {
		return err
	}
	d.Progress, err = s.Review.CampaignProgress(ctx, a, d.C.ID)
	return err
}

// nextLevels maps a submission's current level to the one above it, up
// to the campaign's top level.
func nextLevels(c review.Campaign) map[string]string {
	chain := []string{"", review.LevelSchool, review.LevelCounty, review.LevelCity}
	out := map[string]string{}
	for i := 0; i+1 < len(chain); i++ {
		out[chain[i]] = chain[i+1]
		if chain[i+1] == c.TopLevel() {
			break
		}
	}
	if c.TopLevel() == "" {
		return map[string]string{}
	}
	return out
}

// campaignExport sends the results (or the submissions so far) to Excel.
func (s *module) campaignExport(w http.ResponseWriter, r *http.Request) {
	c, id, err := web.ByID(r, s.Review.FindCampaignByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	list, _, err := s.Review.FindSubmissions(r.Context(), web.ActorOf(r), review.SubmissionFilter{Campaign: id, Limit: 100000})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, x := range list {
		score, rank := "", ""
		if x.Score != nil {
			score = fmt.Sprintf("%.2f", *x.Score)
		}
		if x.Rank > 0 {
			rank = strconv.Itoa(x.Rank)
		}
		rows = append(rows, []string{rank, x.Title, x.Author, x.OrgName, x.Subject, review.SubStatusNames[x.Status], review.LevelNames[x.Level],
			score, review.MethodNames[x.ScoreMethod], web.YesNoText(x.Awarded)})
	}
	web.SendTable(w, r, c.Title+" 评审结果.xlsx", []string{"名次", "题目", "申报人", "单位", "学科", "状态", "推荐级别",
		"得分", "汇总方法", "入选"}, rows)
}
