package quality

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// ImportAnalysis is what ImportAndAnalyze did.
type ImportAnalysis struct {
	ScoresOutcome
	ReportID int64 // the report stored; 0 when the analysis did not finish
	// Reread: the file lacked some of the exam's subjects (Missing), so the
	// analysis read all the exam's stored scores back, the kept ones too.
	Reread bool
}

// The share of 100 each phase of ImportAndAnalyze ends at.
const (
	pctParsed  = 20 // reading the file
	pctWritten = 70 // writing the scores while the engine runs
)

// ImportAndAnalyze imports a scores file as ImportScores does and then
// stores the exam's report as Analyze does, in one call. When the file
// holds every subject of the papers, the engine analyses the file's scores
// while they are written, and the report is stored only after the scores
// have committed; it is the report Analyze would give over the stored
// scores. When the file lacks some subjects, the analysis reads the stored
// scores after the import. An error before the scores are written leaves
// everything as it was (zero outcome); an error after names the subjects
// written in the outcome, with ReportID 0 and the old report kept.
func (s *Service) ImportAndAnalyze(ctx context.Context, actor app.Actor, examID int64, name string, data []byte, p Progress) (ImportAnalysis, error) {
	p = progressOr(p)
	f, err := s.parseScores(ctx, actor, examID, name, data, scaled(p, 0, pctParsed))
	if err != nil {
		return ImportAnalysis{}, err
	}
	if len(f.ds.Missing) > 0 {
		out, err := s.writeScores(ctx, actor, f, scaled(p, pctParsed, 50))
		if err != nil {
			return ImportAnalysis{}, err
		}
		res := ImportAnalysis{ScoresOutcome: out, Reread: true}
		res.ReportID, err = s.Analyze(ctx, actor, examID, scaled(p, 50, 100))
		return res, err
	}
	ectx, cancel := context.WithCancel(ctx)
	defer cancel()
	engine := make(chan analysedOrErr, 1)
	go func() {
		a, err := s.runEngine(ectx, f.exam, f.ds.Regrouped(f.place), nil)
		engine <- analysedOrErr{a, err}
	}()
	out, err := s.writeScores(ctx, actor, f, scaled(p, pctParsed, pctWritten))
	if err != nil {
		cancel()
		<-engine
		return ImportAnalysis{}, err
	}
	res := ImportAnalysis{ScoresOutcome: out}
	p.Report(pctWritten, 100, "成绩已写入，正在完成分析")
	got := <-engine
	if got.err != nil {
		return res, got.err
	}
	in, err := s.inputAfterImport(ctx, actor, examID)
	if err != nil {
		return res, err
	}
	if len(in.engine.Subjects) != len(f.ds.Exam.Subjects) { // the papers changed meanwhile
		res.ReportID, err = s.Analyze(ctx, actor, examID, scaled(p, pctWritten, 100))
		return res, err
	}
	// storeAnalysis reports from pctWarnings to pctDone: map that onto pctWritten..100
	from := pctWritten - (100-pctWritten)*pctWarnings/(pctDone-pctWarnings)
	res.ReportID, err = s.storeAnalysis(ctx, actor, in, got.analysed, &stepProgress{p: scaled(p, from, 100)})
	return res, err
}

type analysedOrErr struct {
	analysed
	err error
}

// inputAfterImport loads what storing the report needs.
func (s *Service) inputAfterImport(ctx context.Context, actor app.Actor, examID int64) (analysisInput, error) {
	var in analysisInput
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		in, err = loadAnalysisInput(ctx, tx, actor, examID)
		return err
	})
	return in, err
}

// place names school i of f.ds as the stored scores are handed to the
// engine: its participating school's county and label.
func (f *parsedScores) place(i int32) (county, label string) {
	if f.labels == nil {
		f.labels = schoolLabels(f.schools)
		f.byID = make(map[int64]school, len(f.schools))
		for _, sc := range f.schools {
			f.byID[sc.ID] = sc
		}
	}
	sc := f.byID[f.ids[i]]
	return sc.County, f.labels[sc.ID]
}

// window reports a step's progress (done of total) as the share from..to
// of a whole.
type window struct {
	p        Progress
	from, to int
}

func (w window) Report(done, total int, stage string) {
	w.p.Report(max(0, w.from+(w.to-w.from)*done/max(1, total)), 100, stage)
}

// scaled is p seen by a step that runs from from% to to% of the whole.
func scaled(p Progress, from, to int) Progress { return window{progressOr(p), from, to} }
