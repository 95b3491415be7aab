package planning

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"wfm"
	"wfm/inputs"
)

// History is what the roster of the month before says of the days just before a horizon: for
// each of its last wfm.HistoryDays days (all of them when it is shorter) and each agent of the
// new month it holds, the shift worked (a Fixed entry), a day off (a Fixed "off") or leave (one
// Leave entry per run of days of one type). Problem.Validate, the solver and the checker read them
// as the history of the rules that reach across the start: rest between shifts, days in a row and
// a day off in seven (R21), the ISO week that straddles the start (R3), and the night shift of the
// last evening that covers the first morning (R1).
type History struct {
	Source   string   // where the roster was read: a file, or a stored roster version
	From, To wfm.Date // the days supplied; To is the day before the horizon
	Agents   int      // agents of the new month with a history
	Fixed    []wfm.Fixed
	Leave    []wfm.Leave
	Notes    []Note // agents on one list and not the other
}

// HistoryOf reads the history of horizon h from prev, the roster of the month before, for the
// agents and shift templates of the new month.
//
// prev must end on the day before h starts (a gap leaves days nobody knows, across which rest and
// runs cannot be judged; an overlap is not a month before) and share its time zone. An agent of
// prev who is not on the staff list is left out with a note; an agent of the staff list who is not
// on prev starts without history (one note lists them). Every shift prev names must be a template
// of the new month: the rules across the start need its times. Errors name source, the agent and
// the day.
func HistoryOf(prev *wfm.Roster, source string, h wfm.Horizon, agents []wfm.Agent, shifts []wfm.ShiftTemplate) (*History, error) {
	fail := func(agent string, day wfm.Date, format string, args ...any) error {
		e := &wfm.Error{Kind: wfm.KindInvalid, Rule: "R21", File: source, Field: "previous", Agent: agent,
			Message: fmt.Sprintf(format, args...)}
		if day != 0 {
			e.Day = day.String()
		}
		return e
	}
	ph := prev.Horizon
	if ph.Days <= 0 || ph.Days > wfm.MaxHorizonDays {
		return nil, fail("", 0, "the previous roster's horizon has %d days", ph.Days)
	}
	last, want := ph.Start.AddDays(ph.Days-1), h.Start.AddDays(-1)
	switch {
	case last < want:
		return nil, fail("", 0, "the previous roster ends on %s and this month starts on %s: the %d days between are unknown, "+
			"so rest, days in a row and the day off in seven cannot be judged across the start; give the roster that ends on %s",
			last, h.Start, int(want-last), want)
	case last > want:
		return nil, fail("", 0, "the previous roster runs from %s to %s, into this month, which starts on %s: give the roster that ends on %s",
			ph.Start, last, h.Start, want)
	}
	if tz, ptz := cmp.Or(h.TimeZone, wfm.DefaultTimeZone), cmp.Or(ph.TimeZone, wfm.DefaultTimeZone); tz != ptz {
		return nil, fail("", 0, "the previous roster keeps the time zone %s, this month %s", ptz, tz)
	}
	staff := make(map[string]bool, len(agents))
	for _, a := range agents {
		staff[a.ID] = true
	}
	known := make(map[string]bool, len(shifts))
	for _, s := range shifts {
		known[s.ID] = true
	}
	n := min(wfm.HistoryDays, ph.Days)
	hist := &History{Source: source, From: h.Start.AddDays(-n), To: want}
	seen := map[string]bool{}
	var gone []string
	for _, s := range prev.Schedules {
		if seen[s.Agent] {
			return nil, fail(s.Agent, 0, "the previous roster holds two schedules of the agent")
		}
		seen[s.Agent] = true
		if !staff[s.Agent] {
			gone = append(gone, s.Agent)
			continue
		}
		if len(s.Days) != ph.Days {
			return nil, fail(s.Agent, 0, "the agent's schedule has %d days, the previous roster's horizon %d", len(s.Days), ph.Days)
		}
		leaveRun := -1 // index in hist.Leave of the run of leave that ends on the day before, or -1
		for k := ph.Days - n; k < ph.Days; k++ {
			d, date := s.Days[k], ph.Start.AddDays(k)
			switch {
			case d.Date != date:
				return nil, fail(s.Agent, date, "day %d of the agent's schedule is dated %s", k+1, d.Date)
			case d.Shift != "" && d.Leave != "":
				return nil, fail(s.Agent, date, "the day holds both shift %s and %s leave", d.Shift, d.Leave)
			case d.Shift != "" && !known[d.Shift]:
				return nil, fail(s.Agent, date, "shift %s is not a template of this month: the rules across the start need its times; "+
					"add it to the shift templates", d.Shift)
			case d.Shift != "":
				hist.Fixed = append(hist.Fixed, wfm.Fixed{Agent: s.Agent, Date: date, Shift: d.Shift})
			case d.Leave != "" && !slices.Contains(wfm.LeaveTypes, d.Leave):
				return nil, fail(s.Agent, date, "unknown leave type %q (%s)", d.Leave, strings.Join(wfm.LeaveTypes, ", "))
			case d.Leave != "" && leaveRun >= 0 && hist.Leave[leaveRun].Type == d.Leave:
				hist.Leave[leaveRun].To = date
				continue
			case d.Leave != "":
				hist.Leave = append(hist.Leave, wfm.Leave{Agent: s.Agent, Type: d.Leave, From: date, To: date})
				leaveRun = len(hist.Leave) - 1
				continue
			default:
				hist.Fixed = append(hist.Fixed, wfm.Fixed{Agent: s.Agent, Date: date, Shift: wfm.Off})
			}
			leaveRun = -1
		}
		hist.Agents++
	}
	at := inputs.Origin{File: source}
	for _, id := range gone {
		hist.Notes = append(hist.Notes, Note{Origin: at, Agent: id,
			Text: "on the previous roster but not on the staff list: left out"})
	}
	var fresh []string
	for _, a := range agents {
		if !seen[a.ID] {
			fresh = append(fresh, a.ID)
		}
	}
	if len(fresh) > 0 {
		hist.Notes = append(hist.Notes, Note{Origin: at,
			Text: fmt.Sprintf("%d agents of the staff list are not on the previous roster and start without history: %s",
				len(fresh), strings.Join(fresh, ", "))})
	}
	return hist, nil
}

