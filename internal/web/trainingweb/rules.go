package trainingweb

import (
	"net/http"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/web"
)

type rulesData struct {
	Region     string
	Rules      []credit.Rule
	Categories []credit.Category
	Form       credit.Rule
	Year       int
}

// rulesPage lists the region's per-category rules with the form.
func (m *module) rulesPage(w http.ResponseWriter, r *http.Request) {
	m.renderRules(w, r, credit.Rule{FromYear: m.Svc.CurrentYear()}, nil)
}

func (m *module) renderRules(w http.ResponseWriter, r *http.Request, form credit.Rule, formErr error) {
	a := web.ActorOf(r)
	region, err := m.Svc.ActorRegion(r.Context(), a)
	var d rulesData
	if err == nil {
		d.Rules, err = m.Svc.FindCreditRules(r.Context(), a, region)
	}
	if err == nil {
		d.Categories, err = m.Svc.Categories(r.Context(), a)
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d.Region, d.Form, d.Year = region, form, m.Svc.CurrentYear()
	p := web.Page{Title: "学分规则", Crumbs: []web.Crumb{{Name: "学分", URL: "/credits"}, {Name: "学分规则"}}, Data: d}
	if formErr != nil {
		web.FormError(w, r, "credits_rules", p, formErr)
		return
	}
	web.Render(w, r, http.StatusOK, "credits_rules", p)
}

// rulesSave sets one category's conversion and cap from a 学年 on.
func (m *module) rulesSave(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	a := web.ActorOf(r)
	region, err := m.Svc.ActorRegion(r.Context(), a)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	rule := credit.Rule{RegionCode: region, Category: web.FormStr(r, "category"), FromYear: web.FormInt(r, "from_year"),
		HoursPerCredit: formFloat(r, "hours_per_credit"), CapPerCycle: formFloat(r, "cap_per_cycle"),
		Note: web.FormStr(r, "note"), Version: web.FormInt(r, "version")}
	if _, err := m.Svc.SetCreditRule(r.Context(), a, rule); err != nil {
		m.renderRules(w, r, rule, err)
		return
	}
	web.Redirect(w, r, "/credits/rules?saved=1")
}
