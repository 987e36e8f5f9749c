package training

import (
	"context"
	"io"

	"jiaoyan/internal/app"
	"jiaoyan/internal/attach"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

const claimSelect = `SELECT c.id, c.entry_id, c.person_id, p.name, c.org_id, o.name, e.category, COALESCE(dc.name, e.category),
	e.level, e.title, e.hours, e.credits, e.school_year, c.organiser, c.start_date, c.end_date, c.stage, c.reason, c.school_by,
	c.county_by, c.version, c.created_at, e.version, o.path, o.region_code
	FROM training_claims c JOIN credit_entries e ON e.id = c.entry_id JOIN people p ON p.id = c.person_id
	JOIN orgs o ON o.id = c.org_id LEFT JOIN dict_entries dc ON dc.table_code = 'credit_category' AND dc.code = e.category`

// claimRow is a claim with what scope checks and decisions need.
type claimRow struct {
	Claim
	entryVersion int
	orgPath      string
	region       string
}

func scanClaim(r db.Scanner) (claimRow, error) {
	var c claimRow
	err := r.Scan(&c.ID, &c.EntryID, &c.PersonID, &c.PersonName, &c.OrgID, &c.OrgName, &c.Category, &c.CategoryName, &c.Level,
		&c.Title, &c.Hours, &c.Credits, &c.SchoolYear, &c.Organiser, &c.StartDate, &c.EndDate, &c.Stage, &c.Reason, &c.SchoolBy,
		&c.CountyBy, &c.Version, &c.CreatedAt, &c.entryVersion, &c.orgPath, &c.region)
	return c, err
}

// claimInScope loads claim id, ENOTFOUND unless the actor's scope holds it.
func claimInScope(ctx context.Context, tx *db.Tx, actor app.Actor, id int64) (claimRow, error) {
	c, err := scanClaim(tx.QueryRow(ctx, claimSelect+" WHERE c.id = ?", id))
	if db.IsNoRows(err) || err == nil && !auth.InScope(actor, c.orgPath, c.OrgID, c.PersonID) {
		return c, app.Errorf(app.ENOTFOUND, "找不到该学分认定申请")
	}
	return c, err
}

// FindClaims lists the claims in the actor's scope matching f, newest
// first, with the total.
func (s *Service) FindClaims(ctx context.Context, actor app.Actor, f ClaimFilter) ([]Claim, int, error) {
	if !actor.Can(PermClaimCreate) && !actor.Can(PermClaimApprove) {
		return nil, 0, app.Errorf(app.EFORBIDDEN, "没有查看学分认定的权限")
	}
	var out []Claim
	var total int
	err := s.DB.Read(ctx, func(tx *db.Tx) error {
		where, args := auth.ScopeWhere(actor, "o.path", "o.id", "c.person_id")
		add := func(cond string, v any) { where += " AND " + cond; args = append(args, v) }
		if f.Mine {
			add("c.person_id = ?", actor.PersonID)
		}
		if f.Waiting {
			lv, err := level(ctx, tx, actor)
			if err != nil {
				return err
			}
			add("c.stage = ?", lv)
		}
		if f.Stage != "" {
			add("c.stage = ?", f.Stage)
		}
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM training_claims c JOIN orgs o ON o.id = c.org_id WHERE "+where,
			args...).Scan(&total); err != nil {
			return err
		}
		rows, err := db.QueryAll(ctx, tx, scanClaim, claimSelect+" WHERE "+where+" ORDER BY c.id DESC LIMIT ? OFFSET ?",
			append(args, max(1, f.Limit), f.Offset)...)
		for _, r := range rows {
			out = append(out, r.Claim)
		}
		return err
	})
	return out, total, err
}

// FindClaimByID returns one claim in scope with its certificates.
func (s *Service) FindClaimByID(ctx context.Context, actor app.Actor, id int64) (Claim, error) {
	if !actor.Can(PermClaimCreate) && !actor.Can(PermClaimApprove) {
		return Claim{}, app.Errorf(app.EFORBIDDEN, "没有查看学分认定的权限")
	}
	return db.ReadValue(ctx, s.DB, func(tx *db.Tx) (Claim, error) {
		c, err := claimInScope(ctx, tx, actor, id)
		if err != nil {
			return Claim{}, err
		}
		c.Files, err = s.files().List(ctx, tx, claimOwner(c.ID, c.PersonName, c.Title))
		return c.Claim, err
	})
}

// OpenClaimFile opens one certificate of a claim in scope.
func (s *Service) OpenClaimFile(ctx context.Context, actor app.Actor, id, fileID int64) (attach.Attachment, io.ReadSeekCloser, error) {
	c, err := s.FindClaimByID(ctx, actor, id)
	if err != nil {
		return attach.Attachment{}, nil, err
	}
	for _, a := range c.Files {
		if a.ID == fileID {
			rc, err := s.files().Open(ctx, a)
			return a, rc, err
		}
	}
	return attach.Attachment{}, nil, app.Errorf(app.ENOTFOUND, "找不到该证书")
}
