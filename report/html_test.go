package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"wfm"
	"wfm/forecast/erlang"
	"wfm/solver/validate"
)

// render writes the HTML report of in and parses it.
func render(t *testing.T, in Input) (string, *html.Node) {
	t.Helper()
	var b bytes.Buffer
	if err := WriteHTML(&b, in); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return b.String(), doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// find returns the elements under n for which match holds, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byID(doc *html.Node, id string) *html.Node {
	nodes := find(doc, func(n *html.Node) bool { return attr(n, "id") == id })
	if len(nodes) != 1 {
		return nil
	}
	return nodes[0]
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func TestHTMLFixture(t *testing.T) {
	in := fixture()
	src, doc := render(t, in)

	charts := find(doc, func(n *html.Node) bool { return n.Data == "svg" && hasClass(n, "coverage-chart") })
	if len(charts) != 7 || strings.Count(src, `class="coverage-chart"`) != 7 {
		t.Fatalf("%d coverage charts, want one per day (7)", len(charts))
	}
	for k, c := range charts {
		if want := "cov-" + in.Problem.Horizon.Start.AddDays(k).String(); attr(c, "id") != want {
			t.Errorf("chart %d has id %q, want %q", k, attr(c, "id"), want)
		}
		// Axes labelled with hours, the service level on its own scale, a hover box per hour.
		for _, want := range []string{"00:00", "12:00", "24:00", "100%"} {
			if !strings.Contains(text(c), want) {
				t.Errorf("chart %d has no label %s", k, want)
			}
		}
		if n := len(find(c, func(n *html.Node) bool { return n.Data == "title" })); n != 24 {
			t.Errorf("chart %d has %d hover titles, want 24", k, n)
		}
	}
	// Monday 15:00 has 2.5 on the phones, 2 required; 10:00 has 1.5: short 0.5.
	mon := byID(doc, "cov-2026-09-28")
	if !strings.Contains(text(mon), "15:00–16:00 · required 2 · on phones 2.5 · Minnan 1/1 · leaders 1/1 · calls 20 · SL 25 %") {
		t.Errorf("Monday 15:00 hover text missing: %s", text(mon))
	}
	if !strings.Contains(text(mon), "10:00–11:00 · required 2 · on phones 1.5 (short 0.5)") {
		t.Error("Monday 10:00 hover text missing")
	}

	grid := byID(doc, "roster-grid")
	if grid == nil {
		t.Fatal("no #roster-grid")
	}
	rows := find(grid, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "agent") })
	if len(rows) != 5 {
		t.Fatalf("%d agent rows, want 5", len(rows))
	}
	// Grouped: day (A1, A2, A3), night (A4), any (A5).
	var order []string
	for _, r := range rows {
		order = append(order, text(find(r, func(n *html.Node) bool { return hasClass(n, "id") })[0]))
	}
	if got := strings.Join(order, ","); got != "A1,A2,A3,A4,A5" {
		t.Errorf("row order %s", got)
	}
	groups := find(grid, func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "grp") })
	if len(groups) != 3 || !strings.HasPrefix(text(groups[1]), "Night group · 1") {
		t.Errorf("%d group rows", len(groups))
	}
	cells := func(r *html.Node) []*html.Node { return find(r, func(n *html.Node) bool { return n.Data == "td" }) }
	a1 := cells(rows[0])
	if len(a1) != 7+2 {
		t.Fatalf("A1 has %d cells", len(a1))
	}
	if got := attr(a1[0], "title"); got != "D08 08:00–16:30 · meal 12:00 · rest 14:00" {
		t.Errorf("A1 Monday tooltip %q", got)
	}
	if !hasClass(a1[0], "day") || !hasClass(a1[4], "off") || !hasClass(a1[4], "hol") || !hasClass(a1[5], "we") {
		t.Errorf("A1 cell classes: %q %q %q", attr(a1[0], "class"), attr(a1[4], "class"), attr(a1[5], "class"))
	}
	if got := attr(cells(rows[3])[0], "title"); got != "N22 22:00–08:00+1 · meal 02:00 · rest 05:00" || !hasClass(cells(rows[3])[0], "night") {
		t.Errorf("A4 Monday night: %q %q", got, attr(cells(rows[3])[0], "class"))
	}
	if c := cells(rows[1])[0]; text(c) != "AL" || !hasClass(c, "lv-annual") || attr(c, "title") != "annual leave" {
		t.Errorf("A2 leave cell %q %q", text(c), attr(c, "class"))
	}
	if c := cells(rows[4])[4]; text(c) != "SL" || !hasClass(c, "lv-sick") {
		t.Errorf("A5 sick cell %q %q", text(c), attr(c, "class"))
	}
	if h := text(rows[0]); !strings.Contains(h, "Chen Li") || !strings.Contains(h, "L") || !strings.Contains(h, "M") {
		t.Errorf("A1 heading %q lacks name or markers", h)
	}
	if len(find(rows[2], func(n *html.Node) bool { return hasClass(n, "trainee") })) != 1 {
		t.Error("trainee marker missing for A3")
	}

	totals := byID(doc, "agent-totals")
	trs := find(totals, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" })
	if len(trs) != 5 {
		t.Fatalf("%d per-agent rows", len(trs))
	}
	tds := func(n *html.Node) []string {
		var out []string
		for _, c := range find(n, func(n *html.Node) bool { return n.Data == "td" }) {
			out = append(out, text(c))
		}
		return out
	}
	// Agent Name Group Roles Skills Shifts Paid Contract Overtime Nights Weekends Holidays Leave annual sick Swaps Award,
	// then the shape: start changes ≥3 h of pairs, single days off of blocks, isolated days, full weekends off.
	if got := strings.Join(tds(trs[1]), "|"); got != "A2|Lin Wei|day||mandarin|4|34.67|24.00|10.67|0|1|2|2|2|0|0|no|0 of 3|0 of 0|0|0" {
		t.Errorf("A2 totals row %s", got)
	}
	if got := strings.Join(tds(trs[3]), "|"); got != "A4|Zhang Min|night|leader|mandarin, minnan|4|41.33|42.00|0.00|4|1|0|0|0|0|0|yes|0 of 2|0 of 1|1|0" {
		t.Errorf("A4 totals row %s", got)
	}

	summary := text(byID(doc, "summary"))
	for _, want := range []string{"HARD violations0", "Understaffed144 h", "nights 1–4weekends 0–1holidays 0–2", "Award eligible (R18)2 of 5"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q: %s", want, summary)
		}
	}
	if v := byID(doc, "violations"); v == nil || text(v) != "none" {
		t.Error("violations not shown as none")
	}
	if a := byID(doc, "advisories"); a == nil || !strings.Contains(text(a), "no leader can cover the evening") {
		t.Error("advisory missing")
	}
	obj := text(byID(doc, "objective"))
	// Overtime 4.17 + 10.67 + 4.17 = 19 h (a day of leave counts a working day, a fifth of the
	// contract week). The shape terms at the default weights add 10 + 4 + 400 (the checker's counts:
	// 1 day missing from a block of days off, 2 isolated days, 4 agents without the full weekend off).
	// The total is the checker's, which counts the first hours after the horizon (wfm.EdgeIntervals);
	// the summary's understaffed hours stop at the horizon's end.
	if !strings.Contains(obj, "R8overtime19.0095.00") || !strings.Contains(obj, "R23shape_weekends_off4.00400.00") ||
		!strings.Contains(obj, "Total100744.00") {
		t.Errorf("objective table: %s", obj)
	}
	rules := text(byID(doc, "rules"))
	for _, want := range []string{"contract_hours_per_week40R3", "night_end06:00R22", "max_weekendsnot setR21", "overtimeonR8", "trainee_factor0.5R14"} {
		if !strings.Contains(rules, want) {
			t.Errorf("rules lack %q", want)
		}
	}
	if !strings.Contains(text(byID(doc, "shifts")), "N2222:0008:00 (+1)1010.1710.33yes") {
		t.Errorf("shift table: %s", text(byID(doc, "shifts")))
	}
	// Self-contained: no script, no external reference.
	for _, bad := range []string{"<script", "src=", "http://", "https://", "@import", "url("} {
		if strings.Contains(src, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if strings.Contains(src, "PRIVATE-REASON") {
		t.Error("report shows a leave reason")
	}
	if !strings.Contains(src, "@media print") {
		t.Error("no print stylesheet")
	}
}

func TestHTMLEscaping(t *testing.T) {
	in := fixture()
	evil := `<script>alert("x")</script>`
	in.Title = "</title>" + evil
	in.Problem.Agents[1].Name = evil
	in.Problem.Agents[4].ID = `A5"><img src=x onerror=alert(1)>`
	in.Roster.Schedules[4].Agent = in.Problem.Agents[4].ID
	in.Roster.Advisories = []wfm.Violation{{Rule: "R12", Detail: evil}}
	in.Problem.Holidays[0].Name = evil
	in.Check = validate.Check(in.Problem, in.Roster)
	src, doc := render(t, in)
	for _, bad := range []string{"<script", "<img"} {
		if strings.Contains(src, bad) {
			t.Errorf("report contains %q unescaped", bad)
		}
	}
	if n := find(doc, func(n *html.Node) bool { return n.Data == "script" || n.Data == "img" }); len(n) > 0 {
		t.Errorf("the parsed report holds %d script or img elements", len(n))
	}
	if !strings.Contains(src, "&lt;script&gt;") {
		t.Error("escaped name not found")
	}
	rows := find(byID(doc, "roster-grid"), func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "agent") })
	if !strings.Contains(text(rows[1]), evil) {
		t.Errorf("the name does not read back as written: %q", text(rows[1]))
	}
	if !strings.Contains(text(rows[4]), in.Problem.Agents[4].ID) {
		t.Errorf("the id does not read back as written: %q", text(rows[4]))
	}
	if !strings.HasPrefix(text(find(doc, func(n *html.Node) bool { return n.Data == "title" })[0]), "</title><script>") {
		t.Error("the title does not read back as written")
	}
}

