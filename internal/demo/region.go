package demo

import (
	"math/rand/v2"
	"strings"

	"jiaoyan/internal/dict"
	"jiaoyan/internal/org"
)

// mountainCounties are Zhejiang's 26 山区县 (浙江省山区26县, 2021 list).
var mountainCounties = map[string]bool{
	"永嘉县": true, "平阳县": true, "苍南县": true, "文成县": true, "泰顺县": true, "武义县": true, "磐安县": true,
	"柯城区": true, "衢江区": true, "江山市": true, "常山县": true, "开化县": true, "龙游县": true, "三门县": true,
	"天台县": true, "仙居县": true, "莲都区": true, "龙泉市": true, "青田县": true, "云和县": true, "庆元县": true,
	"缙云县": true, "遂昌县": true, "松阳县": true, "景宁畲族自治县": true, "淳安县": true,
}

// city is one generated city with its counties.
type city struct {
	code, name string
	counties   []*county
}

// county is one generated county-level division (县、县级市、区).
type county struct {
	code, name string
	city       *city
	mountain   bool
	prefix     string   // what its school names start with: 温州市鹿城区, 瑞安市
	towns      []string // its 镇/街道 names
	schools    []*school
}

// district reports whether the county is a 市辖区.
func (c *county) district() bool { return strings.HasSuffix(c.name, "区") }

// buildCities reads the real GB/T 2260 codes of the preset's cities and
// counties from dict and draws each county's towns.
func buildCities(r *rand.Rand, p preset) []*city {
	var out []*city
	for _, code := range p.cities {
		e, _ := dict.ByCode(dict.TableRegion, code)
		c := &city{code: code, name: e.Name}
		for _, ce := range dict.Children(dict.TableRegion, code) {
			if len(p.counties) > 0 && !contains(p.counties, ce.Code) {
				continue
			}
			k := &county{code: ce.Code, name: ce.Name, city: c, mountain: mountainCounties[ce.Name], prefix: ce.Name}
			if k.district() {
				k.prefix = c.name + ce.Name
			}
			k.towns = drawTowns(r, between(r, 7, 14))
			c.counties = append(c.counties, k)
		}
		out = append(out, c)
	}
	return out
}

func drawTowns(r *rand.Rand, n int) []string {
	idx := r.Perm(len(places))[:n]
	out := make([]string, n)
	for i, j := range idx {
		out[i] = places[j]
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// regionRows lists the regions to import, parents first.
func regionRows(p preset, cities []*city) []org.RegionRow {
	var rows []org.RegionRow
	add := func(r org.Region) { rows = append(rows, org.RegionRow{Row: len(rows) + 1, Region: r}) }
	parent := ""
	if p.province != "" {
		e, _ := dict.ByCode(dict.TableRegion, p.province)
		add(org.Region{Code: p.province, Name: e.Name, Level: "province"})
		parent = p.province
	}
	for _, c := range cities {
		add(org.Region{Code: c.code, Name: c.name, Level: "city", ParentCode: parent})
		for _, k := range c.counties {
			add(org.Region{Code: k.code, Name: k.name, Level: "county", ParentCode: c.code, Mountain: k.mountain})
		}
	}
	return rows
}
