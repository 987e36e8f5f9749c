// Package gen writes deterministic synthetic exams for tests and benchmarks:
// an ITEMS file, a SCORES file (one row per student per subject) and a PRIOR
// file for value-added. The same size and seed always give the same bytes.
package gen

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Size describes a synthetic region.
type Size struct {
	Name             string
	Students         int
	Counties         int
	Schools          int // spread evenly over counties
	ClassesPerSchool int
	Subjects         int
	Objective        int // objective items per subject, 3 points each
	Subjective       int // subjective items per subject
}

// Sizes are the named sizes of the benchmarks.
var Sizes = map[string]Size{
	"small":     {"small", 2000, 3, 24, 4, 3, 10, 5},
	"city-100k": {"city-100k", 100000, 10, 400, 6, 9, 15, 10},
	"city-500k": {"city-500k", 500000, 10, 2000, 6, 9, 15, 10},
}

// SubjectNames are used in order; sizes with more subjects get 科目10 ...
var SubjectNames = []string{"语文", "数学", "英语", "物理", "化学", "生物", "政治", "历史", "地理"}

var subjectiveFull = []int{8, 8, 10, 10, 10, 12, 12, 12, 12, 11}
var abilities = []string{"了解", "理解", "应用", "综合"}

// Files names the files written by WriteFiles.
type Files struct{ Items, Scores, Prior string }

// WriteFiles writes items.csv, scores.csv and prior.csv into dir.
func WriteFiles(dir string, sz Size, seed uint64) (Files, error) {
	f := Files{filepath.Join(dir, "items.csv"), filepath.Join(dir, "scores.csv"), filepath.Join(dir, "prior.csv")}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return f, err
	}
	ex := newExam(sz, seed)
	for _, w := range []struct {
		path string
		fn   func(*bufio.Writer)
	}{{f.Items, ex.writeItems}, {f.Scores, ex.writeScores}, {f.Prior, ex.writePrior}} {
		if err := writeBuffered(w.path, w.fn); err != nil {
			return f, err
		}
	}
	return f, nil
}

func writeBuffered(path string, fn func(*bufio.Writer)) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	fn(w)
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

type item struct {
	full       int // points
	objective  bool
	difficulty float64
}

// exam holds the latent structure: each student's ability per subject.
type exam struct {
	sz       Size
	seed     uint64
	subjects [][]item
	ability  []float32 // student*subjects + s
	class    []int32   // per student: class within school
}

func newExam(sz Size, seed uint64) *exam {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	ex := &exam{sz: sz, seed: seed}
	for s := 0; s < sz.Subjects; s++ {
		var items []item
		for j := 0; j < sz.Objective+sz.Subjective; j++ {
			it := item{full: 3, objective: j < sz.Objective, difficulty: rng.NormFloat64()*0.8 - 0.3}
			if !it.objective {
				it.full = subjectiveFull[(j-sz.Objective)%len(subjectiveFull)]
			}
			items = append(items, it)
		}
		ex.subjects = append(ex.subjects, items)
	}
	ex.latent(rng)
	return ex
}

// latent draws county, school and class effects and each student's abilities.
func (ex *exam) latent(rng *rand.Rand) {
	sz := ex.sz
	county := normals(rng, sz.Counties, 0.25)
	school := normals(rng, sz.Schools, 0.35)
	class := normals(rng, sz.Schools*sz.ClassesPerSchool, 0.2)
	ex.ability = make([]float32, sz.Students*sz.Subjects)
	ex.class = make([]int32, sz.Students)
	for i := 0; i < sz.Students; i++ {
		sc, k := ex.unit(i)
		c := sc * sz.Counties / sz.Schools
		ex.class[i] = int32(k)
		g := county[c] + school[sc] + class[sc*sz.ClassesPerSchool+k] + rng.NormFloat64()*0.8
		for s := 0; s < sz.Subjects; s++ {
			ex.ability[i*sz.Subjects+s] = float32(g + rng.NormFloat64()*0.5)
		}
	}
}

// unit returns the school and the class within it of student i.
func (ex *exam) unit(i int) (school, class int) {
	sz := ex.sz
	school = i * sz.Schools / sz.Students
	first := (school*sz.Students + sz.Schools - 1) / sz.Schools
	next := ((school+1)*sz.Students + sz.Schools - 1) / sz.Schools
	return school, (i - first) * sz.ClassesPerSchool / max(next-first, 1)
}

