package web

import (
	"net/http"
	"net/url"

	"wfm/api"
	"wfm/store"
)

// inboxItem is a pending request with its checks re-run and its cost.
type inboxItem struct {
	Kind   string // leave or swap
	Leave  *store.LeaveRequest
	Swap   *store.SwapRequest
	Review *api.RequestReview
	Err    *shownError // the review itself failed
}

type inboxData struct {
	Pending []inboxItem
	Decided []inboxItem
}

// add files a request of the given status: a pending one with its review (or the review's
// error), a decided one while fewer than decidedShown are listed.
func (d *inboxData) add(l locale, it inboxItem, status string, review func() (*api.RequestReview, error)) {
	if status != store.RequestPending {
		if len(d.Decided) < decidedShown {
			d.Decided = append(d.Decided, it)
		}
		return
	}
	var err error
	if it.Review, err = review(); err != nil {
		it.Err = showError(l, err)
	}
	d.Pending = append(d.Pending, it)
}

// Decided requests the inbox lists below the pending ones.
const decidedShown = 20

func (c *Console) inbox(w http.ResponseWriter, r *http.Request, s *session) {
	c.showInbox(w, r, s, nil)
}

func (c *Console) showInbox(w http.ResponseWriter, r *http.Request, s *session, fail error) {
	ctx := r.Context()
	var leave struct {
		Requests []store.LeaveRequest `json:"requests"`
	}
	var swaps struct {
		Requests []store.SwapRequest `json:"requests"`
	}
	base := "/centres/" + url.PathEscape(s.Centre.ID)
	err := c.callAPI(ctx, s, "GET", base+"/leave?limit=1000", nil, &leave)
	if err == nil {
		err = c.callAPI(ctx, s, "GET", base+"/swaps?limit=1000", nil, &swaps)
	}
	if err != nil {
		c.show(w, r, s, "requests", "requests", s.L.T("nav.requests"), nil, err)
		return
	}
	d := &inboxData{}
	for i := range leave.Requests {
		l := &leave.Requests[i]
		d.add(s.L, inboxItem{Kind: "leave", Leave: l}, l.Status, func() (*api.RequestReview, error) {
			return c.api.ReviewLeave(ctx, s.Centre.ID, l.ID)
		})
	}
	for i := range swaps.Requests {
		sw := &swaps.Requests[i]
		d.add(s.L, inboxItem{Kind: "swap", Swap: sw}, sw.Status, func() (*api.RequestReview, error) {
			return c.api.ReviewSwap(ctx, s.Centre.ID, sw.ID)
		})
	}
	c.show(w, r, s, "requests", "requests", s.L.T("nav.requests"), d, fail)
}

// decide approves or rejects a request through the API, with the planner's note or reason.
func (c *Console) decide(w http.ResponseWriter, r *http.Request, s *session) {
	kind, decision := r.PathValue("kind"), r.PathValue("decision")
	if kind != "leave" && kind != "swap" || decision != "approve" && decision != "reject" {
		http.NotFound(w, r)
		return
	}
	note := r.PostFormValue("note")
	path := "/centres/" + url.PathEscape(s.Centre.ID) + "/" + map[string]string{"leave": "leave", "swap": "swaps"}[kind] +
		"/" + url.PathEscape(r.PathValue("id")) + "/" + decision
	var out struct {
		Rosters []struct {
			Roster *store.Roster `json:"roster"`
		} `json:"rosters"` // leave: the months' new versions
		Roster *store.Roster `json:"roster"` // a swap's new version
	}
	if err := c.callAPI(r.Context(), s, "POST", path, map[string]string{"note": note}, &out); err != nil {
		c.showInbox(w, r, s, err)
		return
	}
	v := out.Roster
	if len(out.Rosters) > 0 && out.Rosters[0].Roster != nil {
		v = out.Rosters[0].Roster
	}
	if v != nil && v.ID != "" { // the approval made a new version: show it
		http.Redirect(w, r, c.centrePath(s, "/month?month="+v.Month+"&roster="+v.ID+"&done="+decision+"d"), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/requests?done="+decision+"d"), http.StatusSeeOther)
}
