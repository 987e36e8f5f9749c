package liaison

import (
	"context"
	"math"
	"strings"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
)

// Training kinds: a researcher's own training (学时) and research activity.
const (
	KindTraining = "training"
	KindResearch = "research"
)

// KindNames are the Chinese names of training kinds.
var KindNames = map[string]string{KindTraining: "参加培训", KindResearch: "教研/科研活动"}

// Training is one entry of a researcher's own learning: a programme with
// its hours (学时), or a research activity, on a date.
type Training struct {
	ID             int64
	ResearcherID   int64
	ResearcherName string
	Kind           string
	Program        string
	Hours          int
	Date           string
	Term           dict.Term
	Version        int
}

// Validate checks an entry as a form gives it.
func (t *Training) Validate(today time.Time) error {
	t.Program = strings.TrimSpace(t.Program)
	d, err := time.Parse("2006-01-02", t.Date)
	switch {
	case KindNames[t.Kind] == "":
		return app.Invalid("kind", "请选择类别")
	case t.Program == "":
		return app.Invalid("program", "请填写培训项目或活动名称")
	case t.Hours < 0 || t.Hours > 400:
		return app.Invalid("hours", "学时应在 0 到 400 之间")
	case t.Kind == KindTraining && t.Hours == 0:
		return app.Invalid("hours", "参加培训须填写学时")
	case err != nil:
		return app.Invalid("date", "请填写日期，如 2025-09-01")
	case d.After(today.AddDate(0, 0, 1)):
		return app.Invalid("date", "不能记录未来的培训")
	}
	return nil
}

// SaveTraining records a training entry for a researcher (own, or anyone's
// in scope with liaison.manage).
func (s *Service) SaveTraining(ctx context.Context, actor app.Actor, t Training) (int64, error) {
	if err := t.Validate(today(s)); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		if err := canWrite(ctx, tx, actor, t.ResearcherID); err != nil {
			return err
		}
		var region string
		if err := tx.QueryRow(ctx, `SELECT p.name, o.region_code FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`,
			t.ResearcherID).Scan(&t.ResearcherName, &region); err != nil {
			return err
		}
		d, _ := time.Parse("2006-01-02", t.Date)
		t.Term = s.termOf(ctx, region, d)
		if err := s.insertTraining(ctx, tx, actor, &t); err != nil {
			return err
		}
		return record(ctx, tx, actor, "training.create", "training", t.ID, "记录培训："+t.ResearcherName+" "+t.Program, nil,
			audit.Snapshot{"类别": KindNames[t.Kind], "项目": t.Program, "学时": itoa(t.Hours), "日期": t.Date, audit.VersionKey: "1"})
	})
	return t.ID, err
}

// kindCategory is the ledger category a training kind is written as.
var kindCategory = map[string]string{KindTraining: credit.CategoryCentralized, KindResearch: credit.CategoryActivity}

// insertTraining writes the entry into the credit ledger as an approved
// item: a researcher's own record needs no 认定.
func (s *Service) insertTraining(ctx context.Context, tx *db.Tx, actor app.Actor, t *Training) error {
	var err error
	t.ID, err = credit.Add(ctx, tx, credit.Entry{PersonID: t.ResearcherID, SchoolYear: t.Term.Year, Half: int(t.Term.Half),
		Date: t.Date, Category: kindCategory[t.Kind], Title: t.Program, Hours: float64(t.Hours), Source: SourceTraining,
		State: credit.StateApproved, CreatedBy: actor.Username, CreatedAt: s.now().UnixMilli()})
	return err
}

// SaveTrainings records many training entries in one transaction with one
// audit row, each checked as SaveTraining checks it; all or none.
func (s *Service) SaveTrainings(ctx context.Context, actor app.Actor, ts []Training) (int, error) {
	for i := range ts {
		if err := ts[i].Validate(today(s)); err != nil {
			return 0, batchErr(i, err)
		}
	}
	terms := s.termCache()
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		for i := range ts {
			t := &ts[i]
			if err := canWrite(ctx, tx, actor, t.ResearcherID); err != nil {
				return batchErr(i, err)
			}
			var region string
			if err := tx.QueryRow(ctx, `SELECT o.region_code FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ?`,
				t.ResearcherID).Scan(&region); err != nil {
				return err
			}
			d, _ := time.Parse("2006-01-02", t.Date)
			t.Term = terms(ctx, region, d)
			if err := s.insertTraining(ctx, tx, actor, t); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "training.import", ObjectType: "training",
			Summary: "批量记录培训 " + itoa(len(ts)) + " 条"})
	})
	if err != nil {
		return 0, err
	}
	return len(ts), nil
}

// trainingOf reads a ledger entry as a training entry: hours of a training
// category are 参加培训, anything else an activity.
func trainingOf(e credit.Entry) Training {
	kind := KindResearch
	if e.Group == credit.GroupTraining {
		kind = KindTraining
	}
	return Training{ID: e.ID, ResearcherID: e.PersonID, ResearcherName: e.PersonName, Kind: kind, Program: e.Title,
		Hours: int(math.Round(e.Hours)), Date: e.Date, Term: dict.Term{Year: e.SchoolYear, Half: dict.Half(e.Half)}, Version: e.Version}
}

// FindTraining lists a researcher's approved ledger entries (their own
// records and any other source's) in a 学年 (0: all), newest first.
// The researcher must be the actor or a person in the actor's scope.
func (s *Service) FindTraining(ctx context.Context, actor app.Actor, researcherID int64, year int) ([]Training, error) {
	if err := actor.Require(PermVisitView); err != nil {
		return nil, err
	}
	if researcherID != actor.PersonID {
		if _, err := s.Org.FindPersonByID(ctx, actor, researcherID); err != nil {
			return nil, err
		}
	}
	var out []Training
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		es, err := credit.FindEntries(ctx, tx, credit.Filter{PersonID: researcherID, SchoolYear: year, State: credit.StateApproved})
		for _, e := range es {
			out = append(out, trainingOf(e))
		}
		return err
	})
	return out, err
}
