package org

import (
	"context"
	"sort"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/auth"
	"jiaoyan/internal/exchange"
)

// ImportKind is one kind of spreadsheet import (行政区域, 机构与学校, 人员,
// 教研组): the same registry serves the import page and `jiaoyan import`.
type ImportKind struct {
	Key   string   // regions, orgs, people, groups
	Title string   // 人员
	Perm  app.Perm // permission an importer must hold
	Spec  func() exchange.Spec
	run   func(ctx context.Context, s *Service, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt ImportOptions) (ImportResult, error)
}

var importKinds = []ImportKind{
	{Key: "regions", Title: "行政区域", Perm: auth.PermRegionEdit, Spec: RegionSpec,
		run: func(ctx context.Context, s *Service, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt ImportOptions) (ImportResult, error) {
			return s.ImportRegions(ctx, a, RegionRows(rows), opt)
		}},
	{Key: "orgs", Title: "机构与学校", Perm: auth.PermOrgEdit, Spec: OrgSpec,
		run: func(ctx context.Context, s *Service, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt ImportOptions) (ImportResult, error) {
			in := OrgRows(rows, errs)
			if len(*errs) > 0 {
				return ImportResult{}, nil
			}
			return s.ImportOrgs(ctx, a, in, opt)
		}},
	{Key: "people", Title: "人员", Perm: auth.PermPersonEdit, Spec: PersonSpec,
		run: func(ctx context.Context, s *Service, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt ImportOptions) (ImportResult, error) {
			in := PersonRows(rows, errs)
			if len(*errs) > 0 {
				return ImportResult{}, nil
			}
			return s.ImportPeople(ctx, a, in, opt)
		}},
	{Key: "groups", Title: "教研组", Perm: auth.PermGroupEdit, Spec: GroupSpec,
		run: func(ctx context.Context, s *Service, a app.Actor, rows []exchange.Row, errs *exchange.RowErrors, opt ImportOptions) (ImportResult, error) {
			return s.ImportGroups(ctx, a, GroupRows(rows), opt)
		}},
}

// ImportKinds lists the import kinds in menu order.
func ImportKinds() []ImportKind { return importKinds }

// FindImportKind returns the kind with the key, or ENOTFOUND.
func FindImportKind(key string) (ImportKind, error) {
	for _, k := range importKinds {
		if k.Key == key {
			return k, nil
		}
	}
	return ImportKind{}, app.Errorf(app.ENOTFOUND, "没有这种导入：%s（可选 regions、orgs、people、groups）", key)
}

// Field finds the column a user means by word: its template header, a
// synonym or its key. "-" and "不导入" mean leave the column out (key "").
func (k ImportKind) Field(word string) (string, bool) {
	w := exchange.NormalizeText(strings.TrimSpace(word))
	if w == "-" || w == "不导入" {
		return "", true
	}
	for _, c := range k.Spec().Columns {
		if w == c.Key || w == c.Header || contains(c.Aliases, w) {
			return c.Key, true
		}
	}
	return "", false
}

// ParseMapping reads a column mapping written as "文件表头=字段,…" (the
// --map of `jiaoyan import`); 字段 is what Field accepts.
func (k ImportKind) ParseMapping(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '；' }) {
		h, f, ok := strings.Cut(part, "=")
		h = strings.TrimSpace(h)
		if !ok || h == "" {
			return nil, app.Errorf(app.EINVALID, "列对应“%s”应写成 文件表头=字段", part)
		}
		key, ok := k.Field(f)
		if !ok {
			return nil, app.Errorf(app.EINVALID, "“%s”不是%s导入的字段；可用：%s", strings.TrimSpace(f), k.Title, strings.Join(k.Headers(), "、"))
		}
		out[h] = key
	}
	return out, nil
}

// Headers are the template headers of the kind's columns.
func (k ImportKind) Headers() []string {
	var out []string
	for _, c := range k.Spec().Columns {
		out = append(out, c.Header)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// serviceField maps a service's field name to the import column key.
var serviceField = map[string]string{"org_id": "org", "office_id": "office", "parent_code": "parent", "region_code": "region", "parent_id": "parent"}

// cellErrors turns the RowErrors a service returns into cell errors.
func cellErrors(re RowErrors) exchange.RowErrors {
	out := make(exchange.RowErrors, 0, len(re))
	for _, e := range re {
		col := e.Field
		if c, ok := serviceField[col]; ok {
			col = c
		}
		out = append(out, exchange.RowError{Row: e.Row, Column: col, Message: e.Message})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Row < out[j].Row })
	return out
}
