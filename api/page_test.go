package api

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"wfm"
)

// pages reads a whole list by following next from page to page, and returns the ids in order and
// the number of pages; every page holds at most limit items and only the last has no next.
func (ts *testServer) pages(t *testing.T, path, items, token string, limit int) ([]string, int) {
	t.Helper()
	var ids []string
	after := ""
	for n := 1; ; n++ {
		q := url.Values{"limit": {itoa(limit)}}
		if after != "" {
			q.Set("after", after)
		}
		r := ts.do(t, "GET", path+"?"+q.Encode(), nil, token).want(t, http.StatusOK)
		list := r.list(items)
		if len(list) > limit {
			t.Fatalf("page %d of %s holds %d items, limit %d", n, path, len(list), limit)
		}
		for i := range list {
			ids = append(ids, r.str(items+"."+itoa(i)+".id"))
		}
		after = r.str("next")
		if after == "" {
			return ids, n
		}
		if len(list) != limit || after != ids[len(ids)-1] {
			t.Fatalf("page %d: %d items and next %q; a page with a next is full and next is its last id", n, len(list), after)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestListsArePaged: every list is read in pages of at most limit items (listing 600,000 agents
// was one 57 MB reply); following next reads each item once, in order; the default page of agents
// is 500 and no page is over 1,000; a bad limit or cursor is 400 naming it.
func TestListsArePaged(t *testing.T) {
	forEachStore(t, func(t *testing.T, kind string) {
		ts := newTestServer(t, kind)
		c := ts.seedCentre(t, "Xiamen", seedOpts{noHistory: true})
		for _, name := range []string{"Fuzhou", "Quanzhou"} {
			ts.post(t, p("/centres"), map[string]any{"name": name}).want(t, http.StatusCreated)
		}
		agents := p("/centres/%s/agents", c.id)

		var want []string
		for _, a := range c.agents {
			want = append(want, a.ID)
		}
		slices.Sort(want)
		got, n := ts.pages(t, agents, "agents", ts.planner, 7)
		if !slices.Equal(got, want) || n != (len(want)+6)/7 {
			t.Errorf("agents in pages of 7: %d pages of %v, want %v", n, got, want)
		}
		// An agent pages through the same list, colleagues without their names (R20).
		agent := ts.agentToken(t, c.id, "A0002")
		if got, _ := ts.pages(t, agents, "agents", agent, 4); !slices.Equal(got, want) {
			t.Errorf("agents as an agent: %v", got)
		}
		r := ts.do(t, "GET", agents+"?limit=2&after=A0001", nil, agent).want(t, http.StatusOK)
		if r.str("agents.0.id") != "A0002" || r.str("agents.0.name") == "" || r.str("agents.1.name") != "" {
			t.Errorf("an agent's page: %s", r)
		}

		// The default page and the largest one.
		ts.post(t, p("/centres/%s/agents/import", c.id), importCSV(1200)).want(t, http.StatusOK)
		if r := ts.get(t, agents); len(r.list("agents")) != defaultPage || r.str("next") == "" {
			t.Errorf("the default page: %d agents, next %q; want %d and a next", len(r.list("agents")), r.str("next"), defaultPage)
		}
		if got, n := ts.pages(t, agents, "agents", ts.planner, maxPage); len(got) != 1200+len(want) || n != 2 {
			t.Errorf("pages of %d: %d agents in %d pages", maxPage, len(got), n)
		}

		// Leave requests, rosters' and centres' lists page the same way.
		for _, a := range []string{"A0003", "A0004", "A0007"} {
			ts.post(t, p("/centres/%s/leave", c.id), map[string]any{"agent": a, "type": "sick", "from": "2026-12-20", "to": "2026-12-20"}).
				want(t, http.StatusCreated)
		}
		if got, n := ts.pages(t, p("/centres/%s/leave", c.id), "requests", ts.planner, 2); len(got) != 3 || n != 2 {
			t.Errorf("leave in pages of 2: %v in %d pages", got, n)
		}
		if got, n := ts.pages(t, p("/centres"), "centres", ts.planner, 2); len(got) != 3 || n != 2 {
			t.Errorf("centres in pages of 2: %v in %d pages", got, n)
		}
		if got, _ := ts.pages(t, p("/centres/%s/audit", c.id), "entries", ts.planner, 100); len(got) < 1200 {
			t.Errorf("the audit trail in pages of 100: %d entries, want every import's", len(got))
		} else if len(slices.Compact(slices.Sorted(slices.Values(got)))) != len(got) {
			t.Errorf("the audit trail's pages repeat entries")
		}

		ts.run(t, []apiCase{
			{name: "limit 0", method: "GET", path: agents + "?limit=0", token: ts.planner, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "limit")},
			{name: "limit over the largest page", method: "GET", path: agents + "?limit=1001", token: ts.planner, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "limit")},
			{name: "a cursor that is no id", method: "GET", path: agents + "?after=%20x", token: ts.planner, status: http.StatusBadRequest, err: e(wfm.KindInvalid, "after")},
			{name: "a leave cursor of no request", method: "GET", path: p("/centres/%s/leave?after=nope", c.id), token: ts.planner,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "after")},
			{name: "an audit cursor of no entry", method: "GET", path: p("/centres/%s/audit?after=nope", c.id), token: ts.planner,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "after")},
			{name: "an audit page over 10,000", method: "GET", path: p("/centres/%s/audit?limit=10001", c.id), token: ts.planner,
				status: http.StatusBadRequest, err: e(wfm.KindInvalid, "limit")},
		})
	})
}
