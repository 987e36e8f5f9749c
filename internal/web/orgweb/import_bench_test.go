package orgweb_test

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"
	"time"

	"jiaoyan/internal/web/webtest"
)

// validID makes the n-th valid 身份证号 of county 330302.
func validID(n int) string {
	birth := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n%12000)
	base := fmt.Sprintf("330302%s%03d", birth.Format("20060102"), n/12000%1000+500)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(base[i]-'0') * w[i]
	}
	return base + string("10X98765432"[sum%11])
}

func peopleCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("姓名,性别,身份证号,单位,任教学科,学段,职称\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "教师%d,女,%s,2330000001,数学,小学,一级教师\n", i, validID(i))
	}
	return b.Bytes()
}

var progressRE = regexp.MustCompile(`<progress id="job-progress" max="100" value="(\d+)">`)

// BenchmarkImportPeople100k uploads 100,000 people through the import page
// and polls the job page as the browser does; it reports the wall time and
// how many distinct progress states the page showed.
//
//	go test -run '^$' -bench ImportPeople100k -benchtime 1x ./internal/web/
func BenchmarkImportPeople100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := webtest.New(b)
		c := s.As("county_a")
		data := peopleCSV(100000)
		b.StartTimer()
		states := map[string]bool{}
		page := c.UploadWatching("people", "十万人.csv", data, func(body string) {
			if m := progressRE.FindStringSubmatch(body); m != nil {
				states[m[1]] = true
			}
		})
		b.StopTimer()
		if !bytes.Contains([]byte(page), []byte("新增 100000 条")) {
			b.Fatalf("import did not finish as expected: %s", page)
		}
		b.ReportMetric(float64(len(states)), "progress-states")
		b.ReportMetric(float64(len(data))/1e6, "MB")
	}
}
