package demo

import (
	"context"
	"time"

	"jiaoyan/internal/app"
	"jiaoyan/internal/db"
)

// signUp signs people up to activity id, all in one transaction.
func (w *actWriter) signUp(ctx context.Context, id int64, people []*person) error {
	actors, err := w.personActors(ctx, people)
	if err != nil {
		return err
	}
	err = w.db.Write(ctx, func(tx *db.Tx) error {
		for _, a := range actors {
			if err := w.svc.SignUpTx(ctx, tx, a, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		w.signUps += len(people)
	}
	return err
}

// checkIn checks people in at the time at, by the venue's code, all in
// one transaction.
func (w *actWriter) checkIn(ctx context.Context, org app.Actor, id int64, at time.Time, people []*person) error {
	w.svc.Now = func() time.Time { return at }
	_, code, err := w.svc.CheckinCode(ctx, org, id)
	if err != nil {
		return err
	}
	actors, err := w.personActors(ctx, people)
	if err != nil {
		return err
	}
	err = w.db.Write(ctx, func(tx *db.Tx) error {
		for _, a := range actors {
			if _, err := w.svc.CheckInTx(ctx, tx, a, id, code); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		w.checkIns += len(people)
	}
	return err
}

// personActors are people acting for themselves, in order.
func (w *actWriter) personActors(ctx context.Context, people []*person) ([]app.Actor, error) {
	out := make([]app.Actor, len(people))
	for i, x := range people {
		a, err := w.personActor(ctx, x)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// personActor is x acting for themself.
func (w *actWriter) personActor(ctx context.Context, x *person) (app.Actor, error) {
	a := app.Actor{Username: "演示数据", PersonID: x.id, OrgID: x.school.id, Scope: app.Scope{SelfPersonID: x.id}, IP: "本机"}
	if p, ok := w.paths[a.OrgID]; ok {
		a.OrgPath = p
		return a, nil
	}
	err := w.db.Read(ctx, func(tx *db.Tx) error {
		return tx.QueryRow(ctx, "SELECT path FROM orgs WHERE id = ?", a.OrgID).Scan(&a.OrgPath)
	})
	w.paths[a.OrgID] = a.OrgPath
	return a, err
}
