package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"wfm"
	"wfm/api"
	"wfm/planning"
	"wfm/report"
	"wfm/store"
)

// An agent's page reads everything through the API as the agent (R20): its own schedule, the
// team's published roster with colleagues' leave shown only as leave, colleagues without names,
// and its own requests.

type agentData struct {
	Month      string
	Months     []string
	Me         string
	Days       []wfm.DaySchedule
	Version    int
	Team       grid
	HasTeam    bool
	Leave      []store.LeaveRequest
	Swaps      []store.SwapRequest
	Others     []string // colleagues a swap may name
	LeaveTypes []string
}

func itoa(n int) string { return strconv.Itoa(n) }

func (c *Console) agentPage(w http.ResponseWriter, r *http.Request, s *session) {
	c.showAgent(w, r, s, nil)
}

func (c *Console) showAgent(w http.ResponseWriter, r *http.Request, s *session, fail error) {
	ctx := r.Context()
	me := s.Token.AgentID
	base := "/centres/" + url.PathEscape(s.Centre.ID)
	d := &agentData{Me: me, LeaveTypes: []string{wfm.LeaveAnnual, wfm.LeaveSick, wfm.LeavePersonal, wfm.LeaveMarriage,
		wfm.LeaveMaternity, wfm.LeaveOther}}
	var rosters struct {
		Rosters []store.Roster `json:"rosters"`
	}
	if err := c.callAPI(ctx, s, "GET", base+"/rosters?limit=1000", nil, &rosters); err != nil {
		c.show(w, r, s, "me", "me", s.L.T("nav.me"), d, err)
		return
	}
	d.Month = c.monthOf(r, s, rosters.Rosters)
	var pub *store.Roster
	for i, v := range rosters.Rosters { // published versions only, newest first
		if !slices.Contains(d.Months, v.Month) {
			d.Months = append(d.Months, v.Month)
		}
		if v.Month == d.Month && pub == nil {
			pub = &rosters.Rosters[i]
		}
	}
	err := c.agentRequests(r, s, d)
	if err == nil && pub != nil {
		err = c.agentRoster(r, s, d, pub.ID)
	}
	if fail == nil {
		fail = err
	}
	c.show(w, r, s, "me", "me", s.L.T("nav.me"), d, fail)
}

// agentRoster reads the published version id as the agent: its own days and the team's grid.
func (c *Console) agentRoster(r *http.Request, s *session, d *agentData, id string) error {
	ctx := r.Context()
	base := "/centres/" + url.PathEscape(s.Centre.ID)
	var got struct {
		Roster   store.Roster `json:"roster"`
		Schedule *wfm.Roster  `json:"schedule"`
	}
	if err := c.callAPI(ctx, s, "GET", base+"/rosters/"+url.PathEscape(id), nil, &got); err != nil || got.Schedule == nil {
		return err
	}
	var agents struct {
		Agents []wfm.Agent `json:"agents"`
	}
	if err := c.callAPI(ctx, s, "GET", base+"/agents?limit=1000", nil, &agents); err != nil {
		return err
	}
	var shifts struct {
		Shifts []wfm.ShiftTemplate `json:"shifts"`
	}
	if err := c.callAPI(ctx, s, "GET", base+"/shifts", nil, &shifts); err != nil {
		return err
	}
	cal, err := planning.Calendar(s.Centre.Settings)
	if err != nil {
		return err
	}
	h := got.Schedule.Horizon
	p := &wfm.Problem{Horizon: h, Rules: s.Centre.Settings.Rules, Shifts: shifts.Shifts}
	for k := range h.Days {
		if sd, ok := cal.Day(h.Start.AddDays(k)); ok {
			p.Holidays = append(p.Holidays, sd)
		}
	}
	d.Version, d.HasTeam = got.Roster.Version, true
	d.Team = buildGrid(s.L, p, got.Schedule, agents.Agents, filters{})
	for _, sch := range got.Schedule.Schedules {
		if sch.Agent == d.Me {
			d.Days = sch.Days
		}
	}
	for _, a := range agents.Agents {
		if a.ID != d.Me {
			d.Others = append(d.Others, a.ID)
		}
	}
	return nil
}

// agentRequests reads the agent's own leave and swap requests.
func (c *Console) agentRequests(r *http.Request, s *session, d *agentData) error {
	base := "/centres/" + url.PathEscape(s.Centre.ID)
	var leave struct {
		Requests []store.LeaveRequest `json:"requests"`
	}
	if err := c.callAPI(r.Context(), s, "GET", base+"/leave?limit=1000", nil, &leave); err != nil {
		return err
	}
	var swaps struct {
		Requests []store.SwapRequest `json:"requests"`
	}
	if err := c.callAPI(r.Context(), s, "GET", base+"/swaps?limit=1000", nil, &swaps); err != nil {
		return err
	}
	d.Leave, d.Swaps = leave.Requests, swaps.Requests
	return nil
}

// agentLeave files a leave request through the API as the agent.
func (c *Console) agentLeave(w http.ResponseWriter, r *http.Request, s *session) {
	body := map[string]any{"type": r.PostFormValue("type"), "from": r.PostFormValue("from"), "to": r.PostFormValue("to"),
		"reason": r.PostFormValue("reason"), "emergency": r.PostFormValue("emergency") == "on"}
	if err := c.callAPI(r.Context(), s, "POST", "/centres/"+url.PathEscape(s.Centre.ID)+"/leave", body, nil); err != nil {
		c.showAgent(w, r, s, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/me?done=filed"), http.StatusSeeOther)
}

// agentSwap files a swap request through the API as the agent (agent_a).
func (c *Console) agentSwap(w http.ResponseWriter, r *http.Request, s *session) {
	body := map[string]any{"agent_a": s.Token.AgentID, "date_a": r.PostFormValue("date_a"), "agent_b": r.PostFormValue("agent_b"),
		"date_b": r.PostFormValue("date_b")}
	if err := c.callAPI(r.Context(), s, "POST", "/centres/"+url.PathEscape(s.Centre.ID)+"/swaps", body, nil); err != nil {
		c.showAgent(w, r, s, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/me?done=filed"), http.StatusSeeOther)
}

// agentCalendar writes the agent's own calendar of the month's published roster.
func (c *Console) agentCalendar(w http.ResponseWriter, r *http.Request, s *session) {
	month := r.URL.Query().Get("month")
	ros, err := c.store.PublishedRoster(r.Context(), s.Centre.ID, month)
	if err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	p, ro, err := api.DecodeRoster(ros)
	if err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	c.sendCalendar(w, r, s, report.Input{Problem: p, Roster: ro, Generated: c.now()}, s.Token.AgentID, ros.ID)
}
