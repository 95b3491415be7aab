package store

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"wfm"
	"wfm/internal/testdb"
)

// forEachStore runs a test against every kind of store, each on a fresh database.
func forEachStore(t *testing.T, fn func(t *testing.T, s *Store)) {
	for _, kind := range testdb.Kinds {
		t.Run(kind, func(t *testing.T) {
			s, err := Open(context.Background(), testdb.URL(t, kind))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			fn(t, s)
		})
	}
}

func kindOf(err error) wfm.Kind { return wfm.ErrorKind(err) }

func newCentre(t *testing.T, s *Store) Centre {
	t.Helper()
	c := Centre{Name: "Xiamen", Settings: wfm.DefaultCentreSettings()}
	if err := s.CreateCentre(context.Background(), &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestMigrationsAreIdempotent(t *testing.T) {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil || len(files) < 2 {
		t.Fatalf("embedded migrations %v (%v)", files, err)
	}
	for _, kind := range testdb.Kinds {
		t.Run(kind, func(t *testing.T) {
			url := testdb.URL(t, kind)
			for range 2 {
				s, err := Open(context.Background(), url)
				if err != nil {
					t.Fatal(err)
				}
				var n int
				if err := s.get(context.Background(), &n, `SELECT COUNT(*) FROM schema_migrations`); err != nil || n != len(files) {
					t.Fatalf("schema_migrations rows = %d (%v), want %d", n, err, len(files))
				}
				s.Close()
			}
		})
	}
}

func TestCentresAndStaff(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		got, err := s.Centre(ctx, c.ID)
		if err != nil || got.Name != "Xiamen" || got.Settings.Rules.MaxConsecutiveDays != 6 {
			t.Fatalf("centre round trip: %+v %v", got, err)
		}
		if _, err := s.Centre(ctx, "nope"); kindOf(err) != wfm.KindNotFound {
			t.Errorf("missing centre: %v", err)
		}
		dup := Centre{ID: c.ID, Name: "again", Settings: c.Settings}
		if err := s.CreateCentre(ctx, &dup); kindOf(err) != wfm.KindConflict {
			t.Errorf("duplicate centre: %v", err)
		}
		c.Name = "Xiamen 2"
		if err := s.UpdateCentre(ctx, &c); err != nil {
			t.Fatal(err)
		}
		if err := s.UpdateCentre(ctx, &Centre{ID: "nope"}); kindOf(err) != wfm.KindNotFound {
			t.Errorf("update missing centre: %v", err)
		}
		for _, id := range []string{"B", "A"} {
			if err := s.PutAgent(ctx, c.ID, wfm.Agent{ID: id, Group: wfm.GroupDay, Skills: []string{"minnan"}}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.PutAgent(ctx, c.ID, wfm.Agent{ID: "A", Group: wfm.GroupNight}); err != nil {
			t.Fatal(err)
		}
		agents, err := s.Agents(ctx, c.ID)
		if err != nil || len(agents) != 2 || agents[0].ID != "A" || agents[0].Group != wfm.GroupNight {
			t.Fatalf("agents after upsert: %+v %v", agents, err)
		}
		if err := s.PutAgent(ctx, "no-centre", wfm.Agent{ID: "X", Group: wfm.GroupDay}); kindOf(err) != wfm.KindNotFound {
			t.Errorf("agent of a missing centre: %v", err)
		}
		if err := s.DeleteAgent(ctx, c.ID, "B"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteAgent(ctx, c.ID, "B"); kindOf(err) != wfm.KindNotFound {
			t.Errorf("delete twice: %v", err)
		}
		if err := s.PutShift(ctx, c.ID, wfm.ShiftTemplate{ID: "D08", Start: 480, Minutes: 510}); err != nil {
			t.Fatal(err)
		}
		if sh, err := s.Shifts(ctx, c.ID); err != nil || len(sh) != 1 || sh[0].Minutes != 510 {
			t.Fatalf("shifts: %+v %v", sh, err)
		}
	})
}

func TestHistoryAppendReplacesIntervals(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		aht := 250.0
		var rows []HistoryRow
		for i := range 2500 { // more than one insert batch
			rows = append(rows, HistoryRow{Day: wfm.Date(20000 + i/48), Minute: (i % 48) * 30, Calls: float64(i % 7), AHT: &aht})
		}
		if err := s.AppendHistory(ctx, c.ID, rows); err != nil {
			t.Fatal(err)
		}
		if err := s.AppendHistory(ctx, c.ID, []HistoryRow{{Day: 20000, Minute: 0, Calls: 99}}); err != nil {
			t.Fatal(err)
		}
		got, err := s.History(ctx, c.ID)
		if err != nil || len(got) != 2500 {
			t.Fatalf("history rows %d, %v", len(got), err)
		}
		if got[0].Calls != 99 || got[0].AHT != nil || got[1].AHT == nil || *got[1].AHT != 250 {
			t.Errorf("first rows %+v %+v", got[0], got[1])
		}
		for i := 1; i < len(got); i++ {
			if got[i].Day < got[i-1].Day || got[i].Day == got[i-1].Day && got[i].Minute <= got[i-1].Minute {
				t.Fatalf("history out of order at %d", i)
			}
		}
	})
}

func TestRosterVersionsAndPublishing(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		r1 := Roster{CentreID: c.ID, Month: "2026-12", Status: RosterQueued, Problem: `{}`, CreatedBy: "p"}
		r2 := r1
		if err := s.CreateRoster(ctx, &r1); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateRoster(ctx, &r2); err != nil {
			t.Fatal(err)
		}
		if r1.Version != 1 || r2.Version != 2 {
			t.Fatalf("versions %d, %d", r1.Version, r2.Version)
		}
		if err := s.PublishRoster(ctx, r1.ID, "p"); kindOf(err) != wfm.KindConflict {
			t.Errorf("publishing a queued roster: %v", err)
		}
		if err := s.SetRosterResult(ctx, r1.ID, `{"x":1}`, 42, ""); err != nil {
			t.Fatal(err)
		}
		if err := s.PublishRoster(ctx, r1.ID, "boss"); err != nil {
			t.Fatal(err)
		}
		got, err := s.PublishedRoster(ctx, c.ID, "2026-12")
		if err != nil || got.ID != r1.ID || got.PublishedBy != "boss" || got.Objective == nil || *got.Objective != 42 || got.Roster != `{"x":1}` {
			t.Fatalf("published roster %+v %v", got, err)
		}
		if err := s.SetRosterStatus(ctx, r1.ID, RosterSolving, RosterQueued); kindOf(err) != wfm.KindConflict {
			t.Errorf("published roster back to solving: %v", err)
		}
		list, err := s.Rosters(ctx, c.ID)
		if err != nil || len(list) != 2 || list[0].Version != 2 || list[0].Kind != KindSolve {
			t.Fatalf("list %+v %v", list, err)
		}
		// A repair version keeps its kind and decision number; a draft published through a later
		// version is superseded, and only a draft is.
		r3 := Roster{CentreID: c.ID, Month: "2026-12", Status: RosterDraft, Kind: KindRepair, TakenSeq: 12, ParentID: r1.ID,
			Problem: `{}`, Roster: `{}`, CreatedBy: "p"}
		if err := s.CreateRoster(ctx, &r3); err != nil {
			t.Fatal(err)
		}
		if got, err := s.RosterByID(ctx, r3.ID); err != nil || got.Kind != KindRepair || got.TakenSeq != 12 || got.ParentID != r1.ID {
			t.Errorf("repair version %+v %v", got, err)
		}
		if err := s.SupersedeRoster(ctx, r3.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.SupersedeRoster(ctx, r1.ID); kindOf(err) != wfm.KindConflict {
			t.Errorf("superseding a published version: %v", err)
		}
		if err := s.PublishRoster(ctx, r3.ID, "p"); kindOf(err) != wfm.KindConflict {
			t.Errorf("publishing a superseded draft: %v", err)
		}
	})
}

