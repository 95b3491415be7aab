package erlang

import (
	"fmt"
	"math"
	"testing"
)

// staffingTargets is the grid of targets of the staffing tests (Patience 0, Erlang C).
var staffingTargets = []Target{
	DefaultTarget(),
	{ServiceLevel: 0.9, AnswerWithin: 20},
	{ServiceLevel: 0.8, AnswerWithin: 30, MaxOccupancy: 0.9, MaxASA: 15},
	{ServiceLevel: 0.5, AnswerWithin: 60, MaxASA: 4},
	{ServiceLevel: 0.95, AnswerWithin: 5, MaxOccupancy: 0.75},
	{ServiceLevel: 1, AnswerWithin: 15},
}

// meets reports whether m meets every constraint of target, written out independently of
// Target.met.
func meets(m Metrics, target Target) bool {
	if m.ServiceLevel < target.ServiceLevel {
		return false
	}
	if target.MaxOccupancy > 0 && m.Occupancy > target.MaxOccupancy {
		return false
	}
	return target.MaxASA == 0 || m.ASA <= target.MaxASA
}

// The search must return the first n of a scan from 1 with the 200-bit reference formulas.
func TestRequiredErlangCMatchesBruteForce(t *testing.T) {
	const aht = 180
	for _, target := range staffingTargets {
		for _, a := range []float64{0.05, 0.5, 2, 3.7, 10, 24.4, 41, 60} {
			n := 1 // below n = a the formulas give a negative service level, which fails too
			for ; !meets(directErlangC(n, a, aht, target.AnswerWithin), target); n++ {
			}
			got, err := Required(a, aht, target)
			if err != nil {
				t.Fatal(err)
			}
			label := fmt.Sprintf("Required(%v, %v, %+v)", a, aht, target)
			checkMetrics(t, label, got, directErlangC(n, a, aht, target.AnswerWithin), directTolerance)
		}
	}
}

// The same for Erlang A against a scan with the Markov-chain reference.
func TestRequiredErlangAMatchesMarkovChainScan(t *testing.T) {
	const aht = 180
	for _, patience := range []float64{30, 180} {
		for _, target := range staffingTargets[:4] {
			target.Patience = patience
			for _, a := range []float64{0.3, 2, 5, 8} {
				n := 1
				for ; !meets(chainErlangA(t, n, a, aht, patience, target.AnswerWithin), target); n++ {
				}
				got, err := Required(a, aht, target)
				if err != nil {
					t.Fatal(err)
				}
				label := fmt.Sprintf("Required(%v, %v, %+v)", a, aht, target)
				checkMetrics(t, label, got, chainErlangA(t, n, a, aht, patience, target.AnswerWithin), directTolerance)
			}
		}
	}
}

// At larger loads the search must agree with a plain scan from n = 1 over the same metrics, and
// n − 1 must miss the target.
func TestRequiredMatchesScan(t *testing.T) {
	const aht = 240
	for _, patience := range []float64{0, 20, 120, 900} {
		for _, target := range staffingTargets {
			target.Patience = patience
			for _, a := range []float64{17.3, 75, 260, 1000} {
				evaluate := func(n int) Metrics {
					var m Metrics
					var err error
					if patience == 0 {
						m, err = ErlangCMetrics(n, a, aht, target.AnswerWithin)
					} else {
						m, err = ErlangAMetrics(n, a, aht, patience, target.AnswerWithin)
					}
					if err != nil {
						t.Fatal(err)
					}
					return m
				}
				n := 1
				for ; !meets(evaluate(n), target); n++ {
				}
				got, err := Required(a, aht, target)
				if err != nil {
					t.Fatal(err)
				}
				label := fmt.Sprintf("Required(%v, %v, %+v)", a, aht, target)
				checkMetrics(t, label, got, evaluate(n), 1e-12)
			}
		}
	}
}

func TestRequiredBindingConstraint(t *testing.T) {
	const aht = 300
	for _, tc := range []struct {
		name   string
		a      float64
		target Target
		// binding reports whether the constraint under test fails at n − 1.
		binding func(m Metrics, target Target) bool
	}{
		{
			name:    "occupancy cap, Erlang C",
			a:       100,
			target:  DefaultTarget(),
			binding: func(m Metrics, target Target) bool { return m.Occupancy > target.MaxOccupancy },
		},
		{
			name:    "occupancy cap, Erlang A",
			a:       100,
			target:  Target{ServiceLevel: 0.8, AnswerWithin: 20, MaxOccupancy: 0.8, Patience: 60},
			binding: func(m Metrics, target Target) bool { return m.Occupancy > target.MaxOccupancy },
		},
		{
			name:    "ASA bound, Erlang C",
			a:       30,
			target:  Target{ServiceLevel: 0.5, AnswerWithin: 60, MaxASA: 3},
			binding: func(m Metrics, target Target) bool { return m.ASA > target.MaxASA },
		},
		{
			name:    "ASA bound, Erlang A",
			a:       30,
			target:  Target{ServiceLevel: 0.5, AnswerWithin: 60, MaxASA: 3, Patience: 120},
			binding: func(m Metrics, target Target) bool { return m.ASA > target.MaxASA },
		},
	} {
		got, err := Required(tc.a, aht, tc.target)
		if err != nil {
			t.Fatal(err)
		}
		below, err := evaluateTarget(got.Agents-1, tc.a, aht, tc.target)
		if err != nil {
			t.Fatal(err)
		}
		if !meets(got, tc.target) || meets(below, tc.target) {
			t.Errorf("%s: %d agents %+v, %d agents %+v: want only the former to meet %+v",
				tc.name, got.Agents, got, below.Agents, below, tc.target)
		}
		// The other constraints hold at n − 1, so the one under test is what sets n.
		if !tc.binding(below, tc.target) || below.ServiceLevel < tc.target.ServiceLevel {
			t.Errorf("%s: at %d agents %+v, want only the constraint under test to fail", tc.name, below.Agents, below)
		}
	}
}

