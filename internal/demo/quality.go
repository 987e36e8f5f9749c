package demo

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/quality"
	"jiaoyan/internal/rectify"
)

// examiner is the actor the demo's exams, analyses and rectifications are
// written as.
var examiner = app.System("演示数据", quality.PermView, quality.PermManage, rectify.PermView, rectify.PermEdit, rectify.PermReview)

// demoPaper is the 题目表 of the demo exams: 语文 and 数学 with items and
// knowledge points, 英语 as one 150-point score.
const demoPaper = "科目,题号,满分,题型,知识点,能力层级\n" +
	"语文,1,3,客观,字音字形,了解\n语文,2,3,客观,病句辨析,理解\n语文,3,12,主观,现代文阅读,理解\n语文,4,12,主观,古诗文阅读,理解\n语文,5,40,主观,写作,应用\n" +
	"数学,1,4,客观,数与代数,了解\n数学,2,4,客观,图形与几何,理解\n数学,3,4,客观,统计与概率,理解\n数学,4,12,主观,数与代数,应用\n数学,5,14,主观,图形与几何,综合\n数学,6,12,主观,统计与概率,应用\n" +
	"英语,1,150,,,\n"

// demoSchool is a school that sits the demo exams.
type demoSchool struct {
	id           int64
	name, county string
	effect       float64
}

// writeQuality gives the first city two 期末质量检测 a 学年 apart (the second
// with the first as its prior), the region's warning thresholds, the
// warnings they raise, rectifications in every state (some overdue), and
// 004's indicators for its schools. It runs with the liaison step (the full
// demo) and the policy service.
func (g *gen) writeQuality(ctx context.Context, t Target, log io.Writer, sum *Summary) error {
	if t.Liaison == nil || t.Policy == nil {
		return nil
	}
	c := g.cities[0]
	year := dict.SchoolYearOf(t.today())
	qs := &quality.Service{DB: t.Org.DB, Org: t.Org, Policy: t.Policy, Now: t.Liaison.Now}
	if err := demoWarnRules(ctx, t.Policy, c.code, year-1); err != nil {
		return err
	}
	var bureau int64
	if err := t.Org.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT id FROM orgs WHERE name = ? AND kind = 'bureau'", c.name+"教育局").Scan(&bureau)
	}); err != nil {
		return fmt.Errorf("质量监测：找不到%s教育局：%w", c.name, err)
	}
	k1 := c.counties[0]
	schools, err := demoSchools(ctx, t.Org.DB, c.code, g.bigSchool(k1).id) // demo.school1's school sits them
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(uint64(g.seed), 0x7175616c)) // "qual"
	for _, s := range schools {
		s.effect = r.NormFloat64() * 0.35
	}
	var prior int64
	for i, y := range []int{year - 1, year} {
		id, err := demoExam(ctx, qs, bureau, schools, y, prior, r, i)
		if err != nil {
			return fmt.Errorf("质量监测 %d学年：%w", y, err)
		}
		prior = id
	}
	n, err := demoLoops(ctx, qs, &rectify.Service{DB: t.Org.DB, Now: t.Liaison.Now}, prior, t.today())
	if err != nil {
		return fmt.Errorf("质量监测整改：%w", err)
	}
	if err := demoIndicators(ctx, qs, schools, year, r); err != nil {
		return err
	}
	logf(log, "%s：质量监测考试 2 次（%d 所学校），整改 %d 项", c.name, len(schools), n)
	return nil
}

// demoWarnRules sets the warning thresholds and the analysis settings (score
// lines, 薄弱学科) of the city from 学年 year.
func demoWarnRules(ctx context.Context, ps *policy.Service, region string, year int) error {
	then := time.Date(year, 9, 1, 8, 0, 0, 0, time.UTC)
	p := &policy.Service{DB: ps.DB, Now: func() time.Time { return then }}
	for k, v := range map[policy.RuleKey]float64{policy.RuleQualityBelowCountySD: 0.35, policy.RuleQualityDropFromPrevious: 3,
		policy.RuleQualityClassLowRate: 30, policy.RuleQualityItemDiscrimination: 0.2, policy.RuleQualityMinValueAddedGroup: 10,
		policy.RuleQualityPassLine: 60, policy.RuleQualityGoodLine: 75, policy.RuleQualityExcellentLine: 85, policy.RuleQualityLowLine: 40,
		policy.RuleQualityWeakSubjectT: 50} {
		if err := p.SetValue(ctx, builder, region, k, v, year, "演示数据", 0); err != nil {
			return fmt.Errorf("设置规则 %s：%w", k, err)
		}
	}
	return nil
}