func TestHTMLViolations(t *testing.T) {
	in := fixture()
	// Drop A1's Monday breaks: an R4 violation.
	in.Roster.Schedules[0].Days[0].Breaks = nil
	in.Check = validate.Check(in.Problem, in.Roster)
	if len(in.Check.Violations) == 0 {
		t.Fatal("the changed roster breaks no rule")
	}
	_, doc := render(t, in)
	v := byID(doc, "violations")
	if v == nil || v.Data != "table" || !strings.Contains(text(v), "R4") || !strings.Contains(text(v), "A1") {
		t.Errorf("violations table: %v", v)
	}
	if !strings.Contains(text(byID(doc, "summary")), "HARD violations"+strconv.Itoa(len(in.Check.Violations))) {
		t.Error("summary does not count the violations")
	}
	// The roster's own objective disagrees with the checker's: the report says so.
	in.Roster.Objective = wfm.Objective{Total: 1, Terms: []wfm.Term{{Name: wfm.TermUnder, Penalty: 1}}}
	src, _ := render(t, in)
	if !strings.Contains(src, "disagrees with the checker") {
		t.Error("no note on the disagreeing objective")
	}
}

func TestHTMLServiceLevelFromRoster(t *testing.T) {
	in := fixture()
	cov := *in.Check.Coverage
	cov.ServiceLevel = make([]float64, cov.Grid.Len())
	for i := range cov.ServiceLevel {
		cov.ServiceLevel[i] = 0.5
	}
	in.Roster.Coverage = &cov
	_, doc := render(t, in)
	if s := text(byID(doc, "summary")); !strings.Contains(s, "Projected service level50 %") {
		t.Errorf("summary does not use the roster's service level: %s", s)
	}
}

