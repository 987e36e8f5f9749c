// Package org keeps the organisation tree and its people: regions (市 > 县 >
// 镇街), organisations (教育局, 教研院, 学校, 教学点), people (教师, 教研员, 专家),
// teaching groups (教研组) and 名师工作室. Every method enforces the actor's
// permissions and data scope, runs in one transaction, and writes one audit
// row per change.
package org

import (
	"strconv"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/db"
	"jiaoyan/internal/secret"
)

// Organisation kinds.
const (
	KindBureau         = "bureau"
	KindResearchOffice = "research_office"
	KindSchool         = "school"
	KindTeachingPoint  = "teaching_point"
)

// Service is the org store.
type Service struct {
	DB   *db.DB
	Keys *secret.Keys
	Now  app.Clock
}

func (s *Service) now() int64 {
	if s.Now != nil {
		return s.Now().UnixMilli()
	}
	return time.Now().UnixMilli()
}

func notFound(what string) error {
	return app.Errorf(app.ENOTFOUND, "找不到该%s，或您无权查看", what)
}

func itoa(n int) string { return strconv.Itoa(n) }

func scopeWhere(actor app.Actor, personCol string) (string, []any) {
	return auth.ScopeWhere(actor, "o.path", "o.id", personCol)
}

// record is audit.RecordChange, the one audit row of a change.
var record = audit.RecordChange
