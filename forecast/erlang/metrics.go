package erlang

// Metrics is the steady-state performance of a number of agents facing an offered load. Every
// field but ASA and MeanWait is a fraction in [0, 1]; see the package documentation for the
// conventions on +Inf and on zero load.
type Metrics struct {
	// Agents is the number n of agents the metrics belong to.
	Agents int
	// WaitProbability is P(W > 0), the fraction of offered calls that find every agent busy.
	WaitProbability float64
	// ServiceLevel is the fraction of offered calls answered within the threshold; abandoned
	// calls count as not answered.
	ServiceLevel float64
	// ASA, the average speed of answer, is the mean wait in seconds of answered calls; +Inf
	// when no call is ever answered.
	ASA float64
	// MeanWait is the mean wait in seconds of all offered calls, abandoned ones up to the
	// moment they hang up. It equals ASA in Erlang C.
	MeanWait float64
	// Abandonment is the fraction of offered calls that hang up before being answered; 0 in
	// Erlang C.
	Abandonment float64
	// Occupancy is the carried load per agent, the long-run fraction of time an agent is busy;
	// 0 when there are no agents.
	Occupancy float64
}

// idle returns the metrics of n agents facing no load: no call arrives, so by convention none
// waits or abandons and the service level is met.
func idle(n int) Metrics { return Metrics{Agents: n, ServiceLevel: 1} }

// occupancy returns the carried load per agent, 0 when there are no agents. It is capped at 1
// against rounding when the agents are saturated.
func occupancy(carried float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return min(1, carried/float64(n))
}

// serviceLevel returns the fraction of calls answered within the threshold from the
// probabilities of not waiting and of waiting and, given a wait, of being answered in time or
// not. Of the two equal forms
//
//	noWait + wait·inTime = 1 − wait·late
//
// it takes the second when the service level is at least ½, so that it is as accurate near 1,
// and rises monotonically with the staffing as the small number wait·late falls, and the first
// below ½, so that a small service level keeps its relative accuracy.
func serviceLevel(noWait, wait, inTime, late float64) float64 {
	if missed := wait * late; missed <= 0.5 {
		return 1 - missed
	}
	return noWait + wait*inTime
}
