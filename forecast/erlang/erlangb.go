package erlang

// ErlangB returns the probability that a call offered to n agents at load a is lost in the loss
// system M/M/n/n, Erlang's blocking formula (Erlang 1917):
//
//	B(n, a) = (aⁿ/n!) / Σ_{j=0..n} aʲ/j!
//
// It is evaluated without factorials or powers by the recursion
//
//	B(0, a) = 1,   B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)),
//
// whose iterates stay in [0, 1]. The recursion does not amplify rounding errors: the derivative of
// log B(k) with respect to log B(k−1) is k/(k + a·B(k−1)) ∈ (0, 1], so the relative error after n
// steps is at most about n·ε. It is evaluated on 1/B (see advanceB): n multiply-adds.
//
// By the package convention ErlangB(n, 0) = 0 for every n, including 0.
func ErlangB(n int, a float64) (float64, error) {
	if err := checkAgents(n); err != nil {
		return 0, err
	}
	if err := checkLoad(a); err != nil {
		return 0, err
	}
	if a == 0 {
		return 0, nil
	}
	return advanceB(1, 0, n, a), nil
}

// advanceB returns B(to, a) given b = B(from, a), from ≤ to and a > 0, by the recursion of
// [ErlangB] carried on the reciprocal, which needs no division per step:
//
//	1/B(k, a) = 1 + (k/a)·1/B(k−1, a).
//
// Every term is positive, so, as for the direct form, the relative error after m steps is at most
// about 3m·ε. When B(to, a) falls below the smallest normal float (n far above a) the reciprocal
// overflows to +Inf and B is returned as 0. The staffing search moves up in n with it, so that B is
// never recomputed from n = 0.
func advanceB(b float64, from, to int, a float64) float64 {
	if from >= to {
		return b
	}
	inv, perLoad := 1/b, 1/a
	for k := from + 1; k <= to; k++ {
		inv = 1 + float64(k)*perLoad*inv
	}
	return 1 / inv
}
