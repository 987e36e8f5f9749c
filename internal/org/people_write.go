package org

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// CreatePerson adds a person to an organisation inside the actor's scope and
// returns the new id. An ID number already on file is refused.
func (s *Service) CreatePerson(ctx context.Context, actor app.Actor, p Person) (int64, error) {
	if err := actor.Require(auth.PermPersonEdit); err != nil {
		return 0, err
	}
	p.normalize()
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		o, err := loadOrgInScope(ctx, tx, actor, p.OrgID)
		if err != nil {
			return app.Invalid("org_id", "所选单位不存在或不在您的管辖范围内")
		}
		if err := s.checkOffice(ctx, tx, p); err != nil {
			return err
		}
		p.OrgName, p.Active, p.Version = o.Name, true, 1
		if p.ID, err = s.insertPerson(ctx, tx, actor, p); err != nil {
			return err
		}
		if err := addHonours(ctx, tx, p.ID, p.Honours); err != nil {
			return err
		}
		return record(ctx, tx, actor, "person.create", "person", p.ID, "新增人员 "+p.Name+"（"+o.Name+"）", nil, p.snapshot())
	})
	return p.ID, failed(err, "create person")
}

func (s *Service) checkOffice(ctx context.Context, tx *db.Tx, p Person) error {
	if p.OfficeID == 0 {
		return nil
	}
	var kind string
	err := tx.QueryRow(ctx, "SELECT kind FROM orgs WHERE id = ?", p.OfficeID).Scan(&kind)
	if err != nil || (kind != KindResearchOffice && kind != KindBureau) {
		return app.Invalid("office_id", "所属教研机构应为教研院（教师发展中心）或教育局")
	}
	return nil
}

func saveHonours(ctx context.Context, tx *db.Tx, personID int64, hs []Honour) error {
	if _, err := tx.Exec(ctx, "DELETE FROM person_honours WHERE person_id = ?", personID); err != nil {
		return err
	}
	return addHonours(ctx, tx, personID, hs)
}

// addHonours adds hs to a person who has none yet (one just inserted).
func addHonours(ctx context.Context, tx *db.Tx, personID int64, hs []Honour) error {
	for _, h := range hs {
		if _, err := tx.Exec(ctx, "INSERT INTO person_honours (person_id, name, level, year) VALUES (?, ?, ?, ?)",
			personID, strings.TrimSpace(h.Name), h.Level, h.Year); err != nil {
			return err
		}
	}
	return nil
}

// UpdatePerson saves an edit. When the actor sees masked values and sends
// them back unchanged, the stored ID number and phone are kept. Moving a
// person to another organisation needs that organisation in scope too. A
// stale Version gets ECONFLICT naming who changed what.
func (s *Service) UpdatePerson(ctx context.Context, actor app.Actor, p Person) error {
	if err := actor.Require(auth.PermPersonEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		full := actor
		full.Perms = map[app.Perm]bool{auth.PermPersonSensitive: true, auth.PermPersonView: true}
		old, err := s.loadPersonInScope(ctx, tx, full, p.ID)
		if err != nil {
			return err
		}
		keepMasked(&p, old)
		p.normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		o, err := loadOrgInScope(ctx, tx, actor, p.OrgID)
		if err != nil {
			return app.Invalid("org_id", "所选单位不存在或不在您的管辖范围内")
		}
		if err := s.checkOffice(ctx, tx, p); err != nil {
			return err
		}
		if err := s.updatePersonRow(ctx, tx, actor, p); err != nil {
			return err
		}
		p.OrgName, p.Active, p.Version = o.Name, old.Active, old.Version+1
		return record(ctx, tx, actor, "person.update", "person", p.ID, "修改人员 "+p.Name, old.snapshot(), p.snapshot())
	})
}

// keepMasked restores stored values the form sent back masked.
func keepMasked(p *Person, old Person) {
	if p.IDNumber == maskedID(old.IDNumber) {
		p.IDNumber = old.IDNumber
	}
	if p.Phone == maskedPhone(old.Phone) {
		p.Phone = old.Phone
	}
}

