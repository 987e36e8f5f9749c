package web

import (
	"net/http"
	"strconv"

	"jiaoyan/internal/org"
	"jiaoyan/internal/policy"
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
func (s *Server) policyRegion(r *http.Request, regions []org.Region) (org.Region, bool) {
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
func (s *Server) policyPage(w http.ResponseWriter, r *http.Request) {
	a := actorOf(r)
	regions, err := s.Org.FindRegions(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := policyData{Regions: regions, Presets: policy.Presets(), Year: s.Policy.CurrentSchoolYear(), CanEdit: a.Can("region.edit")}
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y > 2000 {
		d.Year = y
	}
	var ok bool
	if d.Region, ok = s.policyRegion(r, regions); ok {
		d.Set, _ = s.Policy.FindRuleSet(r.Context(), a, d.Region.Code)
		if d.Rules, err = s.Policy.RulesInForce(r.Context(), a, d.Region.Code, d.Year); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "policy", pageData("政策规则", d))
}

func (s *Server) policyPreset(w http.ResponseWriter, r *http.Request) {
	region := formStr(r, "region")
	err := s.Policy.ApplyPreset(r.Context(), actorOf(r), region, formStr(r, "preset"), formInt(r, "from_year"))
	s.policyDone(w, r, region, err)
}

func (s *Server) policyRule(w http.ResponseWriter, r *http.Request) {
	region := formStr(r, "region")
	v, perr := strconv.ParseFloat(formStr(r, "value"), 64)
	err := perr
	if perr == nil {
		err = s.Policy.SetValue(r.Context(), actorOf(r), region, formStr(r, "rule"), v, formInt(r, "from_year"), formStr(r, "note"), formInt(r, "version"))
	} else {
		err = errInvalid("value", "数值格式不正确")
	}
	s.policyDone(w, r, region, err)
}

func (s *Server) policyDone(w http.ResponseWriter, r *http.Request, region string, err error) {
	if err != nil {
		s.actionError(w, r, err)
		return
	}
	redirect(w, r, "/policy?saved=1&region="+urlEscape(region))
}
