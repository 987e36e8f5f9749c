package liaisonweb

import (
	"errors"
	"fmt"
	"jiaoyan/internal/app"
	"net/http"
	"slices"
	"strings"

	"jiaoyan/internal/exchange"
	"jiaoyan/internal/liaison"
	"jiaoyan/internal/web"
)

func (s *module) roundTargets(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		f := liaison.TargetFilter{Rural: web.FormBool(r, "rural"), Weak: web.FormBool(r, "weak"), TeachingPoints: web.FormBool(r, "points"),
			Stage: web.FormStr(r, "stage")}
		n, err := s.Liaison.ChooseTargets(r.Context(), web.ActorOf(r), id, f)
		return fmt.Sprintf("新增目标学校 %d 所", n), err
	})
}

// roundImport adds target schools from an uploaded template (学校标识码,
// one column) or from pasted codes, one a line; all or nothing.
func (s *module) roundImport(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(exchange.DefaultLimits.MaxFileBytes); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		web.Fail(w, r, &app.Error{Code: app.EINVALID, Message: "上传的内容无法读取，请重新选择文件后提交", Err: err})
		return
	}
	s.roundAction(w, r, func(id int64) (string, error) {
		rows, fromFile, err := uploadedCodes(r)
		if err != nil {
			return "", err
		}
		var n int
		if fromFile {
			n, err = s.Liaison.ImportTargetRows(r.Context(), web.ActorOf(r), id, rows)
		} else {
			codes := strings.FieldsFunc(r.FormValue("codes"), func(c rune) bool { return c == '\n' || c == '\r' })
			n, err = s.Liaison.ImportTargets(r.Context(), web.ActorOf(r), id, codes)
		}
		return fmt.Sprintf("导入目标学校 %d 所", n), err
	})
}

func (s *module) roundTargetRemove(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		return "已移除目标学校", s.Liaison.RemoveTarget(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "school_id"))
	})
}

func (s *module) roundTeam(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		var researcher int64
		if ids := web.FormIDs(r, "researcher"); len(ids) > 0 {
			researcher = ids[0]
		}
		_, err := s.Liaison.SaveTeam(r.Context(), web.ActorOf(r), id, researcher, web.FormInt(r, "capacity"), web.FormIDs(r, "members"))
		return "已保存联系团队", err
	})
}

// roundTeamsAccept takes every team the planner proposes for the round as
// it stands; a single proposal, edited or not, goes through roundTeam.
func (s *module) roundTeamsAccept(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		props, err := s.Liaison.ProposeTeams(r.Context(), web.ActorOf(r), id)
		if err != nil {
			return "", err
		}
		n, err := s.Liaison.AcceptTeams(r.Context(), web.ActorOf(r), id, props)
		return fmt.Sprintf("已采用建议的联系团队 %d 个，可以运行自动安排", n), err
	})
}

func (s *module) roundTeamRemove(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		return "已移除联系团队", s.Liaison.RemoveTeam(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "team_id"))
	})
}

func (s *module) roundPlan(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		res, err := s.Liaison.PlanRound(r.Context(), web.ActorOf(r), id)
		return res.Summary, err
	})
}

func (s *module) roundLinkAdd(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		_, err := s.Liaison.AddLink(r.Context(), web.ActorOf(r), id, web.FormInt64(r, "team_id"), web.FormInt64(r, "school_id"))
		return "已添加联系安排", err
	})
}

func (s *module) roundPublish(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		return "轮次已发布", s.Liaison.PublishRound(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"))
	})
}

func (s *module) roundClose(w http.ResponseWriter, r *http.Request) {
	s.roundAction(w, r, func(id int64) (string, error) {
		return "轮次已结束", s.Liaison.CloseRound(r.Context(), web.ActorOf(r), id, web.FormInt(r, "version"), web.FormStr(r, "summary"), web.FormStr(r, "outcomes"))
	})
}

// roundExport sends the round's on-site compliance as Excel: one row per
// link and term.
func (s *module) roundExport(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r)
	var rd liaison.Round
	var cs []liaison.LinkCompliance
	if err == nil {
		if rd, err = s.Liaison.FindRound(r.Context(), web.ActorOf(r), id); err == nil {
			cs, err = s.Liaison.RoundCompliance(r.Context(), web.ActorOf(r), id)
		}
	}
	if err != nil {
		web.Fail(w, r, err)
		return
	}
	var rows [][]string
	for _, c := range cs {
		for _, t := range c.Terms {
			rows = append(rows, []string{c.Link.ResearcherName, c.Link.SchoolName, t.Term.String(), fmt.Sprint(t.Days),
				fmt.Sprintf("%.1f", t.Weeks), fmt.Sprintf("%g", t.Result.Target), metText(t), t.Text()})
		}
	}
	sendTyped(w, r, rd.Name+"现场工作.xlsx", typed([]string{"教研员", "联系学校", "学期", "在校天数（天）", "折合周数（周）", "要求（周）", "达标", "说明"},
		"在校天数（天）", "折合周数（周）", "要求（周）"), slices.Values(rows))
}

func metText(t liaison.TermOnsite) string {
	switch {
	case t.Future:
		return "未到"
	case t.Result.Met:
		return "达标"
	}
	return "未达标"
}
