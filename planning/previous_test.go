package planning

import (
	"encoding/json"
	"strings"
	"testing"

	"wfm"
	"wfm/inputs"
)

var (
	chainShifts = []wfm.ShiftTemplate{{ID: "D08", Start: 480, Minutes: 510}, {ID: "N22", Start: 1320, Minutes: 600}}
	chainAgents = []wfm.Agent{{ID: "A", Group: wfm.GroupDay}, {ID: "B", Group: wfm.GroupNight}, {ID: "NEW", Group: wfm.GroupDay}}
	// january is the horizon after the roster of December 2026.
	january = wfm.Horizon{Start: wfm.DateOf(2027, 1, 1), Days: 31, IntervalMinutes: 30}
)

// december is a roster of December 2026 whose agents' days are given by code, one character per
// day from 1 December: D = D08, N = N22, a = annual leave, s = sick leave, . = off.
func december(rows map[string]string) *wfm.Roster {
	r := &wfm.Roster{Horizon: wfm.Horizon{Start: dec(1), Days: 31, IntervalMinutes: 30, TimeZone: "Asia/Shanghai"}}
	for _, agent := range []string{"A", "B", "GONE"} {
		code, ok := rows[agent]
		if !ok {
			continue
		}
		s := wfm.AgentSchedule{Agent: agent}
		for k := range 31 {
			d := wfm.DaySchedule{Date: dec(1 + k)}
			switch code[k] {
			case 'D':
				d.Shift = "D08"
			case 'N':
				d.Shift = "N22"
			case 'a':
				d.Leave = wfm.LeaveAnnual
			case 's':
				d.Leave = wfm.LeaveSick
			}
			s.Days = append(s.Days, d)
		}
		r.Schedules = append(r.Schedules, s)
	}
	return r
}

// 1234567890123456789012345678901
const monthA = "DDDDD..DDDDD..aaaaa..DDsDD..DDD" // ends on a run of 3 (29–31), sick on 24
const monthB = "NNNN...NNNN...NNNN...NNNN...NNN" // a night on 31 December covers 1 January's morning

// TestHistoryOf: the last wfm.HistoryDays days of the previous roster become Fixed entries (a
// shift or off) and leave in runs, for the agents of the staff list only.
func TestHistoryOf(t *testing.T) {
	h, err := HistoryOf(december(map[string]string{"A": monthA, "B": monthB, "GONE": monthA}), "dec.json", january, chainAgents, chainShifts)
	if err != nil {
		t.Fatal(err)
	}
	if h.From != dec(18) || h.To != dec(31) || h.Agents != 2 || h.Source != "dec.json" {
		t.Errorf("history %s to %s of %d agents from %s", h.From, h.To, h.Agents, h.Source)
	}
	got := map[string]string{}
	for _, f := range h.Fixed {
		if f.Date < dec(18) || f.Date > dec(31) {
			t.Errorf("fixed entry outside the history: %+v", f)
		}
		got[f.Agent+" "+f.Date.String()[8:]] = f.Shift
	}
	for key, want := range map[string]string{"A 20": wfm.Off, "A 22": "D08", "A 31": "D08", "A 27": wfm.Off, "B 31": "N22", "B 29": "N22", "B 28": wfm.Off} {
		if got[key] != want {
			t.Errorf("%s: %q, want %q", key, got[key], want)
		}
	}
	if _, ok := got["A 18"]; ok {
		t.Error("a day of leave is also a Fixed entry")
	}
	if _, ok := got["A 24"]; ok {
		t.Error("a day of leave is also a Fixed entry")
	}
	// A's annual leave of 15–19 December is cut to the history (18–19); the sick day is its own run.
	want := []wfm.Leave{{Agent: "A", Type: wfm.LeaveAnnual, From: dec(18), To: dec(19)}, {Agent: "A", Type: wfm.LeaveSick, From: dec(24), To: dec(24)}}
	if len(h.Leave) != len(want) || h.Leave[0] != want[0] || h.Leave[1] != want[1] {
		t.Errorf("leave %+v, want %+v", h.Leave, want)
	}
	if len(h.Fixed) != 2*14-3 {
		t.Errorf("%d fixed entries, want 25 (two agents, 14 days, 3 of leave)", len(h.Fixed))
	}
	notes := make([]string, len(h.Notes))
	for i, n := range h.Notes {
		notes[i] = n.String()
	}
	if strings.Join(notes, "\n") != "dec.json: agent GONE: on the previous roster but not on the staff list: left out\n"+
		"dec.json: 1 agents of the staff list are not on the previous roster and start without history: NEW" {
		t.Errorf("notes:\n%s", strings.Join(notes, "\n"))
	}
}