func TestJobsClaimOnceAndRecover(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		r := Roster{CentreID: c.ID, Month: "2026-12", Status: RosterQueued, Problem: `{}`, CreatedBy: "p"}
		if err := s.CreateRoster(ctx, &r); err != nil {
			t.Fatal(err)
		}
		jobs := make([]Job, 6)
		for i := range jobs {
			jobs[i] = Job{RosterID: r.ID, MaxAttempts: 2, TimeLimit: 1000}
			if err := s.CreateJob(ctx, &jobs[i]); err != nil {
				t.Fatal(err)
			}
		}
		// Four workers race for six jobs: each job is claimed exactly once.
		var mu sync.Mutex
		claimed := map[string]int{}
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					j, ok, err := s.ClaimJob(ctx, "w"+string(rune('0'+w)))
					if err != nil {
						t.Error(err)
						return
					}
					if !ok {
						return
					}
					mu.Lock()
					claimed[j.ID]++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(claimed) != len(jobs) {
			t.Fatalf("claimed %d of %d jobs", len(claimed), len(jobs))
		}
		for id, n := range claimed {
			if n != 1 {
				t.Errorf("job %s claimed %d times", id, n)
			}
		}
		// Heartbeats report a cancellation request.
		if cancel, err := s.Heartbeat(ctx, jobs[0].ID, `{"best":1}`); err != nil || cancel {
			t.Fatalf("heartbeat: %v %v", cancel, err)
		}
		if _, err := s.RequestCancel(ctx, jobs[0].ID); err != nil {
			t.Fatal(err)
		}
		if cancel, _ := s.Heartbeat(ctx, jobs[0].ID, `{}`); !cancel {
			t.Error("cancel request not seen by the heartbeat")
		}
		// Stale jobs: back in the queue with attempts left, failed without.
		recovered, err := s.RecoverStale(ctx, time.Now().Add(time.Second))
		if err != nil || len(recovered) != len(jobs) {
			t.Fatalf("recovered %d (%v)", len(recovered), err)
		}
		for _, j := range recovered {
			if j.Status != JobQueued || j.Error == "" {
				t.Errorf("after one lost attempt: %+v", j)
			}
		}
		j, ok, err := s.ClaimJob(ctx, "w9")
		if err != nil || !ok {
			t.Fatal(err)
		}
		recovered, _ = s.RecoverStale(ctx, time.Now().Add(time.Second))
		if len(recovered) != 1 || recovered[0].ID != j.ID || recovered[0].Status != JobFailed {
			t.Fatalf("second lost attempt: %+v", recovered)
		}
		got, _ := s.Job(ctx, j.ID)
		if got.Status != JobFailed || got.Attempts != 2 {
			t.Errorf("failed job %+v", got)
		}
	})
}

func TestRequestsAreDecidedOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		l := LeaveRequest{CentreID: c.ID, Agent: "A", Type: wfm.LeaveAnnual, From: 20000, To: 20002, Reason: "wedding",
			Flags: []string{"x"}, RequestedBy: "A"}
		if err := s.CreateLeave(ctx, &l); err != nil {
			t.Fatal(err)
		}
		if err := s.DecideLeave(ctx, c.ID, l.ID, RequestApproved, "boss", "ok", 7); err != nil {
			t.Fatal(err)
		}
		if err := s.DecideLeave(ctx, c.ID, l.ID, RequestRejected, "boss", "", 0); kindOf(err) != wfm.KindConflict {
			t.Errorf("second decision: %v", err)
		}
		if err := s.DecideLeave(ctx, c.ID, "nope", RequestRejected, "boss", "", 0); kindOf(err) != wfm.KindNotFound {
			t.Errorf("missing request: %v", err)
		}
		got, err := s.Leave(ctx, c.ID, l.ID)
		if err != nil || got.Status != RequestApproved || got.DecidedBy != "boss" || got.DecidedAt == nil || got.Reason != "wedding" ||
			len(got.Flags) != 1 || got.DecidedSeq != 7 {
			t.Fatalf("leave %+v %v", got, err)
		}
		if list, _ := s.Leaves(ctx, c.ID, "B", ""); len(list) != 0 {
			t.Errorf("filter by agent: %d", len(list))
		}
		r := Roster{CentreID: c.ID, Month: "2026-12", Status: RosterQueued, Problem: `{}`, CreatedBy: "p"}
		s.CreateRoster(ctx, &r)
		sw := SwapRequest{CentreID: c.ID, RosterID: r.ID, AgentA: "A", DateA: 20001, AgentB: "B", DateB: 20001, RequestedBy: "A"}
		if err := s.CreateSwap(ctx, &sw); err != nil {
			t.Fatal(err)
		}
		if list, _ := s.Swaps(ctx, c.ID, "B", RequestPending); len(list) != 1 {
			t.Errorf("swaps of B: %d", len(list))
		}
		if err := s.DecideSwap(ctx, c.ID, sw.ID, RequestApproved, "boss", "", 9); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Swap(ctx, c.ID, sw.ID); err != nil || got.DecidedSeq != 9 || got.Status != RequestApproved {
			t.Errorf("approved swap %+v %v", got, err)
		}
	})
}

