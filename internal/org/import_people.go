package org

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// PersonRow is one imported person: the file's row number, the person, and
// the organisation given as 学校标识码 or exact name.
type PersonRow struct {
	Row    int
	ID     int64 // 系统编号 from an earlier export, 0 when absent
	Org    string
	Office string // 所属教研机构 name, for researchers
	Person Person
}

// orgIndex finds organisations in the actor's scope by 学校标识码 or name.
type orgIndex map[string]Org

func (s *Service) orgIndex(ctx context.Context, tx *db.Tx, actor app.Actor) (orgIndex, error) {
	where, args := scopeWhere(actor, "")
	rows, err := tx.Query(ctx, orgSelect+" WHERE o.active = TRUE AND "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	idx := orgIndex{}
	for rows.Next() {
		o, err := scanOrg(rows)
		if err != nil {
			return nil, err
		}
		if _, dup := idx[o.Name]; dup {
			idx[o.Name] = Org{ID: -1, Name: o.Name} // ambiguous: the file must use the 学校标识码
		} else {
			idx[o.Name] = o
		}
		if o.SchoolCode != "" {
			idx[o.SchoolCode] = o
		}
	}
	return idx, rows.Err()
}

// ImportPeople validates every row, then writes them all in one transaction,
// or nothing when any row is wrong (the errors name row and column). 身份证号
// is the natural key: importing the same file again changes nothing.
func (s *Service) ImportPeople(ctx context.Context, actor app.Actor, rows []PersonRow, opt ImportOptions) (ImportResult, error) {
	if err := actor.Require(auth.PermPersonEdit); err != nil {
		return ImportResult{}, err
	}
	return s.runImport(ctx, actor, "person", "人员", opt, func(tx *db.Tx, res *ImportResult, errs *RowErrors) error {
		idx, err := s.orgIndex(ctx, tx, actor)
		if err != nil {
			return err
		}
		bulk, err := s.newPersonBulk(ctx, tx, rows)
		if err != nil {
			return err
		}
		seen := map[string]int{}
		for i, r := range rows {
			if err := s.importPerson(ctx, tx, actor, idx, seen, r, opt, res, bulk); err != nil {
				if app.ErrorCode(err) != app.EINVALID {
					return err
				}
				*errs = append(*errs, rowError(r.Row, err))
			}
			progress(opt, i+1, len(rows))
		}
		if len(*errs) > 0 {
			return nil
		}
		return bulk.write(ctx, s, tx, actor)
	})
}

func (s *Service) importPerson(ctx context.Context, tx *db.Tx, actor app.Actor, idx orgIndex, seen map[string]int,
	r PersonRow, opt ImportOptions, res *ImportResult, bulk *personBulk) error {
	p := r.Person
	o, ok := idx[r.Org]
	if !ok {
		return app.Invalid("org", "单位「%s」不存在或不在您的管辖范围内（请填写学校标识码或机构全称）", r.Org)
	}
	if o.ID == -1 {
		return app.Invalid("org", "有多个名为「%s」的单位，请改填学校标识码", r.Org)
	}
	p.OrgID, p.OrgName = o.ID, o.Name
	if r.Office != "" {
		off, ok := idx[r.Office]
		if !ok {
			return app.Invalid("office_id", "所属教研机构「%s」不存在", r.Office)
		}
		p.OfficeID = off.ID
	}
	masks := takeMasks(&p)
	if (masks.IDNumber != "" || masks.Phone != "") && r.ID == 0 {
		return app.Invalid("id_number", "身份证号或手机号是打码的（含 *）：请填写完整号码，或保留导出文件中的“系统编号”列")
	}
	p.normalize()
	if p.IDNumber == "" && r.ID == 0 {
		return app.Invalid("id_number", "请填写身份证号（用于识别同一人员）")
	}
	if err := p.Validate(); err != nil {
		return err
	}
	key := p.IDNumber
	if r.ID != 0 {
		key = fmt.Sprint("#", r.ID)
	}
	if first, dup := seen[key]; dup {
		return app.Invalid("id_number", "与第 %d 行是同一人员（身份证号或系统编号重复）", first)
	}
	seen[key] = r.Row
	p.ID = r.ID
	return s.upsertPerson(ctx, tx, actor, p, masks, opt, res, bulk)
}

// upsertPerson creates p or compares it with the stored person and updates
// that with opt.Update. masks holds the row's masked numbers (taken out of
// p), which must match the stored ones and keep them. A new person is
// queued on bulk, which writes it after the last row.
func (s *Service) upsertPerson(ctx context.Context, tx *db.Tx, actor app.Actor, p, masks Person, opt ImportOptions,
	res *ImportResult, bulk *personBulk) error {
	var id int64
	var err error
	if p.ID == 0 {
		id, err = bulk.existing(s, p)
	} else {
		id, err = s.existingPerson(ctx, tx, p)
	}
	if db.IsNoRows(err) && p.ID != 0 {
		return app.Invalid("system_id", "系统编号 %d 不存在", p.ID)
	}
	if db.IsNoRows(err) {
		p.Active, p.Version = true, 1
		res.Created++
		bulk.add(p)
		return nil
	}
	if err != nil {
		return err
	}
	old, err := s.loadPersonInScope(ctx, tx, withFullNumbers(actor), id)
	if err != nil {
		return app.Invalid("id_number", "该身份证号已登记在您管辖范围以外的单位，请联系上级管理员调动")
	}
	if err := restoreMasks(&p, masks, old); err != nil {
		return err
	}
	p.ID, p.Version, p.Honours = id, old.Version, old.Honours
	if samePerson(old, p) {
		res.Unchanged++
		return nil
	}
	if !opt.Update {
		return app.Invalid("id_number", "该身份证号已登记为 %s（%s），与本行不同；如需更新请勾选“更新已有记录”", old.Name, old.OrgName)
	}
	res.Updated++
	return s.updatePersonRow(ctx, tx, actor, p)
}

// existingPerson finds the stored person a row means: by 系统编号 when
// the row has one, else by 身份证号.
func (s *Service) existingPerson(ctx context.Context, tx *db.Tx, p Person) (int64, error) {
	var id int64
	if p.ID != 0 {
		err := tx.QueryRow(ctx, "SELECT id FROM people WHERE id = ?", p.ID).Scan(&id)
		return id, err
	}
	if p.IDNumber == "" {
		return 0, sql.ErrNoRows
	}
	err := tx.QueryRow(ctx, "SELECT id FROM people WHERE id_hash = ?", s.Keys.Lookup(p.IDNumber)).Scan(&id)
	return id, err
}

// samePerson compares the imported fields of two people.
func samePerson(a, b Person) bool {
	a.OrgName, b.OrgName, a.OrgPath, b.OrgPath, a.OfficeName, b.OfficeName = "", "", "", "", "", ""
	a.OrgCode, b.OrgCode = "", ""
	a.Masked, b.Masked, a.Active, b.Active = false, false, false, false
	return reflect.DeepEqual(normLists(a), normLists(b))
}

func normLists(p Person) Person {
	if len(p.Subjects) == 0 {
		p.Subjects = nil
	}
	if len(p.Stages) == 0 {
		p.Stages = nil
	}
	if len(p.Honours) == 0 {
		p.Honours = nil
	}
	return p
}

// takeMasks moves masked numbers (as an export writes them) out of p and
// returns them in an otherwise empty Person.
func takeMasks(p *Person) Person {
	var m Person
	if IsMasked(p.IDNumber) {
		m.IDNumber, p.IDNumber = strings.TrimSpace(p.IDNumber), ""
	}
	if IsMasked(p.Phone) {
		m.Phone, p.Phone = strings.TrimSpace(p.Phone), ""
	}
	return m
}

// restoreMasks puts the stored numbers back where the row had masked ones,
// so a masked export never overwrites a full number; a masked number that
// is not the stored one masked is a row error.
func restoreMasks(p *Person, masks, old Person) error {
	if masks.IDNumber != "" {
		if NormalizeIDNumber(masks.IDNumber) != maskedID(old.IDNumber) {
			return app.Invalid("id_number", "打码的身份证号与系统编号 %d 登记的不符，请填写完整号码", old.ID)
		}
		p.IDNumber = old.IDNumber
	}
	if masks.Phone != "" {
		if foldWidth(masks.Phone) != maskedPhone(old.Phone) {
			return app.Invalid("phone", "打码的手机号与系统编号 %d 登记的不符，请填写完整号码", old.ID)
		}
		p.Phone = old.Phone
	}
	return nil
}
