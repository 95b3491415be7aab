package report

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"wfm"
	"wfm/solver/validate"
)

// withSuspended is the fixture with a sixth agent, A6, suspended (R14) and off all week.
func withSuspended() Input {
	in := fixture()
	p := in.Problem
	p.Agents = append(p.Agents, wfm.Agent{ID: "A6", Name: "Zhou Yan", Group: wfm.GroupDay, Roles: []string{wfm.RoleSuspended}})
	s := wfm.AgentSchedule{Agent: "A6"}
	for k := range p.Horizon.Days {
		s.Days = append(s.Days, wfm.DaySchedule{Date: p.Horizon.Start.AddDays(k)})
	}
	in.Roster.Schedules = append(in.Roster.Schedules, s)
	return in
}

// rowsOf returns the text of each cell of each body row of the table with id.
func rowsOf(t *testing.T, doc *html.Node, id string) [][]string {
	t.Helper()
	table := byID(doc, id)
	if table == nil {
		t.Fatalf("no #%s", id)
	}
	var out [][]string
	for _, tr := range find(table, func(n *html.Node) bool { return n.Data == "tr" && n.Parent.Data == "tbody" }) {
		var cells []string
		for _, td := range find(tr, func(n *html.Node) bool { return n.Data == "td" }) {
			cells = append(cells, text(td))
		}
		out = append(out, cells)
	}
	return out
}

// TestSuspendedNeverAwardEligible (R18): a suspended agent with no leave and no swap is not
// eligible for the full-attendance award, in the totals, the HTML and the workbook.
func TestSuspendedNeverAwardEligible(t *testing.T) {
	in := withSuspended()
	in.Check = validate.Check(in.Problem, in.Roster)
	totals := Totals(in)
	if a6 := totals[5]; a6.Agent != "A6" || a6.LeaveDays != 0 || a6.Swaps != 0 || a6.AwardEligible {
		t.Errorf("A6 totals %+v", a6)
	}
	_, doc := render(t, in)
	if s := text(byID(doc, "summary")); !strings.Contains(s, "Award eligible (R18)2 of 6not suspended, no leave and no swaps") {
		t.Errorf("summary: %s", s)
	}
	rows := rowsOf(t, doc, "agent-totals")
	if last := rows[5]; last[0] != "A6" || last[len(last)-5] != "no" { // the award, before the four shape columns
		t.Errorf("A6 totals row %q", last)
	}
	agents, _ := workbook(t, in).GetRows(SheetAgents)
	for _, r := range agents {
		if len(r) > 0 && r[0] == "A6" && r[len(r)-1] != "no" {
			t.Errorf("workbook row of A6: %q", r)
		}
	}
}
