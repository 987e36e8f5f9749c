package site_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiaoyan/internal/db"
	"jiaoyan/internal/testutil"
	"jiaoyan/internal/web/webtest"
)

// checkDigit completes a 17-digit 身份证号 body (GB 11643).
func checkDigit(body string) string {
	weights := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(body[i]-'0') * w
	}
	return body + string("10X98765432"[sum%11])
}

var rosterHeader = []any{"姓名", "性别", "身份证号", "手机号", "单位", "任教学科", "学段", "职称"}

// roster is n people with plain ID and phone numbers (the last with a wrong
// check digit if breakOne), as rows, and the numbers.
func roster(first, n int, breakOne bool) ([][]any, []string) {
	var rows [][]any
	var secrets []string
	for i := range n {
		id := checkDigit(fmt.Sprintf("33030219%02d0%d%02d%03d", 80+i%10, 1+i%9, 10+i%18, first+i))
		if breakOne && i == n-1 {
			id = id[:17] + map[bool]string{true: "1", false: "2"}[id[17] != '1'] // wrong check digit
		}
		phone := fmt.Sprintf("139%08d", 57700000+first+i)
		secrets = append(secrets, id, phone)
		rows = append(rows, []any{fmt.Sprintf("测试教师%d", first+i), "女", id, phone, "2330000001", "数学", "小学", "一级教师"})
	}
	return rows, secrets
}

// xlsxOf is rows under rosterHeader as an xlsx file (compressed: a grep
// would not see plain numbers in it, so the tests also upload CSV).
func xlsxOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &rosterHeader)
	for i, r := range rows {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &r)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// csvOf is rows under rosterHeader as CSV.
func csvOf(rows [][]any) []byte {
	lines := []string{joinCells(rosterHeader)}
	for _, r := range rows {
		lines = append(lines, joinCells(r))
	}
	return webtest.CSV(lines...)
}

func joinCells(cells []any) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = fmt.Sprint(c)
	}
	return strings.Join(out, ",")
}

// TestNoPlainIDOrPhoneInTheDatabaseFile imports, exports and reruns
// everything that carries ID and phone numbers, then greps the raw SQLite
// file and its WAL, as they are and again after a checkpoint: no plain
// number may appear (job files are sealed, people's numbers encrypted).
func TestNoPlainIDOrPhoneInTheDatabaseFile(t *testing.T) {
	if testutil.UsingPostgres() {
		t.Skip("greps the SQLite file")
	}
	s := webtest.New(t)
	c := s.As("county_a")
	good, secrets := roster(100, 5, false)
	if page := c.Upload("people", "教师名单.xlsx", xlsxOf(t, good), false); !strings.Contains(page, "新增 5 条") {
		t.Fatalf("xlsx import: %s", page)
	}
	good, more := roster(300, 3, false)
	secrets = append(secrets, more...)
	if page := c.Upload("people", "教师名单.csv", csvOf(good), false); !strings.Contains(page, "新增 3 条") {
		t.Fatalf("csv import: %s", page)
	}
	bad, more := roster(200, 3, true)
	secrets = append(secrets, more...)
	if page := c.Upload("people", "有错的名单.xlsx", xlsxOf(t, bad), false); !strings.Contains(page, "report-link") {
		t.Fatalf("bad xlsx: %s", page)
	}
	page := c.Upload("people", "有错的名单.csv", csvOf(bad), false)
	m := regexp.MustCompile(`/jobs/(\d+)/report`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no error report: %s", page)
	}
	if res, report := c.Get("/jobs/" + m[1] + "/report"); res.StatusCode != 200 || !strings.HasPrefix(report, "PK") {
		t.Fatalf("report: %d", res.StatusCode)
	}
	res, export := c.Get("/export/people")
	if res.StatusCode != 200 || !strings.HasPrefix(export, "PK") {
		t.Fatalf("export: %d", res.StatusCode)
	}
	if page := c.Upload("people", "人员名单.xlsx", []byte(export), true); !strings.Contains(page, "导入完成") {
		t.Fatalf("re-import of the export: %s", page)
	}
	groups := webtest.CSV("学校,教研组名称,类型,学科,组长身份证号,成员身份证号,报备日期",
		"2330000001,数学教研组,学科教研组,数学,"+secrets[0]+","+secrets[2]+",2025年9月1日")
	if page := c.Upload("groups", "组.csv", groups, false); !strings.Contains(page, "新增 1 条") {
		t.Fatalf("groups import: %s", page)
	}
	secrets = append(secrets, testutil.IDA, testutil.IDB, "13812345678", "13987654321")
	assertNoPlain(t, s.DB, secrets)
	if err := s.DB.Exec(context.Background(), "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		t.Fatal(err)
	}
	assertNoPlain(t, s.DB, secrets)
}

// assertNoPlain greps the database file and its WAL for every secret,
// naming the table a hit is in.
func assertNoPlain(t *testing.T, d *db.DB, secrets []string) {
	t.Helper()
	for _, path := range []string{d.Path, d.Path + "-wal"} {
		b, err := os.ReadFile(path)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, v := range secrets {
			if bytes.Contains(b, []byte(v)) {
				t.Errorf("%s holds %s in the clear%s", path, v, whereIs(d, v))
			}
		}
	}
}

// whereIs names the tables and columns holding v, to make a failure
// actionable.
func whereIs(d *db.DB, v string) string {
	ctx := context.Background()
	var hits []string
	d.Read(ctx, func(tx *db.Tx) error {
		rows, err := tx.Query(ctx, "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'")
		if err != nil {
			return err
		}
		var cols [][2]string
		for rows.Next() {
			var tbl, col string
			rows.Scan(&tbl, &col)
			cols = append(cols, [2]string{tbl, col})
		}
		rows.Close()
		for _, tc := range cols {
			n, _ := tx.Count(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM "%s" WHERE CAST("%s" AS TEXT) LIKE ?`, tc[0], tc[1]), "%"+v+"%")
			if n > 0 {
				hits = append(hits, tc[0]+"."+tc[1])
			}
		}
		return nil
	})
	if len(hits) == 0 {
		return " (in no current row: a free page or an old WAL frame)"
	}
	return " (in " + strings.Join(hits, ", ") + ")"
}
