package report

import (
	"context"
	"fmt"
	"sort"
	"time"

	"jiaoyan/internal/activity"
	"jiaoyan/internal/app"
	"jiaoyan/internal/credit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/liaison"
)

// Quota is one researcher's figures on the dashboard: the workload card of
// the term's 学年 and the on-site days of the term.
type Quota struct {
	Card
	TermDays  int
	TermMet   bool   // on-site days of the term meet the rule (or no rule)
	TermRule  string // "20 天" or 未设定要求
	TermGap   string
	TermColor string
}

// Dashboard is the 工作量看板 of a region for a 学期.
type Dashboard struct {
	Region   string
	Term     dict.Term
	Coverage []liaison.CoverageRow
	Met      int     // 专职教研员 meeting the on-site days of the term
	NotMet   int     // and not
	NoRule   int     // whose region sets no on-site day rule for the 学年
	Quotas   []Quota // every 专职教研员, worst first
	// At is when these figures were computed. Recomputing says a rule in
	// force for them has changed since and a rebuild is under way: the
	// figures are the last ones (shown with "正在重新计算").
	At          time.Time
	Recomputing bool
	RebuildJob  int64 // the kit job rebuilding the figures while Recomputing, 0 when none is known
}

// Dashboard gathers the region's figures for a 学期, limited to the actor's
// scope: coverage of rural and weak schools by county in the 学年, on-site
// day compliance of 专职教研员 in the term, and every 专职教研员's card, worst
// first (most unmet rules, then fewest days). region "" means the whole
// scope. Needs visit.view.
//
// The result is kept in this process for the scope, region, term and day,
// and reused while report_version and policy_version (raised by triggers on
// every write the dashboard reads, migrations 0034, 0035 and 0059) stay: a
// city's dashboard then costs one read of two numbers. A visit, ledger,
// organisation or researcher write recomputes it at the next request. A
// rule change does not hold the page up: dashboards whose rules in force
// did not change are relabelled, the others are rebuilt in the background
// (rebuildDashboard) and meanwhile shown with their last figures, their time
// and Recomputing. The result is shared: a caller must not change it.
func (s *Service) Dashboard(ctx context.Context, actor app.Actor, region string, term dict.Term) (Dashboard, error) {
	return s.DashboardWith(ctx, actor, region, term, nil)
}

// DashboardWith is Dashboard whose rebuild after a rule change runs as a
// kit job started by start (nil: in a goroutine); the dashboard returned
// meanwhile names the job in RebuildJob, for the page to link to its
// progress.
func (s *Service) DashboardWith(ctx context.Context, actor app.Actor, region string, term dict.Term, start JobStarter) (Dashboard, error) {
	if err := actor.Require(liaison.PermVisitView); err != nil {
		return Dashboard{}, err
	}
	key := dashboardKey{db: s.DB, scope: fmt.Sprint(actor.Scope, actor.PersonID), region: region, term: term,
		day: s.today().Format("2006-01-02")}
	var at dashboardVersions
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		at, err = versionsOf(ctx, tx)
		return err
	})
	if err != nil {
		return Dashboard{}, err
	}
	v, ok := dashboardCache.Load(key)
	if !ok || v.(cachedDashboard).at.report != at.report {
		return s.computeDashboard(ctx, key, at, actor, region, term, nil)
	}
	c := v.(cachedDashboard)
	if c.at.policy == at.policy {
		return c.d, nil
	}
	// Only rules moved: are this dashboard's rules in force still the same?
	book, err := s.Policy.RuleBook(ctx, c.regions, term.Year)
	if err != nil {
		return Dashboard{}, err
	}
	if book.Fingerprint() == c.rules {
		c.at = at
		keepIfNewer(key, c)
		return c.d, nil
	}
	d := c.d
	d.Recomputing = true
	d.RebuildJob = s.rebuildDashboard(ctx, key, at, actor, region, term, start)
	return d, nil
}

// computeDashboard builds the dashboard now and keeps it at versions at,
// reporting its progress to p when it runs as a job (p nil otherwise).
func (s *Service) computeDashboard(ctx context.Context, key dashboardKey, at dashboardVersions, actor app.Actor,
	region string, term dict.Term, p Progress) (Dashboard, error) {
	d, regions, rules, err := s.buildDashboardRules(ctx, actor, region, term, p)
	if err == nil {
		keepIfNewer(key, cachedDashboard{at: at, d: d, regions: regions, rules: rules})
	}
	return d, err
}

