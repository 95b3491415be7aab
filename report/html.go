package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"wfm"
	"wfm/forecast/erlang"
)

//go:embed report.html.tmpl
var pageSource string

var page = template.Must(template.New("report").Parse(pageSource))

// ChartCSS is the stylesheet of the coverage charts (chartSVG, DayChart): the report inlines it,
// and a page that shows a DayChart serves it.
//
//go:embed chart.css
var ChartCSS string

// WriteHTML writes report.html: one self-contained page (inline CSS, SVG charts drawn here, no
// script, no network) with the summary, the coverage charts, the roster grid, the per-agent
// totals, the violations and objective, and the settings used. Every text is escaped.
func WriteHTML(w io.Writer, in Input) error {
	m, err := newModel(in)
	if err != nil {
		return err
	}
	return m.writeHTML(w)
}

func (m *model) writeHTML(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if err := page.Execute(bw, m.view()); err != nil {
		return fmt.Errorf("report: html: %w", err)
	}
	return bw.Flush()
}

type card struct {
	Label, Value, Sub, Class string
	Lines                    []string // a value of several lines, instead of Value
}

type chartView struct {
	ID, Caption, Sub, Special string
	SpecialClass              string // the day's look: "hol", "work", "we" or ""
	Class                     string
	SVG                       template.HTML
}

type dayRow struct {
	Date, Weekday, Special, Class                                string
	Required, OnPhones, Short, MinnanShort, LeaderGap, SL, Calls string
}

type gridDay struct {
	Num, Weekday, Class, Title string
}

type gridCell struct {
	Text, Class, Title string
}

type badge struct {
	Text, Class, Title string
}

type gridRow struct {
	Agent, Name   string
	Badges        []badge
	Cells         []gridCell
	Shifts, Hours string
}

type gridGroup struct {
	Name  string
	Count int
	Rows  []gridRow
}

type footRow struct {
	Label string
	Cells []string
}

type totalsRow struct {
	Agent, Name, Group, Roles, Skills                  string
	Shifts, Paid, Contract, Overtime                   string
	Nights, Weekends, Holidays, LeaveDays, Swaps       string
	Leave                                              []string
	Award, AwardClass                                  string
	StartChanges, SingleOff, Isolated, FullWeekendsOff string // shape (wfm.ShapeOf)
}

type termRow struct {
	Rule, Name, Amount, Penalty, Class string
}

type setting struct {
	Name, Value, Rule string
}

type shiftRow struct {
	ID, Start, End, Hours, Paid, LeaderPaid, Night, Breaks, CannotFollow string
}

type legendItem struct {
	Class, Text, Label string
	Swatch             template.HTML
}

type view struct {
	ChartCSS                  template.CSS
	Title, Horizon, Generated string
	Cards                     []card
	HasCoverage               bool
	CoverageNote              string
	Charts                    []chartView
	CoverageLegend            []legendItem
	Days                      []dayRow
	GridDays                  []gridDay
	GridCols                  int
	Groups                    []gridGroup
	Foot                      []footRow
	GridLegend                []legendItem
	Totals                    []totalsRow
	LeaveTypes                []string
	TotalsFoot                totalsRow
	RequestsNote              string
	Missed                    []requestRow
	Refused                   []refusedRow
	Overrides                 []overrideRow
	Violations, Advisories    []wfm.Violation
	Terms                     []termRow
	ObjectiveTotal            string
	ObjectiveNote             string
	HorizonSettings           []setting
	Rules, Weights            []setting
	Shifts                    []shiftRow
	Holidays                  []setting
	Deferred                  *deferredView
	Activities                *activitiesView
}

