package orgweb

import (
	"net/http"

	"jiaoyan/internal/org"
	"jiaoyan/internal/web"
)

func (s *module) regionList(w http.ResponseWriter, r *http.Request) {
	regions, err := s.Org.FindRegions(r.Context(), web.ActorOf(r))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "region_list", web.Page{Title: "行政区域", Crumbs: []web.Crumb{{Name: "行政区域"}}, Data: regions})
}

type regionForm struct {
	Region  org.Region
	Parents []org.Region
	IsNew   bool
}

func (s *module) regionFormPage(r *http.Request, f regionForm) (web.Page, error) {
	parents, err := s.Org.FindRegions(r.Context(), web.ActorOf(r))
	f.Parents = parents
	title := "修改区域"
	if f.IsNew {
		title = "新增区域"
	}
	return web.Page{Title: title, Crumbs: []web.Crumb{{Name: "行政区域", URL: "/regions"}, {Name: title}}, Data: f}, err
}

func (s *module) regionNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.regionFormPage(r, regionForm{IsNew: true, Region: org.Region{Level: "county", ParentCode: r.URL.Query().Get("parent")}})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "region_form", p)
}

func regionFromForm(r *http.Request) org.Region {
	return org.Region{Code: web.FormStr(r, "code"), Name: web.FormStr(r, "name"), Level: web.FormStr(r, "level"),
		ParentCode: web.FormStr(r, "parent_code"), Mountain: web.FormBool(r, "mountain"), Version: web.FormInt(r, "version")}
}

func (s *module) regionCreate(w http.ResponseWriter, r *http.Request) {
	in := regionFromForm(r)
	if err := s.Org.CreateRegion(r.Context(), web.ActorOf(r), in); err != nil {
		p, perr := s.regionFormPage(r, regionForm{IsNew: true, Region: in})
		web.FormRetry(w, r, "region_form", p, perr, err)
		return
	}
	web.Redirect(w, r, "/regions?saved=1")
}

func (s *module) regionEdit(w http.ResponseWriter, r *http.Request) {
	reg, err := s.Org.FindRegionByCode(r.Context(), web.ActorOf(r), r.PathValue("code"))
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	p, err := s.regionFormPage(r, regionForm{Region: reg})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "region_form", p)
}

func (s *module) regionUpdate(w http.ResponseWriter, r *http.Request) {
	in := regionFromForm(r)
	in.Code = r.PathValue("code")
	if err := s.Org.UpdateRegion(r.Context(), web.ActorOf(r), in); err != nil {
		old, ferr := s.Org.FindRegionByCode(r.Context(), web.ActorOf(r), in.Code)
		if ferr != nil {
			web.Fail(w, r, ferr)
			return
		}
		old.Name, old.Mountain = in.Name, in.Mountain
		p, perr := s.regionFormPage(r, regionForm{Region: old})
		web.FormRetry(w, r, "region_form", p, perr, err)
		return
	}
	web.Redirect(w, r, "/regions?saved=1")
}
