package report

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"wfm"
)

// update rewrites the golden files of testdata/ from the current output:
//
//	go test ./report -run Golden -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// golden compares got with testdata/name, or writes it there under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %q\nwant: %q\n(run with -update if the change is intended)", name, i+1, g, w)
			}
		}
	}
}

func TestTotals(t *testing.T) {
	got := Totals(fixture())
	if len(got) != 5 {
		t.Fatalf("%d totals, want 5", len(got))
	}
	// By hand (see fixture): paid = Σ (template minutes + pre-shift), leaders +20, others +10.
	//   A1: 4×D08 + E14 = 5 × 530 min = 44.1667 h; overtime 44.1667 − 40 = 4.1667 h; Sun worked;
	//       Thu 1 Oct (holiday) worked; 1 swap → not eligible.
	//   A2: 4×E14 = 4 × 520 = 34.6667 h; contract − leave = 40 − 2×40/5 = 24 (a day of leave
	//       is a working day, a fifth of the contract week) → overtime 10.6667 h;
	//       Sat worked; Thu and Fri holidays worked; 2 days annual leave.
	//   A3: 4×D08 = 34.6667 h, no overtime; Thu worked; eligible.
	//   A4: 4×N22 = 4 × 620 = 41.3333 h, contract 42 → none; 4 nights; Sat worked; eligible.
	//   A5: 3 × 520 + 610 = 2170 min = 36.1667 h; contract − leave = 40 − 40/5 = 32 → 4.1667 h; 1 night;
	//       Sun worked; Thu (night starting on the holiday) worked; 1 day sick.
	want := []struct {
		agent                      string
		shifts                     int
		paid, overtime             float64
		nights, weekends, holidays int
		leave                      int
		byType                     map[string]int
		swaps                      int
		eligible                   bool
	}{
		{"A1", 5, 2650.0 / 60, 2650.0/60 - 40, 0, 1, 1, 0, map[string]int{}, 1, false},
		{"A2", 4, 2080.0 / 60, 2080.0/60 - (40 - 2*40.0/5), 0, 1, 2, 2, map[string]int{"annual": 2}, 0, false},
		{"A3", 4, 2080.0 / 60, 0, 0, 0, 1, 0, map[string]int{}, 0, true},
		{"A4", 4, 2480.0 / 60, 0, 4, 1, 0, 0, map[string]int{}, 0, true},
		{"A5", 4, 2170.0 / 60, 2170.0/60 - (40 - 40.0/5), 1, 1, 1, 1, map[string]int{"sick": 1}, 0, false},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for i, w := range want {
		g := got[i]
		if g.Agent != w.agent || g.Shifts != w.shifts || !near(g.PaidHours, w.paid) || !near(g.OvertimeHours, w.overtime) ||
			g.Nights != w.nights || g.Weekends != w.weekends || g.Holidays != w.holidays || g.LeaveDays != w.leave ||
			g.Swaps != w.swaps || g.AwardEligible != w.eligible || fmt.Sprint(g.LeaveByType) != fmt.Sprint(w.byType) {
			t.Errorf("totals of %s:\n got %+v\nwant %+v", w.agent, g, w)
		}
	}
	if got[0].Name != "Chen Li" || got[0].Group != "day" || strings.Join(got[0].Roles, ",") != "leader" ||
		strings.Join(got[0].Skills, ",") != "mandarin,minnan" {
		t.Errorf("A1 identity: %+v", got[0])
	}
	// The sums agree with the independent checker's objective amounts.
	in := fixture()
	var nights, weekends, holidays, overtime float64
	for _, x := range got {
		nights += float64(x.Nights)
		weekends += float64(x.Weekends)
		holidays += float64(x.Holidays)
		overtime += x.OvertimeHours
	}
	o := in.Check.Objective
	for _, c := range []struct {
		term string
		sum  float64
	}{{"fair_nights", nights}, {"fair_weekends", weekends}, {"fair_holidays", holidays}, {"overtime", overtime}} {
		if a := o.Term(c.term).Amount; !near(a, c.sum) {
			t.Errorf("Σ %s = %v, checker's amount %v", c.term, c.sum, a)
		}
	}
	// Without overtime on, no overtime is reported.
	in.Problem.Rules.Overtime = false
	for _, x := range Totals(in) {
		if x.OvertimeHours != 0 {
			t.Errorf("%s: %v overtime hours with overtime off", x.Agent, x.OvertimeHours)
		}
	}
	if Totals(Input{}) != nil {
		t.Error("Totals of an empty input is not nil")
	}
}

func TestCSVGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteCSV(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "roster.csv", b.Bytes())

	recs, err := csv.NewReader(bytes.NewReader(b.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recs[0], ","); got != "agent,name,group,date,shift,start,end,leave,meal_start,rest_start,paid_hours" {
		t.Errorf("header %s", got)
	}
	if len(recs) != 1+5*7 {
		t.Fatalf("%d records, want 36", len(recs))
	}
	find := func(agent, date string) []string {
		for _, r := range recs {
			if r[0] == agent && r[3] == date {
				return r
			}
		}
		t.Fatalf("no row for %s %s", agent, date)
		return nil
	}
	// A5's night of Thursday 1 October ends at 08:00 on Friday, written with Thursday's date;
	// its breaks at 26:00 and 29:00 on the shift's clock are 02:00 and 05:00.
	if got := strings.Join(find("A5", "2026-10-01"), "|"); got != `A5|O'Brien, "Pat"|any|2026-10-01|N22|22:00|08:00||02:00|05:00|10.17` {
		t.Errorf("A5 night row: %s", got)
	}
	if got := strings.Join(find("A2", "2026-09-28"), "|"); got != "A2|Lin Wei|day|2026-09-28||||annual|||0" {
		t.Errorf("A2 leave row: %s", got)
	}
	if got := find("A1", "2026-09-28")[10]; got != "8.83" { // leader: 510 + 20 min
		t.Errorf("A1 paid hours %s, want 8.83", got)
	}
	if strings.Contains(b.String(), "PRIVATE-REASON") {
		t.Error("roster.csv shows a leave reason")
	}
}

func TestCSVFormulaInjection(t *testing.T) {
	in := fixture()
	in.Problem.Agents[1].Name = "=HYPERLINK(\"http://x\")"
	var b bytes.Buffer
	if err := WriteCSV(&b, in); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r[0] == "A2" && r[1] != `'=HYPERLINK("http://x")` {
			t.Fatalf("name written as %q", r[1])
		}
	}
}

