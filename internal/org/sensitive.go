package org

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
)

// Masking (DESIGN §6, PIPL §28/§51): every read masks 身份证号 and 手机号
// unless the actor holds auth.PermPersonSensitive, which no built-in role
// holds. The two ways past it are RevealPerson (one person, one audited
// click) and ExportPeopleFull (a bulk export with a reason, audited with
// its row count, for holders of the permission).

// IsMasked reports whether s is a masked number as pages and exports show
// it (4401**********123X, 138****5678).
func IsMasked(s string) bool { return strings.Contains(s, "*") }

// withFullNumbers is actor with the permission to read full numbers added,
// its data scope unchanged; for the service's own reads.
func withFullNumbers(actor app.Actor) app.Actor {
	full := actor
	full.Perms = maps.Clone(actor.Perms)
	if full.Perms == nil {
		full.Perms = map[app.Perm]bool{}
	}
	full.Perms[auth.PermPersonSensitive] = true
	return full
}

// RevealPerson returns one person in the actor's scope with the full ID
// number and phone (查看完整证件号), and records that the actor looked, in the
// same transaction. Any actor who may view the person may reveal: the audit
// row is the safeguard. ENOTFOUND outside the scope.
func (s *Service) RevealPerson(ctx context.Context, actor app.Actor, id int64) (Person, error) {
	if err := actor.Require(auth.PermPersonView); err != nil {
		return Person{}, err
	}
	var p Person
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		var err error
		if p, err = s.loadPersonInScope(ctx, tx, withFullNumbers(actor), id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "person.reveal", ObjectType: "person", ObjectID: fmt.Sprint(id),
			Summary: "查看完整证件号 " + p.Name + "（" + p.OrgName + "）"})
	})
	return p, err
}

// ExportPeopleFull returns the people FindPeople would list, with full ID
// numbers and phones, for an export 含完整证件号. It needs
// auth.PermPersonSensitive and a reason (理由), and writes one audit row with
// the reason and the row count; when that row cannot be written nothing is
// returned.
func (s *Service) ExportPeopleFull(ctx context.Context, actor app.Actor, f PersonFilter, reason string) ([]Person, error) {
	if err := actor.Require(auth.PermPersonSensitive); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, app.Invalid("reason", "导出完整证件号须填写理由")
	}
	people, _, err := s.FindPeople(ctx, actor, f)
	if err != nil {
		return nil, err
	}
	err = s.DB.Write(ctx, func(tx *db.Tx) error {
		return audit.Record(ctx, tx, actor, audit.Entry{Action: "person.export_full", ObjectType: "person",
			Summary: fmt.Sprintf("导出含完整证件号的人员名单 %d 条，理由：%s", len(people), reason),
			After:   map[string]any{"行数": len(people), "理由": reason}})
	})
	if err != nil {
		return nil, err
	}
	return people, nil
}
