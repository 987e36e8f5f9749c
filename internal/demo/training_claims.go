package demo

import (
	"bytes"
	"context"
	"math/rand/v2"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/training"
)

// demoPNG is a certificate image stand-in: the PNG signature and a header.
var demoPNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 120)...)

// countyClaims files six claims in the county's first schools with
// teachers: three wait at the school, two at the county, one is returned.
func (g *gen) countyClaims(ctx context.Context, ts *training.Service, r *rand.Rand, k *county, today time.Time) (int, error) {
	n := 0
	for _, s := range g.schools {
		if s.county != k || s.id == 0 || len(s.teachers) == 0 || n >= 6 {
			continue
		}
		x := s.teachers[r.IntN(len(s.teachers))]
		id, err := fileClaim(ctx, ts, x, today.AddDate(0, 0, -10-r.IntN(40)), n)
		if err != nil {
			return n, err
		}
		head := app.Actor{Username: builder.Username, OrgID: s.id, Perms: app.Perms(training.PermClaimApprove), Scope: app.Scope{All: true}}
		switch n % 6 {
		case 3, 4:
			_, err = ts.ApproveClaims(ctx, head, []int64{id})
		case 5:
			err = ts.ReturnClaim(ctx, head, id, "证书照片不清晰，请重新上传")
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

var demoClaims = []struct{ title, organiser, level string }{
	{"浙江省中小学教师专业发展培训", "浙江省教育厅", credit.LevelProvince}, {"国培计划骨干教师示范项目", "教育部", credit.LevelNational},
	{"温州市新课标解读专题培训", "温州市教育局", credit.LevelCity}, {"跨区域跟岗学习", "杭州市上城区教育发展研究院", credit.LevelCity},
	{"全国中小学班主任研修", "中国教育学会", credit.LevelNational}, {"省级学科带头人高级研修班", "浙江师范大学", credit.LevelProvince},
}

func fileClaim(ctx context.Context, ts *training.Service, x *person, end time.Time, i int) (int64, error) {
	c := demoClaims[i%len(demoClaims)]
	a := app.Actor{Username: builder.Username, PersonID: x.id, Perms: app.Perms(training.PermClaimCreate),
		Scope: app.Scope{SelfPersonID: x.id}}
	return ts.CreateClaim(ctx, a, training.Claim{Category: credit.CategoryExternal, Level: c.level, Title: c.title,
		Organiser: c.organiser, StartDate: end.AddDate(0, 0, -2).Format("2006-01-02"), EndDate: end.Format("2006-01-02"),
		Hours: float64(16 + 8*(i%3))}, "证书.png", bytes.NewReader(demoPNG))
}
