package validate

import (
	"testing"

	"wfm"
)

// sessionProblem is the base problem with three activities and three rooms: a course for lead,
// mentor and trainee on Monday or Tuesday; a weekly exam for two agents of the day group; a
// meeting for the night agent on Monday. The rooms: the centre's own (10), a small own one (2),
// a company room (20).
func sessionProblem() *wfm.Problem {
	p := baseProblem()
	p.Activities = []wfm.Activity{
		{ID: "course", Kind: wfm.ActivityTraining, Minutes: 60, Agents: []string{"lead", "mentor", "trainee"},
			From: monday, To: monday.AddDays(tue)},
		{ID: "exam", Kind: wfm.ActivityExam, Minutes: 60, Count: 2, Group: wfm.GroupDay, From: monday,
			To: monday.AddDays(sun), Repeat: wfm.RepeatWeekly},
		{ID: "brief", Kind: wfm.ActivityMeeting, Minutes: 30, Agents: []string{"night"}, From: monday,
			To: monday, Room: wfm.RoomCompany},
	}
	p.Rooms = []wfm.Room{{ID: "centre", Own: true}, {ID: "small", Capacity: 2, Own: true}, {ID: "hall", Capacity: 20}}
	return p
}

func session(activity string, k int, start wfm.Clock, minutes int, room string, who ...string) wfm.Session {
	return wfm.Session{Activity: activity, Date: monday.AddDays(k), Start: start, Minutes: minutes, Room: room, Attendees: who}
}

// validSessions: the course on Monday 09:00–10:00, the exam for minnan on Wednesday 17:00 (its
// E shift), the night meeting at 02:00 inside the N shift Monday night.
func validSessions() []wfm.Session {
	return []wfm.Session{
		session("course", mon, hm(9, 0), 60, "centre", "lead", "mentor", "trainee"),
		session("exam", wed, hm(17, 0), 60, "small", "minnan"),
		session("brief", mon, hm(26, 0), 30, "hall", "night"),
	}
}

func TestSessionsValid(t *testing.T) {
	p := sessionProblem()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	r := baseRoster()
	before := Check(p, r)
	r.Sessions = validSessions()
	after := Check(p, r)
	expect(t, after)
	// Monday 09:00 and 09:30 (intervals 18, 19) lose lead, mentor (1 each) and the trainee (half);
	// Wednesday 17:00 loses minnan; Tuesday 02:00 (interval 48+4) loses night. Nothing else moves.
	drop := map[int]float64{18: 2 + p.Rules.TraineeFactor, 19: 2 + p.Rules.TraineeFactor, 2*48 + 34: 1, 2*48 + 35: 1, 48 + 4: 1}
	for i := range before.Coverage.OnPhones {
		if got, want := before.Coverage.OnPhones[i]-after.Coverage.OnPhones[i], drop[i]; got != want {
			t.Errorf("interval %d: %v fewer on the phones, want %v", i, got, want)
		}
	}
	if after.Coverage.LeadersOnDuty[18] != before.Coverage.LeadersOnDuty[18]-1 {
		t.Errorf("the leader in a session is still on duty at 09:00")
	}
	if after.Objective.Total <= before.Objective.Total {
		t.Errorf("taking people off the phones at a demand of 1 costs nothing: %v then %v", before.Objective.Total, after.Objective.Total)
	}
}

