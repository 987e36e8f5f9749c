package trainingweb_test

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/policy"
	"jiaoyan/internal/web/trainingweb"
	"jiaoyan/internal/web/webtest"
)

var ctx = context.Background()

// zhejiang sets 360 per 5-year cycle from 2022 and 24 a year in the city,
// from the current 学年, and 10 学时 a 学分 for 集中培训 from 2020.
func zhejiang(t *testing.T, s *webtest.Site) int {
	t.Helper()
	pol := &policy.Service{DB: s.DB}
	year := pol.CurrentSchoolYear()
	root := app.System("测试", "region.edit")
	for k, v := range map[policy.RuleKey]float64{policy.RuleTeacherCreditCycleYears: 5, policy.RuleTeacherCreditCycleStartYear: 2022,
		policy.RuleTeacherCreditsPerCycle: 360, policy.RuleTeacherCreditsPerYearMin: 24} {
		if err := pol.SetValue(ctx, root, "330300", k, v, year, "", 0); err != nil {
			t.Fatal(err)
		}
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := credit.SetRule(ctx, tx, s.CityAdmin, credit.Rule{RegionCode: "330300", Category: credit.CategoryCentralized,
			FromYear: 2020, HoursPerCredit: 10})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return year
}

func addEntries(t *testing.T, s *webtest.Site, person int64, year int, hours ...float64) {
	t.Helper()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		for i, h := range hours {
			_, err := credit.Add(ctx, tx, credit.Entry{PersonID: person, SchoolYear: year, Date: fmt.Sprintf("%d-10-%02d", year, i+1),
				Category: credit.CategoryCentralized, Title: fmt.Sprintf("集中培训%d", i+1), Hours: h, Source: "program",
				State: credit.StateApproved})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var totalRE = regexp.MustCompile(`合计：学时 ([0-9.]+)，学分 ([0-9.]+)`)

func TestTranscriptPageExportAndLedgerAgree(t *testing.T) {
	s := webtest.New(t)
	year := zhejiang(t, s)
	addEntries(t, s, s.TeacherA, year-2, 33, 17.5)
	addEntries(t, s, s.TeacherA, year-1, 12, 12, 12)
	addEntries(t, s, s.TeacherA, year, 45)
	var h, c float64
	_ = s.DB.Read(ctx, func(tx *db.Tx) error {
		ts, err := credit.Totals(ctx, tx, credit.Filter{PersonID: s.TeacherA})
		for _, x := range ts {
			h, c = h+x.Hours, c+x.Credits
		}
		return err
	})
	teacher := s.As("teacher_a")
	path := fmt.Sprintf("/credits/people/%d?year=%d", s.TeacherA, year)
	_, page := teacher.Get(path)
	m := totalRE.FindStringSubmatch(page)
	if m == nil || m[1] != num(h) || m[2] != num(c) {
		t.Fatalf("page totals %v, ledger %v 学时 %v 学分", m, num(h), num(c))
	}
	res, body := teacher.Get(fmt.Sprintf("/credits/people/%d/export?year=%d", s.TeacherA, year))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("export: %d", res.StatusCode)
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	last := rows[len(rows)-1]
	var sumH, sumC float64
	for _, r := range rows[1 : len(rows)-1] {
		sumH, sumC = sumH+parse(r[5]), sumC+parse(r[6])
	}
	if last[0] != "合计" || last[5] != m[1] || last[6] != m[2] || num(sumH) != m[1] || num(sumC) != m[2] || len(rows) != 8 {
		t.Errorf("export total row %v (rows sum %v/%v, %d rows), page %s/%s", last, sumH, sumC, len(rows), m[1], m[2])
	}
	if !strings.Contains(page, "本周期已认定 13.15/360；本学年 4.5，未达到每年 24 的要求，差 19.5") {
		t.Errorf("page lacks the standing: %s", regexp.MustCompile(`本周期[^<]*`).FindString(page))
	}
	_, print := teacher.Get(fmt.Sprintf("/credits/people/%d/print?year=%d", s.TeacherA, year))
	if !strings.Contains(print, "教师继续教育学分证明") || !strings.Contains(print, "鹿城区教育局") || !strings.Contains(print, "合计：学时 "+m[1]) {
		t.Errorf("print lacks the title, the bureau or the total")
	}
	if res, _ := teacher.Get(fmt.Sprintf("/credits/people/%d", s.TeacherB)); res.StatusCode != http.StatusNotFound {
		t.Errorf("teacher A opening teacher B's transcript: %d", res.StatusCode)
	}
}

func parse(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }

func num(v float64) string {
	return strconv.FormatFloat(float64(int64(v*100+0.5))/100, 'f', -1, 64)
}

// postClaim sends the claim form as a browser does: fields, then the file.
func postClaim(t *testing.T, c *webtest.Client, fields map[string]string, file []byte) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, k := range []string{"category", "level", "title", "organiser", "start_date", "end_date", "hours"} {
		_ = mw.WriteField(k, fields[k])
	}
	fw, _ := mw.CreateFormFile("file", "证书.png")
	_, _ = fw.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.Base+"/credits/claims", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res, webtest.ReadBody(res)
}

func TestClaimThroughThePagesFromFormToRecognition(t *testing.T) {
	s := webtest.New(t)
	teacher := s.As("teacher_a")
	form := map[string]string{"category": credit.CategoryExternal, "level": "province", "title": "省级班主任培训",
		"organiser": "浙江省教育厅", "start_date": "2025-10-10", "end_date": "2025-10-12", "hours": "24"}
	bad := map[string]string{}
	for k, v := range form {
		bad[k] = v
	}
	bad["organiser"] = ""
	if res, body := postClaim(t, teacher, bad, trainingweb.PNG); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "请填写主办单位") {
		t.Fatalf("claim without organiser: %d", res.StatusCode)
	}
	res, _ := postClaim(t, teacher, form, trainingweb.PNG)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/credits/claims/") {
		t.Fatalf("claim: %d %s", res.StatusCode, loc)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(loc, "/credits/claims/"), "?saved=1")
	school := s.As("school_a")
	if _, body := school.Get("/credits/claims?view=waiting"); !strings.Contains(body, "省级班主任培训") {
		t.Errorf("the school's waiting list lacks the claim")
	}
	if res, _ := s.As("county_b").Post("/credits/claims/approve", map[string][]string{"ids": {id}}); res.StatusCode != http.StatusNotFound &&
		res.StatusCode != http.StatusForbidden {
		t.Errorf("county B approving: %d", res.StatusCode)
	}
	if res, _ := school.Post("/credits/claims/approve", map[string][]string{"ids": {id}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("school approval: %d", res.StatusCode)
	}
	county := s.As("county_a")
	if res, _ := county.Post("/credits/claims/"+id+"/approve", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("county approval: %d", res.StatusCode)
	}
	if _, body := teacher.Get("/credits/claims/" + id); !strings.Contains(body, "已认定") {
		t.Errorf("the teacher's claim does not read 已认定")
	}
}

func TestClaimListPages(t *testing.T) {
	s := webtest.New(t)
	for i := 0; i < 55; i++ {
		trainingweb.ClaimOf(t, s.World, s.TeacherA, fmt.Sprintf("培训项目%02d", i))
	}
	school := s.As("school_a")
	_, p1 := school.Get("/credits/claims?view=waiting")
	_, p2 := school.Get("/credits/claims?view=waiting&page=2")
	if !strings.Contains(p1, "下一页") || !strings.Contains(p1, "培训项目54") || strings.Contains(p1, "培训项目04") ||
		!strings.Contains(p2, "培训项目04") {
		t.Errorf("page 1 and 2 of 55 claims do not split at 50")
	}
}

func TestDossierShowsThePlanAndTheSchoolsRecords(t *testing.T) {
	s := webtest.New(t)
	year := zhejiang(t, s)
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		_, err := credit.Add(ctx, tx, credit.Entry{PersonID: s.TeacherA, SchoolYear: year, Date: fmt.Sprintf("%d-10-20", year),
			Category: credit.CategorySchoolBased, Title: "数学组同课异构", Hours: 3, Source: "activity", State: credit.StateApproved})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	id := trainingweb.PlanOf(t, s.World, s.SchoolA, "课堂转型", false)
	_, body := s.As("school_a").Get(fmt.Sprintf("/school-plans/%d/print", id))
	if !strings.Contains(body, "课堂转型") || !strings.Contains(body, "数学组同课异构") {
		t.Errorf("the dossier lacks the theme or the 校本研修 record")
	}
	if res, _ := s.As("county_b").Get(fmt.Sprintf("/school-plans/%d/print", id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("county B opening 鹿城's dossier: %d", res.StatusCode)
	}
}

func TestSchoolSeesWhoIsBelowTheYearlyMinimum(t *testing.T) {
	s := webtest.New(t)
	year := zhejiang(t, s)
	addEntries(t, s, s.TeacherA, year, 300) // 30: meets 24
	_, all := s.As("school_a").Get(fmt.Sprintf("/credits?year=%d", year))
	_, below := s.As("school_a").Get(fmt.Sprintf("/credits?year=%d&below=1", year))
	if !strings.Contains(all, "陈鹿城") || !strings.Contains(all, "赵校长") {
		t.Errorf("the school's standing lacks its people")
	}
	if !strings.Contains(below, "本学年 0，未达到每年 24 的要求，差 24") {
		t.Errorf("the below-minimum list does not word the standing")
	}
	if strings.Contains(below, "陈鹿城") || !strings.Contains(below, "赵校长") {
		t.Errorf("below the minimum should list 赵校长 (0) and not 陈鹿城 (30)")
	}
}

func TestProgramsPageSignUpAndCompletion(t *testing.T) {
	s := webtest.New(t)
	for i := 0; i < 52; i++ {
		trainingweb.ProgramOf(t, s.World, s.CountyA, fmt.Sprintf("骨干研修班%02d", i))
	}
	teacher := s.As("teacher_a")
	_, p1 := teacher.Get("/programs")
	_, p2 := teacher.Get("/programs?page=2")
	if !strings.Contains(p1, "下一页") || !strings.Contains(p1, "骨干研修班51") || !strings.Contains(p2, "骨干研修班00") {
		t.Errorf("52 programs do not page at 50")
	}
	id := trainingweb.ProgramOf(t, s.World, s.CountyA, "新任教师岗前培训")
	if res, _ := teacher.Post(fmt.Sprintf("/programs/%d/signup", id), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign up: %d", res.StatusCode)
	}
	if res, _ := s.As("county_a").Post(fmt.Sprintf("/programs/%d/complete", id), map[string][]string{"version": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("complete: %d", res.StatusCode)
	}
	_, body := teacher.Get(fmt.Sprintf("/credits/people/%d", s.TeacherA))
	if !strings.Contains(body, "新任教师岗前培训") {
		t.Errorf("the completed program is not on the teacher's credits")
	}
}
