package validate

import (
	"strings"

	"wfm"
)

// checkLeave is R9: on each day of approved leave the roster shows that leave type and no shift;
// on other days it shows no leave.
func (c *checker) checkLeave(a int) {
	for k, x := range c.row(a) {
		approved := c.leave[a*c.days+k]
		switch {
		case approved != 0 && x.worked():
			c.add("R9", a, k, "works shift %s on a day of approved %s leave", c.shifts[x.shift].ID, leaveName(approved))
		case approved != 0 && x.leave != approved:
			if x.leave == 0 {
				c.add("R9", a, k, "approved %s leave is not shown", leaveName(approved))
			} else {
				c.add("R9", a, k, "shows %s leave, approved is %s", leaveName(x.leave), leaveName(approved))
			}
		case approved == 0 && x.leave != 0:
			c.add("R9", a, k, "shows %s leave that is not approved", leaveName(x.leave))
		}
	}
}

// checkAnnualLeave is R10: at most MaxConcurrentAnnualLeave agents show annual leave on any day.
func (c *checker) checkAnnualLeave() {
	annual := leaveCode(wfm.LeaveAnnual)
	limit := c.rules.MaxConcurrentAnnualLeave
	for k := range c.days {
		n := 0
		for a := range c.agents {
			if c.cells[a*c.days+k].leave == annual {
				n++
			}
		}
		if n <= limit {
			continue
		}
		var ids []string
		for a := range c.agents {
			if c.cells[a*c.days+k].leave == annual {
				ids = append(ids, c.agents[a].id)
			}
		}
		c.add("R10", -1, k, "%d agents on annual leave (%s), max %d: %d too many",
			n, strings.Join(ids, ", "), limit, n-limit)
	}
}

// checkFixed keeps every fixed assignment inside the horizon: a day off has no shift, a shift is
// worked as fixed.
func (c *checker) checkFixed(a int) {
	for _, f := range c.fixed[a] {
		k := int(f.Date - c.start)
		x := c.cells[a*c.days+k]
		switch {
		case f.Shift == wfm.Off && x.worked():
			c.add(wfm.RuleFixed, a, k, "fixed day off, works shift %s", c.shifts[x.shift].ID)
		case f.Shift != wfm.Off && !x.worked():
			c.add(wfm.RuleFixed, a, k, "fixed to shift %s, works none", f.Shift)
		case f.Shift != wfm.Off && c.shifts[x.shift].ID != f.Shift:
			c.add(wfm.RuleFixed, a, k, "fixed to shift %s, works %s", f.Shift, c.shifts[x.shift].ID)
		}
	}
}

// checkSuspended is R14: a suspended agent works no shift.
func (c *checker) checkSuspended(a int) {
	if !c.agents[a].suspended {
		return
	}
	for k, x := range c.row(a) {
		if x.worked() {
			c.add("R14", a, k, "suspended agent works shift %s", c.shifts[x.shift].ID)
		}
	}
}

// checkTrainee is R14: a trainee working shift s on day d shares it with the mentor or, without a
// mentor, with at least one agent who is neither a trainee nor suspended. With MentorStandIn such
// an agent stands in for a mentor who is on approved leave that day, or suspended.
func (c *checker) checkTrainee(a int) {
	info := c.agents[a]
	if !info.trainee {
		return
	}
	ns := len(c.shifts)
	for k, x := range c.row(a) {
		if !x.worked() {
			continue
		}
		id := c.shifts[x.shift].ID
		switch {
		case info.mentor == -2:
			c.add("R14", a, k, "trainee works shift %s but mentor %q is not an agent", id, c.p.Agents[a].Mentor)
		case info.mentor >= 0 && c.standIn(info.mentor, k):
			if c.staffed[k*ns+int(x.shift)] == 0 {
				c.add("R14", a, k, "trainee works shift %s with no colleague on it to stand in for mentor %s", id, c.agents[info.mentor].id)
			}
		case info.mentor >= 0:
			if c.shiftOn(info.mentor, k) != int(x.shift) {
				c.add("R14", a, k, "trainee works shift %s without mentor %s on it", id, c.agents[info.mentor].id)
			}
		case c.staffed[k*ns+int(x.shift)] == 0:
			c.add("R14", a, k, "trainee works shift %s with no agent who is not a trainee on it", id)
		}
	}
}

// standIn reports whether a colleague stands in for mentor m on day k: MentorStandIn is on and the
// mentor is on approved leave that day, or suspended.
func (c *checker) standIn(m, k int) bool {
	return c.rules.MentorStandIn && (c.agents[m].suspended || c.leave[m*c.days+k] != 0)
}

// checkGroup is R22: night shifts only for groups night and any, other shifts only for day and any;
// an agent with its own list of templates works only those.
func (c *checker) checkGroup(a int) {
	g := c.p.Agents[a].Group
	for k, x := range c.row(a) {
		if !x.worked() {
			continue
		}
		if !c.agents[a].may[x.shift] {
			c.add("R22", a, k, "works shift %s, not among the agent's shifts %s", c.shifts[x.shift].ID, strings.Join(c.p.Agents[a].Shifts, ", "))
		}
		if night := c.night[x.shift]; night && g != wfm.GroupNight && g != wfm.GroupAny {
			c.add("R22", a, k, "agent of group %q works night shift %s", g, c.shifts[x.shift].ID)
		} else if !night && g != wfm.GroupDay && g != wfm.GroupAny {
			c.add("R22", a, k, "agent of group %q works day shift %s", g, c.shifts[x.shift].ID)
		}
	}
}