func (s *Service) updatePersonRow(ctx context.Context, tx *db.Tx, actor app.Actor, p Person) error {
	old, err := loadPersonFigures(ctx, tx, p.ID)
	if err != nil {
		return audit.Stale(ctx, tx, "person", p.ID, p.Version)
	}
	res, err := tx.Exec(ctx, `UPDATE people SET name = ?, gender = ?, id_enc = ?, id_hash = ?, phone_enc = ?, phone_hash = ?,
		org_id = ?, subjects = ?, stages = ?, title = ?, education = ?, tier = ?, teaching_since = ?, researcher_kind = ?,
		researcher_subject = ?, researcher_stage = ?, office_id = ?, expert = ?, work_start = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE id = ? AND version = ?`,
		p.Name, p.Gender, s.Keys.Encrypt(p.IDNumber), nullable(s.Keys.Lookup(p.IDNumber)), s.Keys.Encrypt(p.Phone),
		nullable(s.Keys.Lookup(p.Phone)), p.OrgID, joinList(p.Subjects), joinList(p.Stages), p.Title, p.Education, p.Tier,
		p.TeachingSince, p.ResearcherKind, p.ResearcherSubject, p.ResearcherStage, nullable(p.OfficeID), p.Expert,
		nullable(p.WorkStart), s.now(), actor.Username, p.ID, p.Version)
	if db.IsUniqueViolation(err) {
		return app.Invalid("id_number", "身份证号 %s 已登记在其他人员名下", maskedID(p.IDNumber))
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return audit.Stale(ctx, tx, "person", p.ID, p.Version)
	}
	if err := s.refigurePerson(ctx, tx, p.ID, old); err != nil {
		return err
	}
	return saveHonours(ctx, tx, p.ID, p.Honours)
}

// SetPersonActive deactivates (调离/退休) or reactivates a person. People
// are never deleted: their history stays.
func (s *Service) SetPersonActive(ctx context.Context, actor app.Actor, id int64, active bool, version int) error {
	if err := actor.Require(auth.PermPersonEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		old, err := s.loadPersonInScope(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		before, err := loadPersonFigures(ctx, tx, id)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, "UPDATE people SET active = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?",
			active, s.now(), actor.Username, id, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return audit.Stale(ctx, tx, "person", id, version)
		}
		if err := s.refigurePerson(ctx, tx, id, before); err != nil {
			return err
		}
		if !active {
			if _, err := tx.Exec(ctx, "UPDATE users SET active = FALSE WHERE person_id = ?", id); err != nil {
				return err
			}
		}
		nw := old
		nw.Active, nw.Version = active, old.Version+1
		return record(ctx, tx, actor, "person.active", "person", id, activeName(active)+"人员 "+old.Name, old.snapshot(), nw.snapshot())
	})
}

func (s *Service) insertPerson(ctx context.Context, tx *db.Tx, actor app.Actor, p Person) (int64, error) {
	id, err := tx.InsertID(ctx, "INSERT INTO people ("+strings.Join(personInsertCols, ", ")+") VALUES ("+
		db.In(len(personInsertCols))+") RETURNING id", s.personInsertValues(p, s.now(), actor.Username)...)
	if db.IsUniqueViolation(err) {
		return 0, app.Invalid("id_number", "身份证号 %s 已登记在其他人员名下", maskedID(p.IDNumber))
	}
	if err == nil {
		// What the new row counts, from the values just written (the row
		// is active by default): no read back, a round trip fewer per
		// person on an import of thousands.
		err = s.addPersonFigures(ctx, tx, personFigures{OrgID: p.OrgID, Title: p.Title, Researcher: p.ResearcherKind != "",
			Active: true}, 1)
	}
	return id, err
}

// refigurePerson moves person id's contribution to org_figures from before
// to what the row holds now.
func (s *Service) refigurePerson(ctx context.Context, tx *db.Tx, id int64, before personFigures) error {
	now, err := loadPersonFigures(ctx, tx, id)
	if err != nil {
		return err
	}
	return s.movePersonFigures(ctx, tx, before, now)
}

// personInsertCols are the columns a new person row is written with, in
// the order of personInsertValues.
var personInsertCols = []string{"name", "gender", "id_enc", "id_hash", "phone_enc", "phone_hash", "org_id", "subjects",
	"stages", "title", "education", "tier", "teaching_since", "researcher_kind", "researcher_subject", "researcher_stage",
	"office_id", "expert", "work_start", "created_at", "updated_at", "updated_by"}

// personInsertValues are the values of a new person row for p, created at
// now by the named user.
func (s *Service) personInsertValues(p Person, now int64, by string) []any {
	return []any{p.Name, p.Gender, s.Keys.Encrypt(p.IDNumber), nullable(s.Keys.Lookup(p.IDNumber)), s.Keys.Encrypt(p.Phone),
		nullable(s.Keys.Lookup(p.Phone)), p.OrgID, joinList(p.Subjects), joinList(p.Stages), p.Title, p.Education, p.Tier,
		p.TeachingSince, p.ResearcherKind, p.ResearcherSubject, p.ResearcherStage, nullable(p.OfficeID), p.Expert,
		nullable(p.WorkStart), now, now, by}
}
