package auth

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
)

// Candidate is a person of an organisation who has no account yet, as the
// bulk opening page (批量开通账号) lists them.
type Candidate struct {
	PersonID int64
	Name     string
	Username string // the name BulkUsername proposes
}

// OpenedAccount is one slip of the 开户通知单. Password is the initial
// password in plain text: it exists only in this value, for the one
// response that prints it; the database keeps its argon2id hash alone.
type OpenedAccount struct {
	UserID   int64
	PersonID int64
	Name     string
	OrgName  string
	Username string
	Password string
}

// BulkUsername is the sign-in name bulk opening gives a person: "js"
// (教师) and the person's system number, six digits or more, e.g.
// js000123. Person numbers never change or repeat, so neither does the
// name; if someone already took it by hand, "-2", "-3"… is appended.
func BulkUsername(personID int64) string { return fmt.Sprintf("js%06d", personID) }

// AccountOrg is the organisation whose people bulk opening lists.
type AccountOrg struct {
	ID   int64
	Name string
	Path string
}

// FindAccountCandidates returns the organisation orgID, which must be in
// the actor's scope (ENOTFOUND otherwise), and its active people without
// an account, by person number.
func (s *Service) FindAccountCandidates(ctx context.Context, actor app.Actor, orgID int64) (AccountOrg, []Candidate, error) {
	if err := actor.Require(PermAccountManage); err != nil {
		return AccountOrg{}, nil, err
	}
	var o AccountOrg
	var out []Candidate
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var err error
		if o, err = orgInScope(ctx, tx, actor, orgID); err != nil {
			return err
		}
		out, err = candidates(ctx, tx, orgID)
		return err
	})
	return o, out, err
}

func orgInScope(ctx context.Context, tx *db.Tx, actor app.Actor, orgID int64) (AccountOrg, error) {
	o := AccountOrg{ID: orgID}
	err := tx.QueryRow(ctx, "SELECT name, path FROM orgs WHERE id = ?", orgID).Scan(&o.Name, &o.Path)
	if db.IsNoRows(err) || (err == nil && !InScope(actor, o.Path, orgID, 0)) {
		return o, app.Errorf(app.ENOTFOUND, "找不到该单位")
	}
	return o, err
}

func candidates(ctx context.Context, tx *db.Tx, orgID int64) ([]Candidate, error) {
	return db.QueryAll(ctx, tx, func(r db.Scanner) (Candidate, error) {
		var c Candidate
		err := r.Scan(&c.PersonID, &c.Name)
		c.Username = BulkUsername(c.PersonID)
		return c, err
	}, `SELECT p.id, p.name FROM people p WHERE p.org_id = ? AND p.active = TRUE
		AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY p.id`, orgID)
}

// OpenAccounts opens, in one transaction, an account with the role 教师
// for each of personIDs: people of organisation orgID (in the actor's
// scope) who have no account. Each gets BulkUsername and a random initial
// password (NewInitialPassword) that must be changed at first sign-in. The
// actor must be allowed to grant 教师 by the grant table. If any person is
// not such a candidate, nothing is written (ENOTFOUND). Every account
// leaves one audit row, which never holds the password. The passwords are
// returned once and cannot be read again: re-showing one takes a reset.
func (s *Service) OpenAccounts(ctx context.Context, actor app.Actor, orgID int64, personIDs []int64) ([]OpenedAccount, error) {
	if err := actor.Require(PermAccountManage); err != nil {
		return nil, err
	}
	personIDs = slices.Compact(slices.Sorted(slices.Values(personIDs)))
	if len(personIDs) == 0 {
		return nil, app.Invalid("people", "请至少选择一位教师")
	}
	o, picked, err := s.pickCandidates(ctx, actor, orgID, personIDs)
	if err != nil {
		return nil, err
	}
	out := s.prepareSlips(o, picked)
	hashes := s.hashAll(out)
	err = s.DB.Write(ctx, func(tx *db.Tx) error { return s.insertOpened(ctx, tx, actor, out, hashes) })
	if err != nil && app.ErrorCode(err) == app.EFORBIDDEN {
		s.auditRefusal(ctx, actor, "user.create_refused", 0, fmt.Sprintf("拒绝批量开通 %s 的 %d 个账号：%s",
			o.Name, len(out), app.ErrorMessage(err)), []string{RoleTeacher})
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pickCandidates returns the organisation and the candidates named by
// personIDs, or ENOTFOUND when one of them is not a candidate there.
func (s *Service) pickCandidates(ctx context.Context, actor app.Actor, orgID int64, personIDs []int64) (AccountOrg, []Candidate, error) {
	o, all, err := s.FindAccountCandidates(ctx, actor, orgID)
	if err != nil {
		return o, nil, err
	}
	var picked []Candidate
	for _, c := range all {
		if slices.Contains(personIDs, c.PersonID) {
			picked = append(picked, c)
		}
	}
	if len(picked) != len(personIDs) {
		return o, nil, app.Errorf(app.ENOTFOUND, "所选人员中有不属于%s、已停用或已有账号的人员，未开通任何账号", o.Name)
	}
	return o, picked, nil
}

func (s *Service) prepareSlips(o AccountOrg, cs []Candidate) []OpenedAccount {
	out := make([]OpenedAccount, len(cs))
	for i, c := range cs {
		out[i] = OpenedAccount{PersonID: c.PersonID, Name: c.Name, OrgName: o.Name, Username: c.Username,
			Password: s.NewInitialPassword(c.Username)}
	}
	return out
}

// hashAll hashes the initial passwords before the write transaction (the
// Hasher bounds how many run at once).
func (s *Service) hashAll(slips []OpenedAccount) []string {
	hashes := make([]string, len(slips))
	var wg sync.WaitGroup
	for i := range slips {
		wg.Go(func() { hashes[i] = s.Hasher.Hash(slips[i].Password) })
	}
	wg.Wait()
	return hashes
}

func (s *Service) insertOpened(ctx context.Context, tx *db.Tx, actor app.Actor, slips []OpenedAccount, hashes []string) error {
	roles, err := rolesByCode(ctx, tx, []string{RoleTeacher})
	if err != nil {
		return err
	}
	if err := checkGrant(actor, 0, nil, roles); err != nil {
		return err
	}
	for i := range slips {
		sl := &slips[i]
		if sl.Username, err = freeUsername(ctx, tx, sl.Username); err != nil {
			return err
		}
		if sl.UserID, err = s.insertUser(ctx, tx, sl.Username, hashes[i], &sl.PersonID); err != nil {
			return err
		}
		if err := setUserRoles(ctx, tx, sl.UserID, roles); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, actor, audit.Entry{Action: "user.create", ObjectType: "user", ObjectID: fmt.Sprint(sl.UserID),
			Summary: fmt.Sprintf("批量开通账号：为 %s（%s）开通账号 %s，角色 教师，首次登录须修改密码", sl.Name, sl.OrgName, sl.Username),
			After:   map[string]any{"roles": []string{RoleTeacher}, "bulk": true}}); err != nil {
			return err
		}
	}
	return nil
}

// freeUsername returns base, or base-2, base-3… when base is taken.
func freeUsername(ctx context.Context, tx *db.Tx, base string) (string, error) {
	name := base
	for i := 2; i < 100; i++ {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM users WHERE username = ?", name)
		if err != nil || n == 0 {
			return name, err
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	return "", app.Invalid("username", "用户名 %s 及其备选都已被占用", base)
}
