package report

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"wfm"
)

// The sheets of roster.xlsx.
const (
	SheetRoster   = "Roster"
	SheetCoverage = "Coverage"
	SheetAgents   = "Agents"
	SheetSettings = "Settings"
	SheetSessions = "Sessions"
)

// WriteXLSX writes roster.xlsx with four sheets:
//
//   - Roster: agents × days, shift codes and leave codes (AL annual, SL sick, PL personal,
//     ML marriage, MT maternity, UA other/unavailable) filled in the colours of the HTML grid,
//     two header rows (dates, weekdays; weekend and holiday columns shaded), frozen panes, each
//     agent's shifts and paid hours at the end of the row and a colour legend below the grid;
//   - Coverage: one row per interval (date, time, required, on the phones, short, Minnan required
//     and on, leaders required and on duty, calls, projected service level);
//   - Agents: the per-agent totals (Totals);
//   - Settings: title, generation time, horizon, every rule (by its JSON name) and weight (as
//     weights.<name>), the shift templates and the special days;
//   - Sessions, when the roster has any (R15): one row per session as the HTML lists it.
//
// Hours are numbers formatted with two decimals, the service level a number formatted as a
// percentage; dates and times of day are text (YYYY-MM-DD, HH:MM) so that they read the same in
// every locale. Text cells are stored as text, never as formulas.
func WriteXLSX(w io.Writer, in Input) error {
	m, err := newModel(in)
	if err != nil {
		return err
	}
	return m.writeXLSX(w)
}

// xlsxStyles are the cell styles of the workbook, by name.
type xlsxStyles map[string]int

func (m *model) writeXLSX(w io.Writer) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	if err := f.SetSheetName("Sheet1", SheetRoster); err != nil {
		return err
	}
	for _, s := range []string{SheetCoverage, SheetAgents, SheetSettings} {
		if _, err := f.NewSheet(s); err != nil {
			return err
		}
	}
	st, err := m.xlsxStyles(f)
	if err != nil {
		return err
	}
	steps := []func(*excelize.File, xlsxStyles) error{m.xlsxRoster, m.xlsxCoverage, m.xlsxAgents, m.xlsxSettings}
	if len(m.r.Sessions) > 0 {
		if _, err := f.NewSheet(SheetSessions); err != nil {
			return err
		}
		steps = append(steps, m.xlsxSessions)
	}
	for _, step := range steps {
		if err := step(f, st); err != nil {
			return fmt.Errorf("report: xlsx: %w", err)
		}
	}
	created := m.generated.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: m.in.Title, Creator: "wfm", Created: created,
		Modified: created, Description: "Roster " + m.days[0].date.String() + " – " + m.days[len(m.days)-1].date.String()}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func (m *model) xlsxStyles(f *excelize.File) (xlsxStyles, error) {
	fill := func(hex string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#" + hex}}
	}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center"}
	border := []excelize.Border{{Type: "bottom", Color: "#94A3B8", Style: 1}}
	hours, pct, one := "0.00", "0.0%", "0.0"
	defs := map[string]*excelize.Style{
		"head":      {Font: &excelize.Font{Bold: true}, Fill: fill("F1F5F9"), Border: border},
		"headc":     {Font: &excelize.Font{Bold: true}, Fill: fill("FFFFFF"), Border: border, Alignment: centre},
		"headwe":    {Font: &excelize.Font{Bold: true}, Fill: fill(colWeekend), Border: border, Alignment: centre},
		"headhol":   {Font: &excelize.Font{Bold: true, Color: "#9F1239"}, Fill: fill(colHoliday), Border: border, Alignment: centre},
		"title":     {Font: &excelize.Font{Bold: true, Size: 13}},
		"day":       {Fill: fill(colDay), Font: &excelize.Font{Color: "#1E3A8A"}, Alignment: centre},
		"night":     {Fill: fill(colNight), Font: &excelize.Font{Color: "#FFFFFF", Bold: true}, Alignment: centre},
		"unknown":   {Fill: fill(colUnknown), Alignment: centre},
		"off":       {Alignment: centre},
		"offwe":     {Fill: fill(colWeekend), Alignment: centre},
		"offhol":    {Fill: fill(colHoliday), Alignment: centre},
		"hours":     {CustomNumFmt: &hours},
		"pct":       {CustomNumFmt: &pct},
		"one":       {CustomNumFmt: &one},
		"shortnum":  {CustomNumFmt: &one, Font: &excelize.Font{Color: "#B91C1C", Bold: true}},
		"bold":      {Font: &excelize.Font{Bold: true}},
		"boldhours": {Font: &excelize.Font{Bold: true}, CustomNumFmt: &hours},
	}
	for _, t := range wfm.LeaveTypes {
		defs["leave-"+t] = &excelize.Style{Fill: fill(leaveColour(t)), Font: &excelize.Font{Bold: true}, Alignment: centre}
	}
	st := xlsxStyles{}
	for name, def := range defs {
		id, err := f.NewStyle(def)
		if err != nil {
			return nil, err
		}
		st[name] = id
	}
	return st, nil
}

