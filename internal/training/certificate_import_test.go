package training_test

import (
	"strings"
	"testing"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/org"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/training"
)

func csv(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

func ledgerCount(t *testing.T, f fixture) int {
	t.Helper()
	var n int
	_ = f.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT COUNT(*) FROM credit_entries WHERE source = ?", training.SourceImport).Scan(&n)
	})
	return n
}

func TestCertificateImportWithOneUnknownIDCommitsNothingAndNamesTheRow(t *testing.T) {
	f := newFixture(t)
	data := csv("身份证号,姓名,培训项目,学时,日期",
		testutil.IDA+",陈鹿城,国培计划网络研修,50,2020-11-05",
		"110101199003071234,李不在,省培项目,30,2020-11-06")
	out, err := f.Svc.ImportCertificates(ctx, f.CountyA, "证书.csv", data, org.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if out.OK || ledgerCount(t, f) != 0 {
		t.Fatalf("import with an unknown ID wrote %d rows (ok %v)", ledgerCount(t, f), out.OK)
	}
	if len(out.Errors) != 1 || out.Errors[0].Row != 3 || !strings.Contains(out.Message, "第3行") {
		t.Errorf("errors %+v, message %q; want row 3 named", out.Errors, out.Message)
	}
}

func TestCertificateImportRefusesOutOfScopeNamesAndDuplicates(t *testing.T) {
	f := newFixture(t)
	data := csv("身份证号,姓名,项目,学时,日期",
		testutil.IDB+",王龙湾,省培项目,30,2020-11-06", // 龙湾: not county A's
		testutil.IDA+",陈错名,省培项目,30,2020-11-06",
		testutil.IDA+",陈鹿城,省培项目,30,2020-11-06",
		testutil.IDA+",陈鹿城,省培项目,30,2020-11-06")
	out, err := f.Svc.ImportCertificates(ctx, f.CountyA, "证书.csv", data, org.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, e := range out.Errors {
		got[e.Row] = e.Message
	}
	if !strings.Contains(got[2], "找不到") || !strings.Contains(got[3], "姓名") || !strings.Contains(got[5], "与第4行重复") || len(got) != 3 {
		t.Errorf("errors %v", got)
	}
	if ledgerCount(t, f) != 0 || out.Report == nil {
		t.Errorf("rejected file wrote %d rows, report %d bytes", ledgerCount(t, f), len(out.Report))
	}
}

func TestCertificateImportWritesOnlineHoursConvertedAndOnce(t *testing.T) {
	f := newFixture(t)
	f.rule(t, credit.Rule{RegionCode: "330300", Category: credit.CategoryOnline, FromYear: 2020, HoursPerCredit: 10})
	data := csv("身份证号,姓名,项目,学时,日期,级别",
		testutil.IDA+",陈鹿城,国培计划网络研修,50,2020-11-05,国家级",
		testutil.IDA+",陈鹿城,省培项目,30,2021-03-06,")
	out, err := f.Svc.ImportCertificates(ctx, f.CountyA, "证书.csv", data, org.ImportOptions{})
	if err != nil || !out.OK || out.Result.Created != 2 {
		t.Fatalf("import: %+v, %v", out, err)
	}
	st, _ := f.Svc.FindStanding(ctx, f.TeacherUserA, f.TeacherA, 2020)
	if st.YearCredits != 8 {
		t.Errorf("2020 credits after import = %v, want 8 (80 学时)", st.YearCredits)
	}
	again, _ := f.Svc.ImportCertificates(ctx, f.CountyA, "证书.csv", data, org.ImportOptions{})
	if again.OK || len(again.Errors) != 2 || !strings.Contains(again.Errors[0].Message, "已导入过") {
		t.Errorf("second import: %+v", again.Errors)
	}
}
