package erlang

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// A service level below tinyServiceLevel, which only a hopelessly understaffed queue has, is
// checked to serviceLevelAbsolute instead of relatively: the incomplete-beta recurrence of the
// package, like the matrix exponential of the chain, carries absolute errors of order 1e-16 per
// term, and a tiny service level is a sum of values 1 − J with J close to 1.
const (
	tinyServiceLevel     = 1e-6
	serviceLevelAbsolute = 1e-13
)

// checkErlangA compares ErlangAMetrics with a reference, a tiny service level absolutely.
func checkErlangA(t *testing.T, got, want Metrics, tol float64, label string) {
	t.Helper()
	if want.ServiceLevel < tinyServiceLevel {
		if d := math.Abs(got.ServiceLevel - want.ServiceLevel); d > serviceLevelAbsolute {
			t.Errorf("%s: ServiceLevel = %.17g, want %.17g (difference %.2g > %.0g)",
				label, got.ServiceLevel, want.ServiceLevel, d, serviceLevelAbsolute)
		}
		want.ServiceLevel = got.ServiceLevel
	}
	checkMetrics(t, label, got, want, tol)
}

func TestErlangAMatchesMarkovChain(t *testing.T) {
	const aht = 180
	for _, n := range []int{1, 2, 4, 7, 10} {
		for _, a := range []float64{0.2, 1, 3.5, 6, 8} {
			for _, patience := range []float64{20, 180, 900} {
				for _, within := range []float64{0, 5, 30, 120} {
					got, err := ErlangAMetrics(n, a, aht, patience, within)
					if err != nil {
						t.Fatal(err)
					}
					label := fmt.Sprintf("ErlangAMetrics(%d, %v, %v, %v, %v)", n, a, aht, patience, within)
					// The chain's MeanWait is the mean time to absorption, so comparing it with
					// MeanWait = P(Ab)·patience checks Little's law as well.
					checkErlangA(t, got, chainErlangA(t, n, a, aht, patience, within), directTolerance, label)
				}
			}
		}
	}
}

// highPrecisionTolerance is the relative agreement required with the 200-bit series; the float64
// series loses only a few units of rounding even over thousands of terms.
const highPrecisionTolerance = 1e-12

func TestErlangAMatchesHighPrecisionSeries(t *testing.T) {
	const aht = 180
	for _, tc := range []struct {
		n int
		a float64
	}{{10, 8}, {300, 250}, {1000, 950}, {1000, 1100}, {5000, 5300}, {20000, 19800}, {20000, 10000}, {100, 5000}} {
		for _, patience := range []float64{30, 900} {
			for _, within := range []float64{10, 60} {
				got, err := ErlangAMetrics(tc.n, tc.a, aht, patience, within)
				if err != nil {
					t.Fatal(err)
				}
				label := fmt.Sprintf("ErlangAMetrics(%d, %v, %v, %v, %v)", tc.n, tc.a, aht, patience, within)
				checkErlangA(t, got, bigErlangA(tc.n, tc.a, aht, patience, within), highPrecisionTolerance, label)
			}
		}
	}
}