func (m *model) view() *view {
	p := m.p
	first, last := m.days[0], m.days[len(m.days)-1]
	v := &view{
		ChartCSS: template.CSS(ChartCSS),
		Title:    m.in.Title,
		Horizon: fmt.Sprintf("%s – %s · %d days · %d-min intervals · %s",
			first.date.Time(time.UTC).Format("Mon 2 Jan 2006"), last.date.Time(time.UTC).Format("Mon 2 Jan 2006"),
			len(m.days), p.Horizon.IntervalMinutes, m.tzName),
		Generated: m.generated.In(m.loc).Format("2006-01-02 15:04 MST"),
	}
	if v.Title == "" {
		v.Title = "Roster report"
	}
	v.Cards = m.cards()
	m.coverageView(v)
	m.gridView(v)
	m.totalsView(v)
	m.requestsView(v)
	v.Overrides = m.overrides()
	v.Deferred = m.deferredView()
	v.Activities = m.activitiesView()
	v.Violations = m.check.Violations
	v.Advisories = m.r.Advisories
	m.objectiveView(v)
	m.settingsView(v)
	return v
}

func (m *model) cards() []card {
	var cards []card
	groups := map[string]int{}
	leaders := 0
	for _, r := range m.agents {
		groups[r.a.Group]++
		if r.leader() {
			leaders++
		}
	}
	cards = append(cards, card{Label: "Agents", Value: strconv.Itoa(len(m.agents)),
		Sub: fmt.Sprintf("%d day · %d night · %d any · %d leaders", groups[wfm.GroupDay], groups[wfm.GroupNight], groups[wfm.GroupAny], leaders)})
	if m.cov != nil {
		s := m.cov.all()
		cls := "ok"
		if s.shortHours > 0 {
			cls = "warn"
		}
		cards = append(cards, card{Label: "Understaffed", Value: num(s.shortHours, 1) + " h", Class: cls,
			Sub: fmt.Sprintf("%d intervals short · Minnan short %s h · leader gaps %s h", s.shortIntervals, num(s.minnanShort, 1), num(s.leaderGap, 1))})
		if !math.IsNaN(s.sl) {
			cls := "ok"
			if s.sl < 0.8 {
				cls = "warn"
			}
			sub := "mean per interval"
			if m.cov.calls != nil {
				sub = fmt.Sprintf("calls-weighted · %s calls · target 80 %% in %s s", num(s.calls, 0), num(m.answerWithin(), 0))
			}
			if !math.IsNaN(s.slBefore) {
				sub = fmt.Sprintf("after %s %% shrinkage, %s %% before · %s", num(100*m.cov.shrinkage, 1), num(100*s.slBefore, 1), sub)
			}
			cards = append(cards, card{Label: "Projected service level", Value: num(s.sl*100, 1) + " %", Sub: sub, Class: cls})
			if !math.IsNaN(s.asa) || s.overloaded > 0 {
				cards = append(cards, m.waitCard(s))
			}
		} else {
			cards = append(cards, card{Label: "Projected service level", Value: "–", Sub: "the demand has no call forecast"})
		}
	} else {
		cards = append(cards, card{Label: "Understaffed", Value: "–", Sub: "no interval demand"})
	}
	hard := len(m.check.Violations)
	cls, sub := "ok", "the checker accepts the roster"
	if hard > 0 {
		cls, sub = "bad", "the roster breaks HARD rules: see Violations"
	}
	cards = append(cards, card{Label: "HARD violations", Value: strconv.Itoa(hard), Class: cls, Sub: sub})
	nz := 0
	for _, t := range m.check.Objective.Terms {
		if t.Penalty != 0 {
			nz++
		}
	}
	obj := card{Label: "Objective", Value: num(m.check.Objective.Total, 1), Sub: fmt.Sprintf("checker's total · %d non-zero terms", nz)}
	if m.objectiveDiffers() != nil {
		obj.Class, obj.Sub = "warn", "differs from the solver's: see Objective"
	}
	cards = append(cards, obj)
	if st := m.r.Solver; st != nil && st.Feasible {
		sub := fmt.Sprintf("certified: no roster scores below it, so the best possible is at most %s %% below this one",
			num(st.ObjectiveGap, 1))
		if st.LowerBound > 0 {
			sub += fmt.Sprintf(" · agent-intervals short ≥ %s (gap %s %%)", num(st.LowerBound, 1), num(st.ShortGap, 1))
		}
		cards = append(cards, card{Label: "Lower bound", Value: num(st.ObjectiveBound, 1), Sub: sub})
	}
	nights, weekends, holidays := m.fairness()
	fair := []string{}
	if nights.ok {
		fair = append(fair, fmt.Sprintf("nights %d–%d", nights.min, nights.max))
	}
	if weekends.ok {
		fair = append(fair, fmt.Sprintf("weekends %d–%d", weekends.min, weekends.max))
	}
	if holidays.ok && m.hasHolidays() {
		fair = append(fair, fmt.Sprintf("holidays %d–%d", holidays.min, holidays.max))
	}
	cards = append(cards, card{Label: "Fairness spread", Lines: fair, Class: "multi",
		Sub: "min–max per agent among those who can work them"})
	if n := len(m.p.Requests); n > 0 {
		sub := fmt.Sprintf("granted · %d missed", len(m.missed))
		if never := m.neverGranted(); never > 0 {
			sub += fmt.Sprintf(", %d of them never grantable", never)
		}
		cards = append(cards, card{Label: "Requests (R23)", Value: fmt.Sprintf("%d of %d", n-len(m.missed), n), Sub: sub})
	}
	if n := len(m.in.Refused); n > 0 {
		cards = append(cards, card{Label: "Leave refused (R10)", Value: strconv.Itoa(n), Class: "warn",
			Sub: "annual leave beyond the cap, first come first served: see Requests and leave"})
	}
	if c, ok := m.deferredCard(); ok {
		cards = append(cards, c)
	}
	if c, ok := m.activitiesCard(); ok {
		cards = append(cards, c)
	}
	eligible := 0
	for _, t := range m.totals {
		if t.AwardEligible {
			eligible++
		}
	}
	cards = append(cards, card{Label: "Award eligible (R18)", Value: fmt.Sprintf("%d of %d", eligible, len(m.totals)),
		Sub: "not suspended, no leave and no swaps in the month"})
	return cards
}

