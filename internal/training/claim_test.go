package training_test

import (
	"bytes"
	"strings"
	"testing"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/training"
)

// pngBytes is the head of a PNG file, enough for the type check.
var pngBytes = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

func (f fixture) claim(t *testing.T, title string) int64 {
	t.Helper()
	id, err := f.Svc.CreateClaim(ctx, f.TeacherUserA, training.Claim{Category: credit.CategoryExternal, Level: credit.LevelProvince,
		Title: title, Organiser: "浙江省教育厅", StartDate: "2020-09-10", EndDate: "2020-09-12", Hours: 24}, "证书.png",
		bytes.NewReader(pngBytes))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (f fixture) countyAdminA(t *testing.T) app.Actor {
	t.Helper()
	return f.ActorOf(t, "county_a")
}

func openTodos(t *testing.T, f fixture, username, link string) int {
	t.Helper()
	var n int
	_ = f.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT COUNT(*) FROM todos d JOIN users u ON u.id = d.user_id WHERE u.username = ? AND d.link = ?
			AND d.done_at = 0`, username, link).Scan(&n)
	})
	return n
}

func messages(t *testing.T, f fixture, username string) []string {
	t.Helper()
	var out []string
	_ = f.DB.Read(ctx, func(tx *db.Tx) (err error) {
		out, err = db.QueryAll(ctx, tx, func(r db.Scanner) (string, error) {
			var s string
			return s, r.Scan(&s)
		}, "SELECT m.body FROM messages m JOIN users u ON u.id = m.user_id WHERE u.username = ? ORDER BY m.id", username)
		return
	})
	return out
}

func TestClaimGoesSchoolThenCountyWithTodosAndMessages(t *testing.T) {
	f := newFixture(t)
	f.rule(t, credit.Rule{RegionCode: "330300", Category: credit.CategoryExternal, FromYear: 2020, HoursPerCredit: 10})
	id := f.claim(t, "省级骨干教师培训")
	link := "/credits/claims/" + itoa(int(id))
	if openTodos(t, f, "school_a", link) != 1 {
		t.Fatalf("the school administrator has no 待办 for the new claim")
	}
	if _, err := f.Svc.ApproveClaims(ctx, f.CountyA, []int64{id}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("county approving before the school: %v, want EINVALID", err)
	}
	if _, err := f.Svc.ApproveClaims(ctx, f.SchoolAdminA, []int64{id}); err != nil {
		t.Fatal(err)
	}
	if openTodos(t, f, "school_a", link) != 0 || openTodos(t, f, "county_a", link) != 1 {
		t.Errorf("after the school: school todo %d, county todo %d; want 0 and 1",
			openTodos(t, f, "school_a", link), openTodos(t, f, "county_a", link))
	}
	st, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2020)
	if st.YearCredits != 0 {
		t.Errorf("credits before the county's 认定: %v", st.YearCredits)
	}
	if _, err := f.Svc.ApproveClaims(ctx, f.CountyA, []int64{id}); err != nil {
		t.Fatal(err)
	}
	if st, _ = f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2020); st.YearCredits != 2.4 {
		t.Errorf("credits after 认定 = %v, want 2.4", st.YearCredits)
	}
	msgs := strings.Join(messages(t, f, "teacher_a"), "|")
	if !strings.Contains(msgs, "学校已审核通过") || !strings.Contains(msgs, "已认定 24 学时，计 2.4 学分") {
		t.Errorf("the claimant was told %q", msgs)
	}
	c, err := f.Svc.FindClaimByID(ctx, f.TeacherUserA, id)
	if err != nil || c.StageName() != "已认定" || len(c.Files) != 1 {
		t.Errorf("claim reads %+v, %v; want 已认定 with its certificate", c, err)
	}
}

func TestReturnNeedsAReasonAndTellsTheClaimant(t *testing.T) {
	f := newFixture(t)
	id := f.claim(t, "外出跟岗学习")
	if err := f.Svc.ReturnClaim(ctx, f.SchoolAdminA, id, " "); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("return without a reason: %v", err)
	}
	if err := f.Svc.ReturnClaim(ctx, f.SchoolAdminA, id, "证书不清晰"); err != nil {
		t.Fatal(err)
	}
	if msgs := messages(t, f, "teacher_a"); len(msgs) != 1 || !strings.Contains(msgs[0], "证书不清晰") {
		t.Errorf("messages %q, want the reason", msgs)
	}
	var e credit.Entry
	c, _ := f.Svc.FindClaimByID(ctx, f.SchoolAdminA, id)
	_ = f.DB.Read(ctx, func(tx *db.Tx) (err error) { e, err = credit.FindEntryByID(ctx, tx, c.EntryID); return })
	if e.State != credit.StateReturned || e.Note != "证书不清晰" || c.Stage != training.StageReturned {
		t.Errorf("entry %s (%s), claim %s; want returned with the reason", e.State, e.Note, c.Stage)
	}
}

func TestApprovalOutsideScopeIsRefusedAndTheBatchWritesNothing(t *testing.T) {
	f := newFixture(t)
	mine := f.claim(t, "网络研修")
	// 龙湾's school administrator and its teacher's claim.
	head := f.MustPerson(t, org.Person{Name: "龙湾校长", OrgID: f.SchoolB})
	schoolB := f.MustUser(t, head, "school_b", auth.RoleSchoolAdmin)
	if _, err := f.Svc.ApproveClaims(ctx, schoolB, []int64{mine}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("龙湾 approving 鹿城's claim: %v, want ENOTFOUND", err)
	}
	if err := f.Svc.ReturnClaim(ctx, f.CountyB, mine, "不符合"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("county B returning it: %v, want ENOTFOUND", err)
	}
	second := f.claim(t, "集中培训")
	if _, err := f.Svc.ApproveClaims(ctx, f.SchoolAdminA, []int64{mine}); err != nil {
		t.Fatal(err)
	}
	// A batch with one claim at the county stage fails whole: the other stays.
	if _, err := f.Svc.ApproveClaims(ctx, f.SchoolAdminA, []int64{second, mine}); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("batch with a claim at the county stage: %v, want EINVALID", err)
	}
	if c, _ := f.Svc.FindClaimByID(ctx, f.SchoolAdminA, second); c.Stage != training.StageSchool {
		t.Errorf("the batch's other claim moved to %s", c.Stage)
	}
	list, total, err := f.Svc.FindClaims(ctx, f.SchoolAdminA, training.ClaimFilter{Waiting: true, Limit: 50})
	if err != nil || total != 1 || list[0].ID != second {
		t.Errorf("waiting at the school: %d claims, %v", total, err)
	}
	if _, n, _ := f.Svc.FindClaims(ctx, f.CountyB, training.ClaimFilter{Limit: 50}); n != 0 {
		t.Errorf("county B lists %d of 鹿城's claims", n)
	}
}

func TestClaimNamesTheWrongField(t *testing.T) {
	f := newFixture(t)
	_, err := f.Svc.CreateClaim(ctx, f.TeacherUserA, training.Claim{Category: credit.CategoryExternal, Title: "培训",
		Organiser: "", StartDate: "2020-09-10", EndDate: "2020-09-12", Hours: 24}, "证书.png", bytes.NewReader(pngBytes))
	if app.ErrorMessage(err) != "请填写主办单位" {
		t.Errorf("no organiser: %v", err)
	}
	_, err = f.Svc.CreateClaim(ctx, f.TeacherUserA, training.Claim{Category: credit.CategoryExternal, Title: "培训",
		Organiser: "市教育局", StartDate: "2020-09-10", EndDate: "2020-09-12", Hours: 24}, "", nil)
	if app.ErrorCode(err) != app.EINVALID || !strings.Contains(app.ErrorMessage(err), "证书") {
		t.Errorf("no certificate: %v", err)
	}
}
