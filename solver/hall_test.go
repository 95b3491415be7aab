package solver

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"wfm"
	"wfm/calendar"
	"wfm/hall"
	"wfm/solver/validate"
)

// hallMonth is the 12-post demo hall over April 2027 (Qingming on the 5th), three A holders on leave.
func hallMonth(t *testing.T) *wfm.Problem {
	t.Helper()
	p, err := hall.Demo(12, wfm.DateOf(2027, time.April, 1), 30, calendar.CN()).Problem()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHallSolve: the solver's hall roster passes the checker with the same objective, and every
// open day of every post has a holder at work, B on the days A is on leave.
func TestHallSolve(t *testing.T) {
	p := hallMonth(t)
	r, err := Solve(context.Background(), p, Options{Moves: 200_000, Workers: 1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	rep := validate.Check(p, r)
	if !rep.OK() {
		t.Fatalf("checker: %v", rep.Violations)
	}
	if err := rep.Compare(r.Objective, 1e-6); err != nil {
		t.Error(err)
	}
	pres := hall.Presence(p, r)
	standIns := 0
	for i, row := range pres {
		for k, c := range row {
			if c == hall.MarkNone {
				t.Errorf("post %s uncovered on day %d", p.Hall.Posts[i].ID, k+1)
			}
			if c == "B" {
				standIns++
			}
		}
	}
	leaveDays := 0
	for _, l := range p.Leave {
		for d := l.From; d <= l.To; d++ {
			if wfm.NewCalendar(p.Holidays).IsWorkingDay(d) {
				leaveDays++
			}
		}
	}
	if standIns < leaveDays {
		t.Errorf("B stands in on %d post-days, A holders are away on %d open days", standIns, leaveDays)
	}
}

// TestHallDiagnose: a post whose A and B holders are both on leave on open days is named, with
// its holders and those days, before any search.
func TestHallDiagnose(t *testing.T) {
	p := hallMonth(t)
	a := p.Leave[0] // A01's annual leave, over a weekend and the Qingming holiday
	p.Leave = append(p.Leave, wfm.Leave{Agent: "B01", Type: wfm.LeaveSick, From: a.From, To: a.To})
	_, err := Solve(context.Background(), p, Options{Moves: 1000, Workers: 1})
	var e *wfm.Error
	if !errors.As(err, &e) || e.Rule != "R24" {
		t.Fatalf("want an R24 error, got %v", err)
	}
	cal := wfm.NewCalendar(p.Holidays)
	open := 0
	for _, s := range []string{"post P01", "A01", "B01"} {
		if !strings.Contains(e.Message, s) {
			t.Errorf("%q does not name %s", e.Message, s)
		}
	}
	for d := a.From; d <= a.To; d++ {
		if named := strings.Contains(e.Message, d.String()); named != cal.IsWorkingDay(d) {
			t.Errorf("%q: %s named %v, open %v", e.Message, d, named, cal.IsWorkingDay(d))
		}
		if cal.IsWorkingDay(d) {
			open++
		}
	}
	if open < 2 || a.To-a.From+1 == wfm.Date(open) {
		t.Fatalf("the leave holds %d open days of %d: the test needs closed days among several open ones", open, a.To-a.From+1)
	}
}

// TestHallDiagnoseHours: open hours no template of the holders holds (07:30–08:30 on Mondays,
// before the hall's day starts) are named before any search, every post and every open Monday.
func TestHallDiagnoseHours(t *testing.T) {
	p := hallMonth(t)
	p.Hall.Hours = append(wfm.DefaultHallHours()[1:], wfm.HallHours{Weekday: "mon", Open: []wfm.Span{{Start: 450, Minutes: 60}}})
	_, err := Solve(context.Background(), p, Options{Moves: 1000, Workers: 1})
	var list wfm.ErrorList
	if !errors.As(err, &list) || len(list) != len(p.Hall.Posts) {
		t.Fatalf("want one error per post, got %v", err)
	}
	for _, e := range list {
		if e.Rule != "R24" || !strings.Contains(e.Message, "no template they may work holds every open interval of 2027-04-12, 2027-04-19, 2027-04-26") {
			t.Errorf("%v", e)
		}
	}
}

// TestHallIncremental: after every random change of a day the running R24 measure equals the
// measure recounted from the roster.
func TestHallIncremental(t *testing.T) {
	p := hallMonth(t)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		a, d := rng.IntN(m.A), rng.IntN(m.D)
		s := off
		if rng.IntN(3) > 0 {
			s = 0
		}
		st.set(a, d, s, 0)
		if got, want := st.hallHard, st.hallTotal(); got != want {
			t.Fatalf("running R24 measure %v, recounted %v", got, want)
		}
	}
	if st.hallHard == 0 {
		t.Fatal("a random roster left no post uncovered: the test proves nothing")
	}
}

// TestSwapHolders: handing posts between holders keeps every post held on a roster that holds
// them, the running measure equal to the recount, and undo restores the roster.
func TestSwapHolders(t *testing.T) {
	p := hallMonth(t)
	m, err := compile(p)
	if err != nil {
		t.Fatal(err)
	}
	st := newState(m)
	for _, post := range m.hall.posts {
		for d := range m.D {
			if !m.onLeave[post.a*m.D+d] {
				st.set(post.a, d, 0, 0)
			} else {
				st.set(post.b, d, 0, 0)
			}
		}
	}
	if st.hallHard != 0 {
		t.Fatalf("the roster leaves %v open intervals", st.hallHard)
	}
	before := append([]int16(nil), st.x...)
	rng := rand.New(rand.NewPCG(3, 4))
	var j journal
	moved := 0
	for range 500 {
		j.reset()
		if !swapHolders(st, &j, rng) {
			continue
		}
		moved++
		if st.hallHard != 0 || st.hallTotal() != 0 {
			t.Fatalf("a handover left %v open intervals (recounted %v)", st.hallHard, st.hallTotal())
		}
		st.undo(&j)
	}
	if moved == 0 || !slices.Equal(st.x, before) {
		t.Errorf("%d moves; roster restored: %v", moved, slices.Equal(st.x, before))
	}
}
