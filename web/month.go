package web

import (
	"context"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"slices"
	"time"

	"wfm"
	"wfm/api"
	"wfm/planning"
	"wfm/report"
	"wfm/store"
)

// version is a stored roster version read whole.
type version struct {
	store.Roster
	P *wfm.Problem
	R *wfm.Roster
}

// loadVersion reads roster version id of the session's centre, which must be solved.
func (c *Console) loadVersion(ctx context.Context, s *session, id string) (*version, error) {
	ros, err := c.store.Roster(ctx, s.Centre.ID, id)
	if err != nil {
		return nil, err
	}
	if ros.Roster == "" {
		return nil, &wfm.Error{Kind: wfm.KindConflict, Message: s.L.T("err.unsolved", ros.ID, s.L.T("status."+ros.Status))}
	}
	p, r, err := api.DecodeRoster(ros)
	if err != nil {
		return nil, err
	}
	return &version{Roster: ros, P: p, R: r}, nil
}

// monthOf is the month a page shows: ?month= when valid, else the month of the newest roster
// version, else the current month in the centre's zone.
func (c *Console) monthOf(r *http.Request, s *session, list []store.Roster) string {
	if m := r.URL.Query().Get("month"); m != "" {
		if _, _, err := planning.Month(m); err == nil {
			return m
		}
	}
	if len(list) > 0 {
		return list[0].Month
	}
	return c.today(s).Time(time.UTC).Format("2006-01")
}

// today is the current date in the centre's zone.
func (c *Console) today(s *session) wfm.Date {
	loc, err := time.LoadLocation(s.Centre.Settings.TimeZone)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	return wfm.DateFromTime(c.now().In(loc))
}

// shownVersion picks the version a page shows for month: ?roster= when it names a solved version
// of the centre, else the month's published version, else its newest solved one; nil when none.
func (c *Console) shownVersion(ctx context.Context, r *http.Request, s *session, list []store.Roster, month string) (*version, error) {
	if id := r.URL.Query().Get("roster"); id != "" {
		return c.loadVersion(ctx, s, id)
	}
	pick := ""
	for _, v := range list {
		if v.Month != month {
			continue
		}
		if v.Status == store.RosterPublished {
			pick = v.ID
			break
		}
		if pick == "" && (v.Status == store.RosterDraft || v.Status == store.RosterSuperseded) {
			pick = v.ID
		}
	}
	if pick == "" {
		return nil, nil
	}
	return c.loadVersion(ctx, s, pick)
}

// filters narrow the grid's agents.
type filters struct {
	Group, Skill, Role string
	Groups, Skills     []string
}

func (f filters) keep(a *wfm.Agent) bool {
	return (f.Group == "" || a.Group == f.Group) && (f.Skill == "" || slices.Contains(a.Skills, f.Skill)) &&
		(f.Role == "" || f.Role == "none" && len(a.Roles) == 0 || a.Has(f.Role))
}

// gridHead is a day's column head.
type gridHead struct {
	Date  wfm.Date
	Num   int
	Wd    string
	Class string // we (weekend), hol (holiday), wd (make-up working day)
	Title string // the full date and the holiday's name
}

// gridCell is one agent-day.
type gridCell struct {
	Text, Class, Title string
}

// gridRow is one agent's month.
type gridRow struct {
	Agent  wfm.Agent
	Leader bool // a shift leader (R12), the only role a colleague may see (R20)
	Cells  []gridCell
}

// grid is the roster grid.
type grid struct {
	Heads []gridHead
	Rows  []gridRow
	Total int // agents before filtering
}

// buildGrid lays out roster r of problem p for the agents f keeps, agents in problem order.
// redacted shows leave of others as plain leave (an agent's view, R20).
func buildGrid(l locale, p *wfm.Problem, r *wfm.Roster, agents []wfm.Agent, f filters) grid {
	g := grid{Total: len(agents)}
	special := map[wfm.Date]wfm.SpecialDay{}
	for _, h := range p.Holidays {
		special[h.Date] = h
	}
	night := map[string]bool{}
	for _, sh := range p.Shifts {
		night[sh.ID] = sh.IsNight(p.Rules)
	}
	for k := range r.Horizon.Days {
		d := r.Horizon.Start.AddDays(k)
		h := gridHead{Date: d, Num: d.Time(time.UTC).Day(), Wd: l.Weekday(d), Title: l.Date(d)}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			h.Class = "we"
		}
		if sd, ok := special[d]; ok {
			switch sd.Kind {
			case wfm.Holiday:
				h.Class, h.Title = "hol", h.Title+" · "+sd.Name
			case wfm.Workday:
				h.Class, h.Title = "wd", h.Title+" · "+l.T("grid.workday", sd.Name)
			}
		}
		g.Heads = append(g.Heads, h)
	}
	byAgent := make(map[string]*wfm.AgentSchedule, len(r.Schedules))
	for i := range r.Schedules {
		byAgent[r.Schedules[i].Agent] = &r.Schedules[i]
	}
	for i := range agents {
		a := &agents[i]
		sch := byAgent[a.ID]
		if sch == nil || !f.keep(a) {
			continue
		}
		row := gridRow{Agent: *a, Leader: a.Has(wfm.RoleLeader), Cells: make([]gridCell, len(sch.Days))}
		for k, d := range sch.Days {
			switch {
			case d.Leave != "":
				row.Cells[k] = gridCell{Text: l.T("cell.leave"), Class: "l", Title: l.T("leave." + d.Leave)}
			case d.Shift != "":
				cls := "d"
				if night[d.Shift] {
					cls = "n"
				}
				row.Cells[k] = gridCell{Text: d.Shift, Class: cls}
			default:
				row.Cells[k] = gridCell{Text: l.T("cell.off"), Class: "o"}
			}
		}
		g.Rows = append(g.Rows, row)
	}
	return g
}