// objectiveDiffers compares the solver's objective with the checker's, when the roster has one.
func (m *model) objectiveDiffers() error {
	if len(m.r.Objective.Terms) == 0 {
		return nil
	}
	return m.check.Compare(m.r.Objective, 1e-6)
}

func (m *model) coverageView(v *view) {
	c := m.cov
	if c == nil {
		v.CoverageNote = "The problem has no interval demand, so there is no coverage to chart."
		return
	}
	v.HasCoverage = true
	sc := agentScale(c)
	for k, d := range m.days {
		gk := int(d.date - c.grid.Start)
		if gk < 0 || gk >= c.grid.Days {
			continue
		}
		s := c.day(gk)
		id := "cov-" + d.date.String()
		sub := fmt.Sprintf("short %s h", num(s.shortHours, 1))
		if !math.IsNaN(s.sl) {
			sub += " · SL " + num(s.sl*100, 0) + " %"
		}
		cls := d.look()
		if s.shortHours > 0 {
			cls += " short"
		}
		v.Charts = append(v.Charts, chartView{ID: id, Caption: d.date.Time(time.UTC).Format("Mon 2 Jan"), Sub: sub,
			Special: d.special, SpecialClass: d.look(), Class: strings.TrimSpace(cls), SVG: template.HTML(m.chartSVG(id, k, gk, sc))})
		row := dayRow{Date: d.date.String(), Weekday: d.weekday.String()[:3], Special: d.special,
			Required: fixed(s.reqHours, 1), OnPhones: fixed(s.onHours, 1), Short: fixed(s.shortHours, 1),
			MinnanShort: fixed(s.minnanShort, 1), LeaderGap: fixed(s.leaderGap, 1), SL: "–", Calls: "–", Class: strings.TrimSpace(cls)}
		if !math.IsNaN(s.sl) {
			row.SL = fixed(s.sl*100, 1) + " %"
		}
		if c.calls != nil {
			row.Calls = num(s.calls, 0)
		}
		v.Days = append(v.Days, row)
	}
	v.CoverageLegend = []legendItem{
		{Swatch: template.HTML(legendSVG("req")), Label: "agents required"},
		{Swatch: template.HTML(legendSVG("on")), Label: "agents on the phones (after breaks; trainees by their factor)"},
		{Swatch: template.HTML(legendSVG("short")), Label: "shortfall"},
		{Swatch: template.HTML(legendSVG("mreq")), Label: "Minnan required"},
		{Swatch: template.HTML(legendSVG("mon")), Label: "Minnan on the phones"},
		{Swatch: template.HTML(legendSVG("lk")), Label: "leader on duty as required"},
		{Swatch: template.HTML(legendSVG("lb")), Label: "leader missing"},
	}
	if c.sl != nil {
		v.CoverageLegend = append(v.CoverageLegend,
			legendItem{Swatch: template.HTML(legendSVG("sl")), Label: "projected service level (right-hand scale)"},
			legendItem{Swatch: template.HTML(legendSVG("tg")), Label: "80 % target"})
	}
}

