package gen

import (
	"fmt"
	"io"

	"wfm"
)

// Summary describes a generated (or any) problem with interval demand: its staff mix, leave and
// requests, and how its demand compares with what the staff can deliver.
type Summary struct {
	Agents, Day, Night, Any                int
	Leaders, NightLeaders                  int // NightLeaders: leaders of the night and any groups
	Minnan, NightMinnan                    int // NightMinnan: Minnan speakers of the night and any groups
	Trainees, Suspended, PartTime          int // PartTime: contracts under the rules' default hours
	AnnualDays, SickDays, PersonalDays     int // leave days inside the horizon
	MaxConcurrentAnnual                    int // the most agents on annual leave on one day (R10)
	Requests, Holidays                     int
	Calls                                  float64 // forecast calls over the horizon
	RequiredHours                          float64 // Σ demand agents × interval length
	Deliverable                            float64 // phone-hours the staff can deliver (see Deliverable)
	Load                                   float64 // RequiredHours / Deliverable
	NightRequiredHours, NightDeliverable   float64 // in intervals no day shift covers; by night-capable agents on night shifts
	MinnanRequiredHours, MinnanDeliverable float64 // Minnan demand; phone-hours of the Minnan speakers
}

// Summarise computes the summary of p.
func Summarise(p *wfm.Problem) Summary {
	s := Summary{Agents: len(p.Agents), Requests: len(p.Requests), Deliverable: Deliverable(p)}
	for _, h := range p.Holidays {
		if h.Kind == wfm.Holiday {
			s.Holidays++
		}
	}
	h := newHours(p, false)
	leave := leaveDays(p)
	for i := range p.Agents {
		a := &p.Agents[i]
		night := a.Group != wfm.GroupDay
		switch a.Group {
		case wfm.GroupDay:
			s.Day++
		case wfm.GroupNight:
			s.Night++
		case wfm.GroupAny:
			s.Any++
		}
		if a.Has(wfm.RoleLeader) {
			s.Leaders++
			if night {
				s.NightLeaders++
			}
		}
		if a.Speaks(wfm.SkillMinnan) {
			s.Minnan++
			if night {
				s.NightMinnan++
			}
		}
		if a.Has(wfm.RoleTrainee) {
			s.Trainees++
		}
		if a.Has(wfm.RoleSuspended) {
			s.Suspended++
		}
		if a.ContractHours != 0 && a.ContractHours < p.Rules.ContractHoursPerWeek {
			s.PartTime++
		}
		if a.Speaks(wfm.SkillMinnan) && !a.Has(wfm.RoleSuspended) {
			_, phone := h.cheapest(a)
			f := 1.0
			if a.Has(wfm.RoleTrainee) {
				f = p.Rules.TraineeFactor
			}
			s.MinnanDeliverable += f * float64(h.maxShifts(a, leave[i])*phone) / 60
		}
		if night && !a.Has(wfm.RoleSuspended) {
			// As if the agent worked only nights.
			b := *a
			b.Group = wfm.GroupNight
			_, phone := h.cheapest(&b)
			f := 1.0
			if a.Has(wfm.RoleTrainee) {
				f = p.Rules.TraineeFactor
			}
			s.NightDeliverable += f * float64(h.maxShifts(&b, leave[i])*phone) / 60
		}
	}
	annual := make([]int, p.Horizon.Days)
	for _, l := range p.Leave {
		for d := max(l.From, p.Horizon.Start); d <= l.To && int(d-p.Horizon.Start) < p.Horizon.Days; d++ {
			switch l.Type {
			case wfm.LeaveAnnual:
				s.AnnualDays++
				annual[d-p.Horizon.Start]++
			case wfm.LeaveSick:
				s.SickDays++
			case wfm.LeavePersonal:
				s.PersonalDays++
			}
		}
	}
	for _, c := range annual {
		s.MaxConcurrentAnnual = max(s.MaxConcurrentAnnual, c)
	}
	if d := p.Demand; d != nil {
		g := d.Grid
		per := float64(g.Step) / 60
		nightOnly := nightOnlyIntervals(p)
		for t, n := range d.Agents {
			s.RequiredHours += float64(n) * per
			if nightOnly[t%g.PerDay()] {
				s.NightRequiredHours += float64(n) * per
			}
		}
		for _, n := range d.Minnan {
			s.MinnanRequiredHours += float64(n) * per
		}
		for _, c := range d.Calls {
			s.Calls += c
		}
	}
	if s.Deliverable > 0 {
		s.Load = s.RequiredHours / s.Deliverable
	}
	return s
}

// Write prints the summary in a few lines.
func (s Summary) Write(w io.Writer) {
	pct := func(k int) float64 { return 100 * float64(k) / float64(max(1, s.Agents)) }
	fmt.Fprintf(w, "agents %d: day %d (%.1f %%), night %d (%.1f %%), any %d (%.1f %%)\n",
		s.Agents, s.Day, pct(s.Day), s.Night, pct(s.Night), s.Any, pct(s.Any))
	fmt.Fprintf(w, "leaders %d (%.1f %%, %d night/any), Minnan %d (%.1f %%, %d night/any), trainees %d (%.1f %%), suspended %d (%.1f %%), part-time %d (%.1f %%)\n",
		s.Leaders, pct(s.Leaders), s.NightLeaders, s.Minnan, pct(s.Minnan), s.NightMinnan, s.Trainees, pct(s.Trainees),
		s.Suspended, pct(s.Suspended), s.PartTime, pct(s.PartTime))
	fmt.Fprintf(w, "leave days: annual %d (at most %d at once), sick %d, personal %d; requests %d; holidays %d\n",
		s.AnnualDays, s.MaxConcurrentAnnual, s.SickDays, s.PersonalDays, s.Requests, s.Holidays)
	fmt.Fprintf(w, "calls %.0f; required %.0f agent-h, deliverable %.0f phone-h, load %.3f; night-only required %.0f h, night deliverable %.0f h\n",
		s.Calls, s.RequiredHours, s.Deliverable, s.Load, s.NightRequiredHours, s.NightDeliverable)
	fmt.Fprintf(w, "Minnan required %.0f agent-h, Minnan speakers deliver %.0f phone-h\n", s.MinnanRequiredHours, s.MinnanDeliverable)
}