func TestICSGolden(t *testing.T) {
	in := fixture()
	for _, a := range in.Problem.Agents {
		var b bytes.Buffer
		if err := WriteICS(&b, in, a.ID); err != nil {
			t.Fatal(err)
		}
		golden(t, filepath.Join("ics", a.ID+".ics"), b.Bytes())
		checkICS(t, a.ID, b.String())
	}
	if err := WriteICS(&bytes.Buffer{}, in, "nobody"); err == nil {
		t.Error("no error for an unknown agent")
	}
}

// checkICS checks the RFC 5545 framing: CRLF line ends, lines of at most 75 octets, folded
// lines that unfold to whole UTF-8 text, balanced components, the properties every VEVENT needs.
func checkICS(t *testing.T, agent, s string) {
	t.Helper()
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Errorf("%s: lines do not all end in CRLF", agent)
	}
	raw := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	for _, l := range raw {
		if len(l) > 75 {
			t.Errorf("%s: line of %d octets: %q", agent, len(l), l)
		}
	}
	unfolded := strings.Split(strings.ReplaceAll(s, "\r\n ", ""), "\r\n")
	depth := 0
	var events, starts, uids, stamps int
	for _, l := range unfolded {
		switch {
		case strings.HasPrefix(l, "BEGIN:"):
			depth++
			if l == "BEGIN:VEVENT" {
				events++
			}
		case strings.HasPrefix(l, "END:"):
			depth--
		case strings.HasPrefix(l, "DTSTART"):
			starts++
		case strings.HasPrefix(l, "UID:"):
			uids++
		case strings.HasPrefix(l, "DTSTAMP:"):
			stamps++
		}
		if !strings.Contains(l, ":") && l != "" {
			t.Errorf("%s: content line without a colon: %q", agent, l)
		}
	}
	if depth != 0 {
		t.Errorf("%s: unbalanced BEGIN/END", agent)
	}
	if uids != events || stamps != events || starts != events+1 { // +1: the VTIMEZONE's DTSTART
		t.Errorf("%s: %d events, %d UIDs, %d DTSTAMPs, %d DTSTARTs", agent, events, uids, stamps, starts)
	}
	for _, want := range []string{"VERSION:2.0", "PRODID:", "X-WR-TIMEZONE:Asia/Shanghai", "TZID:Asia/Shanghai", "TZOFFSETTO:+0800"} {
		if !strings.Contains(s, want) {
			t.Errorf("%s: no %s", agent, want)
		}
	}
	if strings.Contains(s, "PRIVATE-REASON") {
		t.Errorf("%s: calendar shows a leave reason", agent)
	}
}

