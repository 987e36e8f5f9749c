package plan

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"
)

var (
	benchSubjects = []string{"语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "政治", "音乐", "美术", "体育"}
	benchStages   = []string{"primary", "junior", "senior", "vocational"}
)

// bigReview builds a reviewer instance the size of a city's annual 课题 round.
// Experts list one or two subjects (about 1/8 of experts fit a submission), or,
// with dense, every subject of a small set (nearly every pair is eligible).
func bigReview(nSub, nExp int, dense bool) *ReviewProblem {
	rng := rand.New(rand.NewPCG(uint64(nSub), uint64(nExp)))
	subjects := benchSubjects
	if dense {
		subjects = subjects[:1]
	}
	p := &ReviewProblem{K: 3}
	for j := range nExp {
		e := Expert{ID: fmt.Sprintf("E%05d", j), School: fmt.Sprintf("S%04d", rng.IntN(800)),
			County: fmt.Sprintf("C%02d", rng.IntN(12)), MaxLoad: 12 + rng.IntN(17), Senior: rng.IntN(4) == 0}
		e.Subjects = []string{subjects[rng.IntN(len(subjects))]}
		if rng.IntN(2) == 0 && !dense {
			e.Subjects = append(e.Subjects, subjects[rng.IntN(len(subjects))])
		}
		e.Stages = []string{benchStages[rng.IntN(4)], benchStages[rng.IntN(4)]}
		p.Experts = append(p.Experts, e)
	}
	for i := range nSub {
		p.Submissions = append(p.Submissions, Submission{ID: fmt.Sprintf("P%05d", i),
			Subject: subjects[rng.IntN(len(subjects))], Stage: benchStages[rng.IntN(4)],
			School: fmt.Sprintf("S%04d", rng.IntN(800)), County: fmt.Sprintf("C%02d", rng.IntN(12)),
			Authors: []string{fmt.Sprintf("T%06d", rng.IntN(100000))}})
	}
	return p
}

// cpuSeconds is the process's user+system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func benchReview(b *testing.B, p *ReviewProblem) {
	b.ReportAllocs()
	start := cpuSeconds()
	var plan *ReviewPlan
	for b.Loop() {
		var err error
		if plan, err = SolveReview(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-start)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(plan.Pairs), "pairs")
	b.ReportMetric(float64(len(plan.Unassigned)), "short")
}

func BenchmarkReview5000x1000(b *testing.B) { benchReview(b, bigReview(5000, 1000, false)) }

func BenchmarkReview5000x1000Dense(b *testing.B) { benchReview(b, bigReview(5000, 1000, true)) }

func BenchmarkReview5000x1000Balanced(b *testing.B) {
	p := bigReview(5000, 1000, false)
	p.Options.BalanceLoad = true
	benchReview(b, p)
}

func BenchmarkReview5000x1000AllOptions(b *testing.B) {
	p := bigReview(5000, 1000, false)
	p.Options = ReviewOptions{AvoidSameCounty: true, DistinctCounties: true, RequireSenior: true, BalanceLoad: true}
	benchReview(b, p)
}

func BenchmarkReview20000x3000(b *testing.B) { benchReview(b, bigReview(20000, 3000, false)) }

// bigRotation is a city-sized 蹲点视导 round: 300 researchers, 1,100 schools.
func bigRotation(nR, nS, T int) *RotationProblem {
	rng := rand.New(rand.NewPCG(uint64(nR), uint64(nS)))
	p := &RotationProblem{Terms: T}
	for s := range nS {
		p.Schools = append(p.Schools, RotationSchool{ID: fmt.Sprintf("S%04d", s), Stage: benchStages[rng.IntN(3)], County: fmt.Sprintf("C%02d", rng.IntN(12))})
	}
	for r := range nR {
		p.Researchers = append(p.Researchers, RotationResearcher{ID: fmt.Sprintf("R%03d", r), Stage: benchStages[rng.IntN(3)], County: fmt.Sprintf("C%02d", rng.IntN(12))})
	}
	return p
}

func BenchmarkRotation300x1100x4(b *testing.B) {
	p := bigRotation(300, 1100, 4)
	b.ReportAllocs()
	start := cpuSeconds()
	var plan *RotationPlan
	for b.Loop() {
		var err error
		if plan, err = SolveRotation(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-start)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(plan.Uncovered)), "uncovered")
	b.ReportMetric(float64(plan.MaxVisits), "max-visits")
}

// BenchmarkReview5000x1000Scored gives every subject-fit pair an explicit
// score in 0..1000, so shortest-path lengths take many distinct values and
// the solver runs many more phases than with the default 1-3 affinities.
func BenchmarkReview5000x1000Scored(b *testing.B) {
	p := bigReview(5000, 1000, false)
	rng := rand.New(rand.NewPCG(7, 7))
	for _, s := range p.Submissions {
		for _, e := range p.Experts {
			if slices.Contains(e.Subjects, s.Subject) {
				p.Affinities = append(p.Affinities, Affinity{s.ID, e.ID, rng.IntN(1001)})
			}
		}
	}
	benchReview(b, p)
}

// BenchmarkLiaison300x1100 links a city's researchers to its rural and weak
// schools, with coordinates for all of them.
func BenchmarkLiaison300x1100(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 3))
	p := &LiaisonProblem{MaxSchools: 4}
	coord := func() (*float64, *float64) {
		lat, lon := 27.0+rng.Float64()*1.5, 119.6+rng.Float64()*1.5
		return &lat, &lon
	}
	for r := range 300 {
		res := LiaisonResearcher{ID: fmt.Sprintf("R%03d", r), Stage: benchStages[rng.IntN(3)], County: fmt.Sprintf("C%02d", rng.IntN(12))}
		res.Lat, res.Lon = coord()
		p.Researchers = append(p.Researchers, res)
	}
	for s := range 1100 {
		sc := TargetSchool{ID: fmt.Sprintf("S%04d", s), Kind: "rural", Stage: benchStages[rng.IntN(3)], County: fmt.Sprintf("C%02d", rng.IntN(12))}
		sc.Lat, sc.Lon = coord()
		p.Schools = append(p.Schools, sc)
	}
	b.ReportAllocs()
	start := cpuSeconds()
	var plan *LiaisonPlan
	for b.Loop() {
		var err error
		if plan, err = SolveLiaison(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-start)/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(plan.Uncovered)), "uncovered")
}

// BenchmarkCLIReview5000x1000 is the whole command: read JSON, solve, write
// the plan as JSON and as xlsx.
func BenchmarkCLIReview5000x1000(b *testing.B) {
	dir := b.TempDir()
	in := filepath.Join(dir, "p.json")
	f, err := os.Create(in)
	if err != nil {
		b.Fatal(err)
	}
	encodeJSON(f, bigReview(5000, 1000, false))
	f.Close()
	for _, out := range []string{"plan.json", "plan.xlsx"} {
		b.Run(out, func(b *testing.B) {
			start := cpuSeconds()
			for b.Loop() {
				if err := RunCLI(context.Background(), []string{"review", "--in", in, "--out", filepath.Join(dir, out)}, io.Discard, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cpuSeconds()-start)/float64(b.N), "cpu-s/op")
		})
	}
}
