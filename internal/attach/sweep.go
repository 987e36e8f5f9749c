package attach

import (
	"context"
	"time"

	"jiaoyan/internal/db"
)

// SweepResult counts what a sweep removed.
type SweepResult struct {
	Blobs   int // blob rows no attachment used, with their bytes
	Orphans int // stored bytes no blob row named (an upload whose row never committed)
}

// Sweep removes blobs no attachment uses and, in every configured backend,
// stored bytes that no blob row names and that are older than grace (so an
// upload staged but not yet added survives). Run it from a scheduled job.
func (s *Service) Sweep(ctx context.Context, grace time.Duration) (SweepResult, error) {
	var res SweepResult
	unused, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) ([]blobRef, error) {
		return db.QueryAll(ctx, tx, scanBlob, `SELECT id, backend, storage_key, size FROM attach_blobs b
			WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.blob_id = b.id)`)
	})
	if err != nil {
		return res, err
	}
	for _, b := range unused {
		if ok, err := s.dropBlob(ctx, b); err != nil {
			return res, err
		} else if ok {
			res.Blobs++
		}
	}
	for _, st := range s.Readers {
		n, err := s.sweepOrphans(ctx, st, time.Now().Add(-grace))
		res.Orphans += n
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

func scanBlob(r db.Scanner) (blobRef, error) {
	var b blobRef
	return b, r.Scan(&b.ID, &b.Backend, &b.Key, &b.Size)
}

// dropBlob deletes the row of b if still unused, then its bytes. The bytes
// go after the row commits: a crash between leaves an orphan, never a row
// without bytes.
func (s *Service) dropBlob(ctx context.Context, b blobRef) (bool, error) {
	var n int64
	err := s.DB.Write(ctx, func(tx *db.Tx) error {
		r, err := tx.Exec(ctx, `DELETE FROM attach_blobs WHERE id = ?
			AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.blob_id = ?)`, b.ID, b.ID)
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	if err != nil || n == 0 {
		return false, err
	}
	if st, ok := s.Readers[b.Backend]; ok {
		return true, st.Delete(ctx, b.Key)
	}
	return true, nil
}

func (s *Service) sweepOrphans(ctx context.Context, st Storage, before time.Time) (int, error) {
	var orphans []string
	err := st.Walk(ctx, func(key string, written time.Time) error {
		if written.After(before) {
			return nil
		}
		used, err := db.ReadValue(ctx, s.DB, func(tx *db.Tx) (int, error) {
			return tx.Count(ctx, "SELECT COUNT(*) FROM attach_blobs WHERE backend = ? AND storage_key = ?", st.Name(), key)
		})
		if err == nil && used == 0 {
			orphans = append(orphans, key)
		}
		return err
	})
	if err != nil {
		return 0, err
	}
	for _, k := range orphans {
		if err := st.Delete(ctx, k); err != nil {
			return 0, err
		}
	}
	return len(orphans), nil
}