func (m *model) gridView(v *view) {
	for _, d := range m.days {
		g := gridDay{Num: strconv.Itoa(d.date.Time(time.UTC).Day()), Weekday: d.weekday.String()[:2],
			Title: d.date.Time(time.UTC).Format("Monday 2 January 2006"), Class: d.look()}
		if d.special != "" {
			g.Title += " · " + d.special
		}
		v.GridDays = append(v.GridDays, g)
	}
	v.GridCols = len(m.days) + 3
	order := []string{}
	byGroup := map[string]*gridGroup{}
	dayShifts := make([]int, len(m.days))
	nightShifts := make([]int, len(m.days))
	onLeave := make([]int, len(m.days))
	for i := range m.agents {
		r := &m.agents[i]
		t := m.totals[i]
		g := byGroup[r.a.Group]
		if g == nil {
			g = &gridGroup{Name: groupName(r.a.Group)}
			byGroup[r.a.Group] = g
			order = append(order, r.a.Group)
		}
		row := gridRow{Agent: r.a.ID, Name: r.a.Name, Badges: badges(r.a),
			Shifts: strconv.Itoa(t.Shifts), Hours: num(t.PaidHours, 1)}
		row.Cells = make([]gridCell, len(m.days))
		for k, d := range r.days {
			cell := gridCell{}
			switch kind := m.cellKind(d); kind {
			case "day", "night", "unknown":
				cell = gridCell{Text: d.Shift, Class: kind, Title: m.tooltip(d)}
				if kind == "night" {
					nightShifts[k]++
				} else {
					dayShifts[k]++
				}
			case "leave":
				cell = gridCell{Text: leaveCode(d.Leave), Class: "lv lv-" + cssName(d.Leave), Title: leaveLabel(d.Leave)}
				onLeave[k]++
			default:
				cell.Class = "off"
			}
			if look := m.days[k].look(); look != "" {
				cell.Class += " " + look
			}
			row.Cells[k] = cell
		}
		g.Rows = append(g.Rows, row)
		g.Count++
	}
	slices.SortStableFunc(order, func(a, b string) int { return groupOrder(a) - groupOrder(b) })
	for _, name := range order {
		v.Groups = append(v.Groups, *byGroup[name])
	}
	ints := func(x []int) []string {
		out := make([]string, len(x))
		for i, n := range x {
			out[i] = strconv.Itoa(n)
		}
		return out
	}
	v.Foot = []footRow{{"Day shifts", ints(dayShifts)}, {"Night shifts", ints(nightShifts)}, {"On leave", ints(onLeave)}}
	v.GridLegend = []legendItem{
		{Class: "day", Text: "D08", Label: "day shift"},
		{Class: "night", Text: "N22", Label: "night shift (R22)"},
	}
	for _, t := range wfm.LeaveTypes {
		v.GridLegend = append(v.GridLegend, legendItem{Class: "lv lv-" + t, Text: leaveCode(t), Label: leaveLabel(t)})
	}
	v.GridLegend = append(v.GridLegend,
		legendItem{Class: "off", Text: "", Label: "day off"},
		legendItem{Class: "off we", Text: "", Label: "weekend"},
		legendItem{Class: "off hol", Text: "", Label: "public holiday"},
		legendItem{Class: "off work", Text: "", Label: "make-up working day (a working day, blue date)"},
		legendItem{Class: "badge lead", Text: "L", Label: "shift leader (R12)"},
		legendItem{Class: "badge trainee", Text: "T", Label: "trainee (R14)"},
		legendItem{Class: "badge minnan", Text: "M", Label: "Minnan speaker (R16)"},
		legendItem{Class: "badge susp", Text: "S", Label: "suspended (R14)"},
	)
}

