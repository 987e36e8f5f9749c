package auth

import (
	"context"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// ScopeWhere returns an SQL condition (with ? placeholders) that admits only
// rows inside the actor's data scope. pathCol is the organisation path column
// of the row (orgs.path), orgCol its organisation id column, personCol its
// person id column or "" when the row is not about one person.
func ScopeWhere(a app.Actor, pathCol, orgCol, personCol string) (string, []any) {
	s := a.Scope
	if s.All {
		return "(1=1)", nil
	}
	var conds []string
	var args []any
	for _, p := range s.Prefixes {
		if plainPath(p) {
			// Written into the SQL, not bound: SQLite re-prepares a
			// statement whose LIKE pattern is a bound value every time it
			// is bound, a tenth of a list page's CPU.
			conds = append(conds, pathCol+" LIKE '"+p+"%'")
			continue
		}
		conds = append(conds, pathCol+" LIKE ?")
		args = append(args, p+"%")
	}
	if len(s.OrgIDs) > 0 {
		conds = append(conds, orgCol+" IN ("+db.In(len(s.OrgIDs))+")")
		for _, id := range s.OrgIDs {
			args = append(args, id)
		}
	}
	if s.SelfPersonID != 0 && personCol != "" {
		conds = append(conds, personCol+" = ?")
		args = append(args, s.SelfPersonID)
	}
	if len(conds) == 0 {
		return "(1=0)", nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// plainPath reports whether p holds only the characters of organisation
// and region paths (letters, digits, '/', '-', '_'), so it can stand
// quoted in SQL as it is.
func plainPath(p string) bool {
	for _, c := range p {
		if !(c == '/' || c == '-' || c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return p != ""
}

// InScope reports whether an object at organisation path (with id orgID,
// about person personID or 0) lies inside the actor's scope; it is the
// in-memory twin of ScopeWhere.
func InScope(a app.Actor, path string, orgID, personID int64) bool {
	s := a.Scope
	if s.All {
		return true
	}
	for _, p := range s.Prefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	for _, id := range s.OrgIDs {
		if id == orgID {
			return true
		}
	}
	return personID != 0 && personID == s.SelfPersonID
}

// anchor is where a user sits in the organisation tree.
type anchor struct {
	personID   int64
	orgID      int64
	orgPath    string
	orgKind    string
	regionPath string
}

// subtreePrefix is the path prefix of "本级及下级" for an organisation: a
// bureau or research office reaches its whole region, a school itself and
// its teaching points.
func (an anchor) subtreePrefix() string {
	if an.orgKind == "bureau" || an.orgKind == "research_office" {
		return an.regionPath
	}
	return an.orgPath
}

func resolveScope(ctx context.Context, tx *db.Tx, an anchor, roles []Role) (app.Scope, error) {
	var s app.Scope
	for _, r := range roles {
		switch r.Scope {
		case app.ScopeAll:
			s.All = true
		case app.ScopeSubtree:
			if an.orgID != 0 {
				s.Prefixes = append(s.Prefixes, an.subtreePrefix())
			}
		case app.ScopeOrg:
			if an.orgID != 0 {
				s.OrgIDs = append(s.OrgIDs, an.orgID)
			}
		case app.ScopeSelf:
			s.SelfPersonID = an.personID
		case app.ScopeCustom:
			for _, id := range r.OrgIDs {
				o, err := loadAnchorOrg(ctx, tx, id)
				if err != nil {
					return s, err
				}
				s.Prefixes = append(s.Prefixes, o.subtreePrefix())
			}
		}
	}
	return s, nil
}

func loadAnchorOrg(ctx context.Context, tx *db.Tx, orgID int64) (anchor, error) {
	an := anchor{orgID: orgID}
	err := tx.QueryRow(ctx, `SELECT o.path, o.kind, r.path FROM orgs o JOIN regions r ON r.code = o.region_code
		WHERE o.id = ?`, orgID).Scan(&an.orgPath, &an.orgKind, &an.regionPath)
	return an, err
}
