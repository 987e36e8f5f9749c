package analysis

import (
	"math"
	"slices"
	"testing"
)

func TestRegionStatisticsByHand(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	g := r.find(t, Region, "", "", "", "数学")
	if g.N != 5 || g.Absent != 1 {
		t.Fatalf("n=%d absent=%d, want 5 and 1 (S6 marked absent)", g.N, g.Absent)
	}
	// scores 10, 6, 6, 4.5, 1
	near(t, "mean", g.Mean, 5.5, 1e-12)
	near(t, "population sd", g.SD, math.Sqrt(8.4), 1e-12)
	near(t, "min", g.Min, 1, 0)
	near(t, "max", g.Max, 10, 0)
	near(t, "median", g.Median, 6, 0)
	near(t, "q1 (type 7: x[1])", g.Q1, 4.5, 0)
	near(t, "q3 (type 7: x[3])", g.Q3, 6, 0)
	near(t, "pass rate (>= 6)", g.PassRate, 0.6, 1e-12)
	near(t, "good rate (>= 7.5)", g.GoodRate, 0.2, 1e-12)
	near(t, "excellent rate (>= 8.5)", g.ExcellentRate, 0.2, 1e-12)
	near(t, "low rate (< 4)", g.LowRate, 0.2, 1e-12)
	near(t, "T of the region", g.TScore, 50, 1e-12)
	if !math.IsNaN(g.OverMeanRate) {
		t.Errorf("region over-mean rate = %v, want undefined", g.OverMeanRate)
	}
	if !slices.Equal(g.Bands, []int32{2, 3}) {
		t.Errorf("bands [0,5) [5,10] = %v, want [2 3]", g.Bands)
	}
	// critical band 2 points: [4,6) holds 4.5; [5.5,7.5) holds 6 and 6; [6.5,8.5) none
	if g.Critical != [3]int32{1, 2, 0} {
		t.Errorf("critical = %v, want [1 2 0]", g.Critical)
	}
}

func TestCountySchoolClassStatisticsByHand(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	jia := r.find(t, County, "甲县", "", "", "数学")
	near(t, "甲县 mean", jia.Mean, 6.625, 1e-12)
	near(t, "甲县 超均率 vs region 5.5", jia.OverMeanRate, 0.2045454545, 1e-9)
	near(t, "甲县 T = 50+10(6.625-5.5)/2.898", jia.TScore, 53.8816187713, 1e-9)
	yi := r.find(t, County, "乙县", "", "", "数学")
	if yi.N != 1 || yi.Absent != 1 {
		t.Errorf("乙县 n=%d absent=%d, want 1 and 1", yi.N, yi.Absent)
	}
	one := r.find(t, School, "甲县", "二中", "", "数学")
	if one.N != 1 || one.SD != 0 || one.Median != 4.5 || one.Q1 != 4.5 || one.Q3 != 4.5 {
		t.Errorf("二中 (one student, 4.5): %+v", one)
	}
	near(t, "二中 超均率 vs 甲县 6.625", one.OverMeanRate, -0.3207547170, 1e-9)
	cls := r.find(t, Class, "甲县", "二中", "1班", "数学")
	near(t, "class of one pass rate", cls.PassRate, 0, 0)
	near(t, "class of one 超均率 vs its school", cls.OverMeanRate, 0, 0)
	c1 := r.find(t, Class, "甲县", "一中", "1班", "数学")
	near(t, "一中1班 mean", c1.Mean, 8, 1e-12)
	near(t, "一中1班 sd", c1.SD, 2, 1e-12)
	// two scores 6 and 10: h = 0.25, 0.5, 0.75 of the gap
	near(t, "一中1班 q1", c1.Q1, 7, 1e-12)
	near(t, "一中1班 median", c1.Median, 8, 1e-12)
	near(t, "一中1班 q3", c1.Q3, 9, 1e-12)
	near(t, "一中1班 超均率 vs 一中 (22/3)", c1.OverMeanRate, 8/(22.0/3)-1, 1e-12)
}

