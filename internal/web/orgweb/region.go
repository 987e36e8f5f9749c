package web

import (
	"net/http"

	"jiaoyan/internal/org"
)

func (s *Server) regionList(w http.ResponseWriter, r *http.Request) {
	regions, err := s.Org.FindRegions(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "region_list", page{Title: "行政区域", Crumbs: []crumb{{Name: "行政区域"}}, Data: regions})
}

type regionForm struct {
	Region  org.Region
	Parents []org.Region
	IsNew   bool
}

func (s *Server) regionFormPage(r *http.Request, f regionForm) (page, error) {
	parents, err := s.Org.FindRegions(r.Context(), actorOf(r))
	f.Parents = parents
	title := "修改区域"
	if f.IsNew {
		title = "新增区域"
	}
	return page{Title: title, Crumbs: []crumb{{"行政区域", "/regions"}, {Name: title}}, Data: f}, err
}

func (s *Server) regionNew(w http.ResponseWriter, r *http.Request) {
	p, err := s.regionFormPage(r, regionForm{IsNew: true, Region: org.Region{Level: "county", ParentCode: r.URL.Query().Get("parent")}})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "region_form", p)
}

func regionFromForm(r *http.Request) org.Region {
	return org.Region{Code: formStr(r, "code"), Name: formStr(r, "name"), Level: formStr(r, "level"),
		ParentCode: formStr(r, "parent_code"), Mountain: formBool(r, "mountain"), Version: formInt(r, "version")}
}

func (s *Server) regionCreate(w http.ResponseWriter, r *http.Request) {
	in := regionFromForm(r)
	if err := s.Org.CreateRegion(r.Context(), actorOf(r), in); err != nil {
		p, _ := s.regionFormPage(r, regionForm{IsNew: true, Region: in})
		s.formError(w, r, "region_form", p, err)
		return
	}
	redirect(w, r, "/regions?saved=1")
}

func (s *Server) regionEdit(w http.ResponseWriter, r *http.Request) {
	reg, err := s.Org.FindRegionByCode(r.Context(), actorOf(r), r.PathValue("code"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.regionFormPage(r, regionForm{Region: reg})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "region_form", p)
}

func (s *Server) regionUpdate(w http.ResponseWriter, r *http.Request) {
	in := regionFromForm(r)
	in.Code = r.PathValue("code")
	if err := s.Org.UpdateRegion(r.Context(), actorOf(r), in); err != nil {
		old, ferr := s.Org.FindRegionByCode(r.Context(), actorOf(r), in.Code)
		if ferr != nil {
			s.fail(w, r, ferr)
			return
		}
		old.Name, old.Mountain = in.Name, in.Mountain
		p, _ := s.regionFormPage(r, regionForm{Region: old})
		s.formError(w, r, "region_form", p, err)
		return
	}
	redirect(w, r, "/regions?saved=1")
}