func groupName(g string) string {
	switch g {
	case wfm.GroupDay:
		return "Day group"
	case wfm.GroupNight:
		return "Night group"
	case wfm.GroupAny:
		return "Day or night (any)"
	case "":
		return "No group"
	}
	return "Group " + g
}

func badges(a *wfm.Agent) []badge {
	var out []badge
	if a.Has(wfm.RoleLeader) {
		out = append(out, badge{"L", "lead", "shift leader"})
	}
	if a.Has(wfm.RoleTrainee) {
		title := "trainee"
		if a.Mentor != "" {
			title += ", mentor " + a.Mentor
		}
		out = append(out, badge{"T", "trainee", title})
	}
	if a.Speaks(wfm.SkillMinnan) {
		out = append(out, badge{"M", "minnan", "speaks Minnan"})
	}
	if a.Has(wfm.RoleSuspended) {
		out = append(out, badge{"S", "susp", "suspended: not on the phones"})
	}
	return out
}

// cssName keeps letters, digits and '-' of a leave type for a class name.
func cssName(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '_'
	}, s)
}

// leaveTypesUsed lists the leave types present in the totals, in wfm.LeaveTypes order, then any other.
func (m *model) leaveTypesUsed() []string {
	seen := map[string]bool{}
	for _, t := range m.totals {
		for k := range t.LeaveByType {
			seen[k] = true
		}
	}
	var out []string
	for _, t := range wfm.LeaveTypes {
		if seen[t] {
			out = append(out, t)
			delete(seen, t)
		}
	}
	var rest []string
	for t := range seen {
		rest = append(rest, t)
	}
	slices.Sort(rest)
	return append(out, rest...)
}

