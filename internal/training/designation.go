package training

import (
	"context"
	"strconv"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// KindModelSchool is the built-in designation 校本研修示范校, the one the
// region's 示范校 target counts.
const KindModelSchool = "training_model_school"

// DesignationLevels are the levels a designation is conferred at.
var DesignationLevels = map[string]string{"city": "市级", "county": "县级"}

// DesignationKind is one title of the code table (学校称号).
type DesignationKind struct {
	Code, Name string
	BuiltIn    bool
}

// Designation is one school's title: kind, 学年, level and basis.
type Designation struct {
	ID         int64
	OrgID      int64
	School     string
	Kind       string
	KindName   string
	SchoolYear int
	Level      string
	Basis      string
}

// LevelName is the level in Chinese.
func (d Designation) LevelName() string { return DesignationLevels[d.Level] }

// actorRegionPath is the region code, path and level of the actor's
// organisation.
func actorRegionPath(ctx context.Context, tx *db.Tx, actor app.Actor) (code, path, level string, err error) {
	err = tx.QueryRow(ctx, `SELECT g.code, g.path, g.level FROM orgs o JOIN regions g ON g.code = o.region_code WHERE o.id = ?`,
		actor.OrgID).Scan(&code, &path, &level)
	if db.IsNoRows(err) {
		return "", "", "", app.Errorf(app.EFORBIDDEN, "您的账号未关联单位")
	}
	return code, path, level, err
}

// kindsFor lists the titles the actor's region uses: the built-in ones and
// those its region or a region above it added, built-in first.
func kindsFor(ctx context.Context, tx *db.Tx, path string) ([]DesignationKind, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (DesignationKind, error) {
		var k DesignationKind
		return k, r.Scan(&k.Code, &k.Name, &k.BuiltIn)
	}, `SELECT k.code, k.name, k.region_code = '' FROM training_designation_kinds k LEFT JOIN regions g ON g.code = k.region_code
		WHERE k.region_code = '' OR ? LIKE g.path || '%' ORDER BY k.region_code <> '', k.id`, path)
}

// FindDesignationKinds lists the titles the actor's region uses.
func (s *Service) FindDesignationKinds(ctx context.Context, actor app.Actor) ([]DesignationKind, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]DesignationKind, error) {
		_, path, _, err := actorRegionPath(ctx, tx, actor)
		if err != nil {
			return nil, err
		}
		return kindsFor(ctx, tx, path)
	})
}

// AddDesignationKind adds a title to the code table of the actor's region
// (seen by it and the regions under it). A name the region already uses
// is refused.
func (s *Service) AddDesignationKind(ctx context.Context, actor app.Actor, name string) (string, error) {
	if err := actor.Require(PermTalentEdit); err != nil {
		return "", err
	}
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 30 {
		return "", app.Invalid("kind_name", "请填写称号名称（不超过 30 字）")
	}
	var code string
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		region, path, _, err := actorRegionPath(ctx, tx, actor)
		if err != nil {
			return err
		}
		ks, err := kindsFor(ctx, tx, path)
		if err != nil {
			return err
		}
		for _, k := range ks {
			if k.Name == name {
				return app.Invalid("kind_name", "已有称号「%s」", name)
			}
		}
		code = "r" + region + "_" + strconv.FormatInt(s.now().UnixNano(), 36)
		id, err := tx.InsertID(ctx, `INSERT INTO training_designation_kinds (code, name, region_code, created_by, created_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, code, name, region, actor.Username, s.now().UnixMilli())
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "designation_kind.create", "designation_kind", id, "新增学校称号："+name, nil,
			audit.Snapshot{"称号": name})
	})
	return code, err
}

// Designate confers title kind on school orgID from 学年 year at level
// (市级 by the city only), on basis. The school must be in the actor's
// scope; a school holds each title once.
func (s *Service) Designate(ctx context.Context, actor app.Actor, d Designation) (int64, error) {
	if err := actor.Require(PermTalentEdit); err != nil {
		return 0, err
	}
	d.Basis = strings.TrimSpace(d.Basis)
	var id int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var school, path, kind string
		err := tx.QueryRow(ctx, "SELECT name, path, kind FROM orgs WHERE id = ? AND active = TRUE", d.OrgID).Scan(&school, &path, &kind)
		if db.IsNoRows(err) || err == nil && (kind != "school" || !auth.InScope(actor, path, d.OrgID, 0)) {
			return app.Invalid("org_id", "请选择您管辖范围内的学校")
		}
		if err != nil {
			return err
		}
		_, rpath, level, err := actorRegionPath(ctx, tx, actor)
		if err != nil {
			return err
		}
		ks, err := kindsFor(ctx, tx, rpath)
		if err != nil {
			return err
		}
		d.KindName = ""
		for _, k := range ks {
			if k.Code == d.Kind {
				d.KindName = k.Name
			}
		}
		switch {
		case d.KindName == "":
			return app.Invalid("kind", "请选择称号")
		case d.SchoolYear < 2000 || d.SchoolYear > 2100:
			return app.Invalid("school_year", "学年应为 2000 至 2100 之间的年份")
		case DesignationLevels[d.Level] == "":
			return app.Invalid("level", "请选择级别（市级或县级）")
		case d.Level == "city" && level != "city" && level != "province":
			return app.Invalid("level", "市级称号由市教育局认定")
		case d.Basis == "":
			return app.Invalid("basis", "请填写认定依据（文件文号）")
		}
		var n int
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_school_designations WHERE org_id = ? AND kind_code = ?",
			d.OrgID, d.Kind).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return app.Invalid("org_id", "%s 已认定为%s", school, d.KindName)
		}
		id, err = tx.InsertID(ctx, `INSERT INTO training_school_designations (org_id, kind_code, school_year, level, basis, created_by,
			created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, d.OrgID, d.Kind, d.SchoolYear, d.Level, d.Basis, actor.Username,
			s.now().UnixMilli())
		if err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "designation.create", "designation", id, "认定学校称号："+school+" "+d.KindName, nil,
			audit.Snapshot{"学校": school, "称号": d.KindName, "学年": strconv.Itoa(d.SchoolYear) + "学年", "级别": d.LevelName(),
				"依据": d.Basis})
	})
	return id, err
}

