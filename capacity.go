package wfm

import "fmt"

// SkillCapacity compares, for each skill or role the demand asks to be on the phones or on duty
// in every interval (Minnan speakers, R16; shift leaders, R12), the agent-hours the demand requires
// with the most the agents holding it can give: their paid hours over the horizon,
//
//	Σ_a f_a · max(0, contract_a − leave_a) (+ the overtime cap when overtime is on),
//
// contract_a = contract hours per week × days/7, leave_a = what its approved leave counts (Rules.LeaveMinutes),
// f_a the trainee factor for trainees and 1 otherwise; suspended agents give nothing. Paid hours
// include preparation and breaks, so they bound the hours on the phones from above: a requirement
// beyond them cannot be met by any roster, and the advisory says by how much at least. It is
// known before the search, from the problem alone.
func (p *Problem) SkillCapacity() []Violation {
	if p.Demand == nil {
		return nil
	}
	hours := float64(p.Demand.Grid.Step) / 60
	var out []Violation
	for _, c := range []struct {
		rule, what string
		need       []int
		holds      func(a *Agent) bool
	}{
		{"R16", "Minnan speakers", p.Demand.Minnan, func(a *Agent) bool { return a.Speaks(SkillMinnan) }},
		{"R12", "shift leaders", p.Demand.Leaders, func(a *Agent) bool { return a.Has(RoleLeader) }},
	} {
		need := 0.0
		for _, n := range c.need {
			need += float64(n) * hours
		}
		can, holders := 0.0, 0
		for i := range p.Agents {
			a := &p.Agents[i]
			if !c.holds(a) || a.Has(RoleSuspended) {
				continue
			}
			holders++
			can += p.paidHoursAtMost(a)
		}
		if need > can {
			out = append(out, Violation{Rule: c.rule, Detail: fmt.Sprintf(
				"the demand needs %.1f agent-hours of %s on the phones; the %d of them can give at most %.1f paid hours in the horizon, so at least %.1f h will be short",
				need, c.what, holders, can, need-can)})
		}
	}
	return out
}

// paidHoursAtMost is the most paid hours agent a can work in the horizon (R3), counted at the
// trainee factor for a trainee.
func (p *Problem) paidHoursAtMost(a *Agent) float64 {
	r := p.Rules
	week := a.ContractHours
	if week == 0 {
		week = r.ContractHoursPerWeek
	}
	var leave []Date
	end := p.Horizon.Start.AddDays(p.Horizon.Days - 1)
	for _, l := range p.Leave {
		if l.Agent != a.ID {
			continue
		}
		for d := max(l.From, p.Horizon.Start); d <= min(l.To, end); d++ {
			leave = append(leave, d)
		}
	}
	h := max(0, week*float64(p.Horizon.Days)/7-r.LeaveMinutes(a, leave)/60)
	if r.Overtime {
		h += r.OvertimeCapHours
	}
	if a.Has(RoleTrainee) {
		h *= r.TraineeFactor
	}
	return h
}