// buildDashboard computes Dashboard from the database.
func (s *Service) buildDashboard(ctx context.Context, actor app.Actor, region string, term dict.Term) (Dashboard, error) {
	d, _, _, err := s.buildDashboardRules(ctx, actor, region, term, nil)
	return d, err
}

// buildDashboardRules computes Dashboard from the database, with the
// regions whose rules it checked and the fingerprint of those rules.
func (s *Service) buildDashboardRules(ctx context.Context, actor app.Actor, region string, term dict.Term, p Progress) (Dashboard, []string, string, error) {
	d := Dashboard{Region: region, Term: term, At: s.today()}
	progress(p, 0, 0, "正在读取覆盖、到校、学分与听课数据")
	var cards []Card
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if d.Coverage, err = liaison.RuralCoverage(ctx, tx, actor, region, term.Year); err != nil {
			return err
		}
		cards, err = figuresOf(ctx, tx, actor, region, term.Year)
		return err
	})
	if err != nil {
		return d, nil, "", err
	}
	check, book, err := s.bookCheck(ctx, cards, term.Year)
	if err != nil {
		return d, nil, "", err
	}
	for i, c := range cards {
		if i%50 == 0 {
			progress(p, i, len(cards), "正在按规则核对专职教研员")
		}
		q, err := s.quotaOf(ctx, check, c, term)
		if err != nil {
			return d, nil, "", err
		}
		d.Quotas = append(d.Quotas, q)
		switch q.TermColor {
		case liaison.Green:
			d.Met++
		case liaison.Red:
			d.NotMet++
		default:
			d.NoRule++
		}
	}
	sortWorstFirst(d.Quotas)
	return d, book.Regions(), book.Fingerprint(), nil
}

// figuresOf loads the 专职教研员 in scope and region with their figures: the
// visit figures from the maintained summaries (two reads for everyone),
// the ledger's hours and last dates (two grouped reads per 500 people) and
// the 听课评课 records (activity, one grouped read), so the cost does not
// grow by a read per researcher.
func figuresOf(ctx context.Context, tx *db.Tx, actor app.Actor, region string, year int) ([]Card, error) {
	rs, err := liaison.ResearchersInScope(ctx, tx, actor, liaison.ResearcherFilter{Kind: "fulltime", Region: region})
	if err != nil {
		return nil, err
	}
	visits, err := liaison.SummaryFigures(ctx, tx, year)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	ledger, err := credit.LedgerFiguresOf(ctx, tx, ids, year, yearEnd(year).Format("2006-01-02"))
	if err != nil {
		return nil, err
	}
	obs, err := activity.ObservationFiguresByPerson(ctx, tx, year)
	if err != nil {
		return nil, err
	}
	covered, err := coveredTyped(ctx, tx, year, 0)
	if err != nil {
		return nil, err
	}
	out := make([]Card, len(rs))
	for i, r := range rs {
		out[i] = Card{Researcher: r, Year: year, Figures: addObservations(figuresFrom(visits[r.ID], ledger[r.ID]), obs[r.ID], covered[r.ID])}
	}
	return out, nil
}

// quotaOf checks a card's figures and picks out the term's on-site days.
func (s *Service) quotaOf(ctx context.Context, check checkFunc, c Card, term dict.Term) (Quota, error) {
	var err error
	if c.Rows, err = s.cardRows(ctx, check, c.Researcher.Region, c.Year, c.Figures); err != nil {
		return Quota{}, err
	}
	i := int(term.Half) - 1
	if i < 0 || i > 1 {
		return Quota{}, fmt.Errorf("dashboard: bad term %v", term)
	}
	row := c.Rows[i] // rows 0 and 1 are the on-site days of the two terms
	return Quota{Card: c, TermDays: c.Figures.Days[i], TermMet: row.Colour != liaison.Red, TermRule: row.Rule, TermGap: row.Gap,
		TermColor: row.Colour}, nil
}

// sortWorstFirst orders by unmet rules, then fewest days in the term.
func sortWorstFirst(qs []Quota) {
	sort.SliceStable(qs, func(i, j int) bool {
		if a, b := qs[i].Unmet(), qs[j].Unmet(); a != b {
			return a > b
		}
		return qs[i].TermDays < qs[j].TermDays
	})
}
