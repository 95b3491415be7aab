package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"wfm"
	"wfm/store"
)

// importCSV is an agents file of n agents from A00000.
func importCSV(n int) csvBody {
	var b strings.Builder
	b.WriteString("id,name,group,skills,roles,contract_hours,mentor\n")
	for i := range n {
		fmt.Fprintf(&b, "B%05d,林丽%05d,day,mandarin;minnan,,40,\n", i, i)
	}
	return csvBody(b.String())
}

// TestLargeImportAndBusyStore: an import is capped (413 naming the cap; 600,000 agents were taken
// in one request and held SQLite's write lock for over a minute), the largest accepted import is
// written in batches, and writes made while it runs succeed or are told to retry (503 with
// Retry-After), never 500 "database is locked".
func TestLargeImportAndBusyStore(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true})
		imp := p("/centres/%s/agents/import", c.id)

		r := ts.post(t, imp, importCSV(MaxImportAgents+1))
		if e := r.wantErr(t, errSpec{status: http.StatusRequestEntityTooLarge, kind: wfm.KindInvalid}); !strings.Contains(e.Message, "10000") {
			t.Errorf("an import over the cap: %s, want the cap named", r)
		}
		if n := len(ts.get(t, p("/centres/%s/agents?limit=1000", c.id)).list("agents")); n != len(c.agents) {
			t.Errorf("%d agents after a refused import, want the %d seeded", n, len(c.agents))
		}

		// The largest import, and concurrent writes of every kind while it runs.
		done := make(chan *reply, 1)
		began := time.Now()
		go func() { done <- ts.post(t, imp, importCSV(MaxImportAgents)) }()
		var mu sync.Mutex
		statuses := map[int]int{}
		check := func(r *reply) {
			mu.Lock()
			statuses[r.status]++
			mu.Unlock()
			switch {
			case r.status == http.StatusOK || r.status == http.StatusNoContent:
			case r.status == http.StatusServiceUnavailable && r.header.Get("Retry-After") != "":
			default:
				t.Errorf("a write during the import: %s, want 200 or 503 with Retry-After", r)
			}
		}
		var imported *reply
		for i := 0; imported == nil; i++ {
			var wg sync.WaitGroup
			for _, w := range []func() *reply{
				func() *reply {
					return ts.put(t, p("/centres/%s/shifts/X%02d", c.id, i%50), map[string]any{"start": "08:00", "minutes": 480})
				},
				func() *reply {
					return ts.put(t, p("/centres/%s/agents/C%04d", c.id, i), map[string]any{"group": "night"})
				},
				func() *reply {
					return ts.put(t, p("/centres/%s", c.id), map[string]any{"name": fmt.Sprintf("Xiamen %d", i)})
				},
			} {
				wg.Go(func() { check(w()) })
			}
			wg.Wait()
			select {
			case imported = <-done:
			default:
			}
		}
		imported.want(t, http.StatusOK)
		if int(imported.num("imported")) != MaxImportAgents {
			t.Errorf("imported: %s", imported)
		}
		t.Logf("%s: %d agents imported in %.2f s; concurrent writes by status: %v", kind, MaxImportAgents,
			time.Since(began).Seconds(), statuses)
		if audit := ts.auditTrail(t, c.id); findAudit(audit, "agent.import", "B09999") == nil {
			t.Errorf("no audit entry for the last imported agent")
		}

		if kind != "sqlite" {
			return // PostgreSQL locks rows, not the database: the deterministic case below is SQLite's
		}
		// Another writer holds SQLite's write lock past the busy timeout: the request is 503 with
		// Retry-After, and the same request succeeds once the lock is free.
		locked, release, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			held <- ts.store.InTx(context.Background(), func(q *store.Queries) error {
				if err := q.PutAgent(context.Background(), c.id, wfm.Agent{ID: "HOLDER", Group: wfm.GroupDay}); err != nil {
					return err
				}
				close(locked)
				<-release
				return nil
			})
		}()
		<-locked
		shift := p("/centres/%s/shifts/LATE", c.id)
		r = ts.put(t, shift, map[string]any{"start": "14:00", "minutes": 480})
		close(release)
		if err := <-held; err != nil {
			t.Fatal(err)
		}
		r.wantErr(t, errSpec{status: http.StatusServiceUnavailable, kind: wfm.KindUnavailable})
		if r.header.Get("Retry-After") != "1" {
			t.Errorf("Retry-After %q, want 1", r.header.Get("Retry-After"))
		}
		ts.put(t, shift, map[string]any{"start": "14:00", "minutes": 480}).want(t, http.StatusOK)
	})
}