func (m *model) totalsView(v *view) {
	v.LeaveTypes = m.leaveTypesUsed()
	var sum AgentTotals
	sumLeave := make([]int, len(v.LeaveTypes))
	var sumContract float64
	for i, t := range m.totals {
		a := m.agents[i].a
		contract := math.Max(0, m.contractHours(a)-t.LeaveHours)
		row := totalsRow{Agent: t.Agent, Name: t.Name, Group: t.Group, Roles: strings.Join(t.Roles, ", "),
			Skills: strings.Join(t.Skills, ", "), Shifts: strconv.Itoa(t.Shifts), Paid: fixed(t.PaidHours, 2),
			Contract: fixed(contract, 2), Overtime: fixed(t.OvertimeHours, 2), Nights: strconv.Itoa(t.Nights),
			Weekends: strconv.Itoa(t.Weekends), Holidays: strconv.Itoa(t.Holidays),
			LeaveDays: strconv.Itoa(t.LeaveDays), Swaps: strconv.Itoa(t.Swaps), Award: "yes", AwardClass: "yes"}
		if !t.AwardEligible {
			row.Award, row.AwardClass = "no", "no"
		}
		sh := t.Shape
		row.StartChanges = fmt.Sprintf("%d of %d", sh.StartChanges, sh.WorkPairs)
		row.SingleOff = fmt.Sprintf("%d of %d", sh.SingleDaysOff, sh.OffBlocks)
		row.Isolated, row.FullWeekendsOff = strconv.Itoa(sh.IsolatedDays), strconv.Itoa(sh.FullWeekendsOff)
		sum.Shape.WorkPairs += sh.WorkPairs
		sum.Shape.StartChanges += sh.StartChanges
		sum.Shape.OffBlocks += sh.OffBlocks
		sum.Shape.SingleDaysOff += sh.SingleDaysOff
		sum.Shape.IsolatedDays += sh.IsolatedDays
		sum.Shape.FullWeekendsOff += sh.FullWeekendsOff
		for j, lt := range v.LeaveTypes {
			row.Leave = append(row.Leave, strconv.Itoa(t.LeaveByType[lt]))
			sumLeave[j] += t.LeaveByType[lt]
		}
		v.Totals = append(v.Totals, row)
		sum.Shifts += t.Shifts
		sum.PaidHours += t.PaidHours
		sum.OvertimeHours += t.OvertimeHours
		sum.Nights += t.Nights
		sum.Weekends += t.Weekends
		sum.Holidays += t.Holidays
		sum.LeaveDays += t.LeaveDays
		sum.Swaps += t.Swaps
		sumContract += contract
	}
	f := totalsRow{Agent: "Total", Shifts: strconv.Itoa(sum.Shifts), Paid: fixed(sum.PaidHours, 2),
		Contract: fixed(sumContract, 2), Overtime: fixed(sum.OvertimeHours, 2), Nights: strconv.Itoa(sum.Nights),
		Weekends: strconv.Itoa(sum.Weekends), Holidays: strconv.Itoa(sum.Holidays),
		LeaveDays: strconv.Itoa(sum.LeaveDays), Swaps: strconv.Itoa(sum.Swaps)}
	for _, n := range sumLeave {
		f.Leave = append(f.Leave, strconv.Itoa(n))
	}
	f.StartChanges = fmt.Sprintf("%d of %d", sum.Shape.StartChanges, sum.Shape.WorkPairs)
	f.SingleOff = fmt.Sprintf("%d of %d", sum.Shape.SingleDaysOff, sum.Shape.OffBlocks)
	f.Isolated, f.FullWeekendsOff = strconv.Itoa(sum.Shape.IsolatedDays), strconv.Itoa(sum.Shape.FullWeekendsOff)
	v.TotalsFoot = f
}

func (m *model) objectiveView(v *view) {
	for _, t := range m.check.Objective.Terms {
		row := termRow{Rule: t.Rule, Name: t.Name, Amount: fixed(t.Amount, 2), Penalty: fixed(t.Penalty, 2)}
		if t.Penalty == 0 {
			row.Class = "zero"
		}
		v.Terms = append(v.Terms, row)
	}
	v.ObjectiveTotal = fixed(m.check.Objective.Total, 2)
	if err := m.objectiveDiffers(); err != nil {
		v.ObjectiveNote = "The solver's own objective disagrees with the checker's: " + err.Error()
	}
}

// ruleOf gives the RULES.md id behind each setting (by its JSON name).
var ruleOf = map[string]string{
	"contract_hours_per_week": "R3", "weekly_min_hours": "R3", "weekly_max_hours": "R3", "leave_hours_per_day": "R3",
	"overtime": "R8", "overtime_cap_hours": "R8",
	"breaks": "R4", "breaks_after_minutes": "R4", "max_continuous_work_minutes": "R4", "meal_minutes": "R4",
	"rest_minutes": "R4", "break_window_minutes": "R4",
	"max_consecutive_days": "R21", "min_rest_minutes": "R21", "min_consecutive_days": "R21",
	"min_consecutive_days_off": "R21", "max_weekends": "R21",
	"night_start": "R22", "night_end": "R22", "max_concurrent_annual_leave": "R10",
	"pre_shift_minutes": "R11", "leader_pre_shift_minutes": "R11", "trainee_factor": "R14",
	"leave_notice_days": "R9", "swap_notice_working_days": "R6", "max_swaps_per_month": "R6",
}

var weightRule = map[string]string{
	"under": "R17", "empty": "R1", "over": "R17", "minnan": "R16", "leader": "R12", "requests": "R23",
	"nights": "R7", "weekends": "R23", "holidays": "R7", "overtime": "R8", "linear": "R17",
}