// Apply puts the history into p, a problem of the horizon it was read for: its Fixed entries and
// its leave before the horizon. Approved leave of p is cut to start at the horizon (leave wholly
// before it is left out), since the previous roster says what those days held. A problem that
// already holds Fixed entries before the horizon is refused: two histories would clash.
func (h *History) Apply(p *wfm.Problem) error {
	start := p.Horizon.Start
	if h.To != start.AddDays(-1) {
		return &wfm.Error{Kind: wfm.KindInvalid, Rule: "R21", File: h.Source, Field: "previous",
			Message: fmt.Sprintf("the history ends on %s, not on the day before the horizon (%s)", h.To, start.AddDays(-1))}
	}
	for i, f := range p.Fixed {
		if f.Date < start {
			return &wfm.Error{Kind: wfm.KindInvalid, Rule: wfm.RuleFixed, Field: fmt.Sprintf("fixed[%d]", i), Agent: f.Agent,
				Day: f.Date.String(), Message: "the problem already holds history before the horizon, and " + h.Source +
					" supplies it too: give one or the other"}
		}
	}
	leave := make([]wfm.Leave, 0, len(p.Leave)+len(h.Leave))
	for _, l := range p.Leave {
		if l.To >= start {
			l.From = max(l.From, start)
			leave = append(leave, l)
		}
	}
	p.Leave = append(leave, h.Leave...)
	p.Fixed = append(slices.Clone(p.Fixed), h.Fixed...)
	return nil
}

// Chain gives p, a problem without history, the history that prev, the roster of the month
// before, supplies (HistoryOf, then Apply), and validates p again.
func Chain(p *wfm.Problem, prev *wfm.Roster, source string) (*History, error) {
	h, err := HistoryOf(prev, source, p.Horizon, p.Agents, p.Shifts)
	if err != nil {
		return nil, err
	}
	if err := h.Apply(p); err != nil {
		return nil, err
	}
	return h, p.Validate()
}
