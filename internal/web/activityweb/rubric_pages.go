package activityweb

import (
	"fmt"
	"net/http"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/web"
)

type rubricForm struct {
	R     activity.Rubric
	Text  string
	IsNew bool
}

// rubricList shows the 评课量表 the user may score with.
func (s *module) rubricList(w http.ResponseWriter, r *http.Request) {
	off, pg := web.PageOf(r)
	list, n, err := s.Activity.FindRubricPage(r.Context(), web.ActorOf(r), activity.ListPage{Limit: web.PageSize, Offset: off})
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	web.Render(w, r, http.StatusOK, "rubric_list", web.PageData("评课量表", pagedList[activity.Rubric]{List: list, Pager: web.NewPager(r.URL.Query(), pg, n)}))
}

func (s *module) rubricPage(w http.ResponseWriter, r *http.Request, d rubricForm, err error) {
	title := "新建评课量表"
	if !d.IsNew {
		title = fmt.Sprintf("%s（第 %d 版）", d.R.Name, d.R.CurrentVersion)
	}
	p := web.Page{Title: title, Crumbs: []web.Crumb{{Name: "评课量表", URL: "/rubrics"}, {Name: title}}, Data: d}
	if err != nil {
		web.FormError(w, r, "rubric_form", p, err)
		return
	}
	web.Render(w, r, http.StatusOK, "rubric_form", p)
}

func (s *module) rubricNew(w http.ResponseWriter, r *http.Request) {
	s.rubricPage(w, r, rubricForm{IsNew: true, Text: "等级：优秀=1，良好=0.8，合格=0.6，待改进=0.4\n教学目标|目标明确，符合课标与学情|20"}, nil)
}

// rubricEdit opens a rubric's current version; saving makes a new one.
func (s *module) rubricEdit(w http.ResponseWriter, r *http.Request) {
	rb, _, err := web.ByID(r, s.Activity.FindRubricByID)
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	s.rubricPage(w, r, rubricForm{R: rb, Text: rb.Body.Text()}, nil)
}

// rubricSave creates a rubric (no id in the path) or a new version of one.
func (s *module) rubricSave(w http.ResponseWriter, r *http.Request) {
	if !web.ParseForm(w, r) {
		return
	}
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = web.PathID(r); err != nil {
			web.Fail(w, r, err)
			return
		}
		if _, err := s.Activity.FindRubricByID(r.Context(), web.ActorOf(r), id); err != nil {
			web.Fail(w, r, err)
			return
		}
	}
	rb := activity.Rubric{ID: id, Name: web.FormStr(r, "name"), Subject: web.FormStr(r, "subject"), Version: web.FormInt(r, "version")}
	text := r.FormValue("body")
	saved, err := s.Activity.SaveRubric(r.Context(), web.ActorOf(r), rb, text)
	if err != nil {
		if id != 0 {
			if cur, e := s.Activity.FindRubricByID(r.Context(), web.ActorOf(r), id); e == nil {
				rb.CurrentVersion = cur.CurrentVersion
			}
		}
		s.rubricPage(w, r, rubricForm{R: rb, Text: text, IsNew: id == 0}, err)
		return
	}
	web.Redirect(w, r, fmt.Sprintf("/rubrics/%d?saved=1", saved))
}
