package lp

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSolvesATextbookProgramme: max x + y s.t. x + 2y ≤ 4, 3x + y ≤ 6, x, y ≥ 0 has its optimum at
// (1.6, 1.2) with duals 0.4 and 0.2 on the two rows (their upper ends bind: y ≥ 0 here).
func TestSolvesATextbookProgramme(t *testing.T) {
	var b Builder
	x, y := b.Var(-1, 0, math.Inf(1)), b.Var(-1, 0, math.Inf(1))
	r1, r2 := b.Row(math.Inf(-1), 4), b.Row(math.Inf(-1), 6)
	b.Set(r1, x, 1)
	b.Set(r1, y, 2)
	b.Set(r2, x, 3)
	b.Set(r2, y, 1)
	it := b.Start()
	it.Run(5000)
	p, d := it.Primal(make([]float64, 2)), it.Duals(make([]float64, 2))
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"x", p[0], 1.6}, {"y", p[1], 1.2}, {"dual of row 1", d[0], 0.4}, {"dual of row 2", d[1], 0.2}} {
		if math.Abs(c.got-c.want) > 1e-4 {
			t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
		}
	}
}

// TestDuplicateEntriesAdd: two Set calls on the same entry add up (a column's presence on an
// interval may be set by two of its parts).
func TestDuplicateEntriesAdd(t *testing.T) {
	var b Builder
	x := b.Var(1, 0, 10)
	r := b.Row(3, math.Inf(1)) // 2x ≥ 3 written as x + x
	b.Set(r, x, 1)
	b.Set(r, x, 1)
	it := b.Start()
	it.Run(3000)
	if got := it.Primal(make([]float64, 1))[0]; math.Abs(got-1.5) > 1e-4 {
		t.Fatalf("x = %.6f, want 1.5", got)
	}
}

// TestConvergesOnRandomProgrammes: on random feasible bounded programmes with equality, range and
// one-sided rows, the residual (rows outside their ranges, reduced costs no bound absorbs, and the
// gap between the primal and dual objectives) falls below 1e-5 of its size at the start, and the
// primal point keeps its bounds and rows (most take a few thousand steps; the slowest of these
// twenty about 150,000).
func TestConvergesOnRandomProgrammes(t *testing.T) {
	for seed := range uint64(20) {
		rng := rand.New(rand.NewPCG(seed, 7))
		n, m := 5+rng.IntN(20), 3+rng.IntN(15)
		var b Builder
		x0 := make([]float64, n) // a feasible point, so the programme is feasible
		for j := range n {
			x0[j] = rng.Float64() * 4
			b.Var(rng.NormFloat64(), 0, 5)
		}
		a := make([][]float64, m)
		for i := range m {
			a[i] = make([]float64, n)
			z := 0.0
			for j := range n {
				if rng.IntN(3) == 0 {
					a[i][j] = math.Round(rng.NormFloat64()*100) / 100
					z += a[i][j] * x0[j]
				}
			}
			var lo, hi float64
			switch rng.IntN(3) {
			case 0:
				lo, hi = z, z
			case 1:
				lo, hi = z-rng.Float64(), z+rng.Float64()
			default:
				lo, hi = math.Inf(-1), z+rng.Float64()
			}
			r := b.Row(lo, hi)
			for j, v := range a[i] {
				b.Set(r, j, v)
			}
		}
		it := b.Start()
		before := it.Residual()
		it.Run(200000)
		if after := it.Residual(); after > 1e-5*max(1, before) {
			t.Errorf("seed %d: residual %.3g after 200,000 steps (%.3g at the start)", seed, after, before)
		}
		x := it.Primal(make([]float64, n))
		for j, v := range x {
			if v < -1e-9 || v > 5+1e-9 {
				t.Errorf("seed %d: x%d = %g outside [0, 5]", seed, j, v)
			}
		}
		for i := range m {
			z := 0.0
			for j := range n {
				z += a[i][j] * x[j]
			}
			if lo, hi := b.rowLo[i], b.rowHi[i]; z < lo-1e-3 || z > hi+1e-3 {
				t.Errorf("seed %d: row %d = %.5f outside [%.5f, %.5f]", seed, i, z, lo, hi)
			}
		}
	}
}
