package deferred

import (
	"fmt"

	"wfm"
	"wfm/forecast/erlang"
)

// Capacity is the idle phone capacity of a roster per interval of its grid, in agents answering
// calls above what the inbound queue needs (see the package documentation).
type Capacity struct {
	Grid      wfm.Grid
	Answering []int // a_t: agents answering calls after shrinkage
	Need      []int // n_t: of them, what the inbound queue needs
	Idle      []int // I_t = max(0, a_t − n_t)
	Minnan    []int // M_t ≤ I_t: Minnan speakers among the idle
}

// IdleCapacity returns the idle capacity of a roster's coverage against the inbound demand d (the
// requirement before any capacity was added for deferred work). Both must lie on one grid.
func IdleCapacity(d *wfm.Demand, cov *wfm.Coverage) (*Capacity, error) {
	if d == nil || cov == nil {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R25", Message: "deferred work needs a demand per interval and the roster's coverage"}
	}
	n := d.Grid.Len()
	if cov.Grid != d.Grid || len(cov.OnPhones) != n || len(cov.MinnanOnPhones) != n || len(d.Agents) != n || len(d.Minnan) != n {
		return nil, &wfm.Error{Kind: wfm.KindInvalid, Rule: "R25", Message: fmt.Sprintf(
			"the roster's coverage (%d intervals from %s) is not on the demand's grid (%d intervals from %s)",
			len(cov.OnPhones), cov.Grid.Start, n, d.Grid.Start)}
	}
	p := erlang.ProjectionFor(d)
	c := &Capacity{Grid: d.Grid, Answering: make([]int, n), Need: make([]int, n), Idle: make([]int, n), Minnan: make([]int, n)}
	for t := range n {
		c.Answering[t] = p.Answering(cov.OnPhones[t])
		c.Need[t] = p.Answering(float64(d.Agents[t]))
		c.Idle[t] = max(0, c.Answering[t]-c.Need[t])
		c.Minnan[t] = min(c.Idle[t], p.Answering(max(0, cov.MinnanOnPhones[t]-float64(d.Minnan[t]))))
	}
	return c, nil
}
