package liaison

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
	"jiaoyan/internal/dict"
	"jiaoyan/internal/policy"
)

// MySchool is one school a researcher works in this 学期: a 联系学校 of a
// published round, or this term's 蹲点 station.
type MySchool struct {
	SchoolID   int64
	SchoolName string
	Purpose    string // PurposeLiaison or PurposeStation
	LinkID     int64
	StationID  int64
	PlanName   string // the round or station plan
	Days       int    // the researcher's on-site days at the school this term
	Rule       CardRow
}

// PurposeName is 联系学校 or 蹲点.
func (m MySchool) PurposeName() string { return PurposeNames[m.Purpose] }

// MyTerm is a researcher's 学期 at a glance (我的学校（本学期）).
type MyTerm struct {
	Researcher Researcher
	Term       dict.Term
	Today      string
	Schools    []MySchool
	TermDays   CardRow // all on-site days this term against researcher.school_days_per_term
}

// Find returns the entry for a school, if the researcher works there.
func (m MyTerm) Find(schoolID int64) (MySchool, bool) {
	for _, s := range m.Schools {
		if s.SchoolID == schoolID {
			return s, true
		}
	}
	return MySchool{}, false
}

// Prefill is the quick visit form's start for a school: today, the
// researcher, and the purpose, link or station the school is for.
func (m MyTerm) Prefill(schoolID int64) Visit {
	v := Visit{ResearcherID: m.Researcher.ID, SchoolID: schoolID, StartDate: m.Today, EndDate: m.Today, Purpose: PurposeOther}
	if s, ok := m.Find(schoolID); ok {
		v.SchoolName, v.Purpose, v.LinkID, v.StationID = s.SchoolName, s.Purpose, s.LinkID, s.StationID
	}
	return v
}

// MyTerm lists the acting researcher's schools this 学期 with their on-site
// days so far against the rules. Needs visit.edit and a researcher account.
func (s *Service) MyTerm(ctx context.Context, actor app.Actor) (MyTerm, error) {
	if err := actor.Require(PermVisitEdit); err != nil {
		return MyTerm{}, err
	}
	var m MyTerm
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		r, err := loadResearcher(ctx, tx, actor, actor.PersonID)
		if err != nil {
			return app.Errorf(app.EFORBIDDEN, "本账号未关联教研员，无法使用“我的学校”")
		}
		d := today(s)
		m = MyTerm{Researcher: r, Term: s.termOf(ctx, r.Region, d), Today: d.Format("2006-01-02")}
		if m.Schools, err = mySchools(ctx, tx, r.ID, m.Term); err != nil {
			return err
		}
		return countMyDays(ctx, tx, r.ID, m.Term, m.Schools)
	})
	if err != nil {
		return m, err
	}
	return m, s.checkMyTerm(ctx, &m)
}

// mySchools reads the links of published rounds running in the term (as
// team leader or member) and the term's stations of published plans.
func mySchools(ctx context.Context, tx *db.Tx, me int64, t dict.Term) ([]MySchool, error) {
	scan := func(purpose string) func(r db.Scanner) (MySchool, error) {
		return func(r db.Scanner) (MySchool, error) {
			m := MySchool{Purpose: purpose}
			id := &m.LinkID
			if purpose == PurposeStation {
				id = &m.StationID
			}
			err := r.Scan(id, &m.SchoolID, &m.SchoolName, &m.PlanName)
			return m, err
		}
	}
	links, err := db.QueryAll(ctx, tx, scan(PurposeLiaison), `SELECT l.id, l.school_id, o.name, r.name
		FROM liaison_links l JOIN liaison_teams t ON t.id = l.team_id JOIN liaison_rounds r ON r.id = l.round_id
		JOIN orgs o ON o.id = l.school_id
		WHERE r.status = 'published' AND r.first_year <= ? AND r.first_year + 1 >= ?
		AND (t.researcher_id = ? OR EXISTS (SELECT 1 FROM liaison_team_members m WHERE m.team_id = t.id AND m.person_id = ?))
		ORDER BY o.name, l.id`, t.Year, t.Year, me, me)
	if err != nil {
		return nil, err
	}
	stations, err := db.QueryAll(ctx, tx, scan(PurposeStation), `SELECT s.id, s.school_id, o.name, p.name
		FROM stations s JOIN station_plans p ON p.id = s.plan_id JOIN orgs o ON o.id = s.school_id
		WHERE p.status = 'published' AND s.researcher_id = ? AND s.school_year = ? AND s.half = ? ORDER BY s.id`,
		me, t.Year, int(t.Half))
	return append(links, stations...), err
}

func countMyDays(ctx context.Context, tx *db.Tx, me int64, t dict.Term, schools []MySchool) error {
	for i := range schools {
		err := tx.QueryRow(ctx, `SELECT COALESCE(SUM(days), 0) FROM visits WHERE researcher_id = ? AND school_id = ?
			AND school_year = ? AND half = ?`, me, schools[i].SchoolID, t.Year, int(t.Half)).Scan(&schools[i].Days)
		if err != nil {
			return err
		}
	}
	return nil
}

// checkMyTerm checks the term's days and, per 联系学校, the on-site weeks
// (five days a week).
func (s *Service) checkMyTerm(ctx context.Context, m *MyTerm) error {
	var days int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, `SELECT COALESCE(SUM(days), 0) FROM visits WHERE researcher_id = ? AND school_year = ? AND half = ?`,
			m.Researcher.ID, m.Term.Year, int(m.Term.Half)).Scan(&days)
	})
	if err != nil {
		return err
	}
	res, err := s.Policy.Check(ctx, m.Researcher.Region, policy.RuleResearcherSchoolDaysPerTerm, m.Term.Year, float64(days))
	if err != nil {
		return err
	}
	m.TermDays = RowOf(res.Rule.Key, "本学期在校天数", itoa(days)+" 天", res)
	for i, sc := range m.Schools {
		key, v := policy.RuleLiaisonOnsiteWeeksPerTerm, float64(sc.Days)/5
		if sc.Purpose == PurposeStation {
			continue
		}
		res, err := s.Policy.Check(ctx, m.Researcher.Region, key, m.Term.Year, v)
		if err != nil {
			return err
		}
		m.Schools[i].Rule = RowOf(key, "本学期现场工作", itoa(sc.Days)+" 天", res)
	}
	return nil
}
