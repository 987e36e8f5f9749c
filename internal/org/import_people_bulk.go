package org

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// personBulk carries a people import's writes of new people to the end of
// the import: the file's known 身份证号 are looked up 500 a query before
// the rows are checked, and the new people, their honours and what they
// add to org_figures go in multi-row statements after every row passed,
// in the import's one transaction. What ends in the database is what the
// row-by-row path writes.
type personBulk struct {
	known   map[string]int64 // id_hash → people.id of the people already stored
	pending []Person         // new people, in file order
	figures map[figureKey]int
}

type figureKey struct {
	org    int64
	figure string
}

// newPersonBulk looks up which of the rows' 身份证号 are already stored.
func (s *Service) newPersonBulk(ctx context.Context, tx *db.Tx, rows []PersonRow) (*personBulk, error) {
	b := &personBulk{known: map[string]int64{}, figures: map[figureKey]int{}}
	var hashes []any
	flush := func() error {
		if len(hashes) == 0 {
			return nil
		}
		rs, err := tx.Query(ctx, "SELECT id, id_hash FROM people WHERE id_hash IN ("+db.In(len(hashes))+")", hashes...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var id int64
			var h string
			if err := rs.Scan(&id, &h); err != nil {
				return err
			}
			b.known[h] = id
		}
		hashes = hashes[:0]
		return rs.Err()
	}
	for _, r := range rows {
		p := r.Person
		takeMasks(&p)
		p.normalize()
		if p.IDNumber == "" {
			continue
		}
		if hashes = append(hashes, s.Keys.Lookup(p.IDNumber)); len(hashes) == 500 {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return b, flush()
}

// existing is existingPerson answered from the lookup for rows without a
// 系统编号.
func (b *personBulk) existing(s *Service, p Person) (int64, error) {
	if id, ok := b.known[s.Keys.Lookup(p.IDNumber)]; ok && p.IDNumber != "" {
		return id, nil
	}
	return 0, sql.ErrNoRows
}

// add queues new person p and what it counts.
func (b *personBulk) add(p Person) {
	b.pending = append(b.pending, p)
	b.figures[figureKey{p.OrgID, FigurePeople}]++
	b.figures[figureKey{p.OrgID, figureTitle + p.Title}]++
	if p.ResearcherKind != "" {
		b.figures[figureKey{p.OrgID, FigureResearchers}]++
	}
}

// write inserts the queued people, then their honours and figures.
func (b *personBulk) write(ctx context.Context, s *Service, tx *db.Tx, actor app.Actor) error {
	if len(b.pending) == 0 {
		return nil
	}
	now := s.now()
	rows := make([][]any, len(b.pending))
	for i, p := range b.pending {
		rows[i] = s.personInsertValues(p, now, actor.Username)
	}
	ids := make(map[string]int64, len(rows))
	err := tx.InsertMany(ctx, "people", personInsertCols, rows, "RETURNING id, id_hash", func(r db.Scanner) error {
		var id int64
		var h string
		err := r.Scan(&id, &h)
		ids[h] = id
		return err
	})
	if db.IsUniqueViolation(err) {
		return app.Invalid("id_number", "文件中有身份证号已登记在其他人员名下（可能刚被他人导入），请重新导入")
	}
	if err != nil {
		return err
	}
	if err := b.writeHonours(ctx, s, tx, ids); err != nil {
		return err
	}
	return b.writeFigures(ctx, s, tx, now)
}

func (b *personBulk) writeHonours(ctx context.Context, s *Service, tx *db.Tx, ids map[string]int64) error {
	var rows [][]any
	for _, p := range b.pending {
		id, ok := ids[s.Keys.Lookup(p.IDNumber)]
		if !ok {
			return fmt.Errorf("导入人员：写入后找不到 %s", p.Name)
		}
		for _, h := range p.Honours {
			rows = append(rows, []any{id, strings.TrimSpace(h.Name), h.Level, h.Year})
		}
	}
	return tx.InsertMany(ctx, "person_honours", []string{"person_id", "name", "level", "year"}, rows, "", nil)
}

// writeFigures adds the queued counts to org_figures, one row per
// organisation and figure, and moves org_figures_version once.
func (b *personBulk) writeFigures(ctx context.Context, s *Service, tx *db.Tx, now int64) error {
	rows := make([][]any, 0, len(b.figures))
	for k, n := range b.figures {
		rows = append(rows, []any{k.org, k.figure, n, now})
	}
	err := tx.InsertMany(ctx, "org_figures", []string{"org_id", "figure", "value", "updated_at"}, rows,
		"ON CONFLICT (org_id, figure) DO UPDATE SET value = org_figures.value + excluded.value, updated_at = excluded.updated_at", nil)
	if err == nil {
		_, err = tx.Exec(ctx, "UPDATE org_figures_version SET version = version + 1 WHERE id = 1")
	}
	return err
}
