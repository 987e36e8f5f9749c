package quality_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/quality"
)

// progressLog records what a job's tracker would be told.
type progressLog struct {
	done []int
	msgs []string
}

func (p *progressLog) Report(done, total int, stage string) {
	if total != 100 {
		panic(fmt.Sprint("total ", total))
	}
	p.done = append(p.done, done)
	p.msgs = append(p.msgs, stage)
}

func (p *progressLog) has(msg string) bool {
	for _, m := range p.msgs {
		if m == msg {
			return true
		}
	}
	return false
}

// An analysis of a three-subject exam reports its progress as it goes:
// never backwards, from reading the scores to 100, through every stage of
// every subject, each named as the job page shows it.
func TestAnalysisReportsProgressPerSubjectAndStage(t *testing.T) {
	f := newFixture(t)
	withWarnRules(t, f, 0.9)
	id, err := f.Svc.CreateExam(ctx, f.CityAdmin, quality.Exam{OrgID: f.CityAdmin.OrgID, Name: "三科检测",
		Term: dict.Term{Year: 2025, Half: 1}, Level: quality.LevelCity, Kind: quality.KindQuality,
		SchoolIDs: []int64{f.SchoolA, f.SchoolC, f.SchoolB}})
	if err != nil {
		t.Fatal(err)
	}
	paper := paperCSV + "英语,听力,5,,\n英语,阅读,5,,\n"
	if _, err := f.Svc.ImportPaper(ctx, f.CityAdmin, id, "题目表.csv", []byte(paper)); err != nil {
		t.Fatal(err)
	}
	scores := strings.Replace(scoresCSV, "第3题\n", "第3题,听力,阅读\n", 1)
	for i, s := range []string{"S1,鹿城区,鹿城区实验小学,1班", "S2,鹿城区,鹿城区实验小学,1班", "S4,鹿城区,鹿城区第二小学,1班", "S5,龙湾区,龙湾区永中小学,1班"} {
		scores += fmt.Sprintf("%s,英语,,,,,%d,%d\n", s, i+1, 5-i)
	}
	if _, err := f.Svc.ImportScores(ctx, f.CityAdmin, id, "成绩.csv", []byte(scores), nil); err != nil {
		t.Fatal(err)
	}
	var p progressLog
	if _, err := f.Svc.Analyze(ctx, f.CityAdmin, id, &p); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(p.done); i++ {
		if p.done[i] < p.done[i-1] {
			t.Fatalf("progress goes back from %d%% (%s) to %d%% (%s)", p.done[i-1], p.msgs[i-1], p.done[i], p.msgs[i])
		}
	}
	distinct := map[int]bool{}
	for _, d := range p.done {
		distinct[d] = true
	}
	if p.done[len(p.done)-1] != 100 || len(distinct) < 10 {
		t.Errorf("progress %v: want at least 10 steps ending at 100", p.done)
	}
	want := []string{"正在分析 总分：群体指标", "正在生成预警", "正在保存预警和待办"}
	for i, sub := range []string{"数学", "语文", "英语"} {
		want = append(want, fmt.Sprintf("正在分析 %s（%d/3）：题目指标", sub, i+1), fmt.Sprintf("正在分析 %s（%d/3）：群体指标", sub, i+1))
	}
	for _, sub := range []string{"数学", "语文", "英语"} {
		found := false
		for _, m := range p.msgs {
			found = found || strings.HasPrefix(m, "正在读取成绩 "+sub+"（")
		}
		if !found {
			t.Errorf("no message reads the scores of %s: %q", sub, p.msgs)
		}
	}
	for _, m := range want {
		if !p.has(m) {
			t.Errorf("no progress message %q; got %q", m, p.msgs)
		}
	}
	// the stages come in order: items of 英语 before the groups of 数学
	first := func(m string) int {
		for i, x := range p.msgs {
			if x == m {
				return i
			}
		}
		return -1
	}
	if first("正在分析 英语（3/3）：题目指标") > first("正在分析 数学（1/3）：群体指标") {
		t.Error("group metrics reported before the last subject's item metrics")
	}
}