// TestSessionRules: a hand-made roster breaking each R15 rule, caught, and nothing else.
func TestSessionRules(t *testing.T) {
	day := func(k int) string { return dayStr(k) }
	cases := []struct {
		name     string
		sessions []wfm.Session
		problem  func(*wfm.Problem)
		want     []want
	}{
		{"unknown activity", []wfm.Session{session("nope", mon, hm(9, 0), 60, "centre", "lead")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"outside the window", []wfm.Session{session("course", wed, hm(9, 0), 60, "centre", "lead", "mentor", "trainee")}, nil,
			[]want{{"R15", "", day(wed)}}},
		{"other minutes", []wfm.Session{session("course", mon, hm(9, 0), 90, "centre", "lead")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"off the grid", []wfm.Session{session("course", mon, hm(9, 10), 60, "centre", "lead")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"unknown room", []wfm.Session{session("course", mon, hm(9, 0), 60, "attic", "lead")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"over capacity", []wfm.Session{session("course", mon, hm(9, 0), 60, "small", "lead", "mentor", "trainee")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"own room for a company activity", []wfm.Session{session("brief", mon, hm(26, 0), 30, "centre", "night")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"unknown agent", []wfm.Session{session("course", mon, hm(9, 0), 60, "centre", "lead", "ghost")}, nil,
			[]want{{"R15", "ghost", day(mon)}}},
		{"attendee twice", []wfm.Session{session("course", mon, hm(9, 0), 60, "centre", "lead", "lead")}, nil,
			[]want{{"R15", "lead", day(mon)}}},
		{"not an attendee", []wfm.Session{session("course", mon, hm(9, 0), 60, "centre", "lead", "minnan")}, nil,
			[]want{{"R15", "minnan", day(mon)}}},
		{"no shift that day", []wfm.Session{session("exam", tue, hm(9, 0), 60, "centre", "minnan")}, nil,
			[]want{{"R15", "minnan", day(tue)}}},
		{"outside the shift", []wfm.Session{session("exam", wed, hm(15, 30), 60, "centre", "minnan")}, nil,
			[]want{{"R15", "minnan", day(wed)}}},
		{"over a break", []wfm.Session{session("course", mon, hm(11, 30), 60, "centre", "lead")}, nil,
			[]want{{"R15", "lead", day(mon)}}},
		{"room double-booked", []wfm.Session{
			session("course", mon, hm(9, 0), 60, "centre", "lead"),
			session("exam", mon, hm(9, 30), 60, "centre", "minnan")}, nil,
			[]want{{"R15", "", day(mon)}}},
		{"in two sessions at once", []wfm.Session{
			session("course", mon, hm(9, 0), 60, "centre", "lead"),
			session("exam", mon, hm(9, 30), 60, "hall", "lead")}, nil,
			[]want{{"R15", "lead", day(mon)}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := sessionProblem()
			if tc.problem != nil {
				tc.problem(p)
			}
			r := baseRoster()
			r.Sessions = tc.sessions
			expect(t, Check(p, r), tc.want...)
		})
	}
}

// TestSessionsBackToBack: a room and an agent may start a session where another ends.
func TestSessionsBackToBack(t *testing.T) {
	r := baseRoster()
	r.Sessions = []wfm.Session{
		session("course", mon, hm(9, 0), 60, "centre", "lead", "mentor"),
		session("exam", mon, hm(10, 0), 60, "centre", "lead"),
	}
	expect(t, Check(sessionProblem(), r))
}

// FuzzSessions: Check never panics on mutated sessions, reports every violation with a rule and
// a detail, and sessions only ever take agents off the phones.
func FuzzSessions(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 3, 1, 1, 200, 2, 2, 7, 3, 0, 1})
	f.Add([]byte{4, 1, 250, 5, 2, 9, 6, 0, 128, 7, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := sessionProblem()
		r := baseRoster()
		base := Check(p, r)
		r.Sessions = validSessions()
		agents := []string{"lead", "minnan", "mentor", "trainee", "night", "susp", "ghost", ""}
		for len(data) >= 3 {
			op, i, v := data[0], int(data[1]), data[2]
			data = data[3:]
			if len(r.Sessions) == 0 {
				r.Sessions = append(r.Sessions, session("course", mon, hm(9, 0), 60, "centre"))
			}
			s := &r.Sessions[i%len(r.Sessions)]
			switch op % 9 {
			case 0:
				s.Date += wfm.Date(int8(v))
			case 1:
				s.Start += wfm.Clock(int8(v)) * 30
			case 2:
				s.Minutes += int(int8(v)) * 15
			case 3:
				s.Room = []string{"centre", "small", "hall", "", "attic"}[int(v)%5]
			case 4:
				s.Attendees = append(s.Attendees, agents[int(v)%len(agents)])
			case 5:
				s.Attendees = s.Attendees[:min(int(v)%4, len(s.Attendees))]
			case 6:
				s.Activity = []string{"course", "exam", "brief", "nope"}[int(v)%4]
			case 7:
				s.Occurrence += int(int8(v))
			case 8:
				r.Sessions = append(r.Sessions, *s)
				r.Sessions[len(r.Sessions)-1].Attendees = append([]string(nil), s.Attendees...)
			}
		}
		rep := Check(p, r)
		if rep.Objective.Hard != len(rep.Violations) {
			t.Fatalf("hard %d, %d violations", rep.Objective.Hard, len(rep.Violations))
		}
		for _, v := range rep.Violations {
			if v.Rule == "" || v.Detail == "" {
				t.Fatalf("violation %+v", v)
			}
		}
		for i, on := range rep.Coverage.OnPhones {
			if on > base.Coverage.OnPhones[i] {
				t.Fatalf("interval %d: %v on the phones with sessions, %v without", i, on, base.Coverage.OnPhones[i])
			}
		}
	})
}
