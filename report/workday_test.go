package report

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"wfm"
	"wfm/solver/validate"
)

// TestMakeUpWorkingDay: a make-up working day (kind workday) on a Saturday is drawn as a working
// day, named as one, and not shaded as a weekend or coloured as a holiday; the holidays keep their
// red.
func TestMakeUpWorkingDay(t *testing.T) {
	in := fixture()
	sat := in.Problem.Horizon.Start.AddDays(5) // Saturday 3 October
	in.Problem.Holidays = append(in.Problem.Holidays, wfm.SpecialDay{Date: sat, Kind: wfm.Workday, Name: "National Day"})
	in.Check = validate.Check(in.Problem, in.Roster)
	_, doc := render(t, in)

	heads := find(byID(doc, "roster-grid"), func(n *html.Node) bool { return n.Data == "th" && n.Parent.Parent.Data == "thead" })
	sun, thu := heads[1+6], heads[1+3]
	if th := heads[1+5]; !hasClass(th, "work") || hasClass(th, "we") || hasClass(th, "hol") ||
		!strings.Contains(attr(th, "title"), "make-up working day (National Day)") {
		t.Errorf("Saturday's column head: class %q title %q", attr(th, "class"), attr(th, "title"))
	}
	if !hasClass(sun, "we") || !hasClass(thu, "hol") {
		t.Errorf("Sunday %q and Thursday %q heads lost their look", attr(sun, "class"), attr(thu, "class"))
	}
	// A1 is off on Saturday: a working day's off cell.
	a1 := find(find(byID(doc, "roster-grid"), func(n *html.Node) bool { return n.Data == "tr" && hasClass(n, "agent") })[0],
		func(n *html.Node) bool { return n.Data == "td" })
	if c := a1[5]; !hasClass(c, "off") || !hasClass(c, "work") || hasClass(c, "we") || hasClass(c, "hol") {
		t.Errorf("A1's Saturday cell: %q", attr(c, "class"))
	}
	chart := byID(doc, "cov-"+sat.String()).Parent
	if hasClass(chart, "we") || hasClass(chart, "hol") || !hasClass(chart, "work") {
		t.Errorf("Saturday's chart: %q", attr(chart, "class"))
	}
	sp := find(chart, func(n *html.Node) bool { return hasClass(n, "sp") })
	if len(sp) != 1 || !hasClass(sp[0], "work") || hasClass(sp[0], "hol") || text(sp[0]) != "make-up working day (National Day)" {
		t.Errorf("Saturday's caption: %v", sp)
	}
	thuChart := byID(doc, "cov-"+in.Problem.Horizon.Start.AddDays(3).String()).Parent
	if sp := find(thuChart, func(n *html.Node) bool { return hasClass(n, "sp") }); len(sp) != 1 || !hasClass(sp[0], "hol") {
		t.Error("the holiday's caption is not drawn as a holiday")
	}
	// The workbook: the Saturday column is neither weekend grey nor holiday pink.
	f := workbook(t, in)
	for _, cell := range []string{"K1", "K3"} { // column 5 + 6: Saturday; row 3: A1, off
		id, _ := f.GetCellStyle(SheetRoster, cell)
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) > 0 && (st.Fill.Color[0] == colWeekend || st.Fill.Color[0] == colHoliday) {
			t.Errorf("%s is filled %s", cell, st.Fill.Color[0])
		}
	}
}
