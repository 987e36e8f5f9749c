package demo

import (
	"fmt"
	"strings"
)

// Size names a preset of how big the generated region is.
type Size string

// The sizes: small is what tests use; city is the README tour; province is
// about ten times city.
const (
	Small    Size = "small"
	City     Size = "city"
	Province Size = "province"
)

// ParseSize accepts small, city or province (any case).
func ParseSize(s string) (Size, error) {
	switch sz := Size(strings.ToLower(strings.TrimSpace(s))); sz {
	case Small, City, Province:
		return sz, nil
	}
	return "", fmt.Errorf("--size 应为 small、city 或 province，而不是 %q", s)
}

// preset holds the numbers a size starts from.
type preset struct {
	province      string   // 6-digit province code, "" when the root is a city
	cities        []string // city codes under the root
	counties      []string // for a single city: which counties ("" = all)
	schools       int      // schools (not counting teaching points) in the whole region
	teacherScale  float64  // multiplies the per-school teacher counts
	cityOffice    int      // full-time researchers in each city 教研院
	countyOffice  int      // average full-time researchers in a county 教师发展中心
	studiosCity   int      // city-level 名师工作室 per city
	studiosCounty int      // county-level 名师工作室 per city, spread over its counties
}

func presetOf(s Size) preset {
	switch s {
	case Small:
		return preset{cities: []string{"330300"}, counties: []string{"330302", "330381", "330328"}, schools: 30,
			teacherScale: 0.3, cityOffice: 6, countyOffice: 4, studiosCity: 4, studiosCounty: 6}
	case Province:
		return preset{province: "330000", cities: []string{"330100", "330200", "330300", "330400", "330500", "330600",
			"330700", "330800", "330900", "331000", "331100"}, schools: 10000, teacherScale: 1, cityOffice: 45,
			countyOffice: 15, studiosCity: 100, studiosCounty: 150}
	}
	// The city's studios fall short of its 2025 targets (100 and 150), as
	// most regions' do.
	return preset{cities: []string{"330300"}, schools: 1000, teacherScale: 1, cityOffice: 45, countyOffice: 15,
		studiosCity: 87, studiosCounty: 132}
}
