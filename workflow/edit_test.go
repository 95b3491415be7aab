package workflow

import (
	"reflect"
	"slices"
	"testing"

	"wfm"
	"wfm/solver/validate"
)

// TestEditDay changes single days of a solved week and checks what the edit reports against the
// independent checker run on the edited roster.
func TestEditDay(t *testing.T) {
	p, r := solvedCentre(t)
	original := cloneRoster(r)
	// A day agent's working day and a day it is off.
	var agent string
	work, off := -1, -1
	for _, a := range p.Agents {
		if a.Group != wfm.GroupDay || len(a.Roles) > 0 {
			continue
		}
		work, off = -1, -1
		for k := range p.Horizon.Days {
			switch d := cellOf(t, r, a.ID, k); {
			case d.Shift != "" && work < 0:
				work = k
			case d.Shift == "" && d.Leave == "" && off < 0:
				off = k
			}
		}
		if work >= 0 && off >= 0 {
			agent = a.ID
			break
		}
	}
	if agent == "" {
		t.Fatal("no day agent with a working day and a day off in the fixture")
	}

	t.Run("a night shift for a day agent names R22", func(t *testing.T) {
		imp, err := EditDay(p, r, DayEdit{Agent: agent, Date: day(work), Shift: "N22"})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(imp.Violations, func(v wfm.Violation) bool {
			return v.Rule == "R22" && v.Agent == agent && v.Day == day(work).String()
		}) {
			t.Fatalf("violations %v, want R22 for %s on %s", imp.Violations, agent, day(work))
		}
	})

	t.Run("a day off costs the coverage the checker counts", func(t *testing.T) {
		imp, err := EditDay(p, r, DayEdit{Agent: agent, Date: day(work)})
		if err != nil {
			t.Fatal(err)
		}
		if imp.After.Working() || imp.Before.Shift == "" {
			t.Fatalf("before %+v after %+v: want a shift turned into a day off", imp.Before, imp.After)
		}
		rep := validate.Check(p, imp.Roster)
		if imp.ShortAfter != Shortfall(rep.Coverage) || imp.ObjectiveAfter != rep.Objective.Total {
			t.Errorf("short %v objective %v, the checker says %v and %v", imp.ShortAfter, imp.ObjectiveAfter,
				Shortfall(rep.Coverage), rep.Objective.Total)
		}
		if imp.ShortChange < 0 || imp.ShortChange != imp.ShortAfter-imp.ShortBefore {
			t.Errorf("short change %v from %v to %v: removing a shift cannot add coverage", imp.ShortChange, imp.ShortBefore, imp.ShortAfter)
		}
		if cellOf(t, imp.Roster, agent, work).Working() {
			t.Error("the edited roster still has the shift")
		}
	})

	t.Run("a shift on a day off gets the template's breaks", func(t *testing.T) {
		shift := cellOf(t, r, agent, work).Shift
		imp, err := EditDay(p, r, DayEdit{Agent: agent, Date: day(off), Shift: shift})
		if err != nil {
			t.Fatal(err)
		}
		if len(imp.After.Breaks) == 0 {
			t.Fatalf("shift %s placed without breaks", shift)
		}
		for _, v := range validate.Check(p, imp.Roster).Violations {
			if v.Rule == "R4" && v.Agent == agent {
				t.Errorf("the copied breaks break R4: %v", v)
			}
		}
	})

	t.Run("refusals", func(t *testing.T) {
		_, err := EditDay(p, r, DayEdit{Agent: "A05", Date: day(tue), Shift: "D09"})
		wantErr(t, err, wfm.KindConflict, "R9", "A05", day(tue))
		_, err = EditDay(p, r, DayEdit{Agent: agent, Date: day(work), Shift: "X99"})
		wantErr(t, err, wfm.KindInvalid, "", agent, day(work))
		_, err = EditDay(p, r, DayEdit{Agent: agent, Date: day(9), Shift: ""})
		wantErr(t, err, wfm.KindInvalid, "", agent, day(9))
		_, err = EditDay(p, r, DayEdit{Agent: "nobody", Date: day(work)})
		wantErr(t, err, wfm.KindInvalid, "", "nobody", 0)
		_, err = EditDay(p, r, DayEdit{Agent: agent, Date: day(off)})
		wantErr(t, err, wfm.KindConflict, "", agent, day(off))
		if _, err := EditDay(nil, r, DayEdit{}); err == nil {
			t.Error("no problem: accepted")
		}
	})

	if !reflect.DeepEqual(r, original) {
		t.Error("EditDay changed the roster it was given")
	}
}