// Garnett, Mandelbaum & Reiman (2002) give P(W > 0) and P(Ab) in closed form through
// Q = x·e^y·y^(−x)·γ(x, y), with γ(x, y) = Γ(x)·P(x, y) the lower incomplete gamma function:
//
//	P(W > 0) = B·Q/(1 − B + B·Q),   P(Ab | W > 0) = 1 + (1/Q − 1)/ρ,   ρ = y/x.
func TestErlangAClosedForms(t *testing.T) {
	const aht, within = 180, 20
	for _, n := range []int{1, 3, 10, 30, 60} {
		for _, a := range []float64{0.5, 5, 20, 50} {
			for _, patience := range []float64{30, 180, 900} {
				x, y := float64(n)*patience/aht, a*patience/aht
				logQ := lgamma(x+1) + y - x*math.Log(y) + math.Log(mathext.GammaIncReg(x, y))
				b, _ := directErlang(n, a)
				wait := 1 / (1 + (1-b)/b*math.Exp(-logQ))
				abandon := wait * (1 + (math.Exp(-logQ)-1)*x/y)

				got, err := ErlangAMetrics(n, a, aht, patience, within)
				if err != nil {
					t.Fatal(err)
				}
				if d := relDiff(got.WaitProbability, wait); d > directTolerance {
					t.Errorf("n %d, load %v, patience %v: P(W>0) = %.17g, closed form %.17g (relative difference %.2g)",
						n, a, patience, got.WaitProbability, wait, d)
				}
				if d := relDiff(got.Abandonment, abandon); d > directTolerance {
					t.Errorf("n %d, load %v, patience %v: P(Ab) = %.17g, closed form %.17g (relative difference %.2g)",
						n, a, patience, got.Abandonment, abandon, d)
				}
			}
		}
	}
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// As the patience grows without bound, Erlang A becomes Erlang C (for n > a).
func TestErlangATendsToErlangC(t *testing.T) {
	const aht, within = 240, 15
	for _, tc := range []struct {
		n int
		a float64
	}{{1, 0.6}, {5, 3.2}, {12, 10}, {80, 72}, {1000, 960}} {
		want, err := ErlangCMetrics(tc.n, tc.a, aht, within)
		if err != nil {
			t.Fatal(err)
		}
		prev := math.Inf(1)
		for _, patience := range []float64{1e4, 1e6, 1e8} {
			got, err := ErlangAMetrics(tc.n, tc.a, aht, patience, within)
			if err != nil {
				t.Fatal(err)
			}
			worst := 0.0
			for _, f := range metricFields {
				if f.name != "Abandonment" {
					worst = max(worst, relDiff(f.get(got), f.get(want)))
				}
			}
			worst = max(worst, got.Abandonment)
			if worst >= prev {
				t.Errorf("n %d, load %v: patience %v differs from Erlang C by %.2g, no closer than at a shorter patience (%.2g)",
					tc.n, tc.a, patience, worst, prev)
			}
			prev = worst
		}
		if prev > 1e-4 {
			t.Errorf("n %d, load %v: patience 1e8 still differs from Erlang C by %.2g", tc.n, tc.a, prev)
		}
	}
}

// When the patience equals the AHT every call leaves at rate μ, waiting or served, so the number
// in the system is that of M/M/∞: Poisson(a). Then P(W > 0) = P(N ≥ n), P(Ab) = E[(N − n)⁺]/a and
// occupancy = E[min(N, n)]/n.
func TestErlangAWithPatienceEqualToAHTIsPoisson(t *testing.T) {
	const aht, within = 200, 20
	for _, n := range []int{1, 5, 20, 100, 1000} {
		for _, a := range []float64{0.5, 3, 20, 95, 1000, 1200} {
			var atLeastN, excess, carried float64
			for j := 0; j <= int(a+40*math.Sqrt(a)+50); j++ {
				pj := math.Exp(float64(j)*math.Log(a) - a - lgamma(float64(j)+1))
				if j >= n {
					atLeastN += pj
					excess += pj * float64(j-n)
				}
				carried += pj * float64(min(j, n))
			}
			got, err := ErlangAMetrics(n, a, aht, aht, within)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name      string
				got, want float64
			}{
				{"P(W>0)", got.WaitProbability, atLeastN},
				{"P(W>0) via the incomplete gamma", got.WaitProbability, mathext.GammaIncReg(float64(n), a)},
				{"P(Ab)", got.Abandonment, excess / a},
				{"occupancy", got.Occupancy, carried / float64(n)},
			} {
				if d := relDiff(c.got, c.want); d > 1e-9 && math.Abs(c.got-c.want) > 1e-15 {
					t.Errorf("n %d, load %v: %s = %.17g, Poisson gives %.17g (relative difference %.2g)",
						n, a, c.name, c.got, c.want, d)
				}
			}
		}
	}
}

func TestErlangALimits(t *testing.T) {
	const aht, patience = 180, 90
	for _, tc := range []struct {
		n int
		a float64
	}{{1, 0.5}, {3, 8}, {40, 35}, {500, 520}} {
		immediate, err := ErlangAMetrics(tc.n, tc.a, aht, patience, 0)
		if err != nil {
			t.Fatal(err)
		}
		if d := relDiff(immediate.ServiceLevel, 1-immediate.WaitProbability); d > 1e-12 {
			t.Errorf("n %d, load %v: service level at 0 s = %v, want 1 − P(W>0) = %v",
				tc.n, tc.a, immediate.ServiceLevel, 1-immediate.WaitProbability)
		}
		eventually, err := ErlangAMetrics(tc.n, tc.a, aht, patience, 1e3*patience)
		if err != nil {
			t.Fatal(err)
		}
		if d := relDiff(eventually.ServiceLevel, 1-eventually.Abandonment); d > 1e-12 {
			t.Errorf("n %d, load %v: service level at ∞ = %v, want the answered fraction %v",
				tc.n, tc.a, eventually.ServiceLevel, 1-eventually.Abandonment)
		}
	}
	// No agents: every caller abandons, after waiting out its patience.
	m, err := ErlangAMetrics(0, 4, aht, patience, 20)
	if err != nil {
		t.Fatal(err)
	}
	if m.WaitProbability != 1 || m.ServiceLevel != 0 || m.Abandonment != 1 || !math.IsInf(m.ASA, 1) ||
		relDiff(m.MeanWait, patience) > 1e-15 || m.Occupancy != 0 {
		t.Errorf("no agents: %+v, want every caller to abandon after %v s", m, float64(patience))
	}
	// Overload: the agents are always busy, and the carried load is n.
	m, err = ErlangAMetrics(10, 5000, aht, patience, 20)
	if err != nil {
		t.Fatal(err)
	}
	if relDiff(m.Occupancy, 1) > 1e-12 || relDiff(m.Abandonment, 1-10.0/5000) > 1e-12 {
		t.Errorf("10 agents at 5000 Erlangs: %+v, want occupancy 1 and abandonment 1 − n/a", m)
	}
}