// monthBar is one day of the month's coverage chart.
type monthBar struct {
	X, W                float64
	YOn, HOn, YSh, HSh  float64
	YReq                float64
	Label, Title, Class string
}

// monthChart is the month's coverage chart: per day, agent-hours on the phones against those
// required, the shortfall in red.
type monthChart struct {
	W, H, Base float64
	Bars       []monthBar
	Max        float64
}

func buildMonthChart(l locale, f *report.Figures) monthChart {
	ch := monthChart{W: 930, H: 150, Base: 130}
	top := 1.0
	for _, d := range f.Days {
		top = math.Max(top, math.Max(d.RequiredHours, d.OnPhoneHours))
	}
	ch.Max = top
	n := float64(max(1, len(f.Days)))
	step := ch.W / n
	y := func(v float64) float64 { return ch.Base - v/top*(ch.Base-10) }
	for i, d := range f.Days {
		on := math.Min(d.OnPhoneHours, d.RequiredHours)
		b := monthBar{X: float64(i)*step + 2, W: step - 4, YOn: y(on), HOn: ch.Base - y(on), YReq: y(d.RequiredHours),
			Label: fmt.Sprint(d.Date.Time(time.UTC).Day())}
		if d.ShortHours > 0 {
			b.YSh, b.HSh, b.Class = y(d.RequiredHours), y(on)-y(d.RequiredHours), "short"
		}
		b.Title = l.T("chart.day", l.ShortDate(d.Date), d.RequiredHours, d.OnPhoneHours, d.ShortHours)
		ch.Bars = append(ch.Bars, b)
	}
	return ch
}

// summary is the month's strip of figures.
type summary struct {
	ShortHours   float64
	ShortIvals   int
	SL           float64 // NaN: none
	Violations   []wfm.Violation
	Objective    float64
	HasBound     bool
	Bound, Short float64 // agent-intervals: the solver's lower bound on under-coverage and the roster's
}

type monthData struct {
	Month    string
	Months   []string
	Versions []store.Roster
	V        *version
	Grid     grid
	Filters  filters
	Chart    monthChart
	Sum      summary
	Days     []wfm.Date
}

func (c *Console) month(w http.ResponseWriter, r *http.Request, s *session) {
	ctx := r.Context()
	list, err := c.store.Rosters(ctx, s.Centre.ID)
	if err != nil {
		c.show(w, r, s, "month", "month", s.L.T("nav.month"), nil, err)
		return
	}
	d := &monthData{Month: c.monthOf(r, s, list)}
	for _, v := range list {
		if !slices.Contains(d.Months, v.Month) {
			d.Months = append(d.Months, v.Month)
		}
		if v.Month == d.Month {
			d.Versions = append(d.Versions, v)
		}
	}
	if !slices.Contains(d.Months, d.Month) {
		d.Months = append([]string{d.Month}, d.Months...)
	}
	if d.V, err = c.shownVersion(ctx, r, s, list, d.Month); err != nil || d.V == nil {
		c.show(w, r, s, "month", "month", s.L.T("nav.month"), d, err)
		return
	}
	q := r.URL.Query()
	d.Filters = filters{Group: q.Get("group"), Skill: q.Get("skill"), Role: q.Get("role"),
		Groups: []string{wfm.GroupDay, wfm.GroupNight, wfm.GroupAny}}
	for _, a := range d.V.P.Agents {
		for _, sk := range a.Skills {
			if !slices.Contains(d.Filters.Skills, sk) {
				d.Filters.Skills = append(d.Filters.Skills, sk)
			}
		}
	}
	slices.Sort(d.Filters.Skills)
	d.Grid = buildGrid(s.L, d.V.P, d.V.R, d.V.P.Agents, d.Filters)
	fig, err := report.CoverageFigures(report.Input{Problem: d.V.P, Roster: d.V.R})
	if err != nil {
		c.show(w, r, s, "month", "month", s.L.T("nav.month"), d, err)
		return
	}
	d.Chart = buildMonthChart(s.L, fig)
	for _, day := range fig.Days {
		d.Days = append(d.Days, day.Date)
	}
	d.Sum = summary{ShortHours: fig.Month.ShortHours, ShortIvals: fig.Month.ShortIntervals, SL: fig.Month.ServiceLevel,
		Violations: fig.Violations, Objective: fig.Objective, Short: fig.Month.ShortAgentIntervals}
	if st := d.V.R.Solver; st != nil && st.LowerBound > 0 {
		d.Sum.HasBound, d.Sum.Bound = true, st.LowerBound
	}
	c.show(w, r, s, "month", "month", s.L.T("nav.month"), d, nil)
}

// monthChart answers the report's chart of one day (?roster=, ?date=), for the month page.
func (c *Console) monthChart(w http.ResponseWriter, r *http.Request, s *session) {
	v, err := c.loadVersion(r.Context(), s, r.URL.Query().Get("roster"))
	var day wfm.Date
	if err == nil {
		day, err = wfm.ParseDate(r.URL.Query().Get("date"))
	}
	var svg string
	if err == nil {
		svg, err = report.DayChart(report.Input{Problem: v.P, Roster: v.R}, day, "day-chart")
	}
	if err != nil {
		c.failPage(w, r, s.L, err)
		return
	}
	c.render(w, http.StatusOK, "fragments", "chart", struct {
		L     locale
		Date  wfm.Date
		Chart template.HTML
	}{s.L, day, template.HTML(svg)})
}