func TestTotalCountsOnlyStudentsWithEverySubject(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	g := r.find(t, Region, "", "", "", TotalName)
	if g.N != 5 || g.Absent != 1 {
		t.Fatalf("total n=%d absent=%d, want 5 and 1", g.N, g.Absent)
	}
	near(t, "total mean (18+15+12+9.5+8.5)/5", g.Mean, 12.6, 1e-12)
	near(t, "total pass rate (>= 12 of 20)", g.PassRate, 0.6, 1e-12)
	if r.Full[len(r.Full)-1] != 40 {
		t.Errorf("total full = %d half-points, want 40", r.Full[len(r.Full)-1])
	}
	yu := r.find(t, Region, "", "", "", "语文")
	if yu.N != 6 || yu.Absent != 0 {
		t.Errorf("语文 n=%d absent=%d: S6 sat 语文", yu.N, yu.Absent)
	}
}

func TestStudentRanksTiesAndPercentile(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	math0 := 0
	want := map[string]struct {
		region, class int32
		pr            float64
	}{
		"S1": {1, 1, 90}, // below 4, equal 1: 100·4.5/5
		"S2": {2, 2, 60}, // tie with S3: both rank 2, PR 100·(2+1)/5
		"S3": {2, 1, 60},
		"S4": {4, 1, 30},
		"S5": {5, 1, 10},
	}
	for id, w := range want {
		i := r.studentIndex(t, id)
		if got := r.StudentRank(Region, math0, i); got != w.region {
			t.Errorf("%s region rank = %d, want %d", id, got, w.region)
		}
		if got := r.StudentRank(Class, math0, i); got != w.class {
			t.Errorf("%s class rank = %d, want %d", id, got, w.class)
		}
		near(t, id+" PR", r.percentile(math0, r.Score[math0][i]), w.pr, 1e-12)
	}
	s1 := r.studentIndex(t, "S1")
	near(t, "S1 z = 4.5/2.898", r.zScore(math0, r.Score[math0][s1]), 1.5526475085, 1e-9)
	s6 := r.studentIndex(t, "S6")
	if r.Score[math0][s6] != -1 || r.StudentRank(Region, math0, s6) != 0 {
		t.Errorf("absent S6 has a 数学 score or rank")
	}
	if got := r.StudentRank(County, len(r.Names)-1, r.studentIndex(t, "S5")); got != 1 {
		t.Errorf("S5 total rank in 乙县 = %d, want 1 (S6 has no total)", got)
	}
}

func TestKnowledgeAndAbilityRates(t *testing.T) {
	r := analyzeCSV(t, fixtureItems, fixtureScores, fixtureSettings())
	if !slices.Equal(r.Knowledge[0], []string{"代数", "几何"}) {
		t.Fatalf("knowledge points = %v", r.Knowledge[0])
	}
	g := r.find(t, Region, "", "", "", "数学")
	// 代数: items 1 and 3, (6 + 17.5) / (5 · 8); 几何: items 2 and 3, (4 + 17.5) / 40
	near(t, "代数", r.KnowledgeRates(g)[0], 0.5875, 1e-12)
	near(t, "几何", r.KnowledgeRates(g)[1], 0.5375, 1e-12)
	near(t, "了解 (item 1)", r.AbilityRates(g)[0], 0.6, 1e-12)
	near(t, "item 3 rate", r.ItemRates(g)[2], 17.5/30, 1e-12)
	c := r.find(t, Class, "甲县", "一中", "1班", "数学")
	near(t, "一中1班 代数 (2+2+6+4)/(2·8)", r.KnowledgeRates(c)[0], 14.0/16, 1e-12)
}

func TestScoreBandsPutFullMarksInTopBand(t *testing.T) {
	s := fixtureSettings()
	s.BandWidth = 3 // bands [0,3) [3,6) [6,9) [9,10]
	r := analyzeCSV(t, fixtureItems, fixtureScores, s)
	g := r.find(t, Region, "", "", "", "数学")
	if !slices.Equal(g.Bands, []int32{1, 1, 2, 1}) {
		t.Errorf("bands = %v, want [1 1 2 1]", g.Bands)
	}
	if e := r.bandEdges(0); !slices.Equal(e, []float64{0, 3, 6, 9, 10}) {
		t.Errorf("band edges = %v", e)
	}
}
