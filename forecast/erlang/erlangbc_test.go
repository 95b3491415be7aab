package erlang

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"wfm"
)

// directTolerance is the relative agreement required with the 200-bit reference formulas.
const directTolerance = 1e-9

// smallLoads is the load grid of the comparisons with the reference formulas.
var smallLoads = []float64{0.1, 1, 5, 17.3, 40, 59}

func TestErlangBAndCMatchDirectFormula(t *testing.T) {
	for _, a := range smallLoads {
		for n := 1; n <= 60; n++ {
			wantB, wantC := directErlang(n, a)
			b, err := ErlangB(n, a)
			if err != nil {
				t.Fatal(err)
			}
			c, err := ErlangC(n, a)
			if err != nil {
				t.Fatal(err)
			}
			if d := relDiff(b, wantB); d > directTolerance {
				t.Errorf("ErlangB(%d, %v) = %.17g, want %.17g (relative difference %.2g)", n, a, b, wantB, d)
			}
			if d := relDiff(c, wantC); d > directTolerance {
				t.Errorf("ErlangC(%d, %v) = %.17g, want %.17g (relative difference %.2g)", n, a, c, wantC, d)
			}
		}
	}
}

// The recursion must not lose accuracy over tens of thousands of steps.
func TestErlangBAndCLargeMatchDirectFormula(t *testing.T) {
	for _, tc := range []struct {
		n int
		a float64
	}{{1000, 950}, {1000, 1020}, {5000, 4900}, {5000, 5100}, {20000, 19800}, {20000, 19990.5}, {20000, 10000}} {
		wantB, wantC := directErlang(tc.n, tc.a)
		b, _ := ErlangB(tc.n, tc.a)
		c, _ := ErlangC(tc.n, tc.a)
		if d := max(relDiff(b, wantB), relDiff(c, wantC)); d > highPrecisionTolerance {
			t.Errorf("n %d, load %v: B = %.17g, C = %.17g, want %.17g, %.17g (relative difference %.2g)",
				tc.n, tc.a, b, c, wantB, wantC, d)
		}
	}
}

func TestErlangCMetricsMatchDirectFormula(t *testing.T) {
	const aht = 180
	for _, a := range smallLoads {
		for n := int(a) + 1; n <= 60; n++ {
			for _, within := range []float64{0, 10, 20, 60} {
				got, err := ErlangCMetrics(n, a, aht, within)
				if err != nil {
					t.Fatal(err)
				}
				label := fmt.Sprintf("ErlangCMetrics(%d, %v, %v, %v)", n, a, aht, within)
				checkMetrics(t, label, got, directErlangC(n, a, aht, within), directTolerance)
			}
		}
	}
}

// In M/M/1 the probability of waiting is the utilisation a, and the wait of a waiting call is
// exponential with rate μ − λ.
func TestErlangCSingleAgentClosedForm(t *testing.T) {
	const aht, within = 300, 20
	for _, a := range []float64{1e-9, 0.01, 0.3, 0.75, 0.999} {
		got, err := ErlangCMetrics(1, a, aht, within)
		if err != nil {
			t.Fatal(err)
		}
		want := Metrics{
			Agents:          1,
			WaitProbability: a,
			ServiceLevel:    1 - a*math.Exp(-(1-a)*within/aht),
			ASA:             a * aht / (1 - a),
			MeanWait:        a * aht / (1 - a),
			Occupancy:       a,
		}
		checkMetrics(t, fmt.Sprintf("M/M/1 at load %v", a), got, want, 1e-13)
	}
}

func TestErlangCUnstable(t *testing.T) {
	for _, tc := range []struct {
		n int
		a float64
	}{{0, 0.5}, {1, 1}, {5, 5}, {10, 10.5}, {100, 1000}} {
		got, err := ErlangCMetrics(tc.n, tc.a, 200, 20)
		if err != nil {
			t.Fatal(err)
		}
		busy := 1.0
		if tc.n == 0 {
			busy = 0
		}
		if got.WaitProbability != 1 || got.ServiceLevel != 0 || !math.IsInf(got.ASA, 1) ||
			!math.IsInf(got.MeanWait, 1) || got.Abandonment != 0 || got.Occupancy != busy {
			t.Errorf("ErlangCMetrics(%d, %v) = %+v, want the unstable limits", tc.n, tc.a, got)
		}
	}
}

func TestZeroLoad(t *testing.T) {
	for _, n := range []int{0, 1, 7} {
		want := Metrics{Agents: n, ServiceLevel: 1}
		if b, err := ErlangB(n, 0); b != 0 || err != nil {
			t.Errorf("ErlangB(%d, 0) = %v, %v; want 0", n, b, err)
		}
		if c, err := ErlangC(n, 0); c != 0 || err != nil {
			t.Errorf("ErlangC(%d, 0) = %v, %v; want 0", n, c, err)
		}
		if m, err := ErlangCMetrics(n, 0, 180, 20); m != want || err != nil {
			t.Errorf("ErlangCMetrics(%d, 0) = %+v, %v; want %+v", n, m, err, want)
		}
		if m, err := ErlangAMetrics(n, 0, 180, 60, 20); m != want || err != nil {
			t.Errorf("ErlangAMetrics(%d, 0) = %+v, %v; want %+v", n, m, err, want)
		}
	}
}

