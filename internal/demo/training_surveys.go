package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/training"
)

// pickWeighted draws an option number (from 1) by the weights.
func pickWeighted(r *rand.Rand, weights ...int) string {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return fmt.Sprint(i + 1)
		}
		n -= w
	}
	return fmt.Sprint(len(weights))
}

var evaluationComments = []string{"希望增加课堂观摩和现场诊断的环节", "专家讲座很有启发，建议提供课件", "集中培训时间与期中考试冲突，建议调整",
	"分组研讨效果好，希望延长", "希望后续有跟踪指导", "案例贴近一线，回校就能用"}

// demoEvaluation sends the 骨干 program's evaluation questionnaire and has
// about four in five of its enrolled answer it, mostly satisfied with a
// spread.
func demoEvaluation(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, pid int64, enrolled []*person) error {
	p, err := ts.FindProgramByID(ctx, mgr, pid)
	if err != nil {
		return err
	}
	qs, err := training.ParseQuestions("评分|课程内容的实用性\n评分|授课专家的水平\n单选|培训时长是否合适|偏短;合适;偏长\n多选|收获最大的环节|专家讲座;课例研讨;跟岗实践;成果展示\n填空|改进建议")
	if err != nil {
		return err
	}
	sid, err := ts.CreateSurvey(ctx, mgr, training.Survey{Title: p.Title + "培训评价", ProgramID: pid, Questions: qs})
	if err != nil {
		return err
	}
	return answerSurvey(ctx, ts, r, mgr, sid, enrolled, 80, 1000, func(q training.Question) []string {
		switch q.Kind {
		case "rating":
			return []string{pickWeighted(r, 2, 5, 15, 40, 38)}
		case "single":
			return []string{pickWeighted(r, 25, 65, 10)}
		case "multiple":
			return []string{fmt.Sprint(1 + r.IntN(2)), fmt.Sprint(3 + r.IntN(2))}
		}
		if r.IntN(3) == 0 {
			return []string{evaluationComments[r.IntN(len(evaluationComments))]}
		}
		return nil
	})
}

// answerSurvey has each of teachers (the survey's population, or more)
// answer survey sid with chance pct (in percent), at most limit answers,
// all in one transaction. The questions are read once as mgr, who manages
// the survey; a teacher outside the population is refused by AnswerTx (not
// found) and skipped.
func answerSurvey(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, sid int64, teachers []*person, pct, limit int,
	answer func(training.Question) []string) error {
	n := 0
	return ts.DB.Write(ctx, func(tx *db.Tx) error {
		qs, err := ts.SurveyQuestionsTx(ctx, tx, mgr, sid)
		if err != nil {
			return err
		}
		for _, t := range teachers {
			if n >= limit {
				break
			}
			if r.IntN(100) >= pct {
				continue
			}
			ans := training.Answers{}
			for _, q := range qs {
				if v := answer(q); len(v) > 0 {
					ans[q.ID] = v
				}
			}
			err := ts.AnswerTx(ctx, tx, teacherActor(t), sid, ans)
			if app.ErrorCode(err) == app.ENOTFOUND {
				continue
			}
			if err != nil {
				return err
			}
			n++
		}
		return nil
	})
}

// teaching are those of teachers who teach subject in stage.
func teaching(teachers []*person, subject, stage string) []*person {
	var out []*person
	for _, t := range teachers {
		if slices.Contains(t.p.Subjects, subject) && slices.Contains(t.p.Stages, stage) {
			out = append(out, t)
		}
	}
	return out
}

var needsComments = []string{"希望多安排同学科的课例研讨", "建议培训放在寒暑假", "希望有大单元教学设计的专题", "农村学校外出培训机会少",
	"希望提供线上回放", "作业设计方面需要专家指导"}

// demoNeedsSurveys sends two needs surveys in the county: one to all its
// teachers (about half answered) and one to one subject and stage (a
// third answered so far).
func demoNeedsSurveys(ctx context.Context, ts *training.Service, r *rand.Rand, mgr app.Actor, k *county, year int, teachers []*person) error {
	qs, err := training.ParseQuestions("单选|您最需要的培训内容|课堂教学改进;作业与评价设计;信息技术应用;班级管理与德育;教育科研方法" +
		"\n多选|您希望的培训形式|专家讲座;课例研讨;跟岗研修;网络研修;工作坊\n单选|您能接受的集中培训时长|1 天以内;2-3 天;一周;两周以上" +
		"\n评分|对本学年已参加培训的满意度\n填空|其他需求或建议")
	if err != nil {
		return err
	}
	all := training.Survey{Title: fmt.Sprintf("%s%d学年教师培训需求调研", k.prefix, year+1), RegionCode: k.code, Questions: qs}
	var subject, stage string
	for _, t := range teachers {
		if t.subject() != "" && t.stage() != "" {
			subject, stage = t.subject(), t.stage()
			break
		}
	}
	one := training.Survey{Title: fmt.Sprintf("%s%s教师专项培训需求调研", k.prefix, subject), RegionCode: k.code, Subject: subject, Stage: stage,
		Questions: qs}
	populations := [][]*person{teachers, teaching(teachers, subject, stage)}
	for i, sv := range []training.Survey{all, one} {
		sid, err := ts.CreateSurvey(ctx, mgr, sv)
		if err != nil {
			return err
		}
		if err := answerSurvey(ctx, ts, r, mgr, sid, populations[i], []int{50, 33}[i], 400, func(q training.Question) []string {
			switch q.Kind {
			case "single":
				if len(q.Options) == 5 {
					return []string{pickWeighted(r, 35, 25, 20, 12, 8)}
				}
				return []string{pickWeighted(r, 20, 50, 22, 8)}
			case "multiple":
				return []string{fmt.Sprint(1 + r.IntN(2)), fmt.Sprint(3 + r.IntN(3))}
			case "rating":
				return []string{pickWeighted(r, 3, 7, 25, 40, 25)}
			}
			if r.IntN(4) == 0 {
				return []string{needsComments[r.IntN(len(needsComments))]}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}
