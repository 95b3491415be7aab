// Package lp solves linear programmes approximately by the restarted primal-dual hybrid gradient,
// in pure Go, for multipliers: the product needs good dual prices quickly, not a certified optimum.
//
// The programme is
//
//	min c·x   s.t.  lo_i ≤ a_i·x ≤ hi_i (rows),  l_j ≤ x_j ≤ u_j (variables),
//
// with any bound infinite. Written as the saddle problem
//
//	min_{l ≤ x ≤ u} max_y  c·x + y·(A x) − Σ_i g_i*(y_i),   g_i*(y) = max(y·lo_i, y·hi_i),
//
// a row's dual y_i is ≤ 0 where its lower end binds and ≥ 0 where its upper end does: −y_i is the
// price of one more unit of a row held at its lower end. The primal-dual hybrid gradient of
// Chambolle and Pock iterates
//
//	x' = clip(x − τ (c + Aᵀy), l, u),   y' = v − σ·clip(v/σ, lo, hi),  v = y + σ A (2x' − x),
//
// and converges for τσ‖A‖² < 1. Devices of PDLP (Applegate et al., 2021) make it practical: Ruiz
// equilibration of A's rows and columns and then Pock and Chambolle's diagonal scaling before the
// iterations (the duals are unscaled on the way out), the step η = 0.9/‖A‖ from power iteration
// split as τ = η/ω, σ = ηω by a primal weight ω, and restarts at the average of the iterates
// since the last restart when it has the smaller primal-dual residual and that residual has fallen
// enough, which turns the method's sublinear rate into a linear one on linear programmes.
package lp

import (
	"math"
	"runtime"
	"sort"
	"sync"
)

// Builder collects a programme row by row and entry by entry.
type Builder struct {
	cost, lower, upper []float64
	rowLo, rowHi       []float64
	row, col           []int32
	val                []float64
}

// Var adds a variable with its cost and bounds and returns its index.
func (b *Builder) Var(cost, lower, upper float64) int {
	b.cost = append(b.cost, cost)
	b.lower = append(b.lower, lower)
	b.upper = append(b.upper, upper)
	return len(b.cost) - 1
}

// Row adds a row lo ≤ a·x ≤ hi and returns its index.
func (b *Builder) Row(lo, hi float64) int {
	b.rowLo = append(b.rowLo, lo)
	b.rowHi = append(b.rowHi, hi)
	return len(b.rowLo) - 1
}

// Set adds v to the entry of row i and variable j.
func (b *Builder) Set(i, j int, v float64) {
	if v != 0 {
		b.row = append(b.row, int32(i))
		b.col = append(b.col, int32(j))
		b.val = append(b.val, v)
	}
}

// Rows and Vars are the programme's sizes so far.
func (b *Builder) Rows() int { return len(b.rowLo) }
func (b *Builder) Vars() int { return len(b.cost) }

// restartCheck is how often (in steps) the residuals decide on a restart; restartFactor the
// reduction of the residual since the last restart that triggers one. primalWeight scales PDLP's
// first primal weight ‖c‖/‖b‖, which is then held: on two centres of different generators (150
// and 200 agents, a month of half-hours) 3 reached the relaxation's bound in fewer steps than 1,
// 20 or 60, and PDLP's update of ω at restarts oscillated (measured by the bound at the duals
// every 250 steps).
const (
	restartCheck  = 64
	restartFactor = 0.2
	primalWeight  = 3
	ruizPasses    = 12
	powerSteps    = 40
	// parallelEntries is the size from which the products are shared among the cores.
	parallelEntries = 50000
)

// solver holds the scaled programme in both orientations and the iterates.
type solver struct {
	n, m               int
	c, l, u, lo, hi    []float64 // scaled
	colScale, rowScale []float64 // x = colScale·x̂, y = rowScale·ŷ
	// A by columns and by rows.
	cStart []int
	cRow   []int32
	cVal   []float64
	rStart []int
	rCol   []int32
	rVal   []float64
	// The stretches of rows and of columns each core multiplies.
	rParts, cParts []int
}