const designationSelect = `SELECT d.id, d.org_id, o.name, d.kind_code, COALESCE(k.name, ''), d.school_year, d.level, d.basis
	FROM training_school_designations d JOIN orgs o ON o.id = d.org_id
	LEFT JOIN training_designation_kinds k ON k.code = d.kind_code`

func scanDesignation(r db.Scanner) (Designation, error) {
	var d Designation
	return d, r.Scan(&d.ID, &d.OrgID, &d.School, &d.Kind, &d.KindName, &d.SchoolYear, &d.Level, &d.Basis)
}

// FindDesignations lists the designations of the schools in the actor's
// scope, newest 学年 first.
func (s *Service) FindDesignations(ctx context.Context, actor app.Actor) ([]Designation, error) {
	if err := actor.Require(PermCreditView); err != nil {
		return nil, err
	}
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Designation, error) {
		return db.QueryAll(ctx, tx, scanDesignation, designationSelect+" WHERE "+scope+
			" ORDER BY d.school_year DESC, o.name, d.id", args...)
	})
}

// RemoveDesignation withdraws a designation (撤销) of a school in scope.
func (s *Service) RemoveDesignation(ctx context.Context, actor app.Actor, id int64) error {
	if err := actor.Require(PermTalentEdit); err != nil {
		return err
	}
	return s.DB.Write(ctx, func(tx *db.Tx) error {
		var path string
		d, err := scanDesignation(tx.QueryRow(ctx, designationSelect+" WHERE d.id = ?", id))
		if err == nil {
			err = tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", d.OrgID).Scan(&path)
		}
		if db.IsNoRows(err) || err == nil && !auth.InScope(actor, path, d.OrgID, 0) {
			return app.Errorf(app.ENOTFOUND, "找不到该称号")
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM training_school_designations WHERE id = ?", id); err != nil {
			return err
		}
		return audit.RecordChange(ctx, tx, actor, "designation.remove", "designation", id, "撤销学校称号："+d.School+" "+d.KindName,
			audit.Snapshot{"学校": d.School, "称号": d.KindName, "学年": strconv.Itoa(d.SchoolYear) + "学年", "级别": d.LevelName()}, nil)
	})
}

// SchoolChoices are the active schools of the actor's scope for a picker,
// by region and name, each with its region's name.
func (s *Service) SchoolChoices(ctx context.Context, actor app.Actor) ([]Choice, error) {
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]Choice, error) { return schoolChoices(ctx, tx, actor) })
}

func schoolChoices(ctx context.Context, tx *db.Tx, actor app.Actor) ([]Choice, error) {
	scope, args := auth.ScopeWhere(actor, "o.path", "o.id", "")
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Choice, error) {
		var c Choice
		var id int64
		var school, region string
		err := r.Scan(&id, &school, &region)
		c.Value, c.Name = strconv.FormatInt(id, 10), school+"（"+region+"）"
		return c, err
	}, `SELECT o.id, o.name, g.name FROM orgs o JOIN regions g ON g.code = o.region_code
		WHERE o.kind = 'school' AND o.active = TRUE AND `+scope+` ORDER BY o.path, o.name`, args...)
}