func TestICSContent(t *testing.T) {
	in := fixture()
	var b bytes.Buffer
	if err := WriteICS(&b, in, "A5"); err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(b.String(), "\r\n ", "")
	for _, want := range []string{
		// The night of Thursday 1 October, 22:00 to 08:00 the next morning, local time.
		"UID:A5-20261001-N22@wfm\r\nDTSTAMP:20260927T103000Z\r\nDTSTART;TZID=Asia/Shanghai:20261001T220000\r\nDTEND;TZID=Asia/Shanghai:20261002T080000\r\nSUMMARY:Shift N22\r\n",
		`DESCRIPTION:N22 22:00–08:00+1\npre-shift from 21:50 (10 min)\nmeal 02:00–02:30\nrest 05:00–05:30\npublic holiday: National Day`,
		// Sick leave as an all-day event.
		"UID:A5-20261002-leave@wfm\r\nDTSTAMP:20260927T103000Z\r\nDTSTART;VALUE=DATE:20261002\r\nDTEND;VALUE=DATE:20261003\r\nSUMMARY:Sick leave\r\n",
		// The name's comma is escaped.
		`X-WR-CALNAME:Test centre — National Day week — O'Brien\, "Pat" (A5)`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	if n := strings.Count(s, "BEGIN:VEVENT"); n != 5 { // 4 shifts and 1 leave day
		t.Errorf("%d events, want 5", n)
	}
	// Folding keeps UTF-8 characters whole.
	in.Problem.Agents[4].Name = strings.Repeat("陈", 40)
	b.Reset()
	if err := WriteICS(&b, in, "A5"); err != nil {
		t.Fatal(err)
	}
	checkICS(t, "A5", b.String())
	if !strings.Contains(strings.ReplaceAll(b.String(), "\r\n ", ""), strings.Repeat("陈", 40)) {
		t.Error("folded name does not unfold to the original")
	}
}

// dumpXLSX lists every sheet's cell values row by row, tab-separated, and the fill colour of every
// filled cell of the Roster sheet.
func dumpXLSX(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sheet)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if sheet == SheetSettings && len(r) > 0 && ruleFields()[r[0]] {
				continue // see TestSettingsListEveryRule: these follow wfm.Rules, which others extend
			}
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		if sheet != SheetRoster {
			continue
		}
		b.WriteString("-- fills\n")
		for i, r := range rows {
			for j := range max(len(r), len(rows[0])) {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				id, err := f.GetCellStyle(sheet, cell)
				if err != nil {
					t.Fatal(err)
				}
				st, err := f.GetStyle(id)
				if err != nil {
					t.Fatal(err)
				}
				if len(st.Fill.Color) > 0 && st.Fill.Color[0] != "" {
					fmt.Fprintf(&b, "%s %s\n", cell, st.Fill.Color[0])
				}
			}
		}
	}
	return b.String()
}

func TestXLSXGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteXLSX(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	dump := dumpXLSX(t, b.Bytes())
	golden(t, "roster.xlsx.txt", []byte(dump))

	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Roster,Coverage,Agents,Settings" {
		t.Errorf("sheets %s", got)
	}
	panes, err := f.GetPanes(SheetRoster)
	if err != nil || !panes.Freeze || panes.XSplit != 5 || panes.YSplit != 2 {
		t.Errorf("Roster panes %+v, %v", panes, err)
	}
	cov, err := f.GetRows(SheetCoverage)
	if err != nil {
		t.Fatal(err)
	}
	if len(cov) != 1+7*24 {
		t.Errorf("coverage has %d rows, want %d", len(cov), 1+7*24)
	}
	// Monday 15:00: A1 (D08), A5 (E14) and the trainee A3 at half: 2.5 on the phones against 2
	// required. The projection floors to 2 agents for a = 20 calls × 300 s / 3600 s = 1.667 Erlang:
	// B(2, a) = (a²/2)/(1 + a + a²/2) = 0.34247, C = 2B/(2 − a(1 − B)) = 0.75758,
	// SL = 1 − C·exp(−(2 − a)·10/300) = 0.2508.
	row := cov[1+15]
	if row[0] != "2026-09-28" || row[1] != "15:00" || row[2] != "2" || row[3] != "2.5" || row[10] != "25.1%" {
		t.Errorf("Monday 15:00 coverage row %q", row)
	}
	// A2's annual leave is green, A4's night indigo.
	for cell, want := range map[string]string{"F4": "BBF7D0", "F6": "3730A3", "I3": "DBEAFE"} {
		id, _ := f.GetCellStyle(SheetRoster, cell)
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) == 0 || st.Fill.Color[0] != want {
			t.Errorf("%s fill %v, want %s", cell, st.Fill.Color, want)
		}
	}
	if strings.Contains(dump, "PRIVATE-REASON") {
		t.Error("roster.xlsx shows a leave reason")
	}
}

// workbook writes the XLSX of in and opens it; it is closed when the test ends.
func workbook(t *testing.T, in Input) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := WriteXLSX(&b, in); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// ruleFields is the set of JSON names of the fields of wfm.Rules, and of wfm.Weights prefixed
// "weights.", as the Settings sheet names them.
func ruleFields() map[string]bool {
	out := map[string]bool{}
	for prefix, v := range map[string]any{"": wfm.Rules{}, "weights.": wfm.Weights{}} {
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); name != "" && name != "-" && rt.Field(i).Type.Kind() != reflect.Struct {
				out[prefix+name] = true
			}
		}
	}
	return out
}

// TestSettingsListEveryRule: the Settings sheet and the HTML list every field of wfm.Rules and
// wfm.Weights with its value (the golden dump leaves these rows out, so that a rule added to
// wfm.Rules does not break it).
func TestSettingsListEveryRule(t *testing.T) {
	in := fixture()
	rows, err := workbook(t, in).GetRows(SheetSettings)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows {
		if len(r) > 1 {
			got[r[0]] = r[1]
		}
	}
	for name := range ruleFields() {
		if _, ok := got[name]; !ok {
			t.Errorf("Settings sheet lacks %s", name)
		}
	}
	for name, want := range map[string]string{"contract_hours_per_week": "40", "overtime": "on", "night_end": "06:00",
		"max_weekends": "not set", "trainee_factor": "0.5", "weights.under": "10", "weights.linear": "off", "weights.overtime": "5"} {
		if got[name] != want {
			t.Errorf("Settings %s = %q, want %q", name, got[name], want)
		}
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, in); err != nil {
		t.Fatal(err)
	}
	for name := range ruleFields() {
		if !strings.Contains(b.String(), "<td>"+strings.TrimPrefix(name, "weights.")+"</td>") {
			t.Errorf("HTML settings lack %s", name)
		}
	}
}

// TestICSZoneWithDaylightSaving: over a daylight-saving change the calendar is written in UTC.
func TestICSZoneWithDaylightSaving(t *testing.T) {
	in := fixture()
	in.Problem.Horizon.Start = wfm.DateOf(2026, time.October, 19) // Berlin leaves summer time on Sunday 25 October
	in.Problem.Horizon.TimeZone = "Europe/Berlin"
	in.Problem.Holidays = nil
	var b bytes.Buffer
	if err := WriteICS(&b, in, "A1"); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		"X-WR-TIMEZONE:Europe/Berlin",
		"DTSTART:20261019T060000Z", // 08:00 CEST
		"DTSTART:20261025T130000Z", // 14:00 CET
		"DTEND:20261025T213000Z",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("calendar lacks %s", want)
		}
	}
	if strings.Contains(s, "VTIMEZONE") || strings.Contains(s, "TZID=") {
		t.Error("a fixed-offset VTIMEZONE for a zone that changes its offset")
	}
}