// Start compiles the programme built in b, scales it and returns the iteration at its first point
// (x clipped to its bounds, y = 0).
func (b *Builder) Start() *Iteration {
	s := b.compile()
	s.equilibrate()
	n, m := s.n, s.m
	it := &Iteration{s: s, eta: 0.9 / s.norm(), omega: 1, lastRes: math.Inf(1),
		x: make([]float64, n), y: make([]float64, m), xs: make([]float64, n), ys: make([]float64, m),
		xn: make([]float64, n), yn: make([]float64, m), xa: make([]float64, n), ya: make([]float64, m), aty: make([]float64, n), ax: make([]float64, m)}
	for j := range it.x {
		it.x[j] = min(s.u[j], max(s.l[j], 0))
	}
	if cn, bn := norm2(s.c), s.rhsNorm(); cn > 0 && bn > 0 {
		it.omega = primalWeight * cn / bn
	}
	return it
}

// StartAt is Start from the point (x, y), unscaled, as Primal and Duals return it (x clipped to
// its bounds): a programme built again with more variables and the same rows resumes from the
// previous solve's point, the new variables at 0. Either may be nil (0).
func (b *Builder) StartAt(x, y []float64) *Iteration {
	it := b.Start()
	s := it.s
	for j := range min(len(x), s.n) {
		it.x[j] = min(s.u[j], max(s.l[j], x[j]/s.colScale[j]))
	}
	for i := range min(len(y), s.m) {
		it.y[i] = y[i] / s.rowScale[i]
	}
	return it
}

// Iteration is a running solve: its iterates, their sums since the last restart, the step and
// the primal weight.
type Iteration struct {
	s              *solver
	eta, omega     float64
	x, y           []float64 // current point (scaled)
	xs, ys, xn, yn []float64 // sums since the restart; next point
	xa, ya         []float64 // the average since the restart
	aty, ax        []float64 // scratch
	steps, since   int
	lastRes        float64 // residual at the last restart
}

// Steps is the number of steps taken so far.
func (it *Iteration) Steps() int { return it.steps }

// Run takes k more steps, restarting as the package comment says.
func (it *Iteration) Run(k int) {
	s := it.s
	for range k {
		tau, sigma := it.eta/it.omega, it.eta*it.omega
		// x' = clip(x − τ (c + Aᵀy)).
		s.atMul(it.y, it.aty)
		for j, xj := range it.x {
			it.xn[j] = min(s.u[j], max(s.l[j], xj-tau*(s.c[j]+it.aty[j])))
		}
		// y' = v − σ clip(v/σ), v = y + σ A (2x' − x).
		for j, xj := range it.x {
			it.x[j] = 2*it.xn[j] - xj
		}
		s.aMul(it.x, it.ax)
		for i, yi := range it.y {
			v := yi + sigma*it.ax[i]
			it.yn[i] = v - sigma*min(s.hi[i], max(s.lo[i], v/sigma))
		}
		it.x, it.xn = it.xn, it.x
		it.y, it.yn = it.yn, it.y
		for j, xj := range it.x {
			it.xs[j] += xj
		}
		for i, yi := range it.y {
			it.ys[i] += yi
		}
		it.steps++
		it.since++
		if it.since%restartCheck == 0 {
			it.restart()
		}
	}
}

// restart moves to the better of the current point and the average since the last restart when
// its residual has fallen to restartFactor of the residual at the last restart.
func (it *Iteration) restart() {
	s := it.s
	xa, ya := it.xa, it.ya
	for j := range xa {
		xa[j] = it.xs[j] / float64(it.since)
	}
	for i := range ya {
		ya[i] = it.ys[i] / float64(it.since)
	}
	rc, ra := s.residual(it.x, it.y, it.aty, it.ax), s.residual(xa, ya, it.aty, it.ax)
	cand, cx, cy := rc, it.x, it.y
	if ra < rc {
		cand, cx, cy = ra, xa, ya
	}
	if cand > restartFactor*it.lastRes && !math.IsInf(it.lastRes, 1) {
		return
	}
	copy(it.x, cx)
	copy(it.y, cy)
	clear(it.xs)
	clear(it.ys)
	it.since, it.lastRes = 0, cand
}

// Duals writes the current duals, unscaled, into y (one per row) and returns it.
func (it *Iteration) Duals(y []float64) []float64 {
	for i, v := range it.y {
		y[i] = v * it.s.rowScale[i]
	}
	return y
}

// Primal writes the current primal point, unscaled, into x (one per variable) and returns it.
func (it *Iteration) Primal(x []float64) []float64 {
	for j, v := range it.x {
		x[j] = v * it.s.colScale[j]
	}
	return x
}