// TestDecisionLockSerialises: transactions that take a centre's decision lock run one at a time
// (a read-modify-write of a shared value under it loses no update), get distinct numbers rising
// in commit order, and do not wait for another centre's.
func TestDecisionLockSerialises(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c, other := newCentre(t, s), newCentre(t, s)
		if n, err := s.DecisionSeq(ctx, c.ID); err != nil || n != 0 {
			t.Fatalf("decision number before any: %d %v", n, err)
		}
		l := LeaveRequest{CentreID: c.ID, Agent: "A", Type: wfm.LeaveSick, From: 20000, To: 20000, RequestedBy: "A"}
		if err := s.CreateLeave(ctx, &l); err != nil {
			t.Fatal(err)
		}
		const workers = 12
		var mu sync.Mutex
		var order []int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				err := s.InTx(ctx, func(q *Queries) error {
					seq, err := q.LockDecisions(ctx, c.ID)
					if err != nil {
						return err
					}
					// Read, wait, write: without the lock two transactions read the same note.
					got, err := q.Leave(ctx, c.ID, l.ID)
					if err != nil {
						return err
					}
					time.Sleep(5 * time.Millisecond)
					_, err = q.exec(ctx, `UPDATE leave_requests SET note = ? WHERE id = ?`, got.Note+"x", l.ID)
					mu.Lock()
					order = append(order, seq)
					mu.Unlock()
					return err
				})
				if err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		got, err := s.Leave(ctx, c.ID, l.ID)
		if err != nil || len(got.Note) != workers {
			t.Errorf("%d of %d read-modify-writes under the lock kept: %v", len(got.Note), workers, err)
		}
		if !slices.IsSorted(order) || len(slices.Compact(slices.Clone(order))) != workers || order[0] != 1 {
			t.Errorf("decision numbers in commit order %v, want 1…%d rising", order, workers)
		}
		if n, _ := s.DecisionSeq(ctx, c.ID); n != workers {
			t.Errorf("latest decision number %d, want %d", n, workers)
		}
		if n, err := s.LockDecisions(ctx, other.ID); err != nil || n != 1 {
			t.Errorf("another centre's first number: %d %v", n, err)
		}
		if _, err := s.LockDecisions(ctx, "nope"); kindOf(err) != wfm.KindNotFound {
			t.Errorf("the lock of an unknown centre: %v", err)
		}
	})
}

func TestTokensStoreOnlyHashes(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		tok := Token{Role: RoleAgent, CentreID: "c", AgentID: "A"}
		secret, err := s.CreateToken(ctx, &tok)
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		s.get(ctx, &stored, `SELECT hash FROM tokens WHERE id = ?`, tok.ID)
		if stored == secret || stored != HashToken(secret) {
			t.Error("the token table must hold the hash, not the secret")
		}
		got, err := s.TokenBySecret(ctx, secret)
		if err != nil || got.Role != RoleAgent || got.AgentID != "A" {
			t.Fatalf("lookup: %+v %v", got, err)
		}
		if _, err := s.TokenBySecret(ctx, secret+"x"); kindOf(err) != wfm.KindNotFound {
			t.Errorf("wrong secret: %v", err)
		}
	})
}

func TestTransactionsRollBack(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		boom := errors.New("boom")
		err := s.InTx(ctx, func(q *Queries) error {
			if err := q.PutAgent(ctx, c.ID, wfm.Agent{ID: "A", Group: wfm.GroupDay}); err != nil {
				return err
			}
			if err := q.Audit(ctx, AuditEntry{CentreID: c.ID, Actor: "p", Action: "agent.put", Entity: "agent", EntityID: "A",
				Detail: json.RawMessage(`{"k":1}`)}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx returned %v", err)
		}
		if agents, _ := s.Agents(ctx, c.ID); len(agents) != 0 {
			t.Error("rolled-back agent was stored")
		}
		if trail, _ := s.AuditTrail(ctx, c.ID, 10); len(trail) != 0 {
			t.Error("rolled-back audit entry was stored")
		}
		s.Audit(ctx, AuditEntry{CentreID: c.ID, Actor: "p", Action: "a1", Entity: "x", EntityID: "1"})
		s.Audit(ctx, AuditEntry{CentreID: c.ID, Actor: "p", Action: "a2", Entity: "x", EntityID: "2", Detail: json.RawMessage(`{"v":2}`)})
		trail, err := s.AuditTrail(ctx, c.ID, 10)
		if err != nil || len(trail) != 2 || trail[0].Action != "a2" || string(trail[0].Detail) != `{"v":2}` {
			t.Fatalf("audit trail %+v %v", trail, err)
		}
	})
}