func normals(rng *rand.Rand, n int, sd float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = rng.NormFloat64() * sd
	}
	return out
}

func subjectName(s int) string {
	if s < len(SubjectNames) {
		return SubjectNames[s]
	}
	return "科目" + strconv.Itoa(s+1)
}

func (ex *exam) writeItems(w *bufio.Writer) {
	w.WriteString("科目,题号,满分,题型,知识点,能力层级\n")
	for s, items := range ex.subjects {
		for j, it := range items {
			kind := "主观"
			if it.objective {
				kind = "客观"
			}
			kp := fmt.Sprintf("知识点%d", j%6+1)
			if j%4 == 0 {
				kp += "；知识点" + strconv.Itoa(j%3+7)
			}
			fmt.Fprintf(w, "%s,%d,%d,%s,%s,%s\n", subjectName(s), j+1, it.full, kind, kp, abilities[j%len(abilities)])
		}
	}
}

// writeScores writes one row per student per subject, grouped by subject.
// About 0.5% of rows are marked absent and 1% of item cells are blank.
func (ex *exam) writeScores(w *bufio.Writer) {
	sz := ex.sz
	w.WriteString("考号,县区,学校,班级,科目,缺考")
	for j := 0; j < sz.Objective+sz.Subjective; j++ {
		fmt.Fprintf(w, ",第%d题", j+1)
	}
	w.WriteByte('\n')
	var line []byte
	for s := 0; s < sz.Subjects; s++ {
		rng := rand.New(rand.NewPCG(ex.seed, uint64(s+1)))
		for i := 0; i < sz.Students; i++ {
			line = ex.scoreRow(line[:0], rng, i, s)
			w.Write(line)
		}
	}
}

func (ex *exam) prefix(b []byte, i int) []byte {
	sc, k := ex.unit(i)
	c := sc * ex.sz.Counties / ex.sz.Schools
	b = fmt.Appendf(b, "S%08d,县区%02d,学校%04d,%02d班,", i+1, c+1, sc+1, k+1)
	return b
}

func (ex *exam) scoreRow(b []byte, rng *rand.Rand, i, s int) []byte {
	b = ex.prefix(b, i)
	b = append(b, subjectName(s)...)
	theta := float64(ex.ability[i*ex.sz.Subjects+s])
	if rng.IntN(200) == 0 {
		b = append(b, ",1"...)
		for range ex.subjects[s] {
			b = append(b, ',')
		}
		return append(b, '\n')
	}
	b = append(b, ',')
	for _, it := range ex.subjects[s] {
		b = append(b, ',')
		if rng.IntN(100) == 0 {
			continue
		}
		b = appendHalf(b, itemScore(rng, it, theta))
	}
	return append(b, '\n')
}

// itemScore returns a half-point score: objective items are right (full) with
// a logistic probability; subjective items score a noisy share of full.
func itemScore(rng *rand.Rand, it item, theta float64) int {
	p := 1 / (1 + math.Exp(-1.3*(theta-it.difficulty)))
	if it.objective {
		if rng.Float64() < p {
			return 2 * it.full
		}
		return 0
	}
	share := min(max(p+rng.NormFloat64()*0.15, 0), 1)
	return int(math.Round(share * float64(2*it.full)))
}

func appendHalf(b []byte, h int) []byte {
	b = strconv.AppendInt(b, int64(h/2), 10)
	if h%2 == 1 {
		b = append(b, '.', '5')
	}
	return b
}

// writePrior writes an earlier total per student and subject, correlated with
// the current ability; 1% of students have no prior row.
func (ex *exam) writePrior(w *bufio.Writer) {
	w.WriteString("考号,科目,成绩\n")
	rng := rand.New(rand.NewPCG(ex.seed, 0xabcdef))
	for s := 0; s < ex.sz.Subjects; s++ {
		for i := 0; i < ex.sz.Students; i++ {
			if rng.IntN(100) == 0 {
				continue
			}
			th := float64(ex.ability[i*ex.sz.Subjects+s])*0.85 + rng.NormFloat64()*0.5
			score := 150 / (1 + math.Exp(-th))
			fmt.Fprintf(w, "S%08d,%s,", i+1, subjectName(s))
			w.Write(appendHalf(nil, int(math.Round(score*2))))
			w.WriteByte('\n')
		}
	}
}
