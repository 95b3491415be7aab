// Package report writes the reports planners take to the morning meeting, all made from one
// Input (the problem, the roster and the independent checker's verdict on it):
//
//   - report.html: one self-contained page (no network, no script): a summary strip, one SVG
//     coverage chart per day, the planner's forecast overrides (R2) with what each changed, the
//     roster grid, the per-agent totals of R18, the missed requests and the refused leave, the
//     violations, advisories and objective, and the settings used (WriteHTML);
//   - roster.csv: one row per agent and day (WriteCSV);
//   - roster.xlsx: the grid, the coverage per interval, the agent totals and the settings (WriteXLSX);
//   - ics/<agent>.ics: each agent's own calendar, RFC 5545 (WriteICS).
//
// WriteAll writes them all into a directory.
//
// # Definitions
//
// Per agent (Totals): a worked day is paid its template's minutes plus the pre-shift minutes of
// R11 (Rules.LeaderPreShiftMinutes for leaders, Rules.PreShiftMinutes for everyone else), exactly
// as objective.go and the checker count it. Overtime is max(0, paid − max(0, contract − leave))
// when Rules.Overtime is on, else 0, with contract = contract hours per week × horizon days / 7
// and leave = what the approved leave days count (Rules.LeaveMinutes). Nights are worked templates with
// ShiftTemplate.IsNight, weekends worked Saturdays and Sundays, holidays worked days that
// Problem.Holidays marks as wfm.Holiday. An agent is eligible for the full-attendance award (R18)
// when not suspended and the month holds no leave and no approved swap (workflow.AwardEligible).
//
// Coverage (summary, charts, the Coverage sheet): required and on-phone counts come from the
// checker (Input.Check.Coverage), which recomputes them from the roster alone; the solver's copy
// in Roster.Coverage is used only when there is no checker coverage. Understaffing is
// Σ_t max(0, required_t − on_t) × interval hours. When the demand has calls and handling time,
// the service of every interval is projected here exactly as the solver does (erlang.Projection:
// the agents on the phones after the demand's shrinkage answer calls, Erlang C or, with a patience,
// Erlang A, within the demand's threshold): the service level, and with it the ASA and the share
// of callers abandoning, and the service level before shrinkage, shown as such. The service level
// per interval is Roster.Coverage.ServiceLevel when the roster carries it (the solver's, the same
// projection). The month's and each day's figures are calls-weighted means (a plain mean of the
// service level when the demand has no calls).
//
// # Decisions
//
//   - The objective shown (summary, terms) is the checker's; when the roster's own objective
//     (Roster.Objective, as the solver reported it) disagrees with it, the report says so.
//   - When Input.Check is nil the report runs validate.Check itself; when Input.Generated is zero
//     it uses the current time. Times are shown in the horizon's time zone (Asia/Shanghai is
//     taken as a fixed +08:00 where the system has no zone database).
//   - Leave days, leave by type and the leave hours behind overtime count the problem's approved
//     leave inside the horizon (as the checker does); the grid, the CSV and the calendars show
//     what the roster's days say. On every roster the checker accepts the two agree (R9).
//   - Leave reasons are private (R20) and appear in no report.
//   - Agents are reported in the problem's order (grouped by group day, night, any in the HTML
//     grid); roster schedules of agents the problem does not know are ignored (the checker
//     reports them). Day k of a schedule is read from Days[k], as the checker reads it.
//   - Requests (R23): a request is missed as objective.go and the checker count it; the missed
//     ones are listed by day with what the roster gives instead, and those no roster can grant
//     (planning.UngrantableRequests) are marked with the reason. A make-up working day is drawn
//     as a working day (not as a weekend, never in holiday red) and named as one.
//   - Fairness spread: min–max nights per agent over the non-suspended agents of the night and
//     any groups, min–max weekends (and holidays, when the horizon has any) over all non-suspended
//     agents.
package report

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"wfm"
	"wfm/planning"
	"wfm/solver/validate"
)

// Input is what every report is made from.
type Input struct {
	Problem   *wfm.Problem
	Roster    *wfm.Roster
	Check     *validate.Report // the independent checker's verdict on Roster; nil: computed here
	Title     string           // e.g. "Demo centre — December 2026"
	Generated time.Time        // shown in the report; zero means now
	Swaps     map[string]int   // optional: approved swaps per agent in the month (R18); nil = none
	// Refused is the annual leave planning.LeaveCapFirstCome refused (R10); nil = none.
	Refused []planning.RefusedLeave
	// Adjustments are the planner's overrides of the forecast behind the demand (R2), in the
	// order they were applied, with what each changed; nil = none.
	Adjustments []wfm.AdjustmentEffect
	// Deferred is the month's deferred work placed in the roster's idle capacity (R25); nil = none.
	Deferred *planning.Deferred
	// Activities is the month's activities off the phones placed in the roster (R15); nil = none.
	Activities *planning.Activities
}

// model is the Input read once, shared by every writer.
type model struct {
	in        Input
	p         *wfm.Problem
	r         *wfm.Roster
	check     *validate.Report
	loc       *time.Location
	tzName    string
	generated time.Time
	days      []dayInfo
	shifts    map[string]*wfm.ShiftTemplate
	agents    []agentRow
	totals    []AgentTotals
	cov       *coverage // nil without interval demand
	missed    []missedRequest
}

