package training

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// OptionResult is one option's count and share of the respondents.
type OptionResult struct {
	Label string
	Count int
	Share string // "40.0%" of the respondents
}

// QuestionResult is the aggregate of one question.
type QuestionResult struct {
	Question
	Options []OptionResult // choices, or the ratings 1-5
	Average string         // ratings only, e.g. "4.2"
	Texts   []string       // text answers, without their authors
}

// SurveyResults are a survey's answers by question, aggregates only.
type SurveyResults struct {
	Survey
	Questions []QuestionResult
}

// FindSurveyResults gives the results of a survey of a region in the
// manager's scope: counts and shares per option, ratings' average, and
// the free-text answers listed without who wrote them.
func (s *Service) FindSurveyResults(ctx context.Context, actor app.Actor, id int64) (SurveyResults, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return SurveyResults{}, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (SurveyResults, error) {
		sv, manager, err := s.surveyFor(ctx, tx, actor, id)
		if err == nil && !manager {
			err = app.Errorf(app.ENOTFOUND, "找不到该问卷")
		}
		if err != nil {
			return SurveyResults{}, err
		}
		if sv.Targeted, err = targeted(ctx, tx, sv); err != nil {
			return SurveyResults{}, err
		}
		return surveyResults(ctx, tx, sv)
	})
}

func surveyResults(ctx context.Context, tx *db.Tx, sv Survey) (SurveyResults, error) {
	type cell struct {
		q      int64
		choice int
		text   string
	}
	cells, err := db.QueryAll(ctx, tx, func(r db.Scanner) (cell, error) {
		var c cell
		return c, r.Scan(&c.q, &c.choice, &c.text)
	}, "SELECT question_id, choice, text FROM training_survey_answers WHERE survey_id = ? ORDER BY id", sv.ID)
	if err != nil {
		return SurveyResults{}, err
	}
	counts := map[int64]map[int]int{}
	texts := map[int64][]string{}
	for _, c := range cells {
		if c.choice == 0 {
			texts[c.q] = append(texts[c.q], c.text)
			continue
		}
		if counts[c.q] == nil {
			counts[c.q] = map[int]int{}
		}
		counts[c.q][c.choice]++
	}
	out := SurveyResults{Survey: sv}
	for _, q := range sv.Questions {
		qr := QuestionResult{Question: q, Texts: texts[q.ID]}
		labels := q.Options
		if q.Kind == "rating" {
			labels = []string{"1 分", "2 分", "3 分", "4 分", "5 分"}
		}
		sum, n := 0, 0
		for i, l := range labels {
			k := counts[q.ID][i+1]
			sum, n = sum+k*(i+1), n+k
			qr.Options = append(qr.Options, OptionResult{Label: l, Count: k, Share: share(k, sv.Answered)})
		}
		if q.Kind == "rating" && n > 0 {
			qr.Average = fmt.Sprintf("%.1f", float64(sum)/float64(n))
		}
		out.Questions = append(out.Questions, qr)
	}
	return out, nil
}

func share(n, of int) string {
	if of == 0 {
		return "0.0%"
	}
	return fmt.Sprintf("%.1f%%", float64(n)*100/float64(of))
}

// SessionAttendance is one session's check-ins against the enrolled.
type SessionAttendance struct {
	Title    string
	When     string
	Attended int
	Rate     string
}

// ProgramReport is a program's report: attendance per session,
// completion, and the evaluation's results.
type ProgramReport struct {
	Program
	Sessions   []SessionAttendance
	Completion string         // credited of enrolled
	Evaluation *SurveyResults // nil without an evaluation questionnaire
}

// FindProgramReport gives the report of a program the manager runs.
func (s *Service) FindProgramReport(ctx context.Context, actor app.Actor, id int64) (ProgramReport, error) {
	if err := actor.Require(PermProgramManage); err != nil {
		return ProgramReport{}, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (ProgramReport, error) {
		p, err := s.managedProgram(ctx, tx, actor, id)
		if err != nil {
			return ProgramReport{}, err
		}
		rep := ProgramReport{Program: p, Completion: countShare(p.Credited, p.Enrolled)}
		ss, err := db.QueryAll(ctx, tx, func(r db.Scanner) (Session, error) {
			var x Session
			var from, to int64
			err := r.Scan(&x.Title, &from, &to, &x.Attended)
			x.Starts, x.Ends = time.Unix(from, 0), time.Unix(to, 0)
			return x, err
		}, `SELECT s.title, s.starts_at, s.ends_at, (SELECT COUNT(*) FROM training_attendance a WHERE a.session_id = s.id)
			FROM training_sessions s WHERE s.program_id = ? ORDER BY s.starts_at, s.id`, id)
		if err != nil {
			return rep, err
		}
		for _, x := range ss {
			rep.Sessions = append(rep.Sessions, SessionAttendance{Title: x.Title, When: x.When(), Attended: x.Attended,
				Rate: countShare(x.Attended, p.Enrolled)})
		}
		var sid int64
		err = tx.QueryRow(ctx, "SELECT id FROM training_surveys WHERE program_id = ?", id).Scan(&sid)
		if db.IsNoRows(err) {
			return rep, nil
		}
		if err != nil {
			return rep, err
		}
		sv, _, err := s.surveyFor(ctx, tx, actor, sid)
		if err != nil {
			return rep, err
		}
		if sv.Targeted, err = targeted(ctx, tx, sv); err != nil {
			return rep, err
		}
		res, err := surveyResults(ctx, tx, sv)
		rep.Evaluation = &res
		return rep, err
	})
}

// ExportRows are the results as the rows of their xlsx export: per
// question its kind, and per option (or rating) the count and share of the
// respondents; a rating's average; a text question's number of answers.
// Totals only: no answer of one person, and no free text, is exported.
func (r SurveyResults) ExportRows() [][]string {
	var out [][]string
	for i, q := range r.Questions {
		no := strconv.Itoa(i + 1)
		if q.Kind == "text" {
			out = append(out, []string{no, q.Prompt, q.KindName(), "填答条数", strconv.Itoa(len(q.Texts)), share(len(q.Texts), r.Answered)})
			continue
		}
		for _, o := range q.Options {
			out = append(out, []string{no, q.Prompt, q.KindName(), o.Label, strconv.Itoa(o.Count), o.Share})
		}
		if q.Average != "" {
			out = append(out, []string{no, q.Prompt, q.KindName(), "平均 " + q.Average + " 分", "", ""})
		}
	}
	return out
}
