package demo

import (
	"math"

	"jiaoyan/internal/org"
)

// office is a bureau (教育局) or research office (教研院/教师发展中心) and its level.
type office struct {
	name, region string
	kind         string
	county       *county // nil above county level
	city         *city   // nil at province level
}

func (o office) orgRow(row int) org.OrgRow {
	return org.OrgRow{Row: row, Org: org.Org{Name: o.name, Kind: o.kind, RegionCode: o.region}}
}

// researchSlots are the subject and stage each 教研员 covers, in the order an
// office fills them: the exam subjects of every stage first.
var researchSlots = []struct{ subject, stage string }{
	{"语文", "primary"}, {"数学", "primary"}, {"语文", "junior"}, {"数学", "junior"}, {"英语", "junior"},
	{"科学", "junior"}, {"语文", "senior"}, {"数学", "senior"}, {"英语", "senior"}, {"英语", "primary"},
	{"科学", "primary"}, {"物理", "senior"}, {"化学", "senior"}, {"生物学", "senior"}, {"道德与法治", "junior"},
	{"历史", "junior"}, {"思想政治", "senior"}, {"历史", "senior"}, {"地理", "senior"}, {"体育与健康", "primary"},
	{"体育与健康", "junior"}, {"音乐", "primary"}, {"美术", "primary"}, {"信息科技", "junior"}, {"心理健康", "primary"},
	{"道德与法治", "primary"}, {"综合实践活动", "primary"}, {"信息技术", "senior"}, {"通用技术", "senior"},
	{"专业课", "vocational"}, {"特殊教育", "special"}, {"劳动", "junior"}, {"音乐", "junior"}, {"美术", "junior"},
	{"体育与健康", "senior"},
}

// makeOffice adds an office's staff: n full-time researchers (教研员) for a
// research office, or n administrators for a bureau.
func (g *gen) makeOffice(o office, n int) {
	for i := range n {
		x := g.newPerson(o.county, "", 0.5)
		x.orgKey = o.name
		if o.kind == org.KindBureau {
			x.p.Stages = nil
			g.identity(&x.p, between(g.r, 28, 55))
		} else {
			slot := researchSlots[i%len(researchSlots)]
			x.p.Subjects, x.p.Stages = []string{slot.subject}, []string{slot.stage}
			g.career(&x.p, pick(g.r, []weighted[string]{{"first", 12}, {"senior", 82}, {"principal", 6}}))
			if x.p.Tier == "qualified" || x.p.Tier == "new" {
				x.p.Tier = "backbone"
			}
			x.p.ResearcherKind, x.p.ResearcherSubject, x.p.ResearcherStage = "fulltime", slot.subject, slot.stage
			x.p.Expert = chance(g.r, 0.1)
			x.office = o.name
		}
		g.people = append(g.people, x)
	}
}

// countyResearchers is a county office's full-time staff: the preset
// average scaled by how many schools the county has.
func (g *gen) countyResearchers(c *county, avgSchools float64) int {
	n := float64(g.p.countyOffice) * (0.5 + 0.5*float64(len(c.schools))/avgSchools)
	return max(3, int(math.Round(n)))
}

// makePartTime turns n of the county's experienced teachers into 兼职教研员
// of office: 一级 or above, 骨干 or above.
func (g *gen) makePartTime(pool []*person, office string, n int) int {
	var cand []*person
	for _, x := range pool {
		t := x.p.Title
		good := t == "first" || t == "senior" || t == "principal"
		if good && x.p.Tier != "qualified" && x.p.Tier != "new" && x.p.ResearcherKind == "" {
			cand = append(cand, x)
		}
	}
	g.r.Shuffle(len(cand), func(i, j int) { cand[i], cand[j] = cand[j], cand[i] })
	n = min(n, len(cand))
	for _, x := range cand[:n] {
		x.p.ResearcherKind, x.p.ResearcherSubject, x.p.ResearcherStage = "parttime", x.subject(), x.stage()
		x.office = office
	}
	return n
}
