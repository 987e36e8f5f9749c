package trainingweb

import (
	"iter"
	"net/http"
	"strconv"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/training"
	"jiaoyan/internal/web"
)

type claimListData struct {
	View       string // mine, waiting, all
	Claims     []training.Claim
	Pager      web.Pager
	Categories []credit.Category
	Levels     map[string]string
	Form       training.Claim
	CanClaim   bool
	CanApprove bool
}

// claimFilter reads the list's view (?view=mine|waiting|all).
func claimFilter(r *http.Request, a app.Actor) (string, training.ClaimFilter) {
	view := r.URL.Query().Get("view")
	if view != "mine" && view != "waiting" && view != "all" {
		view = "mine"
		if a.Can(training.PermClaimApprove) {
			view = "waiting"
		}
	}
	return view, training.ClaimFilter{Mine: view == "mine", Waiting: view == "waiting", Stage: r.URL.Query().Get("stage")}
}

// claimList is 学分认定: my claims with the form, or the claims waiting at
// my level with batch approval, or all in scope.
func (m *module) claimList(w http.ResponseWriter, r *http.Request) {
	m.renderClaims(w, r, training.Claim{Category: credit.CategoryExternal}, nil)
}

func (m *module) renderClaims(w http.ResponseWriter, r *http.Request, form training.Claim, formErr error) {
	a := web.ActorOf(r)
	view, f := claimFilter(r, a)
	off, page := web.PageOf(r)
	f.Limit, f.Offset = web.PageSize, off
	list, total, err := m.Svc.FindClaims(r.Context(), a, f)
	var cats []credit.Category
	if err == nil {
		cats, err = m.Svc.Categories(r.Context(), a)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := claimListData{View: view, Claims: list, Pager: web.NewPager(r.URL.Query(), page, total), Categories: cats,
		Levels: credit.LevelNames, Form: form, CanClaim: a.Can(training.PermClaimCreate) && a.PersonID != 0,
		CanApprove: a.Can(training.PermClaimApprove)}
	p := web.Page{Title: "学分认定", Crumbs: []web.Crumb{{Name: "学分", URL: "/credits"}, {Name: "学分认定"}}, Data: d}
	if formErr != nil {
		web.FormError(w, r, "claim_list", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "claim_list", p)
}

// claimExport sends the claims of the list's view.
func (m *module) claimExport(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	_, f := claimFilter(r, a)
	f.Limit = web.MaxExport
	list, _, err := m.Svc.FindClaims(r.Context(), a, f)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rows := func(yield func([]string) bool) {
		for _, c := range list {
			if !yield([]string{c.OrgName, c.PersonName, c.Title, c.CategoryName, credit.LevelNames[c.Level], c.Organiser,
				c.StartDate, c.EndDate, num(c.Hours), c.StageName(), c.Reason}) {
				return
			}
		}
	}
	web.SendExport(w, r, "学分认定申请.xlsx", claimSpec(), iter.Seq[[]string](rows))
}

// claimDetail shows one claim with its certificates and the decisions.
func (m *module) claimDetail(w http.ResponseWriter, r *http.Request) {
	c, _, err := web.ByID(r, m.Svc.FindClaimByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	title := c.PersonName + " " + c.Title
	web.Render(w, r, http.StatusOK, "claim_detail", web.Page{Title: title, Crumbs: []web.Crumb{{Name: "学分认定",
		URL: "/credits/claims"}, {Name: title}}, Data: struct {
		C      training.Claim
		Levels map[string]string
	}{c, credit.LevelNames}})
}

// claimFile downloads one certificate of a claim in scope.
func (m *module) claimFile(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	fid, ferr := strconv.ParseInt(r.PathValue("fid"), 10, 64)
	if err != nil || ferr != nil {
		web.Fail(w, r, web.ErrNotFound("证书"))
		return
	}
	a, rc, err := m.Svc.OpenClaimFile(r.Context(), web.ActorOf(r), id, fid)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.SendFile(w, r, a, rc)
}