// Every measure must improve, or stay put, as agents are added. The staffing search relies on it.
func TestMetricsMonotoneInAgents(t *testing.T) {
	const aht, within = 240, 20
	for _, a := range []float64{0.3, 4, 25, 140, 900} {
		for _, patience := range []float64{0, 15, 120, 1200} {
			var prev Metrics
			for n := 1; n <= int(a+8*math.Sqrt(a)+10); n++ {
				var m Metrics
				var err error
				if patience == 0 {
					m, err = ErlangCMetrics(n, a, aht, within)
				} else {
					m, err = ErlangAMetrics(n, a, aht, patience, within)
				}
				if err != nil {
					t.Fatal(err)
				}
				if n > 1 && (m.ServiceLevel < prev.ServiceLevel-monotoneSlack ||
					m.WaitProbability > prev.WaitProbability+monotoneSlack ||
					m.Abandonment > prev.Abandonment+monotoneSlack ||
					m.Occupancy > prev.Occupancy+monotoneSlack ||
					m.ASA > prev.ASA*(1+monotoneSlack) ||
					m.MeanWait > prev.MeanWait*(1+monotoneSlack)) {
					t.Fatalf("load %v, patience %v: adding agent %d made something worse:\n%+v\n%+v",
						a, patience, n, prev, m)
				}
				prev = m
			}
		}
	}
}

// Across the supported range every result is finite, every probability is in [0, 1], and the
// only infinity is the documented ASA of an unstable Erlang C queue.
func TestExtremeRange(t *testing.T) {
	agents := []int{1, 10, 100, 1000, 5000, 20000}
	loads := []float64{0.001, 1, 100, 1000, 5000, 10000}
	for _, aht := range []float64{30, 300} {
		for _, patience := range []float64{0, 30, 120, 600} {
			for _, n := range agents {
				for _, a := range loads {
					var m Metrics
					var err error
					if patience == 0 {
						m, err = ErlangCMetrics(n, a, aht, 20)
					} else {
						m, err = ErlangAMetrics(n, a, aht, patience, 20)
					}
					if err != nil {
						t.Fatalf("n %d, load %v, aht %v, patience %v: %v", n, a, aht, patience, err)
					}
					checkRange(t, fmt.Sprintf("n %d, load %v, aht %v, patience %v", n, a, aht, patience),
						m, patience == 0 && float64(n) <= a)
				}
			}
		}
	}
}

// checkRange fails t for a probability outside [0, 1] or a non-finite value in m, infinite
// waits being allowed only if unstable.
func checkRange(t *testing.T, label string, m Metrics, unstable bool) {
	t.Helper()
	for _, f := range metricFields {
		v := f.get(m)
		isWait := f.name == "ASA" || f.name == "MeanWait"
		switch {
		case isWait && unstable:
			if !math.IsInf(v, 1) {
				t.Errorf("%s: %s = %v, want +Inf for an unstable queue", label, f.name, v)
			}
		case isWait:
			if !(v >= 0) || math.IsInf(v, 1) {
				t.Errorf("%s: %s = %v, want a finite wait", label, f.name, v)
			}
		default:
			if !(v >= 0 && v <= 1) {
				t.Errorf("%s: %s = %v, want a fraction in [0, 1]", label, f.name, v)
			}
		}
	}
}

func TestErlangAQueueTooLong(t *testing.T) {
	for _, tc := range []struct {
		name             string
		n                int
		a, aht, patience float64
	}{
		// 10 agents short of the load with a patience of 10⁹ AHT: ~10¹⁰ callers wait.
		{"series too long", 90, 100, 1, 1e9},
		{"patience/AHT overflows", 1, 1, 1e-300, 1e9},
		{"load·patience/AHT overflows", 10, 1e300, 1e-10, 1e9},
	} {
		_, err := ErlangAMetrics(tc.n, tc.a, tc.aht, tc.patience, 20)
		checkInvalid(t, tc.name, err, "patience")
	}
}