// demoSchools are up to six schools of each of the city's first three
// counties, and the school must, with their county names as a scores file
// writes them.
func demoSchools(ctx context.Context, d *db.DB, city string, must int64) ([]*demoSchool, error) {
	var out []*demoSchool
	err := d.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, `SELECT o.id, o.name, r.name, r.code FROM orgs o JOIN regions r ON r.code = o.region_code
			WHERE o.kind = 'school' AND r.parent_code = ? ORDER BY r.code, o.id`, city)
		if err != nil {
			return err
		}
		defer rows.Close()
		per := map[string]int{}
		for rows.Next() {
			s := &demoSchool{}
			var code string
			if err := rows.Scan(&s.id, &s.name, &s.county, &code); err != nil {
				return err
			}
			if s.id == must || per[code] < 6 && (len(per) < 3 || per[code] > 0) {
				per[code]++
				out = append(out, s)
			}
		}
		return rows.Err()
	})
	return out, err
}

// demoExam creates, imports and analyses one exam; round 1 is the second
// year, where the students (the same 考号) have moved on by their school's
// drift.
func demoExam(ctx context.Context, qs *quality.Service, bureau int64, schools []*demoSchool, year int, prior int64, r *rand.Rand, round int) (int64, error) {
	var ids []int64
	for _, s := range schools {
		ids = append(ids, s.id)
	}
	id, err := qs.CreateExam(ctx, examiner, quality.Exam{OrgID: bureau, Name: fmt.Sprintf("%d学年第一学期期末质量检测", year),
		Term: dict.Term{Year: year, Half: 1}, Level: quality.LevelCity, Kind: quality.KindQuality, Grades: []string{"八年级"},
		SchoolIDs: ids, PriorID: prior})
	if err != nil {
		return 0, err
	}
	if _, err := qs.ImportPaper(ctx, examiner, id, "题目表.csv", []byte(demoPaper)); err != nil {
		return 0, err
	}
	if err := demoSetters(ctx, qs, id); err != nil {
		return 0, err
	}
	if _, err := qs.ImportScores(ctx, examiner, id, "成绩.csv", []byte(demoScores(schools, r, round)), nil); err != nil {
		return 0, err
	}
	_, err = qs.Analyze(ctx, examiner, id, nil)
	return id, err
}

// demoSetters makes the city researcher and the first sample teacher the
// 命题人 of 数学 and the second teacher that of 语文, so that 数学's item
// warnings are their 待办; 英语 has no setter, and its warnings say so.
func demoSetters(ctx context.Context, qs *quality.Service, exam int64) error {
	person := func(username string) (int64, error) {
		var id int64
		err := qs.DB.Read(ctx, func(tx *db.Tx) error {
			return tx.QueryRow(ctx, "SELECT person_id FROM users WHERE username = ?", username).Scan(&id)
		})
		return id, err
	}
	for subject, users := range map[string][]string{"数学": {"demo.jyy1", "demo.teacher1"}, "语文": {"demo.teacher2"}} {
		var ids []int64
		for _, u := range users {
			id, err := person(u)
			if err != nil {
				return fmt.Errorf("命题人 %s：%w", u, err)
			}
			ids = append(ids, id)
		}
		if err := qs.SetSetters(ctx, examiner, exam, subject, ids); err != nil {
			return fmt.Errorf("%s命题人：%w", subject, err)
		}
	}
	return nil
}

// demoScores writes 3 classes of 30 students per school; a student's
// ability is their school's effect plus their own, drifting in round 1.
func demoScores(schools []*demoSchool, r *rand.Rand, round int) string {
	var b strings.Builder
	b.WriteString("考号,县区,学校,班级,科目,缺考,成绩,1,2,3,4,5,6\n")
	for si, s := range schools {
		drift := 0.0
		if round == 1 {
			drift = float64(si%5-2) * 0.15
		}
		for k := 1; k <= 3; k++ {
			for n := 1; n <= 30; n++ {
				id := fmt.Sprintf("D%04d%d%02d", si, k, n)
				ab := s.effect + drift + float64(k-2)*0.1 + r.NormFloat64()*0.8
				absent := r.IntN(60) == 0
				for _, subj := range []string{"语文", "数学", "英语"} {
					fmt.Fprintf(&b, "%s,%s,%s,%d班,%s,", id, s.county, s.name, k, subj)
					if absent {
						b.WriteString("1,,,,,,,\n")
						continue
					}
					b.WriteString(",")
					b.WriteString(demoCells(subj, ab, r))
					b.WriteString("\n")
				}
			}
		}
	}
	return b.String()
}

