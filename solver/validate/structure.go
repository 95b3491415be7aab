package validate

import "wfm"

// readRoster checks the roster's structure and reads every readable agent-day into the cells.
func (c *checker) readRoster(r *wfm.Roster) {
	if r == nil {
		c.add(wfm.RuleStructure, -1, noDay, "no roster")
		for a := range c.agents {
			c.broken[a] = true
		}
		return
	}
	c.checkHorizon(r.Horizon)
	seen := make([]bool, len(c.agents))
	for i := range r.Schedules {
		s := &r.Schedules[i]
		a, ok := c.agentIx[s.Agent]
		switch {
		case !ok:
			c.violations = append(c.violations, wfm.Violation{Rule: wfm.RuleStructure, Agent: s.Agent,
				Detail: "schedule for an agent the problem does not have"})
		case seen[a]:
			c.broken[a] = true
			c.add(wfm.RuleStructure, a, noDay, "agent has more than one schedule (schedule %d repeats it)", i)
		default:
			seen[a] = true
			c.readSchedule(a, s)
		}
	}
	for a := range c.agents {
		if !seen[a] {
			c.broken[a] = true
			c.add(wfm.RuleStructure, a, noDay, "agent has no schedule")
		}
	}
}

// checkHorizon requires the roster's horizon to be the problem's.
func (c *checker) checkHorizon(h wfm.Horizon) {
	want := c.p.Horizon
	zone := func(z string) string {
		if z == "" {
			return wfm.DefaultTimeZone
		}
		return z
	}
	if h.Start != want.Start || h.Days != want.Days || h.IntervalMinutes != want.IntervalMinutes ||
		zone(h.TimeZone) != zone(want.TimeZone) {
		c.add(wfm.RuleStructure, -1, noDay, "roster horizon %s, %d days, %d-min intervals, zone %s differs from the problem's %s, %d days, %d-min intervals, zone %s",
			h.Start, h.Days, h.IntervalMinutes, zone(h.TimeZone), want.Start, want.Days, want.IntervalMinutes, zone(want.TimeZone))
	}
}

// readSchedule reads agent a's days into the cells, reporting what cannot be read.
func (c *checker) readSchedule(a int, s *wfm.AgentSchedule) {
	if len(s.Days) != c.days {
		c.broken[a] = true
		c.add(wfm.RuleStructure, a, noDay, "schedule has %d days, the horizon %d", len(s.Days), c.days)
	}
	row := c.row(a)
	for k := range min(len(s.Days), c.days) {
		c.readDay(a, k, &s.Days[k], &row[k])
	}
}

// readDay reads day k of agent a's schedule into x.
func (c *checker) readDay(a, k int, d *wfm.DaySchedule, x *cell) {
	fail := func(format string, args ...any) {
		c.broken[a] = true
		c.add(wfm.RuleStructure, a, k, format, args...)
	}
	if want := c.start.AddDays(k); d.Date != want {
		fail("day %d of the schedule is dated %s, expected %s", k, d.Date, want)
	}
	if d.Shift != "" {
		if t, ok := c.shift[d.Shift]; ok {
			x.shift = int32(t)
		} else {
			fail("unknown shift %q", d.Shift)
		}
	}
	if d.Leave != "" {
		if x.leave = leaveCode(d.Leave); x.leave == 0 {
			fail("unknown leave type %q", d.Leave)
		}
	}
	if d.Shift != "" && d.Leave != "" {
		fail("day shows both shift %q and leave %q", d.Shift, d.Leave)
	}
	if len(d.Breaks) == 0 {
		return
	}
	if d.Shift == "" {
		fail("%d breaks on a day without a shift", len(d.Breaks))
		return
	}
	for _, b := range d.Breaks {
		if b.Kind != wfm.BreakMeal && b.Kind != wfm.BreakRest {
			fail("break of unknown kind %q (meal or rest)", b.Kind)
		}
	}
	if x.worked() {
		x.breaks = d.Breaks
	}
}