// TestMigrationVersionsFromNames checks that each migration is recorded under the number its file
// name starts with, so that a file numbered into a gap (a 003 merged after a 004 was applied) is
// applied and never mistaken for one already applied.
func TestMigrationVersionsFromNames(t *testing.T) {
	files, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]string{}
	for _, f := range files {
		v, err := migrationVersion(f)
		if err != nil {
			t.Fatal(err)
		}
		if other, dup := seen[v]; dup {
			t.Fatalf("%s and %s share version %d", f, other, v)
		}
		seen[v] = f
	}
	if v, err := migrationVersion("migrations/004_sessions.sql"); v != 4 || err != nil {
		t.Errorf("004_sessions.sql: version %d (%v), want 4", v, err)
	}
	if _, err := migrationVersion("migrations/sessions.sql"); err == nil {
		t.Error("a migration without a number was accepted")
	}
	forEachStore(t, func(t *testing.T, s *Store) {
		var versions []int
		if err := s.selectAll(context.Background(), &versions, `SELECT version FROM schema_migrations ORDER BY version`); err != nil {
			t.Fatal(err)
		}
		want := slices.Sorted(maps.Keys(seen))
		if !slices.Equal(versions, want) {
			t.Errorf("applied versions %v, want the files' numbers %v", versions, want)
		}
	})
}

// TestSessions checks the console's sessions: only the secret's hash is stored, a session reads
// back with its token and CSRF token until it ends, signing out and deleting the token end it.
func TestSessions(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		tok := Token{Role: RolePlanner, Name: "pat"}
		if _, err := s.CreateToken(ctx, &tok); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		secret, sess, err := s.CreateSession(ctx, tok, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(secret) != 64 || len(sess.CSRF) != 64 || secret == sess.CSRF {
			t.Fatalf("secret %q, csrf %q: want two different 64-hex-digit values", secret, sess.CSRF)
		}
		var stored int
		if err := s.get(ctx, &stored, `SELECT COUNT(*) FROM sessions WHERE hash = ? OR csrf = ?`, secret, secret); err != nil || stored != 0 {
			t.Fatalf("the secret itself is stored (%d rows, %v)", stored, err)
		}
		got, err := s.SessionBySecret(ctx, secret, now)
		if err != nil || got.Token.ID != tok.ID || got.Token.Role != RolePlanner || got.CSRF != sess.CSRF {
			t.Fatalf("session read back %+v (%v), want token %s and csrf %s", got, err, tok.ID, sess.CSRF)
		}
		if _, err := s.SessionBySecret(ctx, secret, now.Add(2*time.Hour)); kindOf(err) != wfm.KindNotFound {
			t.Errorf("an ended session: %v, want not found", err)
		}
		if _, err := s.SessionBySecret(ctx, "not-a-secret", now); kindOf(err) != wfm.KindNotFound {
			t.Errorf("an unknown secret: %v, want not found", err)
		}
		if n, err := s.DeleteEndedSessions(ctx, now.Add(2*time.Hour)); n != 1 || err != nil {
			t.Errorf("deleted %d ended sessions (%v), want 1", n, err)
		}
		secret, _, err = s.CreateSession(ctx, tok, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSession(ctx, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SessionBySecret(ctx, secret, now); kindOf(err) != wfm.KindNotFound {
			t.Errorf("a signed-out session: %v, want not found", err)
		}
		if _, _, err := s.CreateSession(ctx, Token{ID: "nobody"}, now.Add(time.Hour)); kindOf(err) != wfm.KindNotFound {
			t.Errorf("a session for no token: %v, want not found", err)
		}
	})
}

func TestDeferredWorkReplacedPerMonth(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		c := newCentre(t, s)
		if _, err := s.DeferredWorkOf(ctx, c.ID, "2026-12"); kindOf(err) != wfm.KindNotFound {
			t.Fatalf("before any submission: %v", err)
		}
		for _, items := range []string{`[{"id":"C1"}]`, `[{"id":"C2"}]`} {
			if err := s.PutDeferredWork(ctx, &DeferredWork{CentreID: c.ID, Month: "2026-12", Items: items, UpdatedBy: "alice"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.PutDeferredWork(ctx, &DeferredWork{CentreID: c.ID, Month: "2027-01", Items: `[]`, UpdatedBy: "bob"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.DeferredWorkOf(ctx, c.ID, "2026-12")
		if err != nil || got.Items != `[{"id":"C2"}]` || got.UpdatedBy != "alice" || got.UpdatedAt.IsZero() {
			t.Errorf("December: %+v, %v", got, err)
		}
		if err := s.PutDeferredWork(ctx, &DeferredWork{CentreID: "nope", Month: "2026-12", Items: `[]`, UpdatedBy: "alice"}); kindOf(err) != wfm.KindNotFound {
			t.Errorf("an unknown centre: %v", err)
		}
	})
}
