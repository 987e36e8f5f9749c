package org

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Org is an organisation: 教育局, 教研院（教师发展中心）, 学校 or 教学点.
type Org struct {
	ID         int64
	Name       string
	Kind       string
	RegionCode string
	RegionName string
	ParentID   int64 // a teaching point's school, else 0
	ParentName string
	SchoolCode string // 学校标识码, schools and teaching points
	Stages     []string
	Locale     string // urban, town, rural
	Weak       bool   // 薄弱学校
	Mountain   bool   // in a 山区县 (read from the county)
	Address    string
	Path       string
	Active     bool
	Version    int
}

// KindName is the Chinese kind.
func (o Org) KindName() string { return KindNames[o.Kind] }

// IsSchool reports whether the org is a school or teaching point.
func (o Org) IsSchool() bool { return o.Kind == KindSchool || o.Kind == KindTeachingPoint }

// StageNames joins the Chinese stage names.
func (o Org) StageNames() string { return joinNames(o.Stages, StageNames) }

func joinNames(codes []string, names map[string]string) string {
	var out []string
	for _, c := range codes {
		if n, ok := names[c]; ok {
			out = append(out, n)
		} else {
			out = append(out, c)
		}
	}
	return strings.Join(out, "、")
}

func (o Org) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": o.Name, "类型": o.KindName(), "所在区域": o.RegionCode, "学校标识码": o.SchoolCode,
		"学段": o.StageNames(), "城乡类型": LocaleNames[o.Locale], "薄弱学校": yesNo(o.Weak), "地址": o.Address,
		"状态": activeName(o.Active), audit.VersionKey: itoa(o.Version)}
}

func activeName(a bool) string {
	if a {
		return "在用"
	}
	return "停用"
}

// Validate checks the fields a form or an import row sets.
func (o Org) Validate() error {
	if strings.TrimSpace(o.Name) == "" {
		return app.Invalid("name", "请填写机构名称")
	}
	if _, ok := KindNames[o.Kind]; !ok {
		return app.Invalid("kind", "请选择机构类型")
	}
	if o.RegionCode == "" {
		return app.Invalid("region_code", "请选择所在区域")
	}
	if !o.IsSchool() {
		return nil
	}
	if msg := CheckSchoolCode(o.SchoolCode, o.RegionCode); msg != "" {
		return app.Invalid("school_code", "%s", msg)
	}
	if len(o.Stages) == 0 {
		return app.Invalid("stages", "请至少选择一个学段")
	}
	for _, st := range o.Stages {
		if _, ok := StageNames[st]; !ok {
			return app.Invalid("stages", "未知学段 %s", st)
		}
	}
	if _, ok := LocaleNames[o.Locale]; !ok {
		return app.Invalid("locale", "请选择城乡类型")
	}
	if o.Kind == KindTeachingPoint && o.ParentID == 0 {
		return app.Invalid("parent_id", "教学点须隶属于一所学校")
	}
	return nil
}

// OrgFilter narrows FindOrgs; zero fields do not filter.
type OrgFilter struct {
	Kind       string
	SchoolOnly bool   // schools and teaching points
	RegionCode string // the region and everything below it
	Text       string // in name or school code
	Stage      string
	Locale     string
	Weak       bool
	Inactive   bool // list deactivated ones instead of active ones
	Offset     int
	Limit      int // 0 means 50
}

const orgSelect = `SELECT o.id, o.name, o.kind, o.region_code, r.name, COALESCE(o.parent_id, 0), COALESCE(po.name, ''),
	COALESCE(o.school_code, ''), o.stages, o.locale, o.weak, COALESCE(cty.mountain, r.mountain), o.address, o.path, o.active, o.version
	FROM orgs o JOIN regions r ON r.code = o.region_code LEFT JOIN orgs po ON po.id = o.parent_id
	LEFT JOIN regions cty ON cty.code = SUBSTR(o.region_code, 1, 6) AND cty.level = 'county'`

func scanOrg(row db.Scanner) (Org, error) {
	var o Org
	var stages string
	err := row.Scan(&o.ID, &o.Name, &o.Kind, &o.RegionCode, &o.RegionName, &o.ParentID, &o.ParentName, &o.SchoolCode,
		&stages, &o.Locale, &o.Weak, &o.Mountain, &o.Address, &o.Path, &o.Active, &o.Version)
	o.Stages = splitList(stages)
	return o, err
}

func splitList(s string) []string {
	s = strings.Trim(s, ",")
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// joinList stores a code list as ",a,b," so LIKE '%,a,%' finds members.
func joinList(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return "," + strings.Join(xs, ",") + ","
}

func (f OrgFilter) where(actor app.Actor) (string, []any) {
	where, args := scopeWhere(actor, "")
	add := func(cond string, v ...any) { where += " AND " + cond; args = append(args, v...) }
	add("o.active = ?", !f.Inactive)
	if f.Kind != "" {
		add("o.kind = ?", f.Kind)
	}
	if f.SchoolOnly {
		add("o.kind IN ('school', 'teaching_point')")
	}
	if f.RegionCode != "" {
		cond, v := regionUnder("r.path", f.RegionCode)
		add(cond, v...)
	}
	if f.Text != "" {
		add("(o.name LIKE ? OR o.school_code = ?)", "%"+f.Text+"%", f.Text)
	}
	if f.Stage != "" {
		add("o.stages LIKE ?", "%,"+f.Stage+",%")
	}
	if f.Locale != "" {
		add("o.locale = ?", f.Locale)
	}
	if f.Weak {
		add("o.weak = TRUE")
	}
	return where, args
}

// FindOrgs lists organisations in the actor's scope, and the total count.
func (s *Service) FindOrgs(ctx context.Context, actor app.Actor, f OrgFilter) ([]Org, int, error) {
	if err := actor.Require(auth.PermOrgView); err != nil {
		return nil, 0, err
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	countQ, listQ, args := findOrgsQueries(actor, f)
	var out []Org
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, total, err = db.QueryPage(ctx, tx, scanOrg, countQ, listQ, args, f.Limit, f.Offset)
		return err
	})
	return out, total, failed(err, "find orgs")
}

// findOrgsQueries are FindOrgs' count and list queries (QueryPage adds the
// LIMIT and OFFSET). A filter by kind reads the range of orgs_kind_order.
func findOrgsQueries(actor app.Actor, f OrgFilter) (countQ, listQ string, args []any) {
	where, args := f.where(actor)
	return "SELECT COUNT(*) FROM orgs o JOIN regions r ON r.code = o.region_code WHERE " + where,
		orgSelect + " WHERE " + where + " ORDER BY o.path, o.id", args
}

// FindOrgByID returns one organisation in scope, or ENOTFOUND.
func (s *Service) FindOrgByID(ctx context.Context, actor app.Actor, id int64) (Org, error) {
	if err := actor.Require(auth.PermOrgView); err != nil {
		return Org{}, err
	}
	o, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Org, error) { return loadOrgInScope(ctx, tx, actor, id) })
	return o, failed(err, "find org %d", id)
}

func loadOrgInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Org, error) {
	o, err := scanOrg(tx.QueryRow(ctx, orgSelect+" WHERE o.id = ?", id))
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, o.Path, o.ID, 0)) {
		return Org{}, notFound("机构")
	}
	return o, err
}
