// Package bound maximises a Lagrangian dual function by projected subgradient ascent, for lower
// bounds on the optimum of a minimisation that stop at any time.
//
// The setting. A problem min { c(x) : x ∈ X, A x = b, C x ≤ e } whose coupling rows A, C are
// relaxed with multipliers λ (free for the equality rows, λ ≥ 0 for the inequality rows) has the
// dual function
//
//	L(λ) = min_{x ∈ X} c(x) + λ·(A x − b) + λ'·(C x − e).
//
// For every feasible x the added terms are ≤ 0, so L(λ) ≤ c(x): every L(λ) is a lower bound on
// the optimum, at every λ of the right signs, whatever the iteration. L is concave and
// piecewise linear; with x*(λ) a minimiser, g = (A x* − b, C x* − e) is a subgradient. Maximise
// keeps the best L seen, so it can be stopped at any moment and the bound is still valid.
//
// The method. Projected subgradient ascent with Polyak steps and a deflected direction:
//
//	d_k = g_k + β·d_{k−1},   λ_{k+1} = P(λ_k + θ_k·(L* − L(λ_k))/‖d_k‖²·d_k),
//
// where P clips the inequality multipliers at 0 (and every multiplier into the box Lower..Most the
// caller knows holds the maximum; the bound is valid anywhere), β = Deflection, and the target L*
// is the known upper bound (or, without one, the best bound plus a tenth of its size). θ starts at
// 1 and halves when the bound has not improved for Patience steps; when it falls below 1/1024 the
// ascent restarts from the best multipliers with θ = 1. The method needs only evaluations of L, is
// pure arithmetic, and costs per step one evaluation plus O(dimension).
package bound

import "math"

// Dual is a Lagrangian dual function. Eval returns L(λ) and writes a subgradient at λ into g
// (same length as λ). It must be a valid lower bound for every λ that keeps Lower; NaN means the
// evaluation was cut short, and ends the ascent.
type Dual interface {
	Eval(lambda, g []float64) float64
}

// Options control Maximise. The search stops at the first of: Iterations evaluations (0: no cap),
// Stop reporting true (checked before each evaluation), a step too small to move λ.
type Options struct {
	Lower      []float64                                            // per multiplier: the least value (0 for an inequality row, −Inf for an equality), nil: all free
	Most       []float64                                            // per multiplier: the largest value worth trying (+Inf for none), nil: no limit
	Upper      float64                                              // the objective of a known solution, an upper bound on the optimum; +Inf when none is known
	Iterations int                                                  // evaluations at most; 0 for no cap
	Stop       func() bool                                          // nil: never
	Deflection float64                                              // β in [0, 1); 0 for the plain subgradient
	Patience   int                                                  // steps without improvement before θ halves; 0 means 5
	Observe    func(iteration int, value float64, lambda []float64) // called after each evaluation; may be nil
}

// Result is the best bound found, the multipliers that gave it, and the evaluations made.
type Result struct {
	Bound      float64
	Lambda     []float64
	Iterations int
}

// thetaFloor is the step factor below which the ascent restarts from its best point.
const thetaFloor = 1.0 / 1024

// Maximise runs the ascent from lambda0 (which it does not modify) and returns the best bound.
// With no evaluation at all (Stop true at once) the bound is −Inf.
func Maximise(f Dual, lambda0 []float64, opt Options) Result {
	n := len(lambda0)
	lambda := append([]float64(nil), lambda0...)
	g, d := make([]float64, n), make([]float64, n)
	res := Result{Bound: math.Inf(-1), Lambda: append([]float64(nil), lambda0...)}
	patience := opt.Patience
	if patience <= 0 {
		patience = 5
	}
	theta, stale := 1.0, 0
	for opt.Iterations <= 0 || res.Iterations < opt.Iterations {
		if opt.Stop != nil && opt.Stop() {
			break
		}
		v := f.Eval(lambda, g)
		if math.IsNaN(v) {
			break // the evaluation was cut short
		}
		res.Iterations++
		if opt.Observe != nil {
			opt.Observe(res.Iterations, v, lambda)
		}
		if v > res.Bound+1e-9*max(1, math.Abs(v)) {
			res.Bound, stale = v, 0
			copy(res.Lambda, lambda)
		} else if stale++; stale >= patience {
			theta, stale = theta/2, 0
			if theta < thetaFloor {
				theta = 1
				copy(lambda, res.Lambda)
				clear(d)
				continue
			}
		}
		target := res.Bound + 0.1*max(1, math.Abs(res.Bound))
		if !math.IsInf(opt.Upper, 1) && !math.IsNaN(opt.Upper) {
			target = max(opt.Upper, res.Bound+1e-6*max(1, math.Abs(res.Bound)))
		}
		norm := 0.0
		for i := range d {
			d[i] = g[i] + opt.Deflection*d[i]
			if opt.Lower != nil && lambda[i] <= opt.Lower[i] && d[i] < 0 || opt.Most != nil && lambda[i] >= opt.Most[i] && d[i] > 0 {
				d[i] = 0 // a multiplier at its limit that the direction pushes further does not count
			}
			norm += d[i] * d[i]
		}
		if norm == 0 {
			break // λ is optimal: 0 is a subgradient
		}
		step := theta * (target - v) / norm
		for i := range lambda {
			lambda[i] += step * d[i]
			if opt.Lower != nil && lambda[i] < opt.Lower[i] {
				lambda[i] = opt.Lower[i]
			}
			if opt.Most != nil && lambda[i] > opt.Most[i] {
				lambda[i] = opt.Most[i]
			}
		}
	}
	return res
}

// MinConvex returns the k in [lo, hi] (lo ≤ hi) that minimises f, a convex function on the
// integers, and f(k), by bisection on the forward difference: O(log(hi − lo)) evaluations. For
// convex f the first k with f(k+1) − f(k) ≥ 0 is a minimiser.
func MinConvex(f func(k int) float64, lo, hi int) (int, float64) {
	for lo < hi {
		mid := lo + (hi-lo)/2
		if f(mid+1)-f(mid) >= 0 {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo, f(lo)
}