type dayInfo struct {
	date     wfm.Date
	weekday  time.Weekday
	weekend  bool
	holiday  bool   // a wfm.Holiday
	workday  bool   // a make-up working day
	special  string // the special day's name, if any
	longName string // "Tue 1 Dec"
}

// look is how the day is drawn: "hol" for a public holiday (in red), "work" for a make-up working
// day (a working day, even on a Saturday or Sunday), "we" for any other weekend day, "" for an
// ordinary working day.
func (d dayInfo) look() string {
	switch {
	case d.holiday:
		return "hol"
	case d.workday:
		return "work"
	case d.weekend:
		return "we"
	}
	return ""
}

type agentRow struct {
	a     *wfm.Agent
	days  []wfm.DaySchedule // one per horizon day (zero value when the roster has none)
	leave []string          // approved leave type per horizon day, "" none
}

func (r *agentRow) leader() bool { return r.a.Has(wfm.RoleLeader) }

// preShift is the agent's paid preparation minutes before a shift (R11).
func (m *model) preShift(a *wfm.Agent) int {
	if a.Has(wfm.RoleLeader) {
		return m.p.Rules.LeaderPreShiftMinutes
	}
	return m.p.Rules.PreShiftMinutes
}

// newModel checks the input and prepares what every report needs.
func newModel(in Input) (*model, error) { return prepare(in, true) }

// prepare reads the input; without full it skips the checker and the coverage (Totals needs
// neither).
func prepare(in Input, full bool) (*model, error) {
	if in.Problem == nil {
		return nil, errors.New("report: no problem")
	}
	if in.Roster == nil {
		return nil, errors.New("report: no roster")
	}
	p := in.Problem
	if p.Horizon.Days <= 0 || p.Horizon.Days > wfm.MaxHorizonDays {
		return nil, fmt.Errorf("report: horizon of %d days", p.Horizon.Days)
	}
	m := &model{in: in, p: p, r: in.Roster, check: in.Check, generated: in.Generated}
	if m.check == nil && full {
		m.check = validate.Check(p, in.Roster)
	}
	if m.generated.IsZero() {
		m.generated = time.Now()
	}
	m.tzName = cmp.Or(p.Horizon.TimeZone, wfm.DefaultTimeZone)
	loc, err := p.Horizon.Location()
	switch {
	case err != nil && m.tzName == "Asia/Shanghai":
		loc = time.FixedZone("CST", 8*3600) // no zone database here; China keeps +08:00 all year
	case err != nil:
		return nil, fmt.Errorf("report: time zone: %w", err)
	}
	m.loc = loc

	special := map[wfm.Date]wfm.SpecialDay{}
	for _, h := range p.Holidays {
		special[h.Date] = h
	}
	m.days = make([]dayInfo, p.Horizon.Days)
	for k := range m.days {
		d := p.Horizon.Start.AddDays(k)
		wd := d.Weekday()
		info := dayInfo{date: d, weekday: wd, weekend: wd == time.Saturday || wd == time.Sunday}
		if s, ok := special[d]; ok {
			info.holiday = s.Kind == wfm.Holiday
			info.workday = s.Kind == wfm.Workday
			info.special = s.Name
			switch {
			case info.workday && s.Name != "":
				info.special = "make-up working day (" + s.Name + ")"
			case info.workday:
				info.special = "make-up working day"
			case info.special == "" && s.Kind != wfm.Ordinary:
				info.special = s.Kind.String()
			}
		}
		info.longName = d.Time(time.UTC).Format("Mon 2 Jan")
		m.days[k] = info
	}

	m.shifts = make(map[string]*wfm.ShiftTemplate, len(p.Shifts))
	for i := range p.Shifts {
		if _, dup := m.shifts[p.Shifts[i].ID]; !dup {
			m.shifts[p.Shifts[i].ID] = &p.Shifts[i]
		}
	}

	byAgent := make(map[string]*wfm.AgentSchedule, len(in.Roster.Schedules))
	for i := range in.Roster.Schedules {
		s := &in.Roster.Schedules[i]
		if _, dup := byAgent[s.Agent]; !dup {
			byAgent[s.Agent] = s
		}
	}
	index := make(map[string]int, len(p.Agents))
	m.agents = make([]agentRow, len(p.Agents))
	for i := range p.Agents {
		a := &p.Agents[i]
		if _, dup := index[a.ID]; !dup {
			index[a.ID] = i
		}
		row := agentRow{a: a, days: make([]wfm.DaySchedule, len(m.days)), leave: make([]string, len(m.days))}
		for k := range row.days {
			row.days[k].Date = m.days[k].date
		}
		if s := byAgent[a.ID]; s != nil {
			for k := range min(len(s.Days), len(row.days)) {
				row.days[k] = s.Days[k]
				row.days[k].Date = m.days[k].date
			}
		}
		m.agents[i] = row
	}
	start := p.Horizon.Start
	for _, l := range p.Leave {
		i, ok := index[l.Agent]
		if !ok {
			continue
		}
		for k := max(int(l.From-start), 0); k < len(m.days) && start.AddDays(k) <= l.To; k++ {
			m.agents[i].leave[k] = l.Type
		}
	}
	m.totals = m.computeTotals()
	if full {
		m.cov = m.buildCoverage()
		m.missed = m.findMissed()
	}
	return m, nil
}

