package wfm

import (
	"strings"
	"testing"
)

func TestSkillCapacity(t *testing.T) {
	// A week at 30 minutes asking for one Minnan speaker and one leader in every interval: 168
	// agent-hours of each. Two speakers on 40 hours give 80; a third, a trainee, 20 more; one
	// speaker on two days of leave 16 fewer; a suspended speaker nothing. Four leaders on 48 hours
	// (overtime off) give 192, enough.
	start := DateOf(2026, 12, 7)
	p := &Problem{Horizon: Horizon{Start: start, Days: 7, IntervalMinutes: 30}, Rules: DefaultRules()}
	g := p.Horizon.Grid()
	p.Demand = &Demand{Grid: g, Agents: make([]int, g.Len()), Minnan: make([]int, g.Len()), Leaders: make([]int, g.Len())}
	for i := range g.Len() {
		p.Demand.Agents[i], p.Demand.Minnan[i], p.Demand.Leaders[i] = 2, 1, 1
	}
	speaker := func(id string, roles ...string) Agent {
		return Agent{ID: id, Group: GroupAny, Skills: []string{"mandarin", SkillMinnan}, Roles: roles}
	}
	p.Agents = []Agent{speaker("S1"), speaker("S2"), speaker("T1", RoleTrainee), speaker("X1", RoleSuspended)}
	p.Agents[2].Mentor = "S1"
	for i := range 4 {
		p.Agents = append(p.Agents, Agent{ID: "L" + string(rune('1'+i)), Group: GroupAny, Roles: []string{RoleLeader}, ContractHours: 48})
	}
	p.Leave = []Leave{{Agent: "S2", Type: LeaveAnnual, From: start.AddDays(5), To: start.AddDays(8)}}
	got := p.SkillCapacity()
	if len(got) != 1 || got[0].Rule != "R16" {
		t.Fatalf("advisories %v, want one on R16", got)
	}
	for _, want := range []string{"168.0 agent-hours of Minnan speakers", "the 3 of them", "at most 84.0 paid hours", "at least 84.0 h will be short"} {
		if !strings.Contains(got[0].Detail, want) {
			t.Errorf("advisory %q lacks %q", got[0].Detail, want)
		}
	}
	p.Rules.Overtime = true // 16 h more each: 84 + 16 + 16 + 8 = 124, still short
	if got := p.SkillCapacity(); len(got) != 1 || !strings.Contains(got[0].Detail, "at most 124.0 paid hours") {
		t.Errorf("with overtime: %v", got)
	}
	p.Demand.Minnan = make([]int, g.Len())
	if got := p.SkillCapacity(); len(got) != 0 {
		t.Errorf("no Minnan demand: %v", got)
	}
}
