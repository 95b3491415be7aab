package web

import (
	"html/template"
	"net/http"
	"strconv"
	"time"

	"wfm"
	"wfm/report"
	"wfm/solver"
)

// intradayForm is the re-plan's question: a day of a version, the time from which to re-plan, and
// the new forecast as a volume factor on the rest of the day.
type intradayForm struct {
	Roster string
	Date   wfm.Date
	From   wfm.Clock
	Factor float64
}

type intradayData struct {
	F        intradayForm
	V        *version
	Days     []wfm.Date
	Froms    []wfm.Clock
	Before   template.HTML // the day's coverage under the new forecast, as the roster stands
	After    template.HTML // and re-planned
	Result   *solver.ReplanResult
	Proposed bool
}

// readIntraday reads the form; defaults: the version the month page would show for today's
// month, today (or the version's first day when today is outside it), the next interval, +10 %.
func (c *Console) readIntraday(r *http.Request, s *session) (*intradayData, error) {
	ctx := r.Context()
	d := &intradayData{F: intradayForm{Factor: 1.1}}
	today := c.today(s)
	list, err := c.store.Rosters(ctx, s.Centre.ID)
	if err != nil {
		return d, err
	}
	month := today.Time(time.UTC).Format("2006-01")
	if q := r.FormValue("month"); q != "" {
		month = q
	}
	if d.V, err = c.shownVersion(ctx, r, s, list, month); err != nil || d.V == nil {
		return d, err
	}
	d.F.Roster = d.V.ID
	h := d.V.P.Horizon
	for k := range h.Days {
		d.Days = append(d.Days, h.Start.AddDays(k))
	}
	for m := 0; m < wfm.MinutesPerDay; m += h.IntervalMinutes {
		d.Froms = append(d.Froms, wfm.Clock(m))
	}
	d.F.Date = h.Start
	if today >= h.Start && today < h.Start.AddDays(h.Days) {
		d.F.Date = today
		loc, _ := h.Location()
		if loc != nil {
			now := c.now().In(loc)
			m := now.Hour()*60 + now.Minute()
			d.F.From = wfm.Clock(min((m/h.IntervalMinutes+1)*h.IntervalMinutes, wfm.MinutesPerDay-h.IntervalMinutes))
		}
	}
	if v := r.FormValue("date"); v != "" {
		if d.F.Date, err = wfm.ParseDate(v); err != nil {
			return d, err
		}
	}
	if v := r.FormValue("from"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return d, wfm.Invalidf("from", "minutes from midnight, got %q", v)
		}
		d.F.From = wfm.Clock(n)
	}
	if v := r.FormValue("factor"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return d, wfm.Invalidf("factor", "a number, got %q", v)
		}
		d.F.Factor = f
	}
	return d, nil
}

func (f intradayForm) request() solver.ReplanRequest {
	return solver.ReplanRequest{Date: f.Date, From: f.From, Factor: f.Factor}
}

// intraday shows the day's coverage under the new forecast and, when asked (?propose=1), the
// re-plan (R5) the API would apply: solver.Replan with the API's options, nothing stored.
func (c *Console) intraday(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := c.readIntraday(r, s)
	if err == nil && d.V != nil && r.FormValue("propose") != "" {
		d.Proposed = true
		d.Result, err = solver.Replan(r.Context(), d.V.P, d.V.R, d.F.request(), solver.Options{Seed: 1})
		if err == nil {
			np := *d.V.P
			np.Demand = d.Result.Demand
			var before, after string
			before, err = report.DayChart(report.Input{Problem: &np, Roster: d.V.R}, d.F.Date, "before-chart")
			if err == nil {
				after, err = report.DayChart(report.Input{Problem: &np, Roster: d.Result.Roster}, d.F.Date, "after-chart")
			}
			d.Before, d.After = template.HTML(before), template.HTML(after)
		}
	}
	c.show(w, r, s, "intraday", "intraday", s.L.T("nav.intraday"), d, err)
}

// intradayApply applies the re-plan through the API (a new version, audited) and shows it.
func (c *Console) intradayApply(w http.ResponseWriter, r *http.Request, s *session) {
	d, err := c.readIntraday(r, s)
	var out struct {
		Roster struct {
			ID    string `json:"id"`
			Month string `json:"month"`
		} `json:"roster"`
	}
	if err == nil && d.V != nil {
		body := map[string]any{"date": d.F.Date, "from": d.F.From, "factor": d.F.Factor}
		err = c.callAPI(r.Context(), s, "POST", c.rosterAPI(s, d.V.ID)+"/replan", body, &out)
	}
	if err != nil {
		c.show(w, r, s, "intraday", "intraday", s.L.T("nav.intraday"), d, err)
		return
	}
	http.Redirect(w, r, c.centrePath(s, "/month?month="+out.Roster.Month+"&roster="+out.Roster.ID+"&done=replanned"), http.StatusSeeOther)
}
