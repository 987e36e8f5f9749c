package training

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
)

// YearBlock is one 学年 of a transcript: its approved entries and totals.
type YearBlock struct {
	Year    int
	Entries []credit.Entry
	Hours   float64
	Credits float64
}

// Transcript is a person's 学分证明 over the cycle holding a 学年: the
// approved entries by year with totals, the standing, and the bureau that
// issues it.
type Transcript struct {
	Standing Standing
	Bureau   string // 教育局 of the person's region
	Years    []YearBlock
	Hours    float64
	Credits  float64 // the ledger's sum, before caps
}

// FindStanding is a person's standing in 学年 year (see Standing).
func (s *Service) FindStanding(ctx context.Context, actor app.Actor, personID int64, year int) (Standing, error) {
	t, err := s.transcript(ctx, actor, personID, year, false)
	return t.Standing, err
}

// FindTranscript is a person's transcript for the cycle of 学年 year.
// The person must be the actor or in the actor's scope.
func (s *Service) FindTranscript(ctx context.Context, actor app.Actor, personID int64, year int) (Transcript, error) {
	return s.transcript(ctx, actor, personID, year, true)
}

func (s *Service) transcript(ctx context.Context, actor app.Actor, personID int64, year int, entries bool) (Transcript, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return Transcript{}, err
	}
	if year < 2000 || year > 2100 {
		return Transcript{}, app.Invalid("year", "学年应为 2000 至 2100 之间的年份")
	}
	var t Transcript
	m, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (member, error) { return personInScope(ctx, tx, actor, personID) })
	if err != nil {
		return t, err
	}
	pr, err := s.policyRules(ctx, m.RegionCode, year) // outside the read below: policy opens its own
	if err != nil {
		return t, err
	}
	err = s.DB.Read(ctx, func(tx *db.Tx) error {
		r, err := withCaps(ctx, tx, pr, m.RegionCode, year)
		if err != nil {
			return err
		}
		if t.Standing, err = standingOf(ctx, tx, m, year, r); err != nil || !entries {
			return err
		}
		if t.Bureau, err = bureauOf(ctx, tx, m.RegionCode); err != nil {
			return err
		}
		return t.fill(ctx, tx, personID)
	})
	return t, err
}

// standingOf measures m in year from the summaries.
func standingOf(ctx context.Context, tx *db.Tx, m member, year int, r Rules) (Standing, error) {
	c, _ := r.cycle(year)
	years, cats, err := credit.PersonSums(ctx, tx, m.ID, c.From, year)
	if err != nil {
		return Standing{}, err
	}
	st := Standing{PersonID: m.ID, Name: m.Name, OrgName: m.OrgName, Year: year, Cycle: c}
	for _, y := range years {
		st.Raw += y.Credits
		if y.SchoolYear == year {
			st.YearCredits = round2(y.Credits)
		}
	}
	st.Raw = round2(st.Raw)
	capped := map[string]float64{}
	for _, y := range cats {
		capped[y.Category] += y.Credits
	}
	names, err := categoryNames(ctx, tx)
	if err != nil {
		return st, err
	}
	return measure(st, capped, names, r), nil
}

// fill reads the approved entries of the standing's cycle up to its year.
func (t *Transcript) fill(ctx context.Context, tx *db.Tx, personID int64) error {
	c := t.Standing.Cycle
	es, err := credit.FindEntries(ctx, tx, credit.Filter{PersonID: personID, State: credit.StateApproved,
		FromYear: c.From, ToYear: t.Standing.Year})
	if err != nil {
		return err
	}
	at := map[int]int{}
	for y := c.From; y <= t.Standing.Year; y++ {
		at[y] = len(t.Years)
		t.Years = append(t.Years, YearBlock{Year: y})
	}
	for _, e := range es {
		b := &t.Years[at[e.SchoolYear]]
		b.Entries = append(b.Entries, e)
		b.Hours, b.Credits = round2(b.Hours+e.Hours), round2(b.Credits+e.Credits)
	}
	for _, b := range t.Years {
		t.Hours, t.Credits = round2(t.Hours+b.Hours), round2(t.Credits+b.Credits)
	}
	return nil
}

// bureauOf is the name of the 教育局 of region, "" when it has none.
func bureauOf(ctx context.Context, tx *db.Tx, region string) (string, error) {
	var name string
	err := tx.QueryRow(ctx, "SELECT name FROM orgs WHERE region_code = ? AND kind = 'bureau' AND active = TRUE ORDER BY id LIMIT 1",
		region).Scan(&name)
	if db.IsNoRows(err) {
		return "", nil
	}
	return name, err
}

// categoryNames maps the credit categories' codes to their names.
func categoryNames(ctx context.Context, tx *db.Tx) (map[string]string, error) {
	cs, err := credit.Categories(ctx, tx, "")
	m := make(map[string]string, len(cs))
	for _, c := range cs {
		m[c.Code] = c.Name
	}
	return m, err
}