// leaveStyle is the style of a leave type, the "other" style for a type the product does not know.
func (st xlsxStyles) leave(t string) int {
	if id, ok := st["leave-"+t]; ok {
		return id
	}
	return st["leave-"+wfm.LeaveOther]
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func headRow(st xlsxStyles, names ...string) []any {
	row := make([]any, len(names))
	for i, n := range names {
		row[i] = excelize.Cell{StyleID: st["head"], Value: n}
	}
	return row
}

func (m *model) xlsxRoster(f *excelize.File, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(SheetRoster)
	if err != nil {
		return err
	}
	const lead = 5 // Agent, Name, Group, Roles, Skills
	nd := len(m.days)
	if err := sw.SetColWidth(1, 1, 10); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 20); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, lead, 11); err != nil {
		return err
	}
	if err := sw.SetColWidth(lead+1, lead+nd, 6.5); err != nil {
		return err
	}
	if err := sw.SetColWidth(lead+nd+1, lead+nd+2, 8); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: lead, YSplit: 2, TopLeftCell: cellName(lead+1, 3), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	dates := headRow(st, "Agent", "Name", "Group", "Roles", "Skills")
	weekdays := headRow(st, "", "", "", "", "")
	for _, d := range m.days {
		style := st["headc"]
		switch d.look() {
		case "hol":
			style = st["headhol"]
		case "we":
			style = st["headwe"]
		}
		t := d.date.Time(time.UTC)
		dates = append(dates, excelize.Cell{StyleID: style, Value: t.Format("01-02")})
		weekdays = append(weekdays, excelize.Cell{StyleID: style, Value: t.Format("Mon")})
	}
	dates = append(dates, headRow(st, "Shifts", "Paid h")...)
	weekdays = append(weekdays, headRow(st, "", "")...)
	if err := sw.SetRow("A1", dates); err != nil {
		return err
	}
	if err := sw.SetRow("A2", weekdays); err != nil {
		return err
	}
	row := 3
	for i, r := range m.agents {
		vals := []any{r.a.ID, r.a.Name, r.a.Group, strings.Join(r.a.Roles, ", "), strings.Join(r.a.Skills, ", ")}
		for k, d := range r.days {
			var cell excelize.Cell
			switch kind := m.cellKind(d); kind {
			case "day", "night", "unknown":
				cell = excelize.Cell{StyleID: st[kind], Value: d.Shift}
			case "leave":
				cell = excelize.Cell{StyleID: st.leave(d.Leave), Value: leaveCode(d.Leave)}
			default:
				cell = excelize.Cell{StyleID: st["off"]}
				switch m.days[k].look() {
				case "hol":
					cell.StyleID = st["offhol"]
				case "we":
					cell.StyleID = st["offwe"]
				}
			}
			vals = append(vals, cell)
		}
		vals = append(vals, m.totals[i].Shifts, excelize.Cell{StyleID: st["hours"], Value: round2(m.totals[i].PaidHours)})
		if err := sw.SetRow(cellName(1, row), vals); err != nil {
			return err
		}
		row++
	}
	row++
	if err := sw.SetRow(cellName(1, row), []any{excelize.Cell{StyleID: st["bold"], Value: "Legend"}}); err != nil {
		return err
	}
	row++
	legend := [][]any{
		{excelize.Cell{StyleID: st["day"], Value: "D08"}, "day shift"},
		{excelize.Cell{StyleID: st["night"], Value: "N22"}, "night shift (R22)"},
	}
	for _, t := range wfm.LeaveTypes {
		legend = append(legend, []any{excelize.Cell{StyleID: st.leave(t), Value: leaveCode(t)}, leaveLabel(t)})
	}
	legend = append(legend,
		[]any{excelize.Cell{StyleID: st["offwe"]}, "weekend"},
		[]any{excelize.Cell{StyleID: st["offhol"]}, "public holiday (names on the Settings sheet)"})
	for _, l := range legend {
		if err := sw.SetRow(cellName(1, row), l); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func (m *model) xlsxCoverage(f *excelize.File, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(SheetCoverage)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 12); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 11, 11); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", headRow(st, "Date", "Time", "Required", "On phones", "Short",
		"Minnan required", "Minnan on phones", "Leaders required", "Leaders on duty", "Calls", "Service level")); err != nil {
		return err
	}
	c := m.cov
	if c == nil {
		if err := sw.SetRow("A2", []any{"The problem has no interval demand."}); err != nil {
			return err
		}
		return sw.Flush()
	}
	for t := range c.req {
		d, min := c.grid.At(t)
		vals := []any{d.String(), fmt.Sprintf("%02d:%02d", min/60, min%60), c.req[t],
			excelize.Cell{StyleID: st["one"], Value: c.on[t]}, nil,
			c.mReq[t], excelize.Cell{StyleID: st["one"], Value: c.mOn[t]}, c.lReq[t], c.lOn[t], nil, nil}
		if s := c.short(t); s > 0 {
			vals[4] = excelize.Cell{StyleID: st["shortnum"], Value: s}
		} else {
			vals[4] = excelize.Cell{StyleID: st["one"], Value: 0}
		}
		if c.calls != nil {
			vals[9] = excelize.Cell{StyleID: st["one"], Value: c.calls[t]}
		}
		if c.sl != nil {
			vals[10] = excelize.Cell{StyleID: st["pct"], Value: c.sl[t]}
		}
		if err := sw.SetRow(cellName(1, t+2), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func (m *model) xlsxAgents(f *excelize.File, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(SheetAgents)
	if err != nil {
		return err
	}
	types := m.leaveTypesUsed()
	for _, t := range wfm.LeaveTypes { // every product leave type has a column, used or not
		if !contains(types, t) {
			types = append(types, t)
		}
	}
	types = orderLeaveTypes(types)
	head := []string{"Agent", "Name", "Group", "Roles", "Skills", "Shifts", "Paid hours", "Overtime hours",
		"Nights", "Weekends", "Holidays", "Leave days"}
	for _, t := range types {
		head = append(head, "Leave: "+t)
	}
	head = append(head, "Swaps", "Award eligible (R18)")
	if err := sw.SetColWidth(1, 1, 10); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 20); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, len(head), 12); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", headRow(st, head...)); err != nil {
		return err
	}
	for i, t := range m.totals {
		award := "no"
		if t.AwardEligible {
			award = "yes"
		}
		vals := []any{t.Agent, t.Name, t.Group, strings.Join(t.Roles, ", "), strings.Join(t.Skills, ", "), t.Shifts,
			excelize.Cell{StyleID: st["hours"], Value: round2(t.PaidHours)},
			excelize.Cell{StyleID: st["hours"], Value: round2(t.OvertimeHours)},
			t.Nights, t.Weekends, t.Holidays, t.LeaveDays}
		for _, lt := range types {
			vals = append(vals, t.LeaveByType[lt])
		}
		vals = append(vals, t.Swaps, award)
		if err := sw.SetRow(cellName(1, i+2), vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// xlsxSessions writes the Sessions sheet: the rows of the report's sessions table.
func (m *model) xlsxSessions(f *excelize.File, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(SheetSessions)
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", headRow(st, "Date", "Day", "Time", "Activity", "Kind", "Room", "People", "Attendees", "Cost")); err != nil {
		return err
	}
	for i, r := range m.activitiesView().Sessions {
		if err := sw.SetRow(cellName(1, i+2), []any{r.Date, r.Weekday, r.Time, r.Activity, r.Kind, r.Room, r.People, r.Attendees, r.Cost}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// orderLeaveTypes puts the product's leave types first, in their order, then the others.
func orderLeaveTypes(types []string) []string {
	var out []string
	for _, t := range wfm.LeaveTypes {
		if contains(types, t) {
			out = append(out, t)
		}
	}
	for _, t := range types {
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func (m *model) xlsxSettings(f *excelize.File, st xlsxStyles) error {
	sw, err := f.NewStreamWriter(SheetSettings)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 30); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 9, 14); err != nil {
		return err
	}
	v := &view{}
	m.settingsView(v)
	row := 1
	put := func(vals ...any) error {
		err := sw.SetRow(cellName(1, row), vals)
		row++
		return err
	}
	section := func(title string) error {
		row++
		return put(excelize.Cell{StyleID: st["title"], Value: title})
	}
	if err := put(excelize.Cell{StyleID: st["title"], Value: cmpOr(m.in.Title, "Roster report")}); err != nil {
		return err
	}
	if err := put("generated", m.generated.In(m.loc).Format("2006-01-02 15:04 MST")); err != nil {
		return err
	}
	if err := section("Horizon"); err != nil {
		return err
	}
	for _, s := range v.HorizonSettings {
		if err := put(s.Name, s.Value); err != nil {
			return err
		}
	}
	for _, part := range []struct {
		title, prefix string
		rows          []setting
	}{{"Rules", "", v.Rules}, {"Weights", "weights.", v.Weights}} {
		if err := section(part.title); err != nil {
			return err
		}
		if err := put(headRow(st, "Setting", "Value", "Rule")...); err != nil {
			return err
		}
		for _, s := range part.rows {
			if err := put(part.prefix+s.Name, s.Value, s.Rule); err != nil {
				return err
			}
		}
	}
	if err := section("Shift templates"); err != nil {
		return err
	}
	if err := put(headRow(st, "Shift", "Start", "End", "Length h", "Paid h", "Paid h (leader)", "Night", "Breaks (R4)", "Cannot follow")...); err != nil {
		return err
	}
	for _, s := range v.Shifts {
		if err := put(s.ID, s.Start, s.End, s.Hours, s.Paid, s.LeaderPaid, s.Night, s.Breaks, s.CannotFollow); err != nil {
			return err
		}
	}
	if len(v.Holidays) > 0 {
		if err := section("Special days"); err != nil {
			return err
		}
		if err := put(headRow(st, "Date", "Name", "Kind")...); err != nil {
			return err
		}
		for _, h := range v.Holidays {
			if err := put(h.Name, h.Value, h.Rule); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
