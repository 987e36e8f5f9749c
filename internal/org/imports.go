package org

import (
	"context"
	"errors"
	"fmt"

	"jiaoyan/internal/app"
	"jiaoyan/internal/audit"
	"jiaoyan/internal/db"
	"jiaoyan/internal/exchange"
)

// ImportOptions control a bulk import.
type ImportOptions struct {
	// Update lets a row whose natural key (区划代码, 学校标识码, 身份证号, 学校+教研组名称)
	// already exists overwrite that record; otherwise such a row is left as it is
	// when identical and is an error when it differs.
	Update   bool
	FileName string
	FileHash string // SHA-256 of the uploaded file, recorded with the batch
	// Progress, when set, is told how far the import is: total is 0 while
	// the file is being read, the number of rows while they are written.
	Progress func(done, total int)
	DryRun   bool              // check everything and count, then write nothing
	Mapping  map[string]string // file header → column key ("" leaves it out), over the region's remembered mapping
	Remember bool              // after a successful import, remember Mapping for the region's next file of this kind
	Limits   exchange.Limits   // zero fields take exchange.DefaultLimits
}

// errDryRun rolls back a dry run's transaction.
var errDryRun = errors.New("dry run")

// ImportResult counts what an import did.
type ImportResult struct {
	Created, Updated, Unchanged int
	Batch                       int64 // import_batches id
	SeenBefore                  bool  // a file with the same hash was imported before
}

// RowErrors collects the problems of an import, each an *app.Error with Row
// and Field set. When any exist nothing is written.
type RowErrors []*app.Error

func (e RowErrors) Error() string {
	if len(e) == 0 {
		return ""
	}
	return fmt.Sprintf("导入文件有 %d 处错误，未写入任何数据。第一处：%s", len(e), e[0].Error())
}

func rowError(row int, err error) *app.Error {
	var e *app.Error
	if ae, ok := err.(*app.Error); ok {
		c := *ae
		e = &c
	} else {
		e = &app.Error{Code: app.EINVALID, Message: err.Error()}
	}
	e.Row = row
	return e
}

// runImport runs fn in one write transaction and records the batch with one
// audit row. If fn reports row errors the transaction rolls back and the
// errors are returned as RowErrors.
func (s *Service) runImport(ctx context.Context, actor app.Actor, kind, what string, opt ImportOptions,
	fn func(tx *db.Tx, res *ImportResult, errs *RowErrors) error) (ImportResult, error) {
	var res ImportResult
	var errs RowErrors
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		n, err := tx.Count(ctx, "SELECT COUNT(*) FROM import_batches WHERE kind = ? AND file_hash = ? AND file_hash <> ''", kind, opt.FileHash)
		if err != nil {
			return err
		}
		res.SeenBefore = n > 0
		if err := fn(tx, &res, &errs); err != nil {
			return err
		}
		if len(errs) > 0 {
			return errs
		}
		if opt.DryRun {
			return errDryRun
		}
		res.Batch, err = tx.InsertID(ctx, `INSERT INTO import_batches (kind, file_name, file_hash, created, updated, unchanged,
			created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, kind, opt.FileName, opt.FileHash,
			res.Created, res.Updated, res.Unchanged, actor.Username, s.now())
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, actor, audit.Entry{Action: kind + ".import", ObjectType: "import_batch",
			ObjectID: fmt.Sprint(res.Batch), Summary: fmt.Sprintf("导入%s（%s）：新增 %d，更新 %d，未变 %d", what, opt.FileName,
				res.Created, res.Updated, res.Unchanged), After: map[string]any{"file_hash": opt.FileHash}})
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
}

func progress(opt ImportOptions, done, total int) {
	if opt.Progress != nil && (done%500 == 0 || done == total) {
		opt.Progress(done, total)
	}
}