// fields lists every exported field of a struct by its JSON name, with its value, so that a rule
// added to wfm.Rules shows up in the report without a change here. Nested structs are skipped.
func fields(v any, rules map[string]string) []setting {
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	var out []setting
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.IsExported() || f.Type.Kind() == reflect.Struct {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			name = f.Name
		}
		out = append(out, setting{Name: name, Value: settingValue(rv.Field(i)), Rule: rules[name]})
	}
	return out
}

func settingValue(v reflect.Value) string {
	if s, ok := v.Interface().(fmt.Stringer); ok && v.Kind() != reflect.Pointer {
		return s.String()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "not set"
		}
		return settingValue(v.Elem())
	case reflect.Bool:
		if v.Bool() {
			return "on"
		}
		return "off"
	case reflect.Float32, reflect.Float64:
		return num(v.Float(), 4)
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprint(k.Interface()) + " " + settingValue(v.MapIndex(k))
		}
		if len(parts) == 0 {
			return "none"
		}
		return strings.Join(parts, " · ")
	case reflect.Slice:
		parts := make([]string, v.Len())
		for i := range parts {
			parts[i] = settingValue(v.Index(i))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v.Interface())
}

func (m *model) settingsView(v *view) {
	p := m.p
	h := p.Horizon
	v.HorizonSettings = []setting{
		{Name: "start", Value: h.Start.String()},
		{Name: "end", Value: h.Start.AddDays(h.Days - 1).String()},
		{Name: "days", Value: strconv.Itoa(h.Days)},
		{Name: "interval_minutes", Value: strconv.Itoa(h.IntervalMinutes)},
		{Name: "time_zone", Value: m.tzName},
		{Name: "agents", Value: strconv.Itoa(len(p.Agents))},
		{Name: "approved leave entries", Value: strconv.Itoa(len(p.Leave))},
		{Name: "requests", Value: strconv.Itoa(len(p.Requests))},
		{Name: "fixed assignments", Value: strconv.Itoa(len(p.Fixed))},
	}
	demand := "none"
	if d := p.Demand; d != nil {
		demand = "per interval"
		if d.Calls != nil && d.AHT != nil {
			demand += ", with calls and handling time"
		}
		if d.UnderWeight != nil {
			demand += ", weighted"
		}
	}
	if len(p.ShiftDemand) > 0 {
		demand += fmt.Sprintf("; %d per-shift covers", len(p.ShiftDemand))
	}
	v.HorizonSettings = append(v.HorizonSettings, setting{Name: "demand", Value: demand})
	if d := p.Demand; d != nil && d.Calls != nil && d.AHT != nil {
		proj := fmt.Sprintf("answered within %s s · shrinkage %s %% not placed by the roster (absence, training) · ",
			num(m.answerWithin(), 0), num(100*d.Shrinkage, 1))
		if d.Patience > 0 {
			proj += fmt.Sprintf("Erlang A, patience %s s", num(d.Patience, 0))
		} else {
			proj += "Erlang C"
		}
		v.HorizonSettings = append(v.HorizonSettings, setting{Name: "service projection", Value: proj})
	}
	if s := m.r.Solver; s != nil {
		text := fmt.Sprintf("seed %d · %s s · %d iterations", s.Seed, num(s.Seconds, 1), s.Iterations)
		text += fmt.Sprintf(" · objective lower bound %s (gap %s %%)", num(s.ObjectiveBound, 1), num(s.ObjectiveGap, 1))
		if s.LowerBound > 0 {
			text += fmt.Sprintf(" · under-coverage lower bound %s agent-intervals (gap %s %%)", num(s.LowerBound, 1), num(s.ShortGap, 1))
		}
		v.HorizonSettings = append(v.HorizonSettings, setting{Name: "solver", Value: text})
	}
	v.Rules = fields(p.Rules, ruleOf)
	v.Weights = fields(p.Rules.Weights, weightRule)
	r := p.Rules
	for _, s := range p.Shifts {
		row := shiftRow{ID: s.ID, Start: hhmm(s.Start), End: hhmm(s.End()), Hours: num(float64(s.Minutes)/60, 2),
			Paid: num(float64(s.PaidMinutes()+r.PreShiftMinutes)/60, 2), LeaderPaid: num(float64(s.PaidMinutes()+r.LeaderPreShiftMinutes)/60, 2),
			Night: "no", Breaks: "none", CannotFollow: strings.Join(s.CannotFollow, ", ")}
		if e := int(s.End()) / wfm.MinutesPerDay; e > 0 {
			row.End += fmt.Sprintf(" (+%d)", e)
		}
		if s.IsNight(r) {
			row.Night = "yes"
		}
		if r.Breaks && s.Minutes > r.BreaksAfter {
			row.Breaks = fmt.Sprintf("meal %d + rest %d min", r.MealMinutes, r.RestMinutes)
		}
		v.Shifts = append(v.Shifts, row)
	}
	for _, d := range p.Holidays {
		if k := int(d.Date - h.Start); k >= 0 && k < h.Days {
			v.Holidays = append(v.Holidays, setting{Name: d.Date.String(), Value: d.Name, Rule: d.Kind.String()})
		}
	}
}

