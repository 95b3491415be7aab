package erlang

import (
	"math"
	"math/big"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// This file holds independent reference computations for the tests: the textbook formulas with
// explicit powers and factorials in 200-bit arithmetic, and Erlang A from its Markov chain.

// bigPrec is the precision in bits of the reference formulas, far beyond float64's 53.
const bigPrec = 200

// newBig returns v as a bigPrec-bit number.
func newBig(v float64) *big.Float { return new(big.Float).SetPrec(bigPrec).SetFloat64(v) }

// bigPoisson returns aⁿ/n! and Σ_{j<n} aʲ/j! with explicit powers and factorials in bigPrec-bit
// arithmetic.
func bigPoisson(n int, a float64) (last, below *big.Float) {
	load := newBig(a)
	power, factorial := newBig(1), newBig(1)
	below = newBig(0)
	for j := 0; ; j++ {
		if j > 0 {
			power.Mul(power, load)
			factorial.Mul(factorial, newBig(float64(j)))
		}
		last = newBig(0).Quo(power, factorial)
		if j == n {
			return last, below
		}
		below.Add(below, last)
	}
}

// directErlang returns B(n, a) and C(n, a) from their definitions in bigPrec-bit arithmetic:
//
//	B = (aⁿ/n!) / Σ_{j=0..n} aʲ/j!,   C = (aⁿ/n!·n/(n−a)) / (Σ_{j<n} aʲ/j! + aⁿ/n!·n/(n−a)),
//
// and C = 1 when n ≤ a.
func directErlang(n int, a float64) (b, c float64) {
	last, below := bigPoisson(n, a)
	b, _ = newBig(0).Quo(last, newBig(0).Add(below, last)).Float64()
	if float64(n) <= a {
		return b, 1
	}
	nf := newBig(float64(n))
	waiting := newBig(0).Mul(last, newBig(0).Quo(nf, newBig(0).Sub(nf, newBig(a))))
	c, _ = newBig(0).Quo(waiting, newBig(0).Add(below, waiting)).Float64()
	return b, c
}

// directErlangC returns the Erlang C metrics of n agents from directErlang's C with the
// closed forms P(W ≤ t) = 1 − C·e^(−(n−a)t/AHT) and ASA = C·AHT/(n−a); n > a.
func directErlangC(n int, a, aht, t float64) Metrics {
	_, c := directErlang(n, a)
	nf := float64(n)
	return Metrics{
		Agents:          n,
		WaitProbability: c,
		ServiceLevel:    1 - c*math.Exp(-(nf-a)*t/aht),
		ASA:             c * aht / (nf - a),
		MeanWait:        c * aht / (nf - a),
		Occupancy:       a / nf,
	}
}

// chainTruncation is the size of a stationary probability, relative to the probability of
// waiting, at which chainErlangA cuts the queue off.
const chainTruncation = 1e-20

// chainErlangA returns the Erlang A metrics of n ≥ 1 agents without the series of erlangA:
//
//   - the stationary distribution by direct summation, p_j ∝ aʲ/j! for j ≤ n with explicit
//     factorials, p_{n+k} = p_{n+k−1}·λ/(nμ + kθ), truncated where it falls below
//     chainTruncation of the probability of waiting;
//   - the fate of an arrival that finds k calls waiting from the continuous-time Markov chain of
//     the number of calls ahead of it: while i are ahead, the head of the line moves on at rate
//     nμ + iθ (to i−1, or to "answered" from 0), and the arrival itself hangs up at rate θ. With T
//     the generator restricted to the transient states 0..K, N = (−T)⁻¹, r_A = nμ·e_0 and
//     r_X = θ·1 the rates into "answered" and "abandoned":
//     P(answered by t) = [exp(G·t)]_{k,A} (matrix exponential), P(answered) = (N·r_A)_k,
//     P(abandoned) = (N·r_X)_k, E[wait] = (N·1)_k, E[wait; answered] = (N²·r_A)_k.
//
// Sizes are meant to stay small (n ≤ 10, a ≤ 8).
func chainErlangA(t *testing.T, n int, a, aht, patience, within float64) Metrics {
	t.Helper()
	mu, theta := 1/aht, 1/patience
	lambda, serve := a*mu, float64(n)*mu

	p := make([]float64, n+1)
	factorial := 1.0
	for j := range p {
		if j > 0 {
			factorial *= float64(j)
		}
		p[j] = math.Pow(a, float64(j)) / factorial
	}
	total := 0.0
	for _, v := range p {
		total += v
	}
	queue := []float64{p[n]} // p_{n+k}, k = 0..K
	waiting := p[n]
	for k := 1; ; k++ {
		next := queue[k-1] * lambda / (serve + float64(k)*theta)
		queue = append(queue, next)
		waiting += next
		if next < chainTruncation*waiting && lambda < serve+float64(k)*theta {
			break
		}
	}
	total += waiting - p[n]

	size := len(queue) // transient states: calls ahead 0..K
	answered, abandoned := size, size+1
	g := mat.NewDense(size+2, size+2, nil)
	for i := range size {
		ahead := serve + float64(i)*theta
		if i == 0 {
			g.Set(i, answered, ahead)
		} else {
			g.Set(i, i-1, ahead)
		}
		g.Set(i, abandoned, theta)
		g.Set(i, i, -(ahead + theta))
	}
	var e mat.Dense
	e.Scale(within, g)
	e.Exp(&e)

	negT := mat.DenseCopyOf(g.Slice(0, size, 0, size))
	negT.Scale(-1, negT)
	rA, rX, ones := mat.NewVecDense(size, nil), mat.NewVecDense(size, nil), mat.NewVecDense(size, nil)
	rA.SetVec(0, serve)
	for i := range size {
		rX.SetVec(i, theta)
		ones.SetVec(i, 1)
	}
	solve := func(rhs *mat.VecDense) *mat.VecDense {
		var v mat.VecDense
		if err := v.SolveVec(negT, rhs); err != nil {
			t.Fatalf("chain solve: %v", err)
		}
		return &v
	}
	hA, hX, meanT := solve(rA), solve(rX), solve(ones)
	waitA := solve(hA)

	noWait := 0.0
	for _, v := range p[:n] {
		noWait += v
	}
	noWait /= total
	m := Metrics{Agents: n, ServiceLevel: noWait}
	answeredAll, waitAnswered := noWait, 0.0
	for k, v := range queue {
		pk := v / total
		m.WaitProbability += pk
		m.ServiceLevel += pk * e.At(k, answered)
		m.Abandonment += pk * hX.AtVec(k)
		m.MeanWait += pk * meanT.AtVec(k)
		answeredAll += pk * hA.AtVec(k)
		waitAnswered += pk * waitA.AtVec(k)
	}
	m.ASA = waitAnswered / answeredAll
	m.Occupancy = a * answeredAll / float64(n)
	return m
}

// relDiff returns |got − want| / |want|, or |got| when want is 0.
func relDiff(got, want float64) float64 {
	if got == want {
		return 0
	}
	if want == 0 {
		return math.Abs(got)
	}
	return math.Abs(got-want) / math.Abs(want)
}

// field is one named float field of Metrics, for comparing all of them in a loop.
type field struct {
	name string
	get  func(Metrics) float64
}

var metricFields = []field{
	{"WaitProbability", func(m Metrics) float64 { return m.WaitProbability }},
	{"ServiceLevel", func(m Metrics) float64 { return m.ServiceLevel }},
	{"ASA", func(m Metrics) float64 { return m.ASA }},
	{"MeanWait", func(m Metrics) float64 { return m.MeanWait }},
	{"Abandonment", func(m Metrics) float64 { return m.Abandonment }},
	{"Occupancy", func(m Metrics) float64 { return m.Occupancy }},
}

// checkMetrics fails t for every field of got that differs from want by more than tol relative.
func checkMetrics(t *testing.T, label string, got, want Metrics, tol float64) {
	t.Helper()
	if got.Agents != want.Agents {
		t.Errorf("%s: Agents = %d, want %d", label, got.Agents, want.Agents)
	}
	for _, f := range metricFields {
		if d := relDiff(f.get(got), f.get(want)); !(d <= tol) {
			t.Errorf("%s: %s = %.17g, want %.17g (relative difference %.2g > %.0g)",
				label, f.name, f.get(got), f.get(want), d, tol)
		}
	}
}

// bigErlangA returns the Erlang A metrics of n ≥ 1 agents by summing the series of
// ErlangAMetrics term by term in bigPrec-bit arithmetic, with the stationary probabilities below
// n from explicit factorials and the incomplete beta function carried directly (not as its
// complement), until the terms fall below 1e-40 of the sum. Only u^(x+1) = e^(−(x+1)θt) enters
// in float64 precision. It checks the float64 scaling, recurrences and stopping rule at sizes the
// Markov chain cannot reach.
func bigErlangA(n int, a, aht, patience, within float64) Metrics {
	x, y := float64(n)*patience/aht, a*patience/aht
	thetaT := within / patience
	// u^(x+1) = 2^e for e = −(x+1)·θt/ln 2, split into an integer and a fractional power of two.
	e := -(x + 1) * thetaT / math.Ln2
	whole := math.Floor(e)
	uPow := new(big.Float).SetPrec(bigPrec).SetMantExp(newBig(math.Exp2(e-whole)), int(whole))
	z := newBig(-math.Expm1(-thetaT))

	bigX, bigY, one := newBig(x), newBig(y), newBig(1)
	term := newBig(1)                                                    // t_k
	inc := newBig(0).Sub(one, uPow)                                      // I_{1−u}(k+1, x+1)
	d := newBig(0).Mul(newBig(0).Mul(z, uPow), newBig(0).Add(bigX, one)) // d_k
	h := newBig(0)                                                       // H_k
	q, answered, abandoned, inTime, answeredWait := newBig(0), newBig(0), newBig(0), newBig(0), newBig(0)
	for k := 0; ; k++ {
		denominator := newBig(0).Add(bigX, newBig(float64(k+1))) // x + k + 1
		h.Add(h, newBig(0).Quo(one, denominator))
		share := newBig(0).Quo(newBig(0).Mul(term, bigX), denominator)
		q.Add(q, term)
		answered.Add(answered, share)
		abandoned.Add(abandoned, newBig(0).Quo(newBig(0).Mul(term, newBig(float64(k+1))), denominator))
		inTime.Add(inTime, newBig(0).Mul(share, inc))
		answeredWait.Add(answeredWait, newBig(0).Mul(share, h))
		inc.Sub(inc, d)
		d.Mul(d, newBig(0).Quo(newBig(0).Mul(z, newBig(0).Add(denominator, one)), newBig(float64(k+2))))
		term.Quo(newBig(0).Mul(term, bigY), denominator)
		if float64(k+1) > y-x && term.Cmp(newBig(0).Mul(newBig(1e-40), q)) < 0 {
			break
		}
	}
	// With p_n ∝ aⁿ/n!: P(j < n) ∝ Σ_{j<n} aʲ/j! and P(W > 0) ∝ aⁿ/n!·Q.
	last, below := bigPoisson(n, a)
	queued := newBig(0).Mul(last, q)
	total := newBig(0).Add(below, queued)
	noWait := newBig(0).Quo(below, total)
	wait := newBig(0).Quo(queued, total)
	given := func(sum *big.Float) *big.Float { return newBig(0).Mul(wait, newBig(0).Quo(sum, q)) }
	answeredAll := newBig(0).Add(noWait, given(answered))
	asa := newBig(0).Quo(given(answeredWait), answeredAll)
	occupancy := newBig(0).Quo(newBig(0).Mul(newBig(a), answeredAll), newBig(float64(n)))
	f := func(v *big.Float) float64 { r, _ := v.Float64(); return r }
	return Metrics{
		Agents:          n,
		WaitProbability: f(wait),
		ServiceLevel:    f(newBig(0).Add(noWait, given(inTime))),
		ASA:             f(asa) * patience,
		MeanWait:        f(given(abandoned)) * patience,
		Abandonment:     f(given(abandoned)),
		Occupancy:       f(occupancy),
	}
}