// Residual is the current point's primal-dual residual (scaled).
func (it *Iteration) Residual() float64 {
	return it.s.residual(it.x, it.y, it.aty, it.ax)
}

// compile sorts the entries into both orientations, summing duplicates.
func (b *Builder) compile() *solver {
	n, m := len(b.cost), len(b.rowLo)
	s := &solver{n: n, m: m, c: append([]float64(nil), b.cost...), l: append([]float64(nil), b.lower...),
		u: append([]float64(nil), b.upper...), lo: append([]float64(nil), b.rowLo...), hi: append([]float64(nil), b.rowHi...)}
	s.colScale, s.rowScale = ones(n), ones(m)
	s.cStart, s.cRow, s.cVal = orient(b.col, b.row, b.val, n)
	s.rStart, s.rCol, s.rVal = orient(b.row, b.col, b.val, m)
	cores := runtime.GOMAXPROCS(0)
	if len(b.val) < parallelEntries {
		cores = 1
	}
	s.rParts, s.cParts = split(s.rStart, cores), split(s.cStart, cores)
	return s
}

// orient groups the entries (major, minor, value) by major index, minor indices ascending and
// duplicates summed.
func orient(major, minor []int32, val []float64, size int) ([]int, []int32, []float64) {
	start := make([]int, size+1)
	for _, k := range major {
		start[k+1]++
	}
	for k := range size {
		start[k+1] += start[k]
	}
	next := append([]int(nil), start[:size]...)
	idx, v := make([]int32, len(major)), make([]float64, len(major))
	for e, k := range major {
		p := next[k]
		idx[p], v[p] = minor[e], val[e]
		next[k]++
	}
	// Sum duplicates within each major index (entries were added in any order).
	outStart := make([]int, size+1)
	w := 0
	seen := map[int32]int{}
	for k := range size {
		clear(seen)
		first := w
		for p := start[k]; p < start[k+1]; p++ {
			if q, ok := seen[idx[p]]; ok {
				v[q] += v[p]
				continue
			}
			seen[idx[p]] = w
			idx[w], v[w] = idx[p], v[p]
			w++
		}
		outStart[k] = first
		outStart[k+1] = w
	}
	return outStart, idx[:w], v[:w]
}

// equilibrate scales rows and columns (Ruiz) so that every row's and column's largest entry is
// near 1; costs, bounds and row ends are scaled to match.
func (s *solver) equilibrate() {
	for range ruizPasses {
		rmax, cmax := make([]float64, s.m), make([]float64, s.n)
		for j := range s.n {
			for p := s.cStart[j]; p < s.cStart[j+1]; p++ {
				a := math.Abs(s.cVal[p])
				cmax[j] = max(cmax[j], a)
				rmax[s.cRow[p]] = max(rmax[s.cRow[p]], a)
			}
		}
		dr, dc := make([]float64, s.m), make([]float64, s.n)
		for i, v := range rmax {
			dr[i] = 1
			if v > 0 {
				dr[i] = 1 / math.Sqrt(v)
			}
		}
		for j, v := range cmax {
			dc[j] = 1
			if v > 0 {
				dc[j] = 1 / math.Sqrt(v)
			}
		}
		s.scale(dr, dc)
	}
	// Then Pock and Chambolle's α = 1: rows and columns by the square roots of their sums.
	rsum, csum := make([]float64, s.m), make([]float64, s.n)
	for j := range s.n {
		for p := s.cStart[j]; p < s.cStart[j+1]; p++ {
			a := math.Abs(s.cVal[p])
			csum[j] += a
			rsum[s.cRow[p]] += a
		}
	}
	inv := func(v []float64) []float64 {
		for i, x := range v {
			v[i] = 1
			if x > 0 {
				v[i] = 1 / math.Sqrt(x)
			}
		}
		return v
	}
	s.scale(inv(rsum), inv(csum))
}

// scale replaces A by diag(dr)·A·diag(dc): x = dc·x̂, so c and the variable bounds scale by dc
// and 1/dc, the row ends by dr, and the duals y = dr·ŷ.
func (s *solver) scale(dr, dc []float64) {
	for j := range s.n {
		for p := s.cStart[j]; p < s.cStart[j+1]; p++ {
			s.cVal[p] *= dr[s.cRow[p]] * dc[j]
		}
		s.c[j] *= dc[j]
		s.l[j] /= dc[j]
		s.u[j] /= dc[j]
		s.colScale[j] *= dc[j]
	}
	for i := range s.m {
		for p := s.rStart[i]; p < s.rStart[i+1]; p++ {
			s.rVal[p] *= dr[i] * dc[s.rCol[p]]
		}
		s.lo[i] *= dr[i]
		s.hi[i] *= dr[i]
		s.rowScale[i] *= dr[i]
	}
}

