package bound

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMinConvexMatchesScan compares the bisection with a scan over random convex functions on
// the integers (quadratics, and piecewise-linear ones with plateaus).
func TestMinConvexMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for k := range 500 {
		a, c, lo := rng.Float64()*3, rng.Float64()*40-20, rng.IntN(10)
		hi := lo + rng.IntN(60)
		f := func(x int) float64 { return a * (float64(x) - c) * (float64(x) - c) }
		if k%2 == 1 {
			f = func(x int) float64 { return a*max(0, c-float64(x)) + max(0, float64(x)-c) }
		}
		want := math.Inf(1)
		for x := lo; x <= hi; x++ {
			want = min(want, f(x))
		}
		if x, got := MinConvex(f, lo, hi); got != want || f(x) != got || x < lo || x > hi {
			t.Fatalf("case %d: MinConvex gives f(%d) = %v, the scan %v", k, x, got, want)
		}
	}
}

// pieces is the dual function L(λ) = min_k (a_k·λ + b_k) of a small problem with known maximum.
type pieces struct{ a, b []float64 }

func (p pieces) Eval(lambda, g []float64) float64 {
	best, arg := math.Inf(1), 0
	for k := range p.a {
		if v := p.a[k]*lambda[0] + p.b[k]; v < best {
			best, arg = v, k
		}
	}
	g[0] = p.a[arg]
	return best
}

// TestMaximiseApproachesTheMaximum runs the ascent on random concave piecewise-linear functions
// of one multiplier: the bound never exceeds the true maximum (found by scanning the breakpoints)
// and ends within 5 % of it, from a start far away, with and without a known upper bound.
func TestMaximiseApproachesTheMaximum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for k := range 200 {
		n := 2 + rng.IntN(5)
		p := pieces{a: make([]float64, n), b: make([]float64, n)}
		for i := range n {
			p.a[i], p.b[i] = rng.Float64()*20-10, rng.Float64()*100
		}
		p.a[0], p.a[1] = 1+rng.Float64(), -1-rng.Float64() // bounded above
		want := math.Inf(-1)
		g := []float64{0}
		for i := range n {
			for j := range n {
				if p.a[i] != p.a[j] {
					x := (p.b[j] - p.b[i]) / (p.a[i] - p.a[j])
					want = max(want, p.Eval([]float64{x}, g))
				}
			}
		}
		upper := math.Inf(1)
		if k%2 == 0 {
			upper = want + 5
		}
		res := Maximise(p, []float64{rng.Float64()*200 - 100}, Options{Upper: upper, Iterations: 400, Deflection: 0.5, Patience: 10})
		if res.Bound > want+1e-9 {
			t.Fatalf("case %d: bound %v above the maximum %v", k, res.Bound, want)
		}
		if res.Bound < want-0.05*max(1, math.Abs(want)) {
			t.Errorf("case %d: bound %v, maximum %v", k, res.Bound, want)
		}
	}
}
