package validate

import (
	"fmt"
	"strings"

	"wfm"
)

// checkHall is R24: on every open interval of every post of the service hall (wfm.Hall.OpenOn,
// on the problem's calendar) its A or its B holder is present, that is works a shift that day
// whose span holds the interval, with no break, session (R15) or unpaid span overlapping it. One violation
// per post and day names the post, its holders and the uncovered times.
func (c *checker) checkHall() {
	h := c.p.Hall
	if h == nil || c.step == 0 {
		return
	}
	cal := wfm.NewCalendar(c.p.Holidays)
	for _, post := range h.Posts {
		a, okA := c.agentIx[post.A]
		b, okB := c.agentIx[post.B]
		if !okA || !okB {
			c.add("R24", -1, noDay, "post %s: holders %s and %s must both be agents of the problem", post.ID, post.A, post.B)
			continue
		}
		for k := range c.days {
			var gaps []string
			for _, sp := range h.OpenOn(c.start.AddDays(k), cal) {
				from := -1 // start of the current gap
				for t := int(sp.Start); t <= int(sp.End()); t += c.step {
					held := t < int(sp.End()) && (c.present(a, k, t) || c.present(b, k, t))
					switch {
					case !held && from < 0 && t < int(sp.End()):
						from = t
					case (held || t == int(sp.End())) && from >= 0:
						gaps = append(gaps, fmt.Sprintf("%s–%s", wfm.Clock(from), wfm.Clock(t)))
						from = -1
					}
				}
			}
			if len(gaps) > 0 {
				c.add("R24", a, k, "post %s has neither its A holder %s nor its B holder %s present at %s",
					post.ID, post.A, post.B, strings.Join(gaps, ", "))
			}
		}
	}
}

// present reports whether agent a works on day k through the interval starting at minute t of
// that day: inside the shift, outside its breaks, the sessions it attends (R15) and its unpaid span.
func (c *checker) present(a, k, t int) bool {
	x := c.cells[a*c.days+k]
	if !x.worked() {
		return false
	}
	s := c.shifts[x.shift]
	if t < int(s.Start) || t+c.step > int(s.End()) || s.Away(t, t+c.step) {
		return false
	}
	for _, br := range c.offPhones(a, k, x.breaks) {
		if t < int(br.Start)+br.Minutes && int(br.Start) < t+c.step {
			return false
		}
	}
	return true
}
