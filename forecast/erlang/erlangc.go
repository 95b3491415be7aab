package erlang

import "math"

// ErlangC returns the probability that a call waits, P(W > 0), in M/M/n with n agents at load a,
// Erlang's delay formula (Erlang 1917). For n > a it follows from Erlang B by
//
//	C(n, a) = n·B / (n − a·(1 − B)),   1 − C(n, a) = (n − a)·(1 − B) / (n − a·(1 − B)),
//
// with B = B(n, a): ratios of positive terms with no cancellation. For n ≤ a the queue has no
// steady state, every call waits in the limit, and C = 1. By the package convention
// ErlangC(n, 0) = 0 for every n.
func ErlangC(n int, a float64) (float64, error) {
	b, err := ErlangB(n, a)
	if err != nil {
		return 0, err
	}
	if a == 0 {
		return 0, nil
	}
	wait, _ := erlangCFromB(n, a, b)
	return wait, nil
}

// erlangCFromB returns C(n, a) and 1 − C(n, a) given b = B(n, a) and a > 0.
func erlangCFromB(n int, a, b float64) (wait, noWait float64) {
	nf := float64(n)
	if nf <= a {
		return 1, 0
	}
	denominator := nf - a*(1-b)
	return nf * b / denominator, (nf - a) * (1 - b) / denominator
}

// ErlangCMetrics returns the steady-state performance of n agents in M/M/n: load a Erlangs, mean
// handling time aht seconds, callers who never hang up, service level measured at answerWithin
// seconds. With C = C(n, a) from [ErlangC] and the waiting time W, for n > a:
//
//	service level  P(W ≤ t) = 1 − C·exp(−(n − a)·t/AHT)
//	ASA            E[W]     = C·AHT/(n − a)
//	occupancy               = a/n
//
// The wait of a waiting call is exponential with rate nμ − λ = (n − a)/AHT, which gives both
// formulas. The service level is evaluated in whichever of its forms above and
// (1 − C) + C·(1 − exp(−(n − a)·t/AHT)) is free of cancellation (see serviceLevel). For n ≤ a the queue grows without bound: WaitProbability is 1, ServiceLevel 0, ASA
// and MeanWait +Inf, and every agent is busy (Occupancy 1, or 0 when n = 0).
func ErlangCMetrics(n int, a, aht, answerWithin float64) (Metrics, error) {
	if err := checkQueue(n, a, aht, answerWithin); err != nil {
		return Metrics{}, err
	}
	if a == 0 {
		return idle(n), nil
	}
	return erlangC(n, a, advanceB(1, 0, n, a), aht, answerWithin), nil
}

// erlangC returns the metrics of [ErlangCMetrics] given b = B(n, a) and a > 0.
func erlangC(n int, a, b, aht, t float64) Metrics {
	nf := float64(n)
	if nf <= a {
		never := math.Inf(1)
		return Metrics{Agents: n, WaitProbability: 1, ASA: never, MeanWait: never, Occupancy: occupancy(nf, n)}
	}
	wait, noWait := erlangCFromB(n, a, b)
	decay := (nf - a) * t / aht
	asa := wait * aht / (nf - a)
	late, inTime := math.Exp(-decay), 0.0
	if wait*late > 0.5 { // serviceLevel uses inTime only here
		inTime = -math.Expm1(-decay)
	}
	return Metrics{
		Agents:          n,
		WaitProbability: wait,
		ServiceLevel:    serviceLevel(noWait, wait, inTime, late),
		ASA:             asa,
		MeanWait:        asa,
		Occupancy:       a / nf,
	}
}
