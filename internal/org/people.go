package org

import (
	"context"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// PersonFilter narrows FindPeople; zero fields do not filter.
type PersonFilter struct {
	OrgID      int64
	RegionCode string
	Text       string // in the name
	IDNumber   string // exact, through the keyed hash
	Phone      string // exact, through the keyed hash
	Title      string
	Tier       string
	Stage      string
	Subject    string
	Researcher bool
	Expert     bool
	Inactive   bool
	Offset     int        // rows to skip; served by a walk of the key index, not by OFFSET over the list
	After      db.PageKey // the list continues after this key (下一页)
	Before     db.PageKey // the list ends before this key (上一页)
	Limit      int        // 0 means 50
}

const personSelect = `SELECT p.id, p.name, p.gender, p.id_enc, p.phone_enc, p.org_id, o.name, COALESCE(o.school_code, ''), o.path, p.subjects, p.stages,
	p.title, p.education, p.tier, p.teaching_since, p.researcher_kind, p.researcher_subject, p.researcher_stage,
	COALESCE(p.office_id, 0), COALESCE(off.name, ''), p.expert, p.active, p.version, COALESCE(p.work_start, '')
	FROM people p JOIN orgs o ON o.id = p.org_id LEFT JOIN orgs off ON off.id = p.office_id`

func (s *Service) scanPerson(row interface{ Scan(...any) error }, actor app.Actor) (Person, error) {
	var p Person
	var idEnc, phoneEnc, subjects, stages string
	err := row.Scan(&p.ID, &p.Name, &p.Gender, &idEnc, &phoneEnc, &p.OrgID, &p.OrgName, &p.OrgCode, &p.OrgPath, &subjects, &stages,
		&p.Title, &p.Education, &p.Tier, &p.TeachingSince, &p.ResearcherKind, &p.ResearcherSubject, &p.ResearcherStage,
		&p.OfficeID, &p.OfficeName, &p.Expert, &p.Active, &p.Version, &p.WorkStart)
	if err != nil {
		return p, err
	}
	p.Subjects, p.Stages = splitList(subjects), splitList(stages)
	if p.IDNumber, err = s.Keys.Decrypt(idEnc); err == nil {
		p.Phone, err = s.Keys.Decrypt(phoneEnc)
	}
	if err != nil { // a wrong data key or a damaged row: never show it as a blank number
		return p, app.Internal(failed(err, "decrypt person %d", p.ID))
	}
	if !actor.Can(auth.PermPersonSensitive) {
		p.IDNumber, p.Phone, p.Masked = maskedID(p.IDNumber), maskedPhone(p.Phone), true
	}
	return p, nil
}

// personWhere is the condition of f in the actor's scope over people p
// alone (no join), led by the index range (active, org_path) of the scope.
func (s *Service) personWhere(actor app.Actor, f PersonFilter) (string, []any) {
	where, args := "p.active = ?", []any{!f.Inactive}
	add := func(cond string, v ...any) { where += " AND " + cond; args = append(args, v...) }
	r, _ := scopeRange(actor.Scope)
	key, before := f.After, false
	if !f.Before.IsZero() {
		key, before = f.Before, true
	}
	keyCond, keyArgs := rowKeyset("p.org_path", "p.id", r, key, before)
	add(keyCond, keyArgs...)
	scope, scopeArgs := auth.ScopeWhere(actor, "p.org_path", "p.org_id", "p.id")
	add(scope, scopeArgs...)
	if f.OrgID != 0 { // the org_path equality lets the list index serve one organisation too
		add("p.org_id = ? AND p.org_path = (SELECT path FROM orgs WHERE id = ?)", f.OrgID, f.OrgID)
	}
	if f.RegionCode != "" { // an org path starts with its region's path
		cond, v := regionUnder("p.org_path", f.RegionCode)
		add(cond, v...)
	}
	if f.Text != "" {
		add("p.name LIKE ?", "%"+f.Text+"%")
	}
	if f.IDNumber != "" {
		add("p.id_hash = ?", s.Keys.Lookup(NormalizeIDNumber(f.IDNumber)))
	}
	if f.Phone != "" {
		add("p.phone_hash = ?", s.Keys.Lookup(foldWidth(f.Phone)))
	}
	for _, eq := range []struct{ col, v string }{{"p.title", f.Title}, {"p.tier", f.Tier}} {
		if eq.v != "" {
			add(eq.col+" = ?", eq.v)
		}
	}
	if f.Stage != "" {
		add("p.stages LIKE ?", "%,"+f.Stage+",%")
	}
	if f.Subject != "" {
		add("(p.subjects LIKE ? OR p.researcher_subject = ?)", "%,"+f.Subject+",%", f.Subject)
	}
	if f.Researcher {
		add("p.researcher_kind <> ''")
	}
	if f.Expert {
		add("p.expert = TRUE")
	}
	return where, args
}

// FindPeople lists people in the actor's scope, masked unless the actor holds
// person.sensitive, and their exact count.
func (s *Service) FindPeople(ctx context.Context, actor app.Actor, f PersonFilter) ([]Person, int, error) {
	pg, err := s.FindPeoplePage(ctx, actor, f, CountExact)
	return pg.People, pg.Total, err
}

// FindPersonByID returns one person in scope with honours, or ENOTFOUND.
func (s *Service) FindPersonByID(ctx context.Context, actor app.Actor, id int64) (Person, error) {
	if err := actor.Require(auth.PermPersonView); err != nil {
		return Person{}, err
	}
	p, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Person, error) { return s.loadPersonInScope(ctx, tx, actor, id) })
	return p, failed(err, "find person %d", id)
}

func (s *Service) loadPersonInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Person, error) {
	p, err := s.scanPerson(tx.QueryRow(ctx, personSelect+" WHERE p.id = ?", id), actor)
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, p.OrgPath, p.OrgID, p.ID)) {
		return Person{}, notFound("人员")
	}
	if err != nil {
		return p, err
	}
	p.Honours, err = loadHonours(ctx, tx, id)
	return p, err
}

func loadHonours(ctx context.Context, tx *db.Tx, personID int64) ([]Honour, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Honour, error) {
		var h Honour
		err := r.Scan(&h.Name, &h.Level, &h.Year)
		return h, err
	}, "SELECT name, level, year FROM person_honours WHERE person_id = ? ORDER BY year, id", personID)
}
