package auth

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// Authenticate resolves a session token to its session and Actor. It returns
// EUNAUTH when the token is unknown, the session is idle longer than the idle
// timeout or older than the absolute timeout (and deletes it), or the account
// has been deactivated. Session.Pending names a step the user must clear
// first; while the second-factor code is pending the Actor holds no
// permission and no scope. seen_at is refreshed at most once a minute.
func (s *Service) Authenticate(ctx context.Context, token, ip, ua string) (Session, app.Actor, error) {
	now := s.now()
	var sess Session
	var created, seen int64
	var actor app.Actor
	expired := app.Errorf(app.EUNAUTH, "登录已过期，请重新登录")
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		err := tx.QueryRow(ctx, "SELECT token_hash, user_id, created_at, seen_at, mfa_done FROM sessions WHERE token_hash = ?",
			hashToken(token)).Scan(&sess.TokenHash, &sess.UserID, &created, &seen, &sess.MFADone)
		if db.IsNoRows(err) {
			return expired
		}
		if err != nil {
			return err
		}
		sess.CreatedAt, sess.SeenAt = time.UnixMilli(created), time.UnixMilli(seen)
		if now.Sub(sess.SeenAt) > s.Policy.IdleTimeout || now.Sub(sess.CreatedAt) > s.Policy.AbsoluteTimeout {
			return expired
		}
		actor, sess.Pending, err = s.loadActor(ctx, tx, sess.UserID, sess.MFADone, now)
		return err
	})
	if err != nil {
		if app.ErrorCode(err) == app.EUNAUTH && sess.TokenHash != "" {
			s.DB.Write(ctx, func(tx *db.Tx) error {
				_, err := tx.Exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", sess.TokenHash)
				return err
			})
		}
		return sess, actor, err
	}
	actor.IP, actor.UserAgent = ip, ua
	if sess.Pending == PendingTOTP {
		actor.Perms, actor.Scope, actor.Roles = map[app.Perm]bool{}, app.Scope{}, nil // the password alone grants nothing
	}
	if now.Sub(sess.SeenAt) > time.Minute {
		err = s.DB.Write(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, "UPDATE sessions SET seen_at = ? WHERE token_hash = ?", now.UnixMilli(), sess.TokenHash)
			return err
		})
	}
	return sess, actor, err
}

// loadActor builds the Actor of user id: roles, permissions, scope, and the
// pending step its session must clear.
func (s *Service) loadActor(ctx context.Context, tx *db.Tx, id int64, mfaDone bool, now time.Time) (app.Actor, string, error) {
	var a app.Actor
	var personID *int64
	var changedAt int64
	var mustChange, totpOn, active bool
	err := tx.QueryRow(ctx, `SELECT username, person_id, password_changed_at, must_change, totp_enabled, active
		FROM users WHERE id = ?`, id).Scan(&a.Username, &personID, &changedAt, &mustChange, &totpOn, &active)
	if err != nil || !active {
		return a, "", app.Errorf(app.EUNAUTH, "账号不存在或已停用")
	}
	a.UserID = id
	roles, err := userRoles(ctx, tx, id)
	if err != nil {
		return a, "", err
	}
	an := anchor{}
	if personID != nil {
		an.personID = *personID
		if err := tx.QueryRow(ctx, "SELECT org_id FROM people WHERE id = ?", an.personID).Scan(&an.orgID); err != nil {
			return a, "", err
		}
		o, err := loadAnchorOrg(ctx, tx, an.orgID)
		if err != nil {
			return a, "", err
		}
		an.orgPath, an.orgKind, an.regionPath = o.orgPath, o.orgKind, o.regionPath
	}
	a.PersonID, a.OrgID, a.OrgPath = an.personID, an.orgID, an.orgPath
	a.Perms = map[app.Perm]bool{}
	admin := false
	for _, r := range roles {
		a.Roles = append(a.Roles, r.Code)
		admin = admin || r.Admin
		for _, p := range r.Permissions {
			a.Perms[p] = true
		}
	}
	if a.Scope, err = resolveScope(ctx, tx, an, roles); err != nil {
		return a, "", err
	}
	expired := now.Sub(time.UnixMilli(changedAt)) > s.Policy.PasswordMaxAge
	return a, pendingStep(totpOn && !mfaDone, mustChange || expired, admin && s.Policy.RequireAdminTOTP && !totpOn), nil
}

// pendingStep orders the steps a session clears: the second factor first
// (the code, or enrolment for an administrator without one), then a forced
// password change, so the password alone never changes the password.
func pendingStep(needCode, needPassword, needSetup bool) string {
	switch {
	case needCode:
		return PendingTOTP
	case needSetup:
		return PendingTOTPSetup
	case needPassword:
		return PendingPassword
	}
	return PendingNone
}

// SecondFactorPending reports whether step is one of the second-factor
// steps, during which the session has shown the password alone.
func SecondFactorPending(step string) bool {
	return step == PendingTOTP || step == PendingTOTPSetup
}

// sessionPending returns the pending step of the session token of userID,
// or EUNAUTH when there is no such session.
func (s *Service) sessionPending(ctx context.Context, token string, userID int64) (string, error) {
	var pending string
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		var mfaDone bool
		err := tx.QueryRow(ctx, "SELECT mfa_done FROM sessions WHERE token_hash = ? AND user_id = ?",
			hashToken(token), userID).Scan(&mfaDone)
		if db.IsNoRows(err) {
			return app.Errorf(app.EUNAUTH, "登录已过期，请重新登录")
		}
		if err != nil {
			return err
		}
		_, pending, err = s.loadActor(ctx, tx, userID, mfaDone, s.now())
		return err
	})
	return pending, err
}

func userRoles(ctx context.Context, tx *db.Tx, userID int64) ([]Role, error) {
	rows, err := tx.Query(ctx, `SELECT r.id, r.code, r.name, r.builtin, r.admin, r.scope, r.permissions, r.version
		FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = ? ORDER BY r.id`, userID)
	if err != nil {
		return nil, err
	}
	roles, err := scanRoles(rows)
	if err != nil {
		return nil, err
	}
	return roles, loadRoleOrgs(ctx, tx, roles)
}

func scanRoles(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
	Close() error
}) ([]Role, error) {
	defer rows.Close()
	var out []Role
	for rows.Next() {
		var r Role
		var perms string
		if err := rows.Scan(&r.ID, &r.Code, &r.Name, &r.Builtin, &r.Admin, &r.Scope, &perms, &r.Version); err != nil {
			return nil, err
		}
		if perms != "" {
			r.Permissions = SplitPerms(perms)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func loadRoleOrgs(ctx context.Context, tx *db.Tx, roles []Role) error {
	for i := range roles {
		if roles[i].Scope != app.ScopeCustom {
			continue
		}
		rows, err := tx.Query(ctx, "SELECT org_id FROM role_orgs WHERE role_id = ? ORDER BY org_id", roles[i].ID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			roles[i].OrgIDs = append(roles[i].OrgIDs, id)
		}
		rows.Close()
	}
	return nil
}
