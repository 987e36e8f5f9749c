package web

import (
	"net/http"

	"jiaoyan/internal/org"
)

func (s *Server) studioList(w http.ResponseWriter, r *http.Request) {
	list, err := s.Org.FindStudios(r.Context(), actorOf(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "studio_list", pageData("名师工作室", list))
}

func (s *Server) studioDetail(w http.ResponseWriter, r *http.Request) {
	st, _, err := byID(r, s.Org.FindStudioByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "studio_detail", page{Title: st.Name, Crumbs: []crumb{{"名师工作室", "/studios"}, {Name: st.Name}}, Data: st})
}

type studioForm struct {
	Studio org.Studio
	Orgs   []org.Org
	Host   []org.Member
	IsNew  bool
}

func (s *Server) studioFormPage(r *http.Request, f studioForm) page {
	f.Orgs, _, _ = s.Org.FindOrgs(r.Context(), actorOf(r), org.OrgFilter{Limit: 5000})
	if f.Studio.HostID != 0 {
		f.Host = []org.Member{{ID: f.Studio.HostID, Name: f.Studio.HostName}}
	}
	title := "修改名师工作室"
	if f.IsNew {
		title = "新增名师工作室"
	}
	return page{Title: title, Crumbs: []crumb{{"名师工作室", "/studios"}, {Name: title}}, Data: f}
}

func (s *Server) studioNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "studio_form", s.studioFormPage(r, studioForm{Studio: org.Studio{Level: "county"}, IsNew: true}))
}

func studioFromForm(r *http.Request) (org.Studio, []int64) {
	r.ParseForm()
	st := org.Studio{Name: formStr(r, "name"), Level: formStr(r, "level"), OrgID: formInt64(r, "org_id"),
		Subject: formStr(r, "subject"), Stage: formStr(r, "stage"), FoundedYear: formInt(r, "founded_year"), Version: formInt(r, "version")}
	if ids := formIDs(r, "host"); len(ids) > 0 {
		st.HostID = ids[0]
	}
	members := formIDs(r, "members")
	for _, id := range members {
		st.Members = append(st.Members, org.Member{ID: id, Name: "#" + itoa64(id)})
	}
	return st, members
}

func (s *Server) studioCreate(w http.ResponseWriter, r *http.Request) {
	st, members := studioFromForm(r)
	id, err := s.Org.SaveStudio(r.Context(), actorOf(r), st, members)
	if err != nil {
		s.formError(w, r, "studio_form", s.studioFormPage(r, studioForm{Studio: st, IsNew: true}), err)
		return
	}
	redirect(w, r, "/studios/"+itoa64(id)+"?saved=1")
}

func (s *Server) studioEdit(w http.ResponseWriter, r *http.Request) {
	st, _, err := byID(r, s.Org.FindStudioByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "studio_form", s.studioFormPage(r, studioForm{Studio: st}))
}

func (s *Server) studioUpdate(w http.ResponseWriter, r *http.Request) {
	_, id, err := byID(r, s.Org.FindStudioByID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, members := studioFromForm(r)
	st.ID = id
	if _, err := s.Org.SaveStudio(r.Context(), actorOf(r), st, members); err != nil {
		s.formError(w, r, "studio_form", s.studioFormPage(r, studioForm{Studio: st}), err)
		return
	}
	redirect(w, r, "/studios/"+itoa64(id)+"?saved=1")
}