// evaluateTarget returns the metrics of n agents under the model target selects.
func evaluateTarget(n int, a, aht float64, target Target) (Metrics, error) {
	if target.Patience == 0 {
		return ErlangCMetrics(n, a, aht, target.AnswerWithin)
	}
	return ErlangAMetrics(n, a, aht, target.Patience, target.AnswerWithin)
}

func TestRequiredLargeLoads(t *testing.T) {
	const aht = 240
	for _, a := range []float64{999.5, 5000, 10000} {
		for _, target := range []Target{
			DefaultTarget(),
			{ServiceLevel: 0.9, AnswerWithin: 20},
			{ServiceLevel: 0.9, AnswerWithin: 20, Patience: 120},
			{ServiceLevel: 0.6, AnswerWithin: 30, MaxASA: 0.5, Patience: 600},
		} {
			got, err := Required(a, aht, target)
			if err != nil {
				t.Fatal(err)
			}
			below, err := evaluateTarget(got.Agents-1, a, aht, target)
			if err != nil {
				t.Fatal(err)
			}
			if !meets(got, target) || meets(below, target) {
				t.Errorf("load %v, %+v: %d agents %+v, one fewer %+v: want exactly the first to meet it",
					a, target, got.Agents, got, below)
			}
		}
	}
}

func TestRequiredZeroLoad(t *testing.T) {
	for _, patience := range []float64{0, 60} {
		// An interval without calls may come without a handling time.
		for _, aht := range []float64{180, 0} {
			target := DefaultTarget()
			target.Patience = patience
			got, err := Required(0, aht, target)
			if err != nil || got != (Metrics{ServiceLevel: 1}) {
				t.Errorf("Required(0, %v, patience %v) = %+v, %v; want 0 agents and nothing waiting",
					aht, patience, got, err)
			}
		}
	}
}

func TestRequiredInvalid(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name   string
		a, aht float64
		change func(*Target)
		field  string
	}{
		{"zero target", 10, 180, func(t *Target) { *t = Target{} }, "ServiceLevel"},
		{"service level above 1", 10, 180, func(t *Target) { t.ServiceLevel = 1.2 }, "ServiceLevel"},
		{"NaN service level", 10, 180, func(t *Target) { t.ServiceLevel = nan }, "ServiceLevel"},
		{"zero threshold", 10, 180, func(t *Target) { t.AnswerWithin = 0 }, "AnswerWithin"},
		{"negative occupancy", 10, 180, func(t *Target) { t.MaxOccupancy = -0.1 }, "MaxOccupancy"},
		{"occupancy above 1", 10, 180, func(t *Target) { t.MaxOccupancy = 85 }, "MaxOccupancy"},
		{"negative ASA bound", 10, 180, func(t *Target) { t.MaxASA = -5 }, "MaxASA"},
		{"infinite ASA bound", 10, 180, func(t *Target) { t.MaxASA = math.Inf(1) }, "MaxASA"},
		{"negative patience", 10, 180, func(t *Target) { t.Patience = -60 }, "Patience"},
		{"NaN patience", 10, 180, func(t *Target) { t.Patience = nan }, "Patience"},
		{"negative load", -1, 180, func(*Target) {}, "load"},
		{"NaN load", nan, 180, func(*Target) {}, "load"},
		{"zero AHT", 10, 0, func(*Target) {}, "aht"},
	} {
		target := DefaultTarget()
		tc.change(&target)
		_, err := Required(tc.a, tc.aht, target)
		checkInvalid(t, tc.name, err, tc.field)
	}
}

func TestRequiredAgentLimit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		a      float64
		target Target
	}{
		{"lower bound beyond the limit", 9e4, Target{ServiceLevel: 0.8, AnswerWithin: 10, MaxOccupancy: 0.5}},
		{"load beyond the limit", 1e6, DefaultTarget()},
		{"search reaches the limit", MaxAgents - 0.5, Target{ServiceLevel: 0.8, AnswerWithin: 10}},
	} {
		if _, err := Required(tc.a, 180, tc.target); err == nil {
			t.Errorf("%s: no error, want one for a staffing above %d agents", tc.name, MaxAgents)
		}
	}
}
