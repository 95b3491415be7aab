package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"wfm"
	"wfm/jobs"
	"wfm/report"
	"wfm/store"
)

// jobView is the API's view of a solve job.
type jobView struct {
	ID          string        `json:"id"`
	Status      string        `json:"status"`
	Attempts    int           `json:"attempts"`
	MaxAttempts int           `json:"max_attempts"`
	TimeLimitMS int64         `json:"time_limit_ms"`
	Error       string        `json:"error"`
	Progress    jobs.Progress `json:"progress"`
	Silent      bool          `json:"worker_silent"`
}

func (j jobView) Ended() bool {
	return j.Status == store.JobSucceeded || j.Status == store.JobFailed || j.Status == store.JobCancelled
}

type solveData struct {
	Month    string
	Versions []store.Roster
	Seconds  int
}

// Solve budgets the form offers: its default and the API's bounds.
const (
	defaultSolveSeconds = 30
	maxSolveSeconds     = 3600
)

func (c *Console) solvePage(w http.ResponseWriter, r *http.Request, s *session) {
	c.showSolvePage(w, r, s, nil)
}

func (c *Console) showSolvePage(w http.ResponseWriter, r *http.Request, s *session, fail error) {
	list, err := c.store.Rosters(r.Context(), s.Centre.ID)
	if err != nil {
		fail = err
	}
	d := &solveData{Month: c.monthOf(r, s, list), Seconds: defaultSolveSeconds}
	if m := r.PostFormValue("month"); m != "" {
		d.Month = m
	}
	for _, v := range list {
		if v.Month == d.Month {
			d.Versions = append(d.Versions, v)
		}
	}
	c.show(w, r, s, "solve", "solve", s.L.T("nav.solve"), d, fail)
}

