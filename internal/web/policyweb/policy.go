package policyweb

import (
	"net/http"
	"net/url"
	"strconv"

	"jiaoyan/internal/auth"
	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web"
)

type policyData struct {
	Region  org.Region
	Regions []org.Region
	Year    int
	Set     policy.RuleSet
	Rules   []policy.RuleInForce
	Presets []policy.Preset
	CanEdit bool
}

// policyRegion is the region a policy page is about: ?region=, else the
// first region the actor can see.
func (s *module) policyRegion(r *http.Request, regions []org.Region) (org.Region, bool) {
	code := r.FormValue("region")
	for _, reg := range regions {
		if reg.Code == code || code == "" {
			return reg, true
		}
	}
	return org.Region{}, false
}

// policyPage lists the rules in force for a region and 学年 with the document
// and clause each comes from.
func (s *module) policyPage(w http.ResponseWriter, r *http.Request) {
	a := web.ActorOf(r)
	regions, err := s.policyRegions(r)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	d := policyData{Regions: regions, Presets: policy.Presets(), Year: s.Policy.CurrentSchoolYear(), CanEdit: a.Can(auth.PermRegionEdit)}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 2000 {
		d.Year = y
	}
	var ok bool
	if d.Region, ok = s.policyRegion(r, regions); ok {
		d.Set, err = s.Policy.FindRuleSet(r.Context(), a, d.Region.Code)
		if err == nil {
			d.Rules, err = s.Policy.RulesInForce(r.Context(), a, d.Region.Code, d.Year)
		}
		if err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	web.Render(w, r, http.StatusOK, "policy", web.PageData("政策规则", d))
}

func (s *module) policyPreset(w http.ResponseWriter, r *http.Request) {
	region := web.FormStr(r, "region")
	err := s.Policy.ApplyPreset(r.Context(), web.ActorOf(r), region, web.FormStr(r, "preset"), web.FormInt(r, "from_year"))
	s.policyDone(w, r, region, err)
}

func (s *module) policyRule(w http.ResponseWriter, r *http.Request) {
	region := web.FormStr(r, "region")
	v, perr := strconv.ParseFloat(web.FormStr(r, "value"), 64)
	err := perr
	if perr == nil {
		err = s.Policy.SetValue(r.Context(), web.ActorOf(r), region, policy.RuleKey(web.FormStr(r, "rule")), v, web.FormInt(r, "from_year"), web.FormStr(r, "note"), web.FormInt(r, "version"))
	} else {
		err = web.ErrInvalid("value", "数值格式不正确")
	}
	s.policyDone(w, r, region, err)
}

func (s *module) policyDone(w http.ResponseWriter, r *http.Request, region string, err error) {
	if err != nil {
		web.ActionError(w, r, err)
		return
	}
	web.Redirect(w, r, "/policy?saved=1&region="+url.QueryEscape(region))
}
