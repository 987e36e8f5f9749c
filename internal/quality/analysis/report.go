package analysis

import (
	"context"
	"math"
)

// TotalName is the subject name under which the total over all subjects is reported.
const TotalName = "总分"

// Report is the result of an analysis. Score index v runs over the subjects in
// exam order and then the total (v == len(Exam.Subjects)).
type Report struct {
	Data     *Dataset
	Settings Settings
	Names    []string // per v
	Full     []int32  // per v, half-points

	Groups    []GroupStat   // ordered by level, group, v
	Score     [][]int32     // per v, per student: half-points, -1 when not scored
	Hist      [][]int32     // per v: region count of each half-point score
	Items     [][]ItemStat  // per subject, per item
	Subjects  []SubjectStat // per subject
	Value     []ValueAdded  // schools then classes, per subject
	Knowledge [][]string    // per subject: knowledge points in first-seen order
	Ability   [][]string    // per subject: ability levels in first-seen order

	groupBase [numLevels]int       // index in Groups of (level, group 0, v 0)
	texts     *scoreTexts          // per-score JSON texts of student figures, built lazily
	rank      [numLevels][][]int32 // school and class: per v, per student rank (see StudentRank)
	above     [numLevels][][]int32 // region and county: per v, group*(full+1)+score: higher scores
	itemSums  [][numLevels][]int64 // per subject, per level: group*k + item score sums
	kpItems   [][][]int            // per subject, per knowledge point: its items
	abItems   [][][]int            // per subject, per ability level: its items
	scratches [3][]int32           // per-student work arrays reused across subjects
	rateBuf   []float64            // reused by the JSON writer
}

// GroupStat holds the statistics of one group for one subject (or the total).
// Scores are in points; rates are fractions in [0,1]; NaN means undefined.
type GroupStat struct {
	Level                  Level
	Group                  int32
	V                      int
	N, Absent              int
	Mean, SD               float64
	Min, Max               float64
	Median, Q1, Q3         float64
	PassRate, GoodRate     float64
	ExcellentRate, LowRate float64
	OverMeanRate           float64  // 超均率 against the parent group; NaN for the region
	TScore                 float64  // 标准分: 50 + 10·(mean - region mean)/region SD
	Bands                  []int32  // 分数段 counts, lowest band first
	Critical               [3]int32 // 临界生 below the pass, good and excellent lines
}

// Analyze computes every figure of the report. It returns EINVALID for bad
// settings, honours ctx between stages and does not modify ds.
func Analyze(ctx context.Context, ds *Dataset, set Settings) (*Report, error) {
	return analyze(ctx, ds, set, false, nil)
}

// AnalyzeAndFree is Analyze for a caller that is done with the item cells of
// ds: they are freed as soon as the item statistics are computed, before the
// group statistics allocate theirs, which lowers the peak memory of a large
// exam by about a fifth. SubjectData.Cells must not be called afterwards.
func AnalyzeAndFree(ctx context.Context, ds *Dataset, set Settings) (*Report, error) {
	return analyze(ctx, ds, set, true, nil)
}

// Stage is a step of an analysis, as a progress report names it.
type Stage int

// The stages, in the order they run.
const (
	StageItems      Stage = iota // 题目指标 of one subject
	StageGroups                  // 群体指标 of one subject or the total
	StageValueAdded              // 增值评价 of every subject
)

// StageFunc is told as each step begins: its stage and its score index
// (a subject, len(Report.Names)-1 for the total, -1 for value-added).
type StageFunc func(stage Stage, v int)

// AnalyzeAndFreeSteps is AnalyzeAndFree that tells step as each step
// begins; the figures are the same.
func AnalyzeAndFreeSteps(ctx context.Context, ds *Dataset, set Settings, step StageFunc) (*Report, error) {
	return analyze(ctx, ds, set, true, step)
}

func analyze(ctx context.Context, ds *Dataset, set Settings, free bool, step StageFunc) (*Report, error) {
	if err := set.Validate(); err != nil {
		return nil, err
	}
	if step == nil {
		step = func(Stage, int) {}
	}
	r := newReport(ds, set)
	for s := range ds.Subjects {
		step(StageItems, s)
		r.itemRates(s, r.subjectPass(s))
		r.discrimination(s)
		if free {
			ds.Subjects[s].chunks = nil
		}
	}
	r.totals()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for v := range r.Names {
		step(StageGroups, v)
		r.groupStats(v)
	}
	r.overMean()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if ds.Prior != nil {
		step(StageValueAdded, -1)
		r.valueAdded()
	}
	return r, nil
}

func newReport(ds *Dataset, set Settings) *Report {
	S := len(ds.Exam.Subjects)
	r := &Report{Data: ds, Settings: set}
	for _, s := range ds.Exam.Subjects {
		r.Names = append(r.Names, s.Name)
		r.Full = append(r.Full, s.Full)
	}
	var total int32
	for _, f := range r.Full {
		total += f
	}
	r.Names = append(r.Names, TotalName)
	r.Full = append(r.Full, total)
	r.Score = make([][]int32, S+1)
	r.Hist = make([][]int32, S+1)
	for l := range r.rank {
		r.rank[l] = make([][]int32, S+1)
		r.above[l] = make([][]int32, S+1)
	}
	n := 0
	for l := Region; l < numLevels; l++ {
		r.groupBase[l] = n
		n += ds.numGroups(l) * (S + 1)
	}
	r.Groups = make([]GroupStat, n)
	r.Items = make([][]ItemStat, S)
	r.Subjects = make([]SubjectStat, S)
	r.Knowledge, r.Ability = make([][]string, S), make([][]string, S)
	r.itemSums = make([][numLevels][]int64, S)
	r.kpItems, r.abItems = make([][][]int, S), make([][][]int, S)
	return r
}

// scratch returns work array i with one entry per student; its contents are
// whatever the previous user left.
func (r *Report) scratch(i int) []int32 {
	if r.scratches[i] == nil {
		r.scratches[i] = make([]int32, len(r.Data.Students))
	}
	return r.scratches[i]
}

// group returns the statistics of group g at level l for score v.
func (r *Report) group(l Level, g int32, v int) *GroupStat {
	return &r.Groups[r.groupBase[l]+int(g)*len(r.Names)+v]
}

// totals builds the total score of students scored in every subject.
func (r *Report) totals() {
	S := len(r.Data.Subjects)
	tot := make([]int32, len(r.Data.Students))
	for st := range tot {
		for s := 0; s < S; s++ {
			x := r.Score[s][st]
			if x < 0 {
				tot[st] = -1
				break
			}
			tot[st] += x
		}
	}
	r.Score[S] = tot
}

// pointStats returns mean and population SD in points of n scores with the
// given sums in half-points.
func pointStats(n int, sum, sumsq int64) (mean, sd float64) {
	if n == 0 {
		return math.NaN(), math.NaN()
	}
	nf := float64(n)
	mean = float64(sum) / nf / 2
	num := mulSub(int64(n), sumsq, sum, sum)
	sd = math.Sqrt(num) / nf / 2
	return mean, sd
}

// GroupNames returns the county, school and class names of group g at level l
// (empty strings above the group's level).
func (r *Report) GroupNames(l Level, g int32) (county, school, class string) {
	return r.Data.groupNames(l, g)
}