// startSolve queues a solve of a month through the API.
func (c *Console) startSolve(w http.ResponseWriter, r *http.Request, s *session) {
	// The API takes 0 as its default budget; the form asks for one, so 0 is an error here.
	seconds, err := strconv.ParseFloat(r.PostFormValue("seconds"), 64)
	if err != nil || !(seconds >= 1 && seconds <= maxSolveSeconds) {
		c.showSolvePage(w, r, s, wfm.Invalidf("seconds", "%s", s.L.T("err.seconds", maxSolveSeconds)))
		return
	}
	var out struct {
		Roster store.Roster `json:"roster"`
	}
	body := map[string]any{"month": r.PostFormValue("month"), "time_limit_s": seconds}
	if err := c.callAPI(r.Context(), s, "POST", "/centres/"+url.PathEscape(s.Centre.ID)+"/rosters", body, &out); err != nil {
		c.showSolvePage(w, r, s, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/solve/"+out.Roster.ID), http.StatusSeeOther)
}

// centrePath is a path under the session's centre.
func (c *Console) centrePath(s *session, rest string) string {
	return "/c/" + url.PathEscape(s.Centre.ID) + rest
}

// comparison sets a solved version beside the month's published one.
type comparison struct {
	Published          *store.Roster
	Draft, Current     report.Stretch
	DraftViol, CurViol int
	DraftObj, CurObj   float64
	Changed            int // agent-days that differ
	HasBound           bool
	Bound              float64
}

type statusData struct {
	Roster  store.Roster
	Job     jobView
	Compare *comparison
}

func (c *Console) solveStatus(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	d := &statusData{}
	var err error
	if d.Roster, err = c.store.Roster(ctx, s.Centre.ID, r.PathValue("roster")); err != nil {
		c.show(w, r, s, "status", "solve", s.L.T("nav.solve"), nil, err)
		return
	}
	if err := c.callAPI(ctx, s, "GET", c.rosterAPI(s, d.Roster.ID)+"/job", nil, &d.Job); err != nil && wfm.ErrorKind(err) != wfm.KindNotFound {
		if ae, ok := err.(*apiError); !ok || ae.Status != http.StatusNotFound {
			c.show(w, r, s, "status", "solve", s.L.T("nav.solve"), d, err)
			return
		}
	}
	if d.Roster.Roster != "" {
		d.Compare, err = c.compare(r, s, d.Roster)
	}
	c.show(w, r, s, "status", "solve", s.L.T("nav.solve"), d, err)
}

// rosterAPI is the API path of a roster version of the session's centre.
func (c *Console) rosterAPI(s *session, id string) string {
	return "/centres/" + url.PathEscape(s.Centre.ID) + "/rosters/" + url.PathEscape(id)
}

// compare measures a solved version against its month's published version (when there is one
// and it is another version).
func (c *Console) compare(r *http.Request, s *session, ros store.Roster) (*comparison, error) {
	v, err := c.loadVersion(r.Context(), s, ros.ID)
	if err != nil {
		return nil, err
	}
	fd, err := report.CoverageFigures(report.Input{Problem: v.P, Roster: v.R})
	if err != nil {
		return nil, err
	}
	cmp := &comparison{Draft: fd.Month, DraftViol: len(fd.Violations), DraftObj: fd.Objective}
	if st := v.R.Solver; st != nil && st.LowerBound > 0 {
		cmp.HasBound, cmp.Bound = true, st.LowerBound
	}
	pub, err := c.store.PublishedRoster(r.Context(), s.Centre.ID, ros.Month)
	if wfm.ErrorKind(err) == wfm.KindNotFound || err == nil && pub.ID == ros.ID {
		return cmp, nil
	}
	if err != nil {
		return nil, err
	}
	pv, err := c.loadVersion(r.Context(), s, pub.ID)
	if err != nil {
		return nil, err
	}
	fp, err := report.CoverageFigures(report.Input{Problem: pv.P, Roster: pv.R})
	if err != nil {
		return nil, err
	}
	cmp.Published, cmp.Current, cmp.CurViol, cmp.CurObj = &pub, fp.Month, len(fp.Violations), fp.Objective
	days := map[string][]wfm.DaySchedule{}
	for _, sc := range pv.R.Schedules {
		days[sc.Agent] = sc.Days
	}
	for _, sc := range v.R.Schedules {
		old := days[sc.Agent]
		for k, d := range sc.Days {
			if k >= len(old) || old[k].Shift != d.Shift || old[k].Leave != d.Leave {
				cmp.Changed++
			}
		}
	}
	return cmp, nil
}

// solveEvents streams the job's progress as server-sent events, one "progress" event a second
// (the job's record: best objective, phase, elapsed and remaining seconds) and an "end" event
// when the job has ended.
func (c *Console) solveEvents(w http.ResponseWriter, r *http.Request, s *session) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	path := c.rosterAPI(s, r.PathValue("roster")) + "/job"
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		var job jobView
		if err := c.callAPI(r.Context(), s, "GET", path, nil, &job); err != nil {
			fmt.Fprintf(w, "event: end\ndata: %s\n\n", jsonLine(map[string]string{"error": showError(s.L, err).Message}))
			fl.Flush()
			return
		}
		event := "progress"
		if job.Ended() {
			event = "end"
		}
		fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, jsonLine(progressView(s.L, job)))
		// Each event must reach the browser before the server's write deadline: extend it.
		rc.SetWriteDeadline(time.Now().Add(time.Minute))
		fl.Flush()
		if job.Ended() {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
		}
	}
}

// progressView is one progress event's data, with its words in the reader's language.
func progressView(l locale, j jobView) map[string]string {
	best := l.T("solve.nobest")
	if j.Progress.Best != nil {
		best = strconv.FormatFloat(*j.Progress.Best, 'f', 1, 64)
	}
	phase := ""
	if j.Progress.Phase != "" {
		phase = l.T("phase." + j.Progress.Phase)
	}
	return map[string]string{"status": l.T("status." + j.Status), "best": best, "phase": phase,
		"elapsed": strconv.FormatFloat(j.Progress.Elapsed, 'f', 0, 64), "remaining": strconv.FormatFloat(j.Progress.Remaining, 'f', 0, 64),
		"current": strconv.FormatFloat(j.Progress.Current, 'f', 1, 64), "error": j.Error, "ended": strconv.FormatBool(j.Ended())}
}

func jsonLine(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func (c *Console) cancelSolve(w http.ResponseWriter, r *http.Request, s *session) {
	id := r.PathValue("roster")
	if err := c.callAPI(r.Context(), s, "POST", c.rosterAPI(s, id)+"/cancel", nil, nil); err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/solve/"+id+"?done=cancelled"), http.StatusSeeOther)
}

// publish publishes a solved draft through the API (which re-applies approvals decided since)
// and shows the month's new published version.
func (c *Console) publish(w http.ResponseWriter, r *http.Request, s *session) {
	var out store.Roster
	if err := c.callAPI(r.Context(), s, "POST", c.rosterAPI(s, r.PathValue("roster"))+"/publish", nil, &out); err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/month?month="+out.Month+"&roster="+out.ID+"&done=published"), http.StatusSeeOther)
}
