package audit

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"time"
)

// Verify checks the keyed chain and compares it with every checkpoint in
// s.CheckpointFile (none when the file does not exist yet).
func (s *Service) Verify(ctx context.Context) (VerifyResult, error) {
	cps, err := s.checkpoints()
	if err != nil {
		return VerifyResult{}, err
	}
	return VerifyCheckpoints(ctx, s.DB, cps)
}

func (s *Service) checkpoints() ([]Checkpoint, error) {
	if s.CheckpointFile == "" {
		return nil, nil
	}
	cps, err := ReadCheckpoints(s.CheckpointFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return cps, err
}

// Checkpoint signs the chain's last row and emits it (Emit) unless the log is
// empty or this Service already emitted that row; it returns the checkpoint
// and whether it was emitted.
func (s *Service) Checkpoint(ctx context.Context) (Checkpoint, bool, error) {
	cp, err := TakeCheckpoint(ctx, s.DB)
	if err != nil || cp.Seq == 0 {
		return cp, false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cp.Seq == s.emitted {
		return cp, false, nil
	}
	if err := s.emit(cp); err != nil {
		return cp, false, err
	}
	s.emitted = cp.Seq
	return cp, true, nil
}

// Emit writes cp to the log stream (one line with LogKey) and appends it to
// s.CheckpointFile.
func (s *Service) Emit(cp Checkpoint) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emit(cp)
}

func (s *Service) emit(cp Checkpoint) error {
	s.logger().Info("audit checkpoint", LogKey, true, "seq", cp.Seq, "hash", cp.Hash, "at", cp.At, "mac", cp.MAC)
	if s.CheckpointFile == "" {
		return nil
	}
	return AppendCheckpoint(s.CheckpointFile, cp)
}

// StartCheckpoints emits a checkpoint now and every interval until ctx ends
// or the returned stop is called; stop waits for the loop and emits a last
// one, so a clean shutdown leaves the final row covered. Failures are logged.
func (s *Service) StartCheckpoints(ctx context.Context, every time.Duration) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	tick := func() {
		if _, _, err := s.Checkpoint(context.Background()); err != nil {
			s.logger().Error("audit checkpoint", "err", err)
		}
	}
	tick()
	go func() {
		defer close(finished)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				tick()
			case <-done:
				return
			case <-ctx.Done():
				return
			}
		}
	}()
	return func() { close(done); <-finished; tick() }
}

func (s *Service) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}
