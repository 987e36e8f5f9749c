package org

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Group is a registered (报备) 教研组: 学科教研组, 备课组, 年级组, 片区教研组 or
// 项目教研组, with its leader (组长) and members.
type Group struct {
	ID         int64
	OrgID      int64
	OrgName    string
	OrgPath    string
	Name       string
	Kind       string
	Subject    string
	Stage      string
	LeaderID   int64
	LeaderName string
	FiledOn    string // 报备日期 YYYY-MM-DD
	Note       string
	Members    []Member
	Active     bool
	Version    int
}

// Member is a person in a group or studio.
type Member struct {
	ID   int64
	Name string
}

// KindName is the Chinese kind.
func (g Group) KindName() string { return GroupKindNames[g.Kind] }

// MemberIDs lists the member ids.
func (g Group) MemberIDs() []int64 { return memberIDs(g.Members) }

func memberIDs(ms []Member) []int64 {
	out := make([]int64, len(ms))
	for i, m := range ms {
		out[i] = m.ID
	}
	return out
}

func memberNames(ms []Member) string {
	var n []string
	for _, m := range ms {
		n = append(n, m.Name)
	}
	return strings.Join(n, "、")
}

func (g Group) snapshot() audit.Snapshot {
	return audit.Snapshot{"名称": g.Name, "类型": g.KindName(), "学科": g.Subject, "学段": StageNames[g.Stage],
		"组长": g.LeaderName, "成员": memberNames(g.Members), "报备日期": g.FiledOn, "备注": g.Note,
		"状态": activeName(g.Active), audit.VersionKey: itoa(g.Version)}
}

// Validate checks a group as a form gives it.
func (g Group) Validate() error {
	if strings.TrimSpace(g.Name) == "" {
		return app.Invalid("name", "请填写教研组名称")
	}
	if GroupKindNames[g.Kind] == "" {
		return app.Invalid("kind", "请选择教研组类型")
	}
	if g.Stage != "" && StageNames[g.Stage] == "" {
		return app.Invalid("stage", "未知学段 %s", g.Stage)
	}
	if g.FiledOn != "" && !isDate(g.FiledOn) {
		return app.Invalid("filed_on", "报备日期格式应为 2025-09-01")
	}
	if g.OrgID == 0 {
		return app.Invalid("org_id", "请选择所属学校")
	}
	return nil
}

func isDate(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]+s[5:7]+s[8:])
}

// GroupFilter narrows FindGroups.
type GroupFilter struct {
	OrgID         int64
	Kind          string
	Text          string
	Offset        int
	Limit         int
	After, Before db.PageKey // FindGroupsPage: the page after / ending before this key
}

const groupSelect = `SELECT g.id, g.org_id, o.name, o.path, g.name, g.kind, g.subject, g.stage, COALESCE(g.leader_id, 0),
	COALESCE(l.name, ''), g.filed_on, g.note, g.active, g.version
	FROM teaching_groups g JOIN orgs o ON o.id = g.org_id LEFT JOIN people l ON l.id = g.leader_id`

func scanGroup(row db.Scanner) (Group, error) {
	var g Group
	err := row.Scan(&g.ID, &g.OrgID, &g.OrgName, &g.OrgPath, &g.Name, &g.Kind, &g.Subject, &g.Stage, &g.LeaderID,
		&g.LeaderName, &g.FiledOn, &g.Note, &g.Active, &g.Version)
	return g, err
}

// FindGroups lists teaching groups in the actor's scope, and the total.
func (s *Service) FindGroups(ctx context.Context, actor app.Actor, f GroupFilter) ([]Group, int, error) {
	if err := actor.Require(auth.PermGroupView); err != nil {
		return nil, 0, err
	}
	where, args := scopeWhere(actor, "")
	add := func(cond string, v ...any) { where += " AND " + cond; args = append(args, v...) }
	add("g.active = TRUE")
	if f.OrgID != 0 {
		add("g.org_id = ?", f.OrgID)
	}
	if f.Kind != "" {
		add("g.kind = ?", f.Kind)
	}
	if f.Text != "" {
		add("g.name LIKE ?", "%"+f.Text+"%")
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	var out []Group
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		out, total, err = db.QueryPage(ctx, tx, scanGroup, "SELECT COUNT(*) FROM teaching_groups g JOIN orgs o ON o.id = g.org_id WHERE "+where,
			groupSelect+" WHERE "+where+" ORDER BY o.path, g.id", args, f.Limit, f.Offset)
		return err
	})
	return out, total, failed(err, "find groups")
}

// FindGroupByID returns one group in scope with members, or ENOTFOUND.
func (s *Service) FindGroupByID(ctx context.Context, actor app.Actor, id int64) (Group, error) {
	if err := actor.Require(auth.PermGroupView); err != nil {
		return Group{}, err
	}
	g, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Group, error) { return loadGroupInScope(ctx, tx, actor, id) })
	return g, failed(err, "find group %d", id)
}

func loadGroupInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Group, error) {
	g, err := scanGroup(tx.QueryRow(ctx, groupSelect+" WHERE g.id = ?", id))
	if db.IsNoRows(err) || (err == nil && !auth.InScope(actor, g.OrgPath, g.OrgID, 0)) {
		return Group{}, notFound("教研组")
	}
	if err != nil {
		return g, err
	}
	g.Members, err = loadMembers(ctx, tx, "group_members", "group_id", id)
	return g, err
}

func loadMembers(ctx context.Context, tx *db.Tx, table, col string, id int64) ([]Member, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Member, error) {
		var m Member
		err := r.Scan(&m.ID, &m.Name)
		return m, err
	}, "SELECT p.id, p.name FROM "+table+" m JOIN people p ON p.id = m.person_id WHERE m."+col+" = ? ORDER BY p.id", id)
}

// saveMembers replaces the members of a group or studio. Every member (and
// the leader) must be a person the actor can see; names are filled in.
// refs, when set, holds members an import has already looked up and
// checked against the actor's scope; the others are read one by one. The
// rows go in one multi-row statement.
func saveMembers(ctx context.Context, tx *db.Tx, actor app.Actor, table, col string, id int64, ids []int64,
	refs map[int64]Member, fresh bool) ([]Member, error) {
	if !fresh {
		if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE "+col+" = ?", id); err != nil {
			return nil, err
		}
	}
	var out []Member
	var rows [][]any
	seen := map[int64]bool{}
	for _, pid := range ids {
		if seen[pid] {
			continue
		}
		seen[pid] = true
		m, ok := refs[pid]
		if !ok {
			var err error
			if m, err = personRef(ctx, tx, actor, pid); err != nil {
				return nil, app.Invalid("members", "成员中有不存在或不在您管辖范围内的人员")
			}
		}
		rows = append(rows, []any{id, pid})
		out = append(out, m)
	}
	return out, tx.InsertMany(ctx, table, []string{col, "person_id"}, rows, "", nil)
}

func personRef(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (Member, error) {
	var m Member
	var path string
	var orgID int64
	err := tx.QueryRow(ctx, "SELECT p.id, p.name, o.path, o.id FROM people p JOIN orgs o ON o.id = p.org_id WHERE p.id = ? AND p.active = TRUE",
		id).Scan(&m.ID, &m.Name, &path, &orgID)
	if err == nil && !auth.InScope(actor, path, orgID, id) {
		err = notFound("人员")
	}
	return m, err
}