// wall returns the wall-clock time of minute c on day d in the horizon's zone (c may pass 24:00).
func (m *model) wall(d wfm.Date, c wfm.Clock) time.Time {
	t := d.Time(time.UTC)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, int(c), 0, 0, m.loc)
}

// hhmm formats a clock value as a wall-clock time of day, 26:30 as 02:30.
func hhmm(c wfm.Clock) string {
	v := ((int(c) % wfm.MinutesPerDay) + wfm.MinutesPerDay) % wfm.MinutesPerDay
	return fmt.Sprintf("%02d:%02d", v/60, v%60)
}

// span formats a shift's times, "08:00–16:30", or "22:00–08:00+1" past midnight.
func span(s *wfm.ShiftTemplate) string {
	out := hhmm(s.Start) + "–" + hhmm(s.End())
	if days := int(s.End()) / wfm.MinutesPerDay; days > 0 {
		out += fmt.Sprintf("+%d", days)
	}
	return out
}

// sortedBreaks returns the breaks in time order.
func sortedBreaks(b []wfm.Break) []wfm.Break {
	out := slices.Clone(b)
	slices.SortStableFunc(out, func(x, y wfm.Break) int { return cmp.Compare(x.Start, y.Start) })
	return out
}

// breakText is "meal 12:00 · rest 14:30".
func breakText(b []wfm.Break, sep string) string {
	parts := make([]string, 0, len(b))
	for _, x := range sortedBreaks(b) {
		parts = append(parts, x.Kind+" "+hhmm(x.Start))
	}
	return strings.Join(parts, sep)
}

// tooltip is the text of a worked day, "D08 08:00–16:30 · meal 12:00 · rest 14:30".
func (m *model) tooltip(d wfm.DaySchedule) string {
	s := m.shifts[d.Shift]
	if s == nil {
		return d.Shift + " (unknown shift)"
	}
	out := d.Shift + " " + span(s)
	if len(d.Breaks) > 0 {
		out += " · " + breakText(d.Breaks, " · ")
	}
	return out
}

// firstBreak returns the start of the first break of kind, or "".
func firstBreak(b []wfm.Break, kind string) string {
	for _, x := range sortedBreaks(b) {
		if x.Kind == kind {
			return hhmm(x.Start)
		}
	}
	return ""
}

// leaveCodes are the grid codes of the leave types.
var leaveCodes = map[string]string{
	wfm.LeaveAnnual: "AL", wfm.LeaveSick: "SL", wfm.LeavePersonal: "PL",
	wfm.LeaveMarriage: "ML", wfm.LeaveMaternity: "MT", wfm.LeaveOther: "UA",
}

// leaveCode is the short grid code of a leave type.
func leaveCode(t string) string {
	if c, ok := leaveCodes[t]; ok {
		return c
	}
	r := []rune(strings.ToUpper(t))
	return string(r[:min(2, len(r))])
}

// leaveLabel is what a leave type is called in a legend or tooltip.
func leaveLabel(t string) string {
	if t == wfm.LeaveOther {
		return "unavailable"
	}
	return t + " leave"
}

// colours shared by the HTML and the XLSX (without '#').
const (
	colDay     = "DBEAFE"
	colNight   = "3730A3"
	colHoliday = "FFE4E6"
	colWeekend = "F1F5F9"
	colUnknown = "FDE047"
)

var leaveColours = map[string]string{
	wfm.LeaveAnnual: "BBF7D0", wfm.LeaveSick: "FECACA", wfm.LeavePersonal: "FDE68A",
	wfm.LeaveMarriage: "F5D0FE", wfm.LeaveMaternity: "DDD6FE", wfm.LeaveOther: "D1D5DB",
}

func leaveColour(t string) string { return cmp.Or(leaveColours[t], leaveColours[wfm.LeaveOther]) }

// cellKind classifies a roster cell: "day", "night", "leave", "off" or "unknown".
func (m *model) cellKind(d wfm.DaySchedule) string {
	switch {
	case d.Shift != "":
		s := m.shifts[d.Shift]
		if s == nil {
			return "unknown"
		}
		if s.IsNight(m.p.Rules) {
			return "night"
		}
		return "day"
	case d.Leave != "":
		return "leave"
	}
	return "off"
}

// groupOrder orders the groups of R22 for the grid.
func groupOrder(g string) int {
	switch g {
	case wfm.GroupDay:
		return 0
	case wfm.GroupNight:
		return 1
	case wfm.GroupAny:
		return 2
	}
	return 3
}

// num formats x with at most prec decimals and no trailing zeros.
func num(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := fmt.Sprintf("%.*f", prec, x)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// fixed formats x with exactly prec decimals (for columns of numbers).
func fixed(x float64, prec int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "–"
	}
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.TrimLeft(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}