// overrideRow is one forecast override (R2) as the report lists it.
type overrideRow struct {
	From, To, Change, Reason       string
	Intervals, Before, After, Diff string
}

// overrides lists the planner's forecast overrides with what each changed.
func (m *model) overrides() []overrideRow {
	var out []overrideRow
	for _, e := range m.in.Adjustments {
		a := e.Adjustment
		diff := "+" + num(e.CallsAfter-e.CallsBefore, 0)
		if e.CallsAfter < e.CallsBefore {
			diff = num(e.CallsAfter-e.CallsBefore, 0)
		}
		out = append(out, overrideRow{From: a.From, To: a.To, Change: a.Change(), Reason: a.Reason,
			Intervals: strconv.Itoa(e.Intervals), Before: num(e.CallsBefore, 0), After: num(e.CallsAfter, 0), Diff: diff})
	}
	return out
}

// answerWithin is the service-level threshold the projection uses, in seconds.
func (m *model) answerWithin() float64 {
	if d := m.p.Demand; d != nil && d.AnswerWithin > 0 {
		return d.AnswerWithin
	}
	return erlang.DefaultAnswerWithin
}

// waitCard is the projected speed of answer and abandonment, after shrinkage.
func (m *model) waitCard(s stats) card {
	sub := "ASA after shrinkage · callers wait (Erlang C)"
	if m.cov.patience > 0 {
		sub = fmt.Sprintf("ASA after shrinkage · %s %% abandon (patience %s s, Erlang A)",
			num(100*s.abandoned, 1), num(m.cov.patience, 0))
	}
	c := card{Label: "Projected answer time", Value: num(s.asa, 1) + " s", Sub: sub, Class: "ok"}
	if s.overloaded > 0 {
		c.Class = "warn"
		c.Sub += fmt.Sprintf(" · leaves out %s calls (%s %%) in intervals whose queue cannot keep up",
			num(s.overloaded, 0), num(100*s.overloaded/s.calls, 1))
	}
	return c
}

// HeadlineItem is one figure of the report's summary strip.
type HeadlineItem struct {
	Label, Value, Detail string
}

// Headline returns the summary strip at the top of the HTML report (agents, understaffing,
// projected service level, HARD violations, objective, fairness spread, award eligibility), so
// that a command can print what the report leads with.
func Headline(in Input) ([]HeadlineItem, error) {
	m, err := newModel(in)
	if err != nil {
		return nil, err
	}
	var out []HeadlineItem
	for _, c := range m.cards() {
		v := c.Value
		if len(c.Lines) > 0 {
			v = strings.Join(c.Lines, ", ")
		}
		out = append(out, HeadlineItem{Label: c.Label, Value: v, Detail: c.Sub})
	}
	return out, nil
}
