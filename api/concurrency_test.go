package api

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"wfm"
	"wfm/store"
)

// Approvals decided at the same moment: each is checked inside the transaction that writes it,
// under the centre's decision lock, so that no cap is exceeded and no valid approval is lost.

// concurrently sends the requests at once and returns the replies in order.
func (ts *testServer) concurrently(t *testing.T, n int, send func(i int) *reply) []*reply {
	t.Helper()
	out := make([]*reply, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			out[i] = send(i)
		}()
	}
	close(start)
	wg.Wait()
	for i, r := range out {
		if r == nil {
			t.Fatalf("request %d got no reply", i)
		}
	}
	return out
}

// TestAnnualCapConcurrent is R10 under load: 40 agents have asked for annual leave on the same day
// with a cap of 1 and the planner approves all 40 requests at once; exactly one is approved and 39
// are refused under R10, run after run (a new day each), on both stores. The pending requests are
// stored directly, in one transaction, so that the runs measure the approvals alone.
func TestAnnualCapConcurrent(t *testing.T) {
	const agents, runs = 40, 20
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true, settings: func(s *wfm.CentreSettings) {
			s.Rules.MaxConcurrentAnnualLeave = 1
		}})
		var extra []wfm.Agent
		for i := len(c.agents) + 1; i <= agents; i++ {
			extra = append(extra, wfm.Agent{ID: fmt.Sprintf("A%04d", i), Name: "extra", Group: wfm.GroupDay, Skills: []string{"mandarin"},
				ContractHours: 40})
		}
		ts.post(t, p("/centres/%s/agents/import", c.id), agentsCSV(extra)).want(t, http.StatusOK)
		pending := make([][]string, runs) // request ids per run
		err := ts.store.InTx(context.Background(), func(q *store.Queries) error {
			for run := range runs {
				d := day(21).AddDays(run) // 31 days of notice and more (R9)
				for i := range agents {
					l := store.LeaveRequest{CentreID: c.id, Agent: fmt.Sprintf("A%04d", i+1), Type: wfm.LeaveAnnual, From: d, To: d,
						RequestedBy: "planner:pat"}
					if err := q.CreateLeave(context.Background(), &l); err != nil {
						return err
					}
					pending[run] = append(pending[run], l.ID)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for run := range runs {
			d := day(21).AddDays(run)
			replies := ts.concurrently(t, agents, func(i int) *reply {
				return ts.post(t, p("/centres/%s/leave/%s/approve", c.id, pending[run][i]), nil)
			})
			approved := 0
			for _, r := range replies {
				switch r.status {
				case http.StatusOK:
					approved++
				case http.StatusUnprocessableEntity:
					if e := r.errorOf(t); e.Rule != "R10" || e.Day != d.String() {
						t.Errorf("run %d: refusal not under R10 on %s: %s", run, d, r)
					}
				default:
					t.Errorf("run %d: %s", run, r)
				}
			}
			onDay := 0
			for _, l := range ts.get(t, p("/centres/%s/leave?status=approved", c.id)).want(t, http.StatusOK).list("requests") {
				if l.(map[string]any)["from"] == d.String() {
					onDay++
				}
			}
			if approved != 1 || onDay != 1 {
				t.Fatalf("run %d (%s): %d approvals answered 200 and %d stored approved for %s, want exactly 1 (cap 1)", run, kind, approved, onDay, d)
			}
		}
	})
}

// TestSwapCapConcurrent is R6's monthly cap under load: two agents each have three valid swaps
// pending in December (cap two a month) and the planner approves all six at once: each agent gets
// exactly two, the third is refused under R6, and none is lost to a clash of roster versions.
func TestSwapCapConcurrent(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{})
		_, pub := ts.publishedRoster(t, c)
		v := newRosterView(pub, c.agents, fixtureOf(t).shifts)
		used := map[string]bool{}
		var pending []string
		owner := map[string]string{} // swap id → the agent with three swaps
		for range 2 {
			var x string
			var mine []swapCase
			for _, a := range v.order {
				if used[a] {
					continue
				}
				mine = mine[:0]
				partners := map[string]bool{}
				for _, sc := range v.sameDaySwaps(wfm.GroupDay, day(3), v.keepsRest) {
					far := true
					for _, m := range mine {
						far = far && (sc.d-m.d >= 2 || m.d-sc.d >= 2)
					}
					if sc.a == a && !used[sc.b] && !partners[sc.b] && far {
						mine, partners[sc.b] = append(mine, sc), true
						if len(mine) == 3 {
							break
						}
					}
				}
				if len(mine) == 3 {
					x = a
					break
				}
			}
			if x == "" {
				t.Fatal("no agent with three separate swaps")
			}
			used[x] = true
			for _, sc := range mine {
				used[sc.b] = true
				id := ts.post(t, p("/centres/%s/swaps", c.id), map[string]any{"agent_a": sc.a, "date_a": sc.d, "agent_b": sc.b,
					"date_b": sc.d}).want(t, http.StatusCreated).str("request.id")
				pending, owner[id] = append(pending, id), x
			}
		}
		replies := ts.concurrently(t, len(pending), func(i int) *reply {
			return ts.post(t, p("/centres/%s/swaps/%s/approve", c.id, pending[i]), nil)
		})
		approved, refused := map[string]int{}, map[string]int{}
		for i, r := range replies {
			switch r.status {
			case http.StatusOK:
				approved[owner[pending[i]]]++
			case http.StatusUnprocessableEntity:
				if e := r.errorOf(t); e.Rule != "R6" || !strings.Contains(e.Message, "at most 2 swaps") {
					t.Errorf("refusal not the monthly cap: %s", r)
				}
				refused[owner[pending[i]]]++
			default:
				t.Errorf("swap %s: %s", pending[i], r)
			}
		}
		for x := range approved {
			if approved[x] != 2 || refused[x] != 1 {
				t.Errorf("agent %s: %d swaps approved, %d refused; want 2 and 1", x, approved[x], refused[x])
			}
		}
		if len(approved) != 2 {
			t.Errorf("approved per agent %v, want two agents with two each", approved)
		}
		if n := len(ts.get(t, p("/centres/%s/swaps?status=approved", c.id)).list("requests")); n != 4 {
			t.Errorf("%d swaps stored approved, want 4", n)
		}
		if r := ts.get(t, p("/centres/%s/rosters", c.id)); r.str("rosters.0.status") != store.RosterPublished || r.num("rosters.0.version") != 5 {
			t.Errorf("after four approved swaps the current roster is %s version %v, want version 5", r.str("rosters.0.status"), r.num("rosters.0.version"))
		}
	})
}