// norm estimates ‖A‖₂ by power iteration on AᵀA.
func (s *solver) norm() float64 {
	v, w, z := ones(s.n), make([]float64, s.m), make([]float64, s.n)
	est := 1.0
	for range powerSteps {
		nv := norm2(v)
		if nv == 0 {
			break
		}
		for j := range v {
			v[j] /= nv
		}
		s.aMul(v, w)
		s.atMul(w, z)
		est = math.Sqrt(norm2(z))
		copy(v, z)
	}
	return max(est, 1e-12)
}

// aMul sets out = A x, its rows shared among the cores.
func (s *solver) aMul(x, out []float64) { multiply(s.rParts, s.rStart, s.rCol, s.rVal, x, out) }

// atMul sets out = Aᵀ y, its columns shared among the cores.
func (s *solver) atMul(y, out []float64) { multiply(s.cParts, s.cStart, s.cRow, s.cVal, y, out) }

// multiply sets out[k] = Σ_p val[p]·x[idx[p]] over p in [start[k], start[k+1]), for every k: the
// product of a matrix stored by rows (or its transpose stored by columns) with x, each stretch of
// parts on its own core.
func multiply(parts, start []int, idx []int32, val, x, out []float64) {
	parallel(parts, func(lo, hi int) {
		for k := lo; k < hi; k++ {
			v := 0.0
			for p := start[k]; p < start[k+1]; p++ {
				v += val[p] * x[idx[p]]
			}
			out[k] = v
		}
	})
}

// parallel runs f on each stretch [parts[k], parts[k+1]), one goroutine per stretch.
func parallel(parts []int, f func(lo, hi int)) {
	if len(parts) <= 2 {
		f(parts[0], parts[len(parts)-1])
		return
	}
	var wg sync.WaitGroup
	for k := 0; k+1 < len(parts); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(parts[k], parts[k+1])
		}()
	}
	wg.Wait()
}

// split cuts [0, len(start)−1) into at most k stretches of about equal entries.
func split(start []int, k int) []int {
	n := len(start) - 1
	parts := []int{0}
	total := start[n]
	for i := 1; i < k; i++ {
		target := total * i / k
		j := sort.SearchInts(start, target)
		if j > parts[len(parts)-1] && j < n {
			parts = append(parts, j)
		}
	}
	return append(parts, n)
}

// residual is the primal-dual residual of (x, y): the rows' distance from their ranges, the part
// of each reduced cost c + Aᵀy that no finite bound absorbs, and the gap between the primal and
// dual objectives (aty and ax are scratch).
func (s *solver) residual(x, y, aty, ax []float64) float64 {
	s.aMul(x, ax)
	s.atMul(y, aty)
	rp, rd := 0.0, 0.0
	primal, dual := 0.0, 0.0
	for i, z := range ax {
		d := max(0, s.lo[i]-z, z-s.hi[i])
		rp += d * d
		switch {
		case y[i] > 0:
			dual -= y[i] * s.hi[i]
		case y[i] < 0:
			dual -= y[i] * s.lo[i]
		}
	}
	for j, xj := range x {
		primal += s.c[j] * xj
		r := s.c[j] + aty[j]
		switch {
		case r > 0 && !math.IsInf(s.l[j], -1):
			dual += r * s.l[j]
		case r < 0 && !math.IsInf(s.u[j], 1):
			dual += r * s.u[j]
		case r != 0:
			rd += r * r
		}
	}
	if math.IsInf(dual, 0) || math.IsNaN(dual) {
		return math.Inf(1)
	}
	gap := primal - dual
	return math.Sqrt(rp + rd + gap*gap)
}

// rhsNorm is the norm of the finite row ends.
func (s *solver) rhsNorm() float64 {
	v := 0.0
	for i := range s.m {
		for _, b := range []float64{s.lo[i], s.hi[i]} {
			if !math.IsInf(b, 0) {
				v += b * b
			}
		}
	}
	return math.Sqrt(v)
}

func ones(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 1
	}
	return v
}

func norm2(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
