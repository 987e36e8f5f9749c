package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

// demoItems are the kinds of item a teacher's year is made of.
var demoItems = []struct{ category, title string }{
	{credit.CategorySchoolBased, "校本研修：%s教研组主题研修"}, {credit.CategoryCentralized, "%s学科县级集中培训"},
	{credit.CategoryOnline, "国家智慧教育平台%s网络研修"}, {credit.CategoryActivity, "县%s教研活动"},
}

// countyLedger writes the county's school teachers' entries for 学年
// from..year; the current year counts only the part already gone.
func (g *gen) countyLedger(ctx context.Context, d *db.DB, r *rand.Rand, k *county, from, year int, today time.Time) (int, error) {
	var es []credit.Entry
	for _, s := range g.schools {
		if s.county != k || s.id == 0 {
			continue
		}
		for _, x := range s.teachers {
			for y := from; y <= year; y++ {
				es = append(es, teacherYear(r, x, y, yearShare(y, year, today))...)
			}
		}
	}
	return len(es), d.Write(ctx, func(tx *db.Tx) error { return credit.AddMany(ctx, tx, es) })
}

// yearShare is how much of 学年 y has gone by today.
func yearShare(y, current int, today time.Time) float64 {
	if y < current {
		return 1
	}
	start := time.Date(y, 9, 1, 0, 0, 0, 0, time.UTC)
	return math.Min(1, math.Max(0.05, today.Sub(start).Hours()/(365*24)))
}

// teacherYear is one teacher's entries of a 学年: about 36 学分 a year
// (one in seven well under 24), in 2 to 4 items.
func teacherYear(r *rand.Rand, x *person, y int, share float64) []credit.Entry {
	credits := math.Max(4, 36+r.NormFloat64()*9)
	if r.IntN(7) == 0 {
		credits = 6 + r.Float64()*14
	}
	hours := math.Round(credits * 10 * share)
	n := 2 + r.IntN(3)
	var out []credit.Entry
	for i := range n {
		it := demoItems[(i+r.IntN(len(demoItems)))%len(demoItems)]
		h := math.Round(hours / float64(n))
		if it.category == credit.CategoryActivity {
			h *= 2 // practice counts 20 学时 a 学分
		}
		if h <= 0 {
			continue
		}
		day := time.Date(y, 9, 15, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(300*share*float64(i+1)/float64(n+1)))
		out = append(out, credit.Entry{PersonID: x.id, SchoolYear: y, Date: day.Format("2006-01-02"), Category: it.category,
			Title: fmt.Sprintf(it.title, orDefault(x.subject(), "综合")), Hours: h, Source: "program", State: credit.StateApproved,
			CreatedBy: builder.Username})
	}
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
