package store

import (
	"context"
	"errors"
	"testing"

	"wfm"
	"wfm/internal/testdb"
)

// TestBusyStoreIsUnavailable: a write the database cannot take now is a KindUnavailable error
// (the API's 503 with Retry-After), found from the driver's error code, not a bare driver error
// (a 500). On SQLite another connection holds the write lock past the busy timeout (10 s); on
// PostgreSQL a row lock outlasts the session's lock_timeout. Once the lock is gone, the same
// write succeeds.
func TestBusyStoreIsUnavailable(t *testing.T) {
	for _, kind := range testdb.Kinds {
		t.Run(kind, func(t *testing.T) {
			ctx := context.Background()
			url := testdb.URL(t, kind)
			holder, err := Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Close()
			other, err := Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			c := newCentre(t, holder)
			if err := holder.PutAgent(ctx, c.ID, wfm.Agent{ID: "A1", Group: wfm.GroupDay}); err != nil {
				t.Fatal(err)
			}

			locked, release, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
			go func() {
				held <- holder.InTx(ctx, func(q *Queries) error {
					// Take the lock a competing write needs: SQLite's write lock (the transaction began
					// IMMEDIATE), PostgreSQL's lock on the agent's row.
					if err := q.PutAgent(ctx, c.ID, wfm.Agent{ID: "A1", Group: wfm.GroupNight}); err != nil {
						return err
					}
					close(locked)
					<-release
					return nil
				})
			}()
			<-locked
			write := func() error {
				return other.InTx(ctx, func(q *Queries) error {
					if kind == "postgres" {
						if _, err := q.exec(ctx, `SET LOCAL lock_timeout = '200ms'`); err != nil {
							return err
						}
					}
					return q.PutAgent(ctx, c.ID, wfm.Agent{ID: "A1", Group: wfm.GroupAny})
				})
			}
			err = write()
			var e *wfm.Error
			if !errors.As(err, &e) || e.Kind != wfm.KindUnavailable || e.Err == nil {
				t.Errorf("a write while another holds the lock: %v (%T), want a KindUnavailable error with the driver's cause", err, err)
			}
			close(release)
			if err := <-held; err != nil {
				t.Fatal(err)
			}
			if err := write(); err != nil {
				t.Errorf("the same write once the lock is released: %v", err)
			}
			if a, err := other.Agent(ctx, c.ID, "A1"); err != nil || a.Group != wfm.GroupAny {
				t.Errorf("agent after the retry: %+v %v", a, err)
			}
		})
	}
}