func TestHTMLWithoutDemand(t *testing.T) {
	in := fixture()
	in.Problem.Demand = nil
	in.Check = validate.Check(in.Problem, in.Roster)
	src, doc := render(t, in)
	if strings.Contains(src, `class="coverage-chart"`) {
		t.Error("charts without demand")
	}
	if len(find(byID(doc, "roster-grid"), func(n *html.Node) bool { return hasClass(n, "agent") && n.Data == "tr" })) != 5 {
		t.Error("grid rows missing")
	}
	// Nil check and zero time are filled in; the other writers cope too.
	in.Check, in.Generated = nil, time.Time{}
	var b bytes.Buffer
	if err := WriteHTML(&b, in); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&b, in); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&b, Input{}); err == nil {
		t.Error("no error without a problem")
	}
}

func TestHTMLGenerated(t *testing.T) {
	in := generatedInput(t)
	src, doc := render(t, in)
	if got := strings.Count(src, `class="coverage-chart"`); got != 7 {
		t.Errorf("%d charts, want 7", got)
	}
	if got := len(find(byID(doc, "roster-grid"), func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "agent") })); got != 30 {
		t.Errorf("%d grid rows, want 30", got)
	}
	if !strings.Contains(src, " · meal ") || !strings.Contains(src, " · rest ") {
		t.Error("no tooltip with break times")
	}
	// The per-agent sums agree with the checker.
	var nights, weekends float64
	for _, x := range Totals(in) {
		nights += float64(x.Nights)
		weekends += float64(x.Weekends)
	}
	if o := in.Check.Objective; nights != o.Term(wfm.TermNights).Amount || weekends != o.Term(wfm.TermWeekends).Amount {
		t.Errorf("Σ nights %v, weekends %v; checker %v, %v", nights, weekends, o.Term(wfm.TermNights).Amount, o.Term(wfm.TermWeekends).Amount)
	}
	m, err := newModel(in)
	if err != nil {
		t.Fatal(err)
	}
	// The summary's understaffed hours are the checker's coverage of the horizon; the checker's
	// objective counts the first hours after it too (wfm.EdgeIntervals), never fewer.
	cov, hours := in.Check.Coverage, float64(in.Problem.Horizon.IntervalMinutes)/60
	want := 0.0
	for t, r := range cov.Required {
		want += max(0, float64(r)-cov.OnPhones[t]) * hours
	}
	if got := m.cov.all().shortHours; abs(got-want) > 1e-6 {
		t.Errorf("understaffed %v h, checker's coverage of the horizon %v h", got, want)
	}
	if all := in.Check.Objective.Term(wfm.TermUnder).Amount * hours; all < want-1e-6 {
		t.Errorf("the checker's objective counts %v h short, fewer than its coverage of the horizon, %v h", all, want)
	}
	if m.cov.sl == nil {
		t.Error("no service level for a generated problem with calls")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestWriteAll(t *testing.T) {
	in := fixture()
	in.Problem.Agents[2].ID = "../../etc/x"
	in.Roster.Schedules[2].Agent = "../../etc/x"
	in.Problem.Agents[4].Mentor = ""
	in.Problem.Agents[2].Mentor = ""
	in.Check = validate.Check(in.Problem, in.Roster)
	dir := t.TempDir()
	files, err := WriteAll(dir, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 3+5 {
		t.Fatalf("files %v", files)
	}
	for _, f := range files {
		if rel, err := filepath.Rel(dir, f); err != nil || strings.HasPrefix(rel, "..") {
			t.Errorf("%s lies outside %s", f, dir)
		}
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ics", "_._.._etc_x.ics")); err != nil {
		t.Errorf("sanitised calendar name: %v (files %v)", err, files)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	used := map[string]bool{}
	if a, b := icsFileName("A/1", used), icsFileName("A:1", used); a != "A_1.ics" || b != "A_1~2.ics" {
		t.Errorf("colliding names %s, %s", a, b)
	}
}

func TestHeadlineServiceAfterShrinkage(t *testing.T) {
	// Half the agents on the phones are away (shrinkage 50 %) and callers hang up after a minute
	// on average: the headline is the service of the agents left, with abandonment, and the
	// figure before shrinkage is shown as such.
	in := fixture()
	in.Problem.Demand.Shrinkage, in.Problem.Demand.Patience = 0.5, 60
	in.Check = nil
	items, err := Headline(in)
	if err != nil {
		t.Fatal(err)
	}
	byLabel := map[string]HeadlineItem{}
	for _, h := range items {
		byLabel[h.Label] = h
	}
	sl, wait := byLabel["Projected service level"], byLabel["Projected answer time"]
	if !strings.Contains(sl.Detail, "after 50 % shrinkage") || !strings.Contains(wait.Detail, "abandon (patience 60 s, Erlang A)") {
		t.Fatalf("headline: %+v / %+v", sl, wait)
	}
	// The figures, recomputed here from the checker's on-phone counts: Erlang A with ⌊on/2⌋ and
	// with every agent on the phones.
	m, err := newModel(in)
	if err != nil {
		t.Fatal(err)
	}
	d := in.Problem.Demand
	var calls, after, before float64
	for i, on := range m.cov.on {
		a := d.Calls[i] * d.AHT[i] / 3600
		half, _ := erlang.ErlangAMetrics(int(on/2), a, d.AHT[i], 60, 10)
		all, _ := erlang.ErlangAMetrics(int(on), a, d.AHT[i], 60, 10)
		calls += d.Calls[i]
		after += d.Calls[i] * half.ServiceLevel
		before += d.Calls[i] * all.ServiceLevel
	}
	wantAfter, wantBefore := num(100*after/calls, 1)+" %", num(100*before/calls, 1)+" %"
	if sl.Value != wantAfter || !strings.Contains(sl.Detail, wantBefore[:len(wantBefore)-2]+" % before") || !(after < before) {
		t.Errorf("service level %s (%s), want %s after shrinkage and %s before", sl.Value, sl.Detail, wantAfter, wantBefore)
	}
}

func TestHTMLListsForecastOverrides(t *testing.T) {
	in := fixture()
	factor := 1.25
	in.Adjustments = []wfm.AdjustmentEffect{{Adjustment: wfm.Adjustment{From: "2026-10-05", To: "2026-10-05", Factor: &factor,
		Reason: "rebound <after> the holiday"}, Intervals: 24, CallsBefore: 396, CallsAfter: 495}}
	src, doc := render(t, in)
	list := byID(doc, "override-list")
	if list == nil {
		t.Fatal("no list of overrides")
	}
	got := text(list)
	for _, want := range []string{"2026-10-05", "× 1.25", "rebound <after> the holiday", "24", "396", "495", "+99"} {
		if !strings.Contains(got, want) {
			t.Errorf("override list %q lacks %q", got, want)
		}
	}
	if strings.Contains(src, "<after>") {
		t.Error("the reason is not escaped")
	}
	in.Adjustments = nil
	if _, doc := render(t, in); byID(doc, "overrides") != nil {
		t.Error("an overrides section without overrides")
	}
}
