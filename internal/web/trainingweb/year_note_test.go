package trainingweb_test

import (
	"fmt"
	"strings"
	"testing"

	"jiaoyan/internal/web/webtest"
)

// TestRunningYearSaysTheMinimumIsJudgedOnTheWholeYear: while the 学年 shown
// is running, the 学分 page says how much of it is gone and that "低于每年要求"
// can still be met; a finished 学年 says nothing of the kind.
func TestRunningYearSaysTheMinimumIsJudgedOnTheWholeYear(t *testing.T) {
	s := webtest.New(t)
	year := zhejiang(t, s)
	city := s.As("city_admin")
	_, page := city.Get(fmt.Sprintf("/credits?year=%d", year))
	if !strings.Contains(page, `id="year-note"`) || !strings.Contains(page, fmt.Sprintf("%d学年尚未结束", year)) ||
		!strings.Contains(page, "学年结束前仍可修满") {
		t.Errorf("running 学年 without its note:\n%s", excerpt(page, "学分达标情况"))
	}
	_, last := city.Get(fmt.Sprintf("/credits?year=%d", year-1))
	if strings.Contains(last, `id="year-note"`) {
		t.Errorf("a finished 学年 carries the running-year note")
	}
}

// excerpt is the part of page around marker, for a failure message.
func excerpt(page, marker string) string {
	i := strings.Index(page, marker)
	if i < 0 {
		return page[:min(len(page), 600)]
	}
	return page[max(0, i-600):min(len(page), i+600)]
}