// TestHistoryOfRefuses: a roster that does not end on the day before the month, names a template
// the month does not have, or is malformed is refused with the reason, the file, agent and day.
func TestHistoryOfRefuses(t *testing.T) {
	ok := map[string]string{"A": monthA, "B": monthB}
	for _, tc := range []struct {
		name   string
		change func(r *wfm.Roster, h *wfm.Horizon)
		agent  string
		day    string
		want   string
	}{
		{"gap", func(_ *wfm.Roster, h *wfm.Horizon) { h.Start = wfm.DateOf(2027, 1, 3) }, "", "",
			"the previous roster ends on 2026-12-31 and this month starts on 2027-01-03: the 2 days between are unknown"},
		{"overlap", func(r *wfm.Roster, _ *wfm.Horizon) { r.Horizon.Start = dec(2) }, "", "",
			"runs from 2026-12-02 to 2027-01-01, into this month"},
		{"unknown template", func(r *wfm.Roster, _ *wfm.Horizon) { r.Schedules[0].Days[30].Shift = "E15" }, "A", "2026-12-31",
			"shift E15 is not a template of this month"},
		{"time zone", func(r *wfm.Roster, _ *wfm.Horizon) { r.Horizon.TimeZone = "Europe/Berlin" }, "", "",
			"the previous roster keeps the time zone Europe/Berlin, this month Asia/Shanghai"},
		{"two schedules", func(r *wfm.Roster, _ *wfm.Horizon) { r.Schedules = append(r.Schedules, r.Schedules[1]) }, "B", "",
			"two schedules of the agent"},
		{"short schedule", func(r *wfm.Roster, _ *wfm.Horizon) { r.Schedules[1].Days = r.Schedules[1].Days[:30] }, "B", "",
			"the agent's schedule has 30 days"},
		{"misdated", func(r *wfm.Roster, _ *wfm.Horizon) { r.Schedules[0].Days[25].Date = dec(1) }, "A", "2026-12-26",
			"day 26 of the agent's schedule is dated 2026-12-01"},
		{"shift and leave", func(r *wfm.Roster, _ *wfm.Horizon) { r.Schedules[0].Days[21].Leave = wfm.LeaveSick }, "A", "2026-12-22",
			"both shift D08 and sick leave"},
		{"unknown leave", func(r *wfm.Roster, _ *wfm.Horizon) { r.Schedules[0].Days[23].Leave = "holiday" }, "A", "2026-12-24",
			`unknown leave type "holiday"`},
		{"no days", func(r *wfm.Roster, _ *wfm.Horizon) { r.Horizon.Days = 0 }, "", "", "horizon has 0 days"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, h := december(ok), january
			h.TimeZone = "Asia/Shanghai"
			tc.change(r, &h)
			_, err := HistoryOf(r, "dec.json", h, chainAgents, chainShifts)
			e, isErr := err.(*wfm.Error)
			if !isErr || e.File != "dec.json" || e.Agent != tc.agent || e.Day != tc.day || !strings.Contains(e.Message, tc.want) ||
				e.Kind != wfm.KindInvalid {
				t.Errorf("got %v\nwant dec.json, agent %q, day %q, %q", err, tc.agent, tc.day, tc.want)
			}
		})
	}
	// Shorter than HistoryDays: all of it.
	r := december(ok)
	r.Horizon.Start, r.Horizon.Days = dec(22), 10
	for i := range r.Schedules {
		r.Schedules[i].Days = r.Schedules[i].Days[21:]
	}
	h, err := HistoryOf(r, "dec.json", january, chainAgents, chainShifts)
	if err != nil || h.From != dec(22) {
		t.Errorf("a 10-day roster: %+v, %v", h, err)
	}
}

// TestChain: the history goes into a problem as Fixed entries and leave before the horizon; the
// problem's own leave is cut at the horizon; a problem that holds history already is refused.
func TestChain(t *testing.T) {
	problem := func() *wfm.Problem {
		p := &wfm.Problem{Horizon: january, Rules: wfm.DefaultRules(), Shifts: chainShifts, Agents: chainAgents,
			Leave: []wfm.Leave{{Agent: "A", Type: wfm.LeaveAnnual, From: dec(28), To: wfm.DateOf(2027, 1, 2)},
				{Agent: "B", Type: wfm.LeaveSick, From: dec(20), To: dec(21)}}}
		g := january.Grid()
		p.Demand = &wfm.Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
		return p
	}
	p := problem()
	h, err := Chain(p, december(map[string]string{"A": monthA, "B": monthB}), "dec.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Fixed) != len(h.Fixed) || len(p.Leave) != 1+len(h.Leave) {
		t.Fatalf("fixed %d, leave %+v", len(p.Fixed), p.Leave)
	}
	if l := p.Leave[0]; l.From != january.Start || l.To != wfm.DateOf(2027, 1, 2) {
		t.Errorf("the month's own leave was not cut at the horizon: %+v", l)
	}
	// Chained twice: the problem holds history already.
	if _, err := Chain(p, december(map[string]string{"A": monthA}), "dec.json"); err == nil ||
		!strings.Contains(err.Error(), "already holds history before the horizon") {
		t.Errorf("second chain: %v", err)
	}
}

// FuzzHistoryOf: any roster file yields a history or a *wfm.Error naming the file; it never
// panics, and a history holds only days before the horizon, within wfm.HistoryDays, of agents on
// the staff list.
func FuzzHistoryOf(f *testing.F) {
	seed, err := json.Marshal(december(map[string]string{"A": monthA, "B": monthB, "GONE": monthA}))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(`{"horizon": {"start": "2026-12-31", "days": 1}, "schedules": [{"agent": "A", "days": [{"date": "2026-12-31", "leave": "sick"}]}]}`)
	staff := map[string]bool{"A": true, "B": true, "NEW": true}
	f.Fuzz(func(t *testing.T, text string) {
		prev, err := inputs.ReadRoster(strings.NewReader(text), "dec.json")
		if err != nil {
			return
		}
		h, err := HistoryOf(prev, "dec.json", january, chainAgents, chainShifts)
		if err != nil {
			if e, ok := err.(*wfm.Error); !ok || e.File != "dec.json" {
				t.Fatalf("error %v does not name the file", err)
			}
			return
		}
		first := january.Start.AddDays(-wfm.HistoryDays)
		for _, x := range h.Fixed {
			if x.Date < first || x.Date >= january.Start || !staff[x.Agent] {
				t.Fatalf("fixed entry %+v", x)
			}
		}
		for _, l := range h.Leave {
			if l.From < first || l.To >= january.Start || l.To < l.From || !staff[l.Agent] {
				t.Fatalf("leave %+v", l)
			}
		}
	})
}