func demoCells(subj string, ab float64, r *rand.Rand) string {
	score := func(full float64) string {
		p := 1 / (1 + math.Exp(-(ab*1.2 + 0.6 + r.NormFloat64()*0.6)))
		return fmt.Sprint(math.Round(p*full*2) / 2)
	}
	obj := func(full float64) string {
		if r.Float64() < 1/(1+math.Exp(-(ab*1.5+0.8))) {
			return fmt.Sprint(full)
		}
		return "0"
	}
	switch subj {
	case "英语": // one 150-point score in column 1 (an item above 127 points: read as the total)
		return "," + score(150) + ",,,,,"
	case "语文":
		return "," + obj(3) + "," + obj(3) + "," + score(12) + "," + score(12) + "," + score(40) + ","
	}
	// 数学 item 3 is a poorly set item that strong and weak students get
	// right alike (区分度 near 0): its warning reaches the paper's setters
	guess := func(full float64) string {
		if r.Float64() < 0.55 {
			return fmt.Sprint(full)
		}
		return "0"
	}
	return "," + obj(4) + "," + obj(4) + "," + guess(4) + "," + score(12) + "," + score(14) + "," + score(12)
}

// demoLoops opens rectifications for school warnings of the exam and runs
// them to different states; the first two are past due.
func demoLoops(ctx context.Context, qs *quality.Service, rs *rectify.Service, exam int64, today time.Time) (int, error) {
	ws, _, err := qs.FindWarnings(ctx, examiner, quality.WarningFilter{ExamID: exam, Limit: 200})
	if err != nil {
		return 0, err
	}
	states := []string{rectify.StatusInterpret, rectify.StatusPlan, rectify.StatusImplement, rectify.StatusReview, rectify.StatusClosed, rectify.StatusInvestigate}
	n := 0
	for _, w := range ws {
		if w.SchoolID == 0 || n == len(states) {
			continue
		}
		due := today.AddDate(0, 0, 30*(n-1)-15).Format("2006-01-02")
		id, err := qs.OpenRectification(ctx, examiner, w.ID, due)
		if err != nil {
			return n, err
		}
		if err := runLoop(ctx, rs, id, states[n], today); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// runLoop advances a new loop to state.
func runLoop(ctx context.Context, rs *rectify.Service, id int64, state string, today time.Time) error {
	order := []string{rectify.StatusInterpret, rectify.StatusInvestigate, rectify.StatusPlan, rectify.StatusImplement, rectify.StatusReview, rectify.StatusClosed}
	l, err := rs.FindLoopByID(ctx, examiner, id)
	for i := 0; err == nil && order[i] != state; i++ {
		switch order[i] {
		case rectify.StatusInterpret:
			err = rs.Interpret(ctx, examiner, id, l.Version, "学生失分集中在阅读理解与综合应用题，基础题得分率接近县区平均。")
		case rectify.StatusInvestigate:
			err = rs.Investigate(ctx, examiner, id, l.Version, "听课 12 节，查阅作业 60 份，访谈学生 20 人：课堂练习偏少，讲评不及时。")
		case rectify.StatusPlan:
			err = rs.Plan(ctx, examiner, id, l.Version, []rectify.Measure{
				{Content: "每周一次专项练习并当周讲评", Owner: "教研组长", Due: minDate(l.Due, today.AddDate(0, 0, 14))},
				{Content: "备课组集体备课，聚焦薄弱知识点", Owner: "教务主任", Due: l.Due}})
		case rectify.StatusImplement:
			for _, m := range l.Measures {
				if err = rs.Evidence(ctx, examiner, id, l.Version, m.ID, "已按计划实施，附教研活动记录。"); err != nil {
					return err
				}
				l.Version++
			}
			err = rs.Submit(ctx, examiner, id, l.Version)
		case rectify.StatusReview:
			err = rs.Review(ctx, examiner, id, l.Version, true, "整改措施落实到位，下次考试继续跟踪。")
		}
		if err == nil {
			l, err = rs.FindLoopByID(ctx, examiner, id)
		}
	}
	return err
}

func minDate(due string, t time.Time) string {
	if d := t.Format("2006-01-02"); d < due {
		return d
	}
	return due
}

// demoIndicators enters 004's indicators of the schools for two 学年.
func demoIndicators(ctx context.Context, qs *quality.Service, schools []*demoSchool, year int, r *rand.Rand) error {
	for _, s := range schools {
		for _, y := range []int{year - 1, year} {
			for _, ind := range quality.IndicatorOrder {
				v := math.Round((85+s.effect*10+r.NormFloat64()*3)*10) / 10
				if err := qs.SetIndicator(ctx, examiner, s.id, y, ind, math.Min(100, math.Max(0, v))); err != nil {
					return err
				}
			}
		}
	}
	return nil
}