// monotoneSlack absorbs rounding when a probability that should not decrease stays put at about
// 1e-16 resolution.
const monotoneSlack = 1e-14

func TestErlangBAndCMonotone(t *testing.T) {
	loads := []float64{0.01, 0.5, 3, 17.3, 100, 950}
	for _, a := range loads {
		prevB, prevC := 2.0, 2.0
		for n := 1; n <= int(a)+20*int(math.Sqrt(a))+20; n++ {
			b, _ := ErlangB(n, a)
			c, _ := ErlangC(n, a)
			if b > prevB || c > prevC {
				t.Fatalf("load %v, n %d: B = %v (previous %v), C = %v (previous %v): not decreasing in n",
					a, n, b, prevB, c, prevC)
			}
			prevB, prevC = b, c
		}
	}
	for _, n := range []int{1, 4, 30, 1000} {
		prevB, prevC := -1.0, -1.0
		for a := 0.05; a < 2*float64(n); a *= 1.1 {
			b, _ := ErlangB(n, a)
			c, _ := ErlangC(n, a)
			if b < prevB || c < prevC {
				t.Fatalf("n %d, load %v: B = %v (previous %v), C = %v (previous %v): not increasing in a",
					n, a, b, prevB, c, prevC)
			}
			prevB, prevC = b, c
		}
	}
}

func TestErlangBCLimits(t *testing.T) {
	// a → 0: B(n, a) ≈ aⁿ/n! and C(n, a) ≈ aⁿ/n! as well, since n/(n − a) → 1.
	const a = 1e-6
	for _, n := range []int{1, 2, 3, 5} {
		want := math.Pow(a, float64(n)) / math.Gamma(float64(n)+1)
		b, _ := ErlangB(n, a)
		c, _ := ErlangC(n, a)
		if relDiff(b, want) > 1e-5 || relDiff(c, want) > 1e-5 {
			t.Errorf("n %d, load %v: B = %v, C = %v, want both ≈ aⁿ/n! = %v", n, a, b, c, want)
		}
	}
	// Many agents: nothing waits and the service level is 1.
	m, err := ErlangCMetrics(20000, 50, 300, 20)
	if err != nil {
		t.Fatal(err)
	}
	if m.WaitProbability != 0 || m.ServiceLevel != 1 || m.ASA != 0 {
		t.Errorf("20000 agents at 50 Erlangs: %+v, want no waiting", m)
	}
	// B(n, a) → 1 as a → ∞ at fixed n.
	if b, _ := ErlangB(3, 1e12); relDiff(b, 1) > 1e-11 {
		t.Errorf("ErlangB(3, 1e12) = %v, want ≈ 1", b)
	}
}

func TestInvalidArguments(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"B negative agents", func() error { _, err := ErlangB(-1, 1); return err }, "agents"},
		{"B negative load", func() error { _, err := ErlangB(1, -0.5); return err }, "load"},
		{"B NaN load", func() error { _, err := ErlangB(1, nan); return err }, "load"},
		{"C infinite load", func() error { _, err := ErlangC(1, inf); return err }, "load"},
		{"C negative agents", func() error { _, err := ErlangC(-3, 1); return err }, "agents"},
		{"C metrics zero AHT", func() error { _, err := ErlangCMetrics(1, 1, 0, 10); return err }, "aht"},
		{"C metrics NaN AHT", func() error { _, err := ErlangCMetrics(1, 1, nan, 10); return err }, "aht"},
		{"C metrics AHT beyond 1e9 s", func() error { _, err := ErlangCMetrics(1, 1, 2e9, 10); return err }, "aht"},
		{"C metrics negative threshold", func() error { _, err := ErlangCMetrics(1, 1, 100, -1); return err }, "answerWithin"},
		{"C metrics infinite threshold", func() error { _, err := ErlangCMetrics(1, 1, 100, inf); return err }, "answerWithin"},
		{"A metrics negative load", func() error { _, err := ErlangAMetrics(1, -1, 100, 60, 10); return err }, "load"},
		{"A metrics zero patience", func() error { _, err := ErlangAMetrics(1, 1, 100, 0, 10); return err }, "patience"},
		{"A metrics infinite patience", func() error { _, err := ErlangAMetrics(1, 1, 100, inf, 10); return err }, "patience"},
		{"A metrics NaN threshold", func() error { _, err := ErlangAMetrics(1, 1, 100, 60, nan); return err }, "answerWithin"},
	} {
		checkInvalid(t, tc.name, tc.call(), tc.field)
	}
}

// checkInvalid fails t unless err is a *wfm.Error of kind invalid naming field.
func checkInvalid(t *testing.T, name string, err error, field string) {
	t.Helper()
	var e *wfm.Error
	if !errors.As(err, &e) || e.Kind != wfm.KindInvalid || e.Field != field {
		t.Errorf("%s: error %v, want an invalid-argument error for field %q", name, err, field)
	}
}
